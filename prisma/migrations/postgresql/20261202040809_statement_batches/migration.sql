-- AlterTable
ALTER TABLE "BankStatement" ADD COLUMN     "completedAt" TIMESTAMP(3);

-- Statements imported before batches were written in one transaction: all complete.
UPDATE "BankStatement" SET "completedAt" = "createdAt";
