-- Issue 19, part 2: series of sessions (decision 018). A series is the pattern staff typed: its sessions are ordinary
-- sessions that carry its id, so every rule of a single session (seats, waitlist, messages) holds for them unchanged.
-- Not public data: the sessions it makes bump the public data version through EventSession's own trigger (0009).
-- AlterTable
ALTER TABLE "EventSession" ADD COLUMN     "seriesId" TEXT;

-- CreateTable
CREATE TABLE "SessionSeries" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "weekdays" INTEGER[],
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,
    "fromDate" TEXT NOT NULL,
    "untilDate" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "opensDaysBefore" INTEGER,
    "closesHoursBefore" INTEGER,
    "skippedDates" TEXT[],
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SessionSeries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SessionSeries_eventId_idx" ON "SessionSeries"("eventId");

-- CreateIndex
CREATE INDEX "EventSession_seriesId_idx" ON "EventSession"("seriesId");

-- AddForeignKey
ALTER TABLE "EventSession" ADD CONSTRAINT "EventSession_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "SessionSeries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionSeries" ADD CONSTRAINT "SessionSeries_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

