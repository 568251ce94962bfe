-- AlterTable
ALTER TABLE "CallLog" ADD COLUMN "lastWriteId" TEXT;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN "idempotencyKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Payment_idempotencyKey_key" ON "Payment"("idempotencyKey");
