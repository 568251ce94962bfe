-- AlterTable
ALTER TABLE "Debtor" ADD COLUMN "insurerNotifiedOn" TEXT;
ALTER TABLE "Debtor" ADD COLUMN "worklistSnoozeReason" TEXT;
ALTER TABLE "Debtor" ADD COLUMN "worklistSnoozedUntil" DATETIME;
