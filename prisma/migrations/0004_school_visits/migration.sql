-- Schools book class visits and courses at venues (馆校合作) and programmes at the school (进校园).
-- CreateEnum
CREATE TYPE "CourseKind" AS ENUM ('ON_SITE', 'OUTREACH');

-- CreateEnum
CREATE TYPE "SchoolBookingKind" AS ENUM ('VISIT', 'OUTREACH');

-- CreateEnum
CREATE TYPE "SchoolBookingStatus" AS ENUM ('PENDING', 'APPROVED', 'DECLINED', 'CANCELLED', 'DONE');

-- CreateTable
CREATE TABLE "SchoolOffer" (
    "id" TEXT NOT NULL,
    "venueId" TEXT NOT NULL,
    "maxStudentsPerSlot" INTEGER NOT NULL,
    "studentsPerTeacher" INTEGER NOT NULL,
    "minNoticeDays" INTEGER NOT NULL DEFAULT 3,
    "grades" TEXT[],
    "notes" TEXT,
    "outreachPerDay" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SchoolOffer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitSlot" (
    "id" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "VisitSlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitClosedDate" (
    "id" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "reason" TEXT,

    CONSTRAINT "VisitClosedDate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudyCourse" (
    "id" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "kind" "CourseKind" NOT NULL DEFAULT 'ON_SITE',
    "title" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "grades" TEXT[],
    "description" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "StudyCourse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchoolBooking" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "manageTokenHash" TEXT NOT NULL,
    "kind" "SchoolBookingKind" NOT NULL,
    "offerId" TEXT NOT NULL,
    "venueId" TEXT NOT NULL,
    "courseId" TEXT,
    "slotId" TEXT,
    "visitDate" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "schoolName" TEXT NOT NULL,
    "teacherName" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "grade" TEXT NOT NULL,
    "students" INTEGER NOT NULL,
    "teachers" INTEGER NOT NULL,
    "needs" TEXT,
    "schoolAddress" TEXT,
    "schoolLat" DOUBLE PRECISION,
    "schoolLng" DOUBLE PRECISION,
    "status" "SchoolBookingStatus" NOT NULL DEFAULT 'PENDING',
    "staffMessage" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "attendedStudents" INTEGER,
    "attendedTeachers" INTEGER,
    "doneAt" TIMESTAMP(3),
    "consentAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchoolBooking_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SchoolOffer_venueId_key" ON "SchoolOffer"("venueId");

-- CreateIndex
CREATE INDEX "VisitSlot_offerId_weekday_idx" ON "VisitSlot"("offerId", "weekday");

-- CreateIndex
CREATE UNIQUE INDEX "VisitClosedDate_offerId_date_key" ON "VisitClosedDate"("offerId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "SchoolBooking_code_key" ON "SchoolBooking"("code");

-- CreateIndex
CREATE UNIQUE INDEX "SchoolBooking_manageTokenHash_key" ON "SchoolBooking"("manageTokenHash");

-- CreateIndex
CREATE INDEX "SchoolBooking_offerId_visitDate_status_idx" ON "SchoolBooking"("offerId", "visitDate", "status");

-- CreateIndex
CREATE INDEX "SchoolBooking_venueId_startsAt_idx" ON "SchoolBooking"("venueId", "startsAt");

-- CreateIndex
CREATE INDEX "SchoolBooking_status_startsAt_idx" ON "SchoolBooking"("status", "startsAt");

-- AddForeignKey
ALTER TABLE "SchoolOffer" ADD CONSTRAINT "SchoolOffer_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitSlot" ADD CONSTRAINT "VisitSlot_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "SchoolOffer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitClosedDate" ADD CONSTRAINT "VisitClosedDate_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "SchoolOffer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyCourse" ADD CONSTRAINT "StudyCourse_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "SchoolOffer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolBooking" ADD CONSTRAINT "SchoolBooking_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "SchoolOffer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolBooking" ADD CONSTRAINT "SchoolBooking_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolBooking" ADD CONSTRAINT "SchoolBooking_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "StudyCourse"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolBooking" ADD CONSTRAINT "SchoolBooking_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "VisitSlot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolBooking" ADD CONSTRAINT "SchoolBooking_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- The rules the app checks, held by the database too.
ALTER TABLE "SchoolOffer" ADD CONSTRAINT "SchoolOffer_numbers_check" CHECK ("maxStudentsPerSlot" > 0 AND "studentsPerTeacher" > 0 AND "minNoticeDays" >= 0 AND "outreachPerDay" >= 0);
ALTER TABLE "VisitSlot" ADD CONSTRAINT "VisitSlot_time_check" CHECK ("weekday" BETWEEN 1 AND 7 AND "startMinute" >= 0 AND "endMinute" <= 1440 AND "startMinute" < "endMinute");
ALTER TABLE "SchoolBooking" ADD CONSTRAINT "SchoolBooking_people_check" CHECK ("students" > 0 AND "teachers" > 0 AND "startsAt" < "endsAt");
ALTER TABLE "SchoolBooking" ADD CONSTRAINT "SchoolBooking_kind_check" CHECK (("kind" = 'VISIT' AND "slotId" IS NOT NULL) OR ("kind" = 'OUTREACH' AND "schoolLat" IS NOT NULL AND "schoolLng" IS NOT NULL))
;
