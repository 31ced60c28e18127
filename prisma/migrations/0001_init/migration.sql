-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "TownKind" AS ENUM ('STREET', 'TOWN', 'INDUSTRIAL_ZONE');

-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('SCIENCE_COMMITTEE', 'SCIENCE_ASSOCIATION', 'MUSEUM', 'BASE_OPERATOR', 'RESEARCH_INSTITUTE', 'UNIVERSITY', 'ENTERPRISE', 'SCHOOL', 'COMMUNITY', 'OTHER');

-- CreateEnum
CREATE TYPE "VenueType" AS ENUM ('SCIENCE_MUSEUM', 'EDUCATION_BASE', 'COMMUNITY_ACADEMY', 'SCIENCE_COURTYARD', 'THEMED_HALL', 'SCIENCE_VILLAGE', 'DEMO_SCIENCE_VILLAGE', 'DIGITAL_POINT', 'RESEARCH_LAB', 'EXPERT_WORKSTATION', 'PARTY_SERVICE_CENTER', 'SCHOOL', 'YOUTH_CENTER', 'PUBLIC_SPACE');

-- CreateEnum
CREATE TYPE "VenueLevel" AS ENUM ('NATIONAL', 'MUNICIPAL', 'DISTRICT');

-- CreateEnum
CREATE TYPE "BrandScope" AS ENUM ('NATIONAL', 'MUNICIPAL', 'REGIONAL', 'DISTRICT');

-- CreateEnum
CREATE TYPE "EventCategory" AS ENUM ('LECTURE', 'HANDS_ON', 'EXHIBITION', 'SCIENCE_SHOW', 'COMPETITION', 'OPEN_DAY', 'STUDY_TOUR', 'SALON', 'READING', 'COURSE');

-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('SCHEDULED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('CONFIRMED', 'WAITLISTED', 'CANCELLED', 'ATTENDED');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('PLATFORM_ADMIN', 'DISTRICT_ADMIN', 'ORG_STAFF');

-- CreateEnum
CREATE TYPE "FigureKind" AS ENUM ('REPORTED', 'TARGET');

-- CreateTable
CREATE TABLE "District" (
    "id" TEXT NOT NULL,
    "code" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "centerLat" DOUBLE PRECISION NOT NULL,
    "centerLng" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "District_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Town" (
    "id" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "TownKind" NOT NULL,
    "centerLat" DOUBLE PRECISION NOT NULL,
    "centerLng" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "Town_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OrganisationKind" NOT NULL,
    "districtId" TEXT,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Venue" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "VenueType" NOT NULL,
    "level" "VenueLevel",
    "districtId" TEXT NOT NULL,
    "townId" TEXT,
    "organisationId" TEXT,
    "address" TEXT,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "locationApproximate" BOOLEAN NOT NULL DEFAULT false,
    "locationNote" TEXT,
    "openingHours" TEXT,
    "phone" TEXT,
    "website" TEXT,
    "accessibility" TEXT,
    "description" TEXT,
    "openToPublic" BOOLEAN NOT NULL DEFAULT true,
    "takesSchoolVisits" BOOLEAN NOT NULL DEFAULT false,
    "stampsPassport" BOOLEAN NOT NULL DEFAULT false,
    "recognisedYear" INTEGER,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Venue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeBrand" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scope" "BrandScope" NOT NULL,
    "districtId" TEXT,
    "description" TEXT NOT NULL,
    "verification" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "ProgrammeBrand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "category" "EventCategory" NOT NULL,
    "topics" TEXT[],
    "audienceMinAge" INTEGER,
    "audienceMaxAge" INTEGER,
    "audienceNote" TEXT,
    "organisationId" TEXT,
    "venueId" TEXT,
    "placeName" TEXT,
    "placeAddress" TEXT,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "districtId" TEXT NOT NULL,
    "brandId" TEXT,
    "status" "EventStatus" NOT NULL DEFAULT 'DRAFT',
    "maxPartySize" INTEGER NOT NULL DEFAULT 4,
    "questions" JSONB NOT NULL DEFAULT '[]',
    "isExample" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventSession" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "seatsTaken" INTEGER NOT NULL DEFAULT 0,
    "registrationOpensAt" TIMESTAMP(3),
    "registrationClosesAt" TIMESTAMP(3),
    "status" "SessionStatus" NOT NULL DEFAULT 'SCHEDULED',

    CONSTRAINT "EventSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Registration" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "adults" INTEGER NOT NULL,
    "children" INTEGER NOT NULL,
    "partySize" INTEGER NOT NULL,
    "status" "RegistrationStatus" NOT NULL,
    "code" TEXT NOT NULL,
    "cancelToken" TEXT NOT NULL,
    "waitlistSeq" INTEGER,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "consentAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" TIMESTAMP(3),
    "attendedAt" TIMESTAMP(3),

    CONSTRAINT "Registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" "UserRole" NOT NULL,
    "districtId" TEXT,
    "organisationId" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanFigure" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" "FigureKind" NOT NULL,
    "metric" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "atLeast" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,

    CONSTRAINT "PlanFigure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "District_code_key" ON "District"("code");

-- CreateIndex
CREATE UNIQUE INDEX "District_slug_key" ON "District"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "District_name_key" ON "District"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Town_districtId_name_key" ON "Town"("districtId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_name_key" ON "Organisation"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Venue_slug_key" ON "Venue"("slug");

-- CreateIndex
CREATE INDEX "Venue_districtId_type_idx" ON "Venue"("districtId", "type");

-- CreateIndex
CREATE INDEX "Venue_lat_lng_idx" ON "Venue"("lat", "lng");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeBrand_slug_key" ON "ProgrammeBrand"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeBrand_name_key" ON "ProgrammeBrand"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Event_slug_key" ON "Event"("slug");

-- CreateIndex
CREATE INDEX "Event_districtId_status_idx" ON "Event"("districtId", "status");

-- CreateIndex
CREATE INDEX "Event_venueId_idx" ON "Event"("venueId");

-- CreateIndex
CREATE INDEX "EventSession_startsAt_idx" ON "EventSession"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "EventSession_eventId_key_key" ON "EventSession"("eventId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_code_key" ON "Registration"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Registration_cancelToken_key" ON "Registration"("cancelToken");

-- CreateIndex
CREATE INDEX "Registration_sessionId_status_idx" ON "Registration"("sessionId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "PlanFigure_key_key" ON "PlanFigure"("key");

-- AddForeignKey
ALTER TABLE "Town" ADD CONSTRAINT "Town_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Venue" ADD CONSTRAINT "Venue_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Venue" ADD CONSTRAINT "Venue_townId_fkey" FOREIGN KEY ("townId") REFERENCES "Town"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Venue" ADD CONSTRAINT "Venue_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeBrand" ADD CONSTRAINT "ProgrammeBrand_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "ProgrammeBrand"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventSession" ADD CONSTRAINT "EventSession_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "EventSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanFigure" ADD CONSTRAINT "PlanFigure_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: what Prisma's schema language cannot express.
-- One active place per phone per session (cancelled registrations do not count).
CREATE UNIQUE INDEX "Registration_session_phone_active_key" ON "Registration"("sessionId", "phone") WHERE "status" <> 'CANCELLED';
-- Seats are never overbooked, whatever the application does.
ALTER TABLE "EventSession" ADD CONSTRAINT "EventSession_seats_within_capacity" CHECK ("seatsTaken" >= 0 AND "seatsTaken" <= "capacity");
ALTER TABLE "EventSession" ADD CONSTRAINT "EventSession_ends_after_start" CHECK ("endsAt" > "startsAt");
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_party_size" CHECK ("adults" >= 0 AND "children" >= 0 AND "partySize" = "adults" + "children" AND "partySize" >= 1);
