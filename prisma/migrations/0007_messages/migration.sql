-- Issue 15: the message outbox, SMS verification codes and fair-booking rules (decision 011).

-- CreateEnum
CREATE TYPE "MessageChannel" AS ENUM ('SMS', 'EMAIL');

-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('QUEUED', 'SENDING', 'RETRYING', 'SENT', 'FAILED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "PhoneCodePurpose" AS ENUM ('REGISTER', 'SIGN_UP', 'RESET_PASSWORD', 'CLAIM');

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "requiresSmsCode" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'zh-CN',
ADD COLUMN     "remindersOff" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "SchoolBooking" ADD COLUMN     "email" TEXT,
ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'zh-CN';

-- AlterTable
ALTER TABLE "MenuOrder" ADD COLUMN     "email" TEXT,
ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'zh-CN';

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "params" JSONB NOT NULL DEFAULT '{}',
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "districtId" TEXT,
    "dedupeKey" TEXT,
    "status" "MessageStatus" NOT NULL DEFAULT 'QUEUED',
    "notBefore" TIMESTAMP(3),
    "jobId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "provider" TEXT,
    "providerMessageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "resentAsId" TEXT,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PhoneCode" (
    "id" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "purpose" "PhoneCodePurpose" NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PhoneCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FairBookingRule" (
    "districtId" TEXT NOT NULL,
    "maxActive" INTEGER,
    "windowDays" INTEGER,
    "noShowLimit" INTEGER,
    "noShowWindowDays" INTEGER,
    "blockDays" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "FairBookingRule_pkey" PRIMARY KEY ("districtId")
);

-- CreateTable
CREATE TABLE "NoShowBlockLift" (
    "id" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "liftedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "liftedById" TEXT,
    "reason" TEXT,

    CONSTRAINT "NoShowBlockLift_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Message_dedupeKey_key" ON "Message"("dedupeKey");

-- CreateIndex
CREATE INDEX "Message_status_createdAt_idx" ON "Message"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Message_subjectType_subjectId_idx" ON "Message"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "Message_districtId_status_idx" ON "Message"("districtId", "status");

-- CreateIndex
CREATE INDEX "PhoneCode_phone_createdAt_idx" ON "PhoneCode"("phone", "createdAt");

-- CreateIndex
CREATE INDEX "NoShowBlockLift_phone_districtId_idx" ON "NoShowBlockLift"("phone", "districtId");

-- AddForeignKey
ALTER TABLE "FairBookingRule" ADD CONSTRAINT "FairBookingRule_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The relay picks up queued messages that have no job yet: a partial index keeps that scan small however long the outbox grows.
CREATE INDEX "Message_relay_idx" ON "Message"("createdAt") WHERE "status" = 'QUEUED' AND "jobId" IS NULL;
