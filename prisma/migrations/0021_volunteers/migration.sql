-- Volunteers (issue 26 part 1, decision 033): profiles, the skill list staff extend, per-district limits, roles
-- with a headcount, shifts with planned and credited time apart, block lifts and printed certificates.
-- The CHECK constraints at the end hold the headcount and the hours even if the code were wrong.
-- CreateEnum
CREATE TYPE "VolunteerRoleStatus" AS ENUM ('OPEN', 'CANCELLED');

-- CreateEnum
CREATE TYPE "VolunteerShiftStatus" AS ENUM ('APPLIED', 'WAITLISTED', 'ACCEPTED', 'DECLINED', 'DROPPED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "VolunteerCredit" AS ENUM ('NONE', 'CREDITED', 'TOO_SHORT', 'ADJUSTED');

-- CreateTable
CREATE TABLE "Volunteer" (
    "id" TEXT NOT NULL,
    "residentId" TEXT,
    "name" TEXT NOT NULL,
    "idNumberMasked" TEXT,
    "shVolunteerNo" TEXT,
    "districtIds" TEXT[],
    "skills" TEXT[],
    "freeTimes" TEXT[],
    "code" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Volunteer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VolunteerSkill" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 100,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VolunteerSkill_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "VolunteerRule" (
    "districtId" TEXT NOT NULL,
    "maxHoursPerDay" INTEGER,
    "noShowLimit" INTEGER,
    "minPresentPct" INTEGER NOT NULL DEFAULT 60,
    "dropCutoffHours" INTEGER NOT NULL DEFAULT 24,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "VolunteerRule_pkey" PRIMARY KEY ("districtId")
);

-- CreateTable
CREATE TABLE "VolunteerRole" (
    "id" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "organisationId" TEXT,
    "sessionId" TEXT,
    "venueId" TEXT,
    "title" TEXT NOT NULL,
    "headcount" INTEGER NOT NULL,
    "filled" INTEGER NOT NULL DEFAULT 0,
    "skills" TEXT[],
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "briefing" TEXT NOT NULL,
    "needsApproval" BOOLEAN NOT NULL DEFAULT false,
    "status" "VolunteerRoleStatus" NOT NULL DEFAULT 'OPEN',
    "postedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VolunteerRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VolunteerShift" (
    "id" TEXT NOT NULL,
    "roleId" TEXT NOT NULL,
    "volunteerId" TEXT NOT NULL,
    "status" "VolunteerShiftStatus" NOT NULL,
    "seq" INTEGER NOT NULL,
    "plannedMinutes" INTEGER NOT NULL,
    "checkedInAt" TIMESTAMP(3),
    "checkedOutAt" TIMESTAMP(3),
    "creditedMinutes" INTEGER,
    "credit" "VolunteerCredit" NOT NULL DEFAULT 'NONE',
    "creditNote" TEXT,
    "creditedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "droppedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VolunteerShift_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VolunteerBlockLift" (
    "id" TEXT NOT NULL,
    "volunteerId" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "liftedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "liftedById" TEXT,
    "reason" TEXT NOT NULL,

    CONSTRAINT "VolunteerBlockLift_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VolunteerCertificate" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "volunteerId" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "totalMinutes" INTEGER NOT NULL,
    "services" JSONB NOT NULL,
    "issuer" TEXT NOT NULL,

    CONSTRAINT "VolunteerCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Volunteer_residentId_key" ON "Volunteer"("residentId");

-- CreateIndex
CREATE UNIQUE INDEX "Volunteer_code_key" ON "Volunteer"("code");

-- CreateIndex
CREATE INDEX "Volunteer_districtIds_idx" ON "Volunteer" USING GIN ("districtIds");

-- CreateIndex
CREATE INDEX "Volunteer_createdAt_idx" ON "Volunteer"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "VolunteerSkill_name_key" ON "VolunteerSkill"("name");

-- CreateIndex
CREATE INDEX "VolunteerRole_status_startsAt_idx" ON "VolunteerRole"("status", "startsAt");

-- CreateIndex
CREATE INDEX "VolunteerRole_districtId_startsAt_idx" ON "VolunteerRole"("districtId", "startsAt");

-- CreateIndex
CREATE INDEX "VolunteerRole_sessionId_idx" ON "VolunteerRole"("sessionId");

-- CreateIndex
CREATE INDEX "VolunteerShift_volunteerId_status_idx" ON "VolunteerShift"("volunteerId", "status");

-- CreateIndex
CREATE INDEX "VolunteerShift_roleId_status_idx" ON "VolunteerShift"("roleId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "VolunteerShift_roleId_volunteerId_key" ON "VolunteerShift"("roleId", "volunteerId");

-- CreateIndex
CREATE UNIQUE INDEX "VolunteerShift_roleId_seq_key" ON "VolunteerShift"("roleId", "seq");

-- CreateIndex
CREATE INDEX "VolunteerBlockLift_volunteerId_districtId_idx" ON "VolunteerBlockLift"("volunteerId", "districtId");

-- CreateIndex
CREATE UNIQUE INDEX "VolunteerCertificate_number_key" ON "VolunteerCertificate"("number");

-- CreateIndex
CREATE INDEX "VolunteerCertificate_volunteerId_idx" ON "VolunteerCertificate"("volunteerId");

-- AddForeignKey
ALTER TABLE "Volunteer" ADD CONSTRAINT "Volunteer_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerRule" ADD CONSTRAINT "VolunteerRule_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerRole" ADD CONSTRAINT "VolunteerRole_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerRole" ADD CONSTRAINT "VolunteerRole_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerRole" ADD CONSTRAINT "VolunteerRole_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "EventSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerRole" ADD CONSTRAINT "VolunteerRole_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerRole" ADD CONSTRAINT "VolunteerRole_postedById_fkey" FOREIGN KEY ("postedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerShift" ADD CONSTRAINT "VolunteerShift_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "VolunteerRole"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerShift" ADD CONSTRAINT "VolunteerShift_volunteerId_fkey" FOREIGN KEY ("volunteerId") REFERENCES "Volunteer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerBlockLift" ADD CONSTRAINT "VolunteerBlockLift_volunteerId_fkey" FOREIGN KEY ("volunteerId") REFERENCES "Volunteer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerCertificate" ADD CONSTRAINT "VolunteerCertificate_volunteerId_fkey" FOREIGN KEY ("volunteerId") REFERENCES "Volunteer"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A role never holds more accepted volunteers than its headcount, and its times run forwards.
ALTER TABLE "VolunteerRole" ADD CONSTRAINT "VolunteerRole_filled_check" CHECK ("filled" >= 0 AND "filled" <= "headcount");
ALTER TABLE "VolunteerRole" ADD CONSTRAINT "VolunteerRole_times_check" CHECK ("endsAt" > "startsAt");
ALTER TABLE "VolunteerShift" ADD CONSTRAINT "VolunteerShift_minutes_check" CHECK ("plannedMinutes" > 0 AND ("creditedMinutes" IS NULL OR "creditedMinutes" >= 0));
ALTER TABLE "VolunteerRule" ADD CONSTRAINT "VolunteerRule_pct_check" CHECK ("minPresentPct" BETWEEN 0 AND 100);

-- The skills the issue names, staff add more on the settings page.
INSERT INTO "VolunteerSkill" ("key", "name", "nameEn", "sortOrder") VALUES
  ('guide', '讲解', 'Guided tours', 10),
  ('lab-assistant', '实验助教', 'Lab assistant', 20),
  ('usher', '引导', 'Visitor guidance', 30),
  ('photography', '摄影', 'Photography', 40),
  ('foreign-language', '外语', 'Foreign languages', 50),
  ('sign-language', '手语', 'Sign language', 60);
