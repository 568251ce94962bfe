-- AlterTable
ALTER TABLE "Debtor" ADD COLUMN     "insurerNotifiedOn" TEXT,
ADD COLUMN     "worklistSnoozeReason" TEXT,
ADD COLUMN     "worklistSnoozedUntil" TIMESTAMP(3);
