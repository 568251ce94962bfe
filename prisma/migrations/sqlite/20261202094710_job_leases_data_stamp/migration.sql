-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT,
    "leaseUntil" DATETIME,
    "lastStartedAt" DATETIME,
    "lastFinishedAt" DATETIME,
    "lastHolder" TEXT,
    "lastError" TEXT,
    "runs" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "Agreement_updatedAt_idx" ON "Agreement"("updatedAt");

-- CreateIndex
CREATE INDEX "CallLog_updatedAt_idx" ON "CallLog"("updatedAt");

-- CreateIndex
CREATE INDEX "Debtor_updatedAt_idx" ON "Debtor"("updatedAt");

-- CreateIndex
CREATE INDEX "Dispute_updatedAt_idx" ON "Dispute"("updatedAt");

-- CreateIndex
CREATE INDEX "Invoice_updatedAt_idx" ON "Invoice"("updatedAt");
