-- DropIndex
DROP INDEX "BankLine_statementId_lineNo_key";

-- AlterTable
ALTER TABLE "BankLine" ADD COLUMN     "detailNo" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "DunningPolicy" ADD COLUMN     "remindAfterHandover" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "costsBaseCents" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "costsChargedCents" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "interestBookedUntil" TEXT;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "reversalOfId" TEXT,
ADD COLUMN     "reversedAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "BankLine_statementId_lineNo_detailNo_key" ON "BankLine"("statementId", "lineNo", "detailNo");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_reversalOfId_key" ON "Payment"("reversalOfId");

-- Invoices already charged by an earlier hand-over: what was charged (open plus paid) and the
-- principal it was charged on, so the next invoice joining the claim adds only the difference.
UPDATE "Invoice" SET "costsChargedCents" = "costsOpenCents" + COALESCE((SELECT SUM(a."amountCents") FROM "PaymentAllocation" a WHERE a."invoiceId" = "Invoice"."id" AND a."kind" = 'costs'), 0);
UPDATE "Invoice" SET "costsBaseCents" = "amountCents" WHERE "costsChargedCents" > 0;
UPDATE "Invoice" SET "interestBookedUntil" = "lastDunnedOn" WHERE "interestOpenCents" > 0 OR EXISTS (SELECT 1 FROM "PaymentAllocation" a WHERE a."invoiceId" = "Invoice"."id" AND a."kind" = 'interest');
