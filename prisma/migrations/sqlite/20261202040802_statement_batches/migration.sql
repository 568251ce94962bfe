-- AlterTable
ALTER TABLE "BankStatement" ADD COLUMN "completedAt" DATETIME;

-- Statements imported before batches were written in one transaction: all complete.
UPDATE "BankStatement" SET "completedAt" = "createdAt";
