-- CreateTable
CREATE TABLE "DailySnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "date" TEXT NOT NULL,
    "controllerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "openCents" BIGINT NOT NULL,
    "overdueCents" BIGINT NOT NULL,
    "currentCents" BIGINT NOT NULL,
    "bucket1Cents" BIGINT NOT NULL,
    "bucket31Cents" BIGINT NOT NULL,
    "bucket61Cents" BIGINT NOT NULL,
    "bucket91Cents" BIGINT NOT NULL,
    "openInvoices" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "DailySnapshot_date_idx" ON "DailySnapshot"("date");

-- CreateIndex
CREATE UNIQUE INDEX "DailySnapshot_date_controllerId_kind_currency_key" ON "DailySnapshot"("date", "controllerId", "kind", "currency");
