-- AlterTable
ALTER TABLE "Payment" ADD COLUMN "reversalOfId" TEXT;
ALTER TABLE "Payment" ADD COLUMN "reversedAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BankLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "statementId" TEXT NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "detailNo" INTEGER NOT NULL DEFAULT 1,
    "lineKey" TEXT NOT NULL,
    "valueDate" TEXT NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "counterpartyName" TEXT,
    "counterpartyIban" TEXT,
    "description" TEXT NOT NULL,
    "entryRef" TEXT,
    "status" TEXT NOT NULL,
    "matchDebtorId" TEXT,
    "matchInvoiceIds" TEXT NOT NULL DEFAULT '',
    "matchReason" TEXT,
    "paymentId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BankLine_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "BankStatement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_BankLine" ("amountCents", "counterpartyIban", "counterpartyName", "createdAt", "currency", "description", "entryRef", "id", "lineKey", "lineNo", "matchDebtorId", "matchInvoiceIds", "matchReason", "paymentId", "statementId", "status", "updatedAt", "valueDate", "version") SELECT "amountCents", "counterpartyIban", "counterpartyName", "createdAt", "currency", "description", "entryRef", "id", "lineKey", "lineNo", "matchDebtorId", "matchInvoiceIds", "matchReason", "paymentId", "statementId", "status", "updatedAt", "valueDate", "version" FROM "BankLine";
DROP TABLE "BankLine";
ALTER TABLE "new_BankLine" RENAME TO "BankLine";
CREATE UNIQUE INDEX "BankLine_lineKey_key" ON "BankLine"("lineKey");
CREATE INDEX "BankLine_status_idx" ON "BankLine"("status");
CREATE UNIQUE INDEX "BankLine_statementId_lineNo_detailNo_key" ON "BankLine"("statementId", "lineNo", "detailNo");
CREATE TABLE "new_DunningPolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "remindAfterHandover" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_DunningPolicy" ("createdAt", "id", "isDefault", "name", "updatedAt", "version") SELECT "createdAt", "id", "isDefault", "name", "updatedAt", "version" FROM "DunningPolicy";
DROP TABLE "DunningPolicy";
ALTER TABLE "new_DunningPolicy" RENAME TO "DunningPolicy";
CREATE UNIQUE INDEX "DunningPolicy_name_key" ON "DunningPolicy"("name");
CREATE TABLE "new_Invoice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "debtorId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "issueDate" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "amountCents" BIGINT NOT NULL,
    "openCents" BIGINT NOT NULL,
    "dunningLevel" INTEGER NOT NULL DEFAULT 0,
    "lastDunnedOn" TEXT,
    "costsOpenCents" BIGINT NOT NULL DEFAULT 0,
    "interestOpenCents" BIGINT NOT NULL DEFAULT 0,
    "costsBaseCents" BIGINT NOT NULL DEFAULT 0,
    "costsChargedCents" BIGINT NOT NULL DEFAULT 0,
    "interestBookedUntil" TEXT,
    "description" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Invoice_debtorId_fkey" FOREIGN KEY ("debtorId") REFERENCES "Debtor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Invoice" ("amountCents", "costsOpenCents", "createdAt", "currency", "debtorId", "description", "dueDate", "dunningLevel", "id", "interestOpenCents", "issueDate", "lastDunnedOn", "number", "openCents", "updatedAt") SELECT "amountCents", "costsOpenCents", "createdAt", "currency", "debtorId", "description", "dueDate", "dunningLevel", "id", "interestOpenCents", "issueDate", "lastDunnedOn", "number", "openCents", "updatedAt" FROM "Invoice";
DROP TABLE "Invoice";
ALTER TABLE "new_Invoice" RENAME TO "Invoice";
CREATE UNIQUE INDEX "Invoice_number_key" ON "Invoice"("number");
CREATE INDEX "Invoice_debtorId_dueDate_idx" ON "Invoice"("debtorId", "dueDate");
CREATE INDEX "Invoice_dueDate_idx" ON "Invoice"("dueDate");
CREATE INDEX "Invoice_openCents_idx" ON "Invoice"("openCents");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Payment_reversalOfId_key" ON "Payment"("reversalOfId");

-- Invoices already charged by an earlier hand-over: what was charged (open plus paid) and the
-- principal it was charged on, so the next invoice joining the claim adds only the difference.
UPDATE "Invoice" SET "costsChargedCents" = "costsOpenCents" + COALESCE((SELECT SUM(a."amountCents") FROM "PaymentAllocation" a WHERE a."invoiceId" = "Invoice"."id" AND a."kind" = 'costs'), 0);
UPDATE "Invoice" SET "costsBaseCents" = "amountCents" WHERE "costsChargedCents" > 0;
UPDATE "Invoice" SET "interestBookedUntil" = "lastDunnedOn" WHERE "interestOpenCents" > 0 OR EXISTS (SELECT 1 FROM "PaymentAllocation" a WHERE a."invoiceId" = "Invoice"."id" AND a."kind" = 'interest');
