-- AlterTable
ALTER TABLE "Debtor" ADD COLUMN     "dunningPausedReason" TEXT,
ADD COLUMN     "dunningPolicyId" TEXT,
ADD COLUMN     "iban" TEXT;

-- AlterTable
ALTER TABLE "DunningCommunication" ADD COLUMN     "content" TEXT,
ADD COLUMN     "costsCents" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "emailId" TEXT,
ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "interestCents" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "payByDate" TEXT,
ADD COLUMN     "principalCents" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "runDate" TEXT,
ADD COLUMN     "stepCode" TEXT,
ADD COLUMN     "template" TEXT;

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "costsOpenCents" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "interestOpenCents" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "lastDunnedOn" TEXT;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "priorityHint" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "snoozeReason" TEXT;

-- CreateTable
CREATE TABLE "DunningPolicy" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DunningPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DunningStep" (
    "id" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "offsetDays" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "minAmountCents" BIGINT,
    "onlyNewCustomers" BOOLEAN NOT NULL DEFAULT false,
    "segment" TEXT NOT NULL DEFAULT 'all',
    "chargesCosts" BOOLEAN NOT NULL DEFAULT false,
    "payWithinDays" INTEGER NOT NULL DEFAULT 14,

    CONSTRAINT "DunningStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DunningRun" (
    "id" TEXT NOT NULL,
    "runDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "debtorsConsidered" INTEGER NOT NULL DEFAULT 0,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "emails" INTEGER NOT NULL DEFAULT 0,
    "letters" INTEGER NOT NULL DEFAULT 0,
    "tasks" INTEGER NOT NULL DEFAULT 0,
    "triggeredBy" TEXT,
    "lastError" TEXT,

    CONSTRAINT "DunningRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterestRate" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "validFrom" TEXT NOT NULL,
    "rateBp" INTEGER NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "InterestRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankStatement" (
    "id" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "accountIban" TEXT,
    "importedById" TEXT,
    "lineCount" INTEGER NOT NULL,
    "appliedCount" INTEGER NOT NULL DEFAULT 0,
    "reviewCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankLine" (
    "id" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "lineKey" TEXT NOT NULL,
    "valueDate" TEXT NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "counterpartyName" TEXT,
    "counterpartyIban" TEXT,
    "description" TEXT NOT NULL,
    "entryRef" TEXT,
    "status" TEXT NOT NULL,
    "matchDebtorId" TEXT,
    "matchInvoiceIds" TEXT NOT NULL DEFAULT '',
    "matchReason" TEXT,
    "paymentId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BankLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DunningPolicy_name_key" ON "DunningPolicy"("name");

-- CreateIndex
CREATE UNIQUE INDEX "DunningStep_policyId_level_key" ON "DunningStep"("policyId", "level");

-- CreateIndex
CREATE UNIQUE INDEX "DunningRun_runDate_key" ON "DunningRun"("runDate");

-- CreateIndex
CREATE UNIQUE INDEX "InterestRate_kind_validFrom_key" ON "InterestRate"("kind", "validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "BankStatement_fileHash_key" ON "BankStatement"("fileHash");

-- CreateIndex
CREATE UNIQUE INDEX "BankLine_lineKey_key" ON "BankLine"("lineKey");

-- CreateIndex
CREATE INDEX "BankLine_status_idx" ON "BankLine"("status");

-- CreateIndex
CREATE UNIQUE INDEX "BankLine_statementId_lineNo_key" ON "BankLine"("statementId", "lineNo");

-- CreateIndex
CREATE INDEX "Debtor_iban_idx" ON "Debtor"("iban");

-- CreateIndex
CREATE UNIQUE INDEX "DunningCommunication_idempotencyKey_key" ON "DunningCommunication"("idempotencyKey");

-- CreateIndex
CREATE INDEX "DunningCommunication_runDate_channel_idx" ON "DunningCommunication"("runDate", "channel");

-- AddForeignKey
ALTER TABLE "Debtor" ADD CONSTRAINT "Debtor_dunningPolicyId_fkey" FOREIGN KEY ("dunningPolicyId") REFERENCES "DunningPolicy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DunningStep" ADD CONSTRAINT "DunningStep_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "DunningPolicy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankLine" ADD CONSTRAINT "BankLine_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "BankStatement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
