-- DropIndex
DROP INDEX "Invoice_openCents_idx";

-- CreateIndex
CREATE INDEX "Invoice_openCents_currency_dueDate_debtorId_idx" ON "Invoice"("openCents", "currency", "dueDate", "debtorId");

-- CreateIndex
CREATE INDEX "Invoice_currency_issueDate_amountCents_idx" ON "Invoice"("currency", "issueDate", "amountCents");
