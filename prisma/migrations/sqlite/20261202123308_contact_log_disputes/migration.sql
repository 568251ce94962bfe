-- AlterTable
ALTER TABLE "Dispute" ADD COLUMN "resolution" TEXT;
ALTER TABLE "Dispute" ADD COLUMN "resolvedById" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CallLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "debtorId" TEXT NOT NULL,
    "contactId" TEXT,
    "spokeWith" TEXT,
    "phoneUsed" TEXT,
    "outcome" TEXT,
    "reasonCategory" TEXT,
    "reasonText" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "excuseUsed" TEXT,
    "status" TEXT NOT NULL DEFAULT 'final',
    "channel" TEXT NOT NULL DEFAULT 'call',
    "draftResult" TEXT,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "authorId" TEXT NOT NULL,
    "idempotencyKey" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "lastWriteId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CallLog_debtorId_fkey" FOREIGN KEY ("debtorId") REFERENCES "Debtor" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CallLog_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CallLog_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "user" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CallLog" ("authorId", "contactId", "createdAt", "debtorId", "endedAt", "excuseUsed", "id", "idempotencyKey", "lastWriteId", "notes", "outcome", "phoneUsed", "reasonCategory", "reasonText", "spokeWith", "startedAt", "status", "updatedAt", "version") SELECT "authorId", "contactId", "createdAt", "debtorId", "endedAt", "excuseUsed", "id", "idempotencyKey", "lastWriteId", "notes", "outcome", "phoneUsed", "reasonCategory", "reasonText", "spokeWith", "startedAt", "status", "updatedAt", "version" FROM "CallLog";
DROP TABLE "CallLog";
ALTER TABLE "new_CallLog" RENAME TO "CallLog";
CREATE UNIQUE INDEX "CallLog_idempotencyKey_key" ON "CallLog"("idempotencyKey");
CREATE INDEX "CallLog_debtorId_startedAt_idx" ON "CallLog"("debtorId", "startedAt");
CREATE INDEX "CallLog_authorId_startedAt_idx" ON "CallLog"("authorId", "startedAt");
CREATE INDEX "CallLog_updatedAt_idx" ON "CallLog"("updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
