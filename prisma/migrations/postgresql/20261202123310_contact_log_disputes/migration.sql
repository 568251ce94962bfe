-- AlterTable
ALTER TABLE "CallLog" ADD COLUMN     "channel" TEXT NOT NULL DEFAULT 'call',
ADD COLUMN     "draftResult" TEXT;

-- AlterTable
ALTER TABLE "Dispute" ADD COLUMN     "resolution" TEXT,
ADD COLUMN     "resolvedById" TEXT;
