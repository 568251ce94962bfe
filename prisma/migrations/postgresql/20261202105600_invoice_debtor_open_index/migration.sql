-- DropIndex
DROP INDEX "Invoice_debtorId_dueDate_idx";

-- CreateIndex
CREATE INDEX "Invoice_debtorId_dueDate_openCents_idx" ON "Invoice"("debtorId", "dueDate", "openCents");
