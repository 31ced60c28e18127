-- Registrations keep only a hash of their private-link secret. No registration could be made before this
-- migration, so the column is renamed rather than rewritten.
ALTER INDEX "Registration_cancelToken_key" RENAME TO "Registration_manageTokenHash_key";
ALTER TABLE "Registration" RENAME COLUMN "cancelToken" TO "manageTokenHash";

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "townId" TEXT;


-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "hits" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateTable
CREATE TABLE "AppSecret" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppSecret_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "RateLimitBucket_windowStart_idx" ON "RateLimitBucket"("windowStart");

-- CreateIndex
CREATE INDEX "Event_brandId_idx" ON "Event"("brandId");

-- CreateIndex
CREATE INDEX "EventSession_status_startsAt_idx" ON "EventSession"("status", "startsAt");


-- CreateIndex
CREATE INDEX "Registration_phone_idx" ON "Registration"("phone");

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_townId_fkey" FOREIGN KEY ("townId") REFERENCES "Town"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written: what Prisma's schema language cannot express.
-- One waitlist position per session, so the waitlist has one order whatever the concurrency.
CREATE UNIQUE INDEX "Registration_session_waitlist_seq_key" ON "Registration"("sessionId", "waitlistSeq") WHERE "waitlistSeq" IS NOT NULL;
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_waitlist_has_seq" CHECK ("status" <> 'WAITLISTED' OR "waitlistSeq" IS NOT NULL);
