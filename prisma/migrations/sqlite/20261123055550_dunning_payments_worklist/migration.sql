-- CreateTable
CREATE TABLE "DunningPolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DunningStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "policyId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "offsetDays" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "minAmountCents" BIGINT,
    "onlyNewCustomers" BOOLEAN NOT NULL DEFAULT false,
    "segment" TEXT NOT NULL DEFAULT 'all',
    "chargesCosts" BOOLEAN NOT NULL DEFAULT false,
    "payWithinDays" INTEGER NOT NULL DEFAULT 14,
    CONSTRAINT "DunningStep_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "DunningPolicy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DunningRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "debtorsConsidered" INTEGER NOT NULL DEFAULT 0,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "emails" INTEGER NOT NULL DEFAULT 0,
    "letters" INTEGER NOT NULL DEFAULT 0,
    "tasks" INTEGER NOT NULL DEFAULT 0,
    "triggeredBy" TEXT,
    "lastError" TEXT
);

-- CreateTable
CREATE TABLE "InterestRate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "validFrom" TEXT NOT NULL,
    "rateBp" INTEGER NOT NULL,
    "source" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "BankStatement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fileHash" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "accountIban" TEXT,
    "importedById" TEXT,
    "lineCount" INTEGER NOT NULL,
    "appliedCount" INTEGER NOT NULL DEFAULT 0,
    "reviewCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BankLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "statementId" TEXT NOT NULL,
    "lineNo" INTEGER NOT NULL,
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

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Debtor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerNumber" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'nl',
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Amsterdam',
    "kvkNumber" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "street" TEXT,
    "postalCode" TEXT,
    "city" TEXT,
    "country" TEXT NOT NULL DEFAULT 'NL',
    "customerSince" TEXT NOT NULL,
    "paymentTermDays" INTEGER NOT NULL DEFAULT 30,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "creditLimitCents" BIGINT,
    "creditHold" BOOLEAN NOT NULL DEFAULT false,
    "isCreditInsured" BOOLEAN NOT NULL DEFAULT false,
    "insurer" TEXT,
    "insuredLimitCents" BIGINT,
    "insurerNotifyDays" INTEGER,
    "assignedControllerId" TEXT,
    "canStopDeliveries" BOOLEAN NOT NULL DEFAULT false,
    "maxInstalments" INTEGER NOT NULL DEFAULT 3,
    "minDownPaymentPct" INTEGER NOT NULL DEFAULT 0,
    "isDunningPaused" BOOLEAN NOT NULL DEFAULT false,
    "dunningPausedReason" TEXT,
    "dunningPolicyId" TEXT,
    "iban" TEXT,
    "notes" TEXT,
    "openCents" BIGINT NOT NULL DEFAULT 0,
    "openInvoiceCount" INTEGER NOT NULL DEFAULT 0,
    "oldestOpenDueDate" TEXT,
    "openDisputeCount" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Debtor_assignedControllerId_fkey" FOREIGN KEY ("assignedControllerId") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Debtor_dunningPolicyId_fkey" FOREIGN KEY ("dunningPolicyId") REFERENCES "DunningPolicy" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Debtor" ("assignedControllerId", "canStopDeliveries", "city", "country", "createdAt", "creditHold", "creditLimitCents", "currency", "customerNumber", "customerSince", "email", "id", "insuredLimitCents", "insurer", "insurerNotifyDays", "isCreditInsured", "isDunningPaused", "kind", "kvkNumber", "language", "maxInstalments", "minDownPaymentPct", "name", "notes", "oldestOpenDueDate", "openCents", "openDisputeCount", "openInvoiceCount", "paymentTermDays", "phone", "postalCode", "street", "timeZone", "updatedAt", "version") SELECT "assignedControllerId", "canStopDeliveries", "city", "country", "createdAt", "creditHold", "creditLimitCents", "currency", "customerNumber", "customerSince", "email", "id", "insuredLimitCents", "insurer", "insurerNotifyDays", "isCreditInsured", "isDunningPaused", "kind", "kvkNumber", "language", "maxInstalments", "minDownPaymentPct", "name", "notes", "oldestOpenDueDate", "openCents", "openDisputeCount", "openInvoiceCount", "paymentTermDays", "phone", "postalCode", "street", "timeZone", "updatedAt", "version" FROM "Debtor";
DROP TABLE "Debtor";
ALTER TABLE "new_Debtor" RENAME TO "Debtor";
CREATE UNIQUE INDEX "Debtor_customerNumber_key" ON "Debtor"("customerNumber");
CREATE INDEX "Debtor_name_idx" ON "Debtor"("name");
CREATE INDEX "Debtor_assignedControllerId_openCents_idx" ON "Debtor"("assignedControllerId", "openCents");
CREATE INDEX "Debtor_openCents_idx" ON "Debtor"("openCents");
CREATE INDEX "Debtor_oldestOpenDueDate_idx" ON "Debtor"("oldestOpenDueDate");
CREATE INDEX "Debtor_creditHold_idx" ON "Debtor"("creditHold");
CREATE INDEX "Debtor_openDisputeCount_idx" ON "Debtor"("openDisputeCount");
CREATE INDEX "Debtor_iban_idx" ON "Debtor"("iban");
CREATE TABLE "new_DunningCommunication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "debtorId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,
    "subject" TEXT,
    "invoiceNumbers" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "runDate" TEXT,
    "stepCode" TEXT,
    "template" TEXT,
    "content" TEXT,
    "principalCents" BIGINT NOT NULL DEFAULT 0,
    "interestCents" BIGINT NOT NULL DEFAULT 0,
    "costsCents" BIGINT NOT NULL DEFAULT 0,
    "payByDate" TEXT,
    "emailId" TEXT,
    "idempotencyKey" TEXT,
    CONSTRAINT "DunningCommunication_debtorId_fkey" FOREIGN KEY ("debtorId") REFERENCES "Debtor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DunningCommunication" ("channel", "createdAt", "createdById", "debtorId", "id", "invoiceNumbers", "level", "sentAt", "subject") SELECT "channel", "createdAt", "createdById", "debtorId", "id", "invoiceNumbers", "level", "sentAt", "subject" FROM "DunningCommunication";
DROP TABLE "DunningCommunication";
ALTER TABLE "new_DunningCommunication" RENAME TO "DunningCommunication";
CREATE UNIQUE INDEX "DunningCommunication_idempotencyKey_key" ON "DunningCommunication"("idempotencyKey");
CREATE INDEX "DunningCommunication_debtorId_sentAt_idx" ON "DunningCommunication"("debtorId", "sentAt");
CREATE INDEX "DunningCommunication_runDate_channel_idx" ON "DunningCommunication"("runDate", "channel");
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
    "description" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Invoice_debtorId_fkey" FOREIGN KEY ("debtorId") REFERENCES "Debtor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Invoice" ("amountCents", "createdAt", "currency", "debtorId", "description", "dueDate", "dunningLevel", "id", "issueDate", "number", "openCents", "updatedAt") SELECT "amountCents", "createdAt", "currency", "debtorId", "description", "dueDate", "dunningLevel", "id", "issueDate", "number", "openCents", "updatedAt" FROM "Invoice";
DROP TABLE "Invoice";
ALTER TABLE "new_Invoice" RENAME TO "Invoice";
CREATE UNIQUE INDEX "Invoice_number_key" ON "Invoice"("number");
CREATE INDEX "Invoice_debtorId_dueDate_idx" ON "Invoice"("debtorId", "dueDate");
CREATE INDEX "Invoice_dueDate_idx" ON "Invoice"("dueDate");
CREATE INDEX "Invoice_openCents_idx" ON "Invoice"("openCents");
CREATE TABLE "new_Task" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "debtorId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "assigneeId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "note" TEXT,
    "agreementId" TEXT,
    "snoozedUntil" DATETIME,
    "snoozeReason" TEXT,
    "priorityHint" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "completedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Task_debtorId_fkey" FOREIGN KEY ("debtorId") REFERENCES "Debtor" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Task_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Task_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Task" ("agreementId", "assigneeId", "completedAt", "createdAt", "createdById", "debtorId", "dueAt", "id", "note", "snoozedUntil", "status", "type", "updatedAt", "version") SELECT "agreementId", "assigneeId", "completedAt", "createdAt", "createdById", "debtorId", "dueAt", "id", "note", "snoozedUntil", "status", "type", "updatedAt", "version" FROM "Task";
DROP TABLE "Task";
ALTER TABLE "new_Task" RENAME TO "Task";
CREATE INDEX "Task_assigneeId_status_dueAt_idx" ON "Task"("assigneeId", "status", "dueAt");
CREATE INDEX "Task_debtorId_status_idx" ON "Task"("debtorId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "DunningPolicy_name_key" ON "DunningPolicy"("name");

-- CreateIndex
CREATE UNIQUE INDEX "DunningStep_policyId_level_key" ON "DunningStep"("policyId", "level");

-- CreateIndex
CREATE UNIQUE INDEX "DunningRun_runDate_key" ON "DunningRun"("runDate");

-- CreateIndex
CREATE UNIQUE INDEX "InterestRate_kind_validFrom_key" ON "InterestRate"("kind", "validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "BankStatement_fileHash_key" ON "BankStatement"("fileHash");

-- CreateIndex
CREATE UNIQUE INDEX "BankLine_lineKey_key" ON "BankLine"("lineKey");

-- CreateIndex
CREATE INDEX "BankLine_status_idx" ON "BankLine"("status");

-- CreateIndex
CREATE UNIQUE INDEX "BankLine_statementId_lineNo_key" ON "BankLine"("statementId", "lineNo");
