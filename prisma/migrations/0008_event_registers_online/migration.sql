-- Issue 18: staff and the seed decide whether an activity takes registrations online, so an example activity
-- (dates made up from a plan) can be shown without taking bookings. Existing activities keep taking them.

-- AlterTable
ALTER TABLE "Event" ADD COLUMN "registersOnline" BOOLEAN NOT NULL DEFAULT true;
