-- CreateIndex
CREATE INDEX "Task_updatedAt_idx" ON "Task"("updatedAt");
