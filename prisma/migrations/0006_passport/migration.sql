-- 科普护照: resident accounts, passport programmes and stamps (once per venue per day per person).
-- CreateEnum
CREATE TYPE "StampSource" AS ENUM ('CHECK_IN', 'DOOR');

-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "residentId" TEXT;

-- CreateTable
CREATE TABLE "Resident" (
    "id" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "passportCode" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Resident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResidentSession" (
    "id" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResidentSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PassportProgramme" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "PassportProgramme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PassportProgrammeVenue" (
    "programmeId" TEXT NOT NULL,
    "venueId" TEXT NOT NULL,

    CONSTRAINT "PassportProgrammeVenue_pkey" PRIMARY KEY ("programmeId","venueId")
);

-- CreateTable
CREATE TABLE "PassportStamp" (
    "id" TEXT NOT NULL,
    "residentId" TEXT,
    "venueId" TEXT NOT NULL,
    "stampedOn" TEXT NOT NULL,
    "stampedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "via" "StampSource" NOT NULL,
    "registrationId" TEXT,
    "staffId" TEXT,

    CONSTRAINT "PassportStamp_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Resident_phone_key" ON "Resident"("phone");

-- CreateIndex
CREATE UNIQUE INDEX "Resident_passportCode_key" ON "Resident"("passportCode");

-- CreateIndex
CREATE INDEX "ResidentSession_residentId_idx" ON "ResidentSession"("residentId");

-- CreateIndex
CREATE UNIQUE INDEX "PassportProgramme_slug_key" ON "PassportProgramme"("slug");

-- CreateIndex
CREATE INDEX "PassportStamp_venueId_stampedOn_idx" ON "PassportStamp"("venueId", "stampedOn");

-- CreateIndex
CREATE UNIQUE INDEX "PassportStamp_residentId_venueId_stampedOn_key" ON "PassportStamp"("residentId", "venueId", "stampedOn");

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResidentSession" ADD CONSTRAINT "ResidentSession_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PassportProgrammeVenue" ADD CONSTRAINT "PassportProgrammeVenue_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "PassportProgramme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PassportProgrammeVenue" ADD CONSTRAINT "PassportProgrammeVenue_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PassportStamp" ADD CONSTRAINT "PassportStamp_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PassportStamp" ADD CONSTRAINT "PassportStamp_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PassportStamp" ADD CONSTRAINT "PassportStamp_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

