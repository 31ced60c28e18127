-- Online science (issue 28, decision 037): a resource library (videos, articles, VR tours, live streams, posters)
-- linked from venues and activities, and reach counted with its source.
-- A page view is one row per resource, Shanghai day and visitor hash (unique), the hash made with the day salt
-- kept in OnlineReachSalt so every process agrees.
-- CreateEnum
CREATE TYPE "OnlineResourceKind" AS ENUM ('VIDEO', 'ARTICLE', 'VR_TOUR', 'LIVE_STREAM', 'POSTER');

-- CreateEnum
CREATE TYPE "OnlineReachSource" AS ENUM ('PAGE_VIEW', 'STAFF_ENTRY');

-- CreateTable
CREATE TABLE "OnlineResource" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "organisationId" TEXT,
    "kind" "OnlineResourceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "topics" TEXT[],
    "audiences" TEXT[],
    "source" TEXT NOT NULL,
    "licence" TEXT NOT NULL,
    "coverFileId" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "isExample" BOOLEAN NOT NULL DEFAULT false,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OnlineResource_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "OnlineResource_url_https" CHECK ("url" LIKE 'https://%')
);

-- CreateTable
CREATE TABLE "OnlineResourceVenue" (
    "resourceId" TEXT NOT NULL,
    "venueId" TEXT NOT NULL,

    CONSTRAINT "OnlineResourceVenue_pkey" PRIMARY KEY ("resourceId","venueId")
);

-- CreateTable
CREATE TABLE "OnlineResourceEvent" (
    "resourceId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,

    CONSTRAINT "OnlineResourceEvent_pkey" PRIMARY KEY ("resourceId","eventId")
);

-- CreateTable
CREATE TABLE "OnlineReach" (
    "id" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "resourceId" TEXT,
    "source" "OnlineReachSource" NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL,
    "visitor" TEXT,
    "staffId" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OnlineReach_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "OnlineReach_count_range" CHECK ("count" > 0 AND "count" <= 1000000)
);

-- CreateTable
CREATE TABLE "OnlineReachSalt" (
    "day" DATE NOT NULL,
    "salt" TEXT NOT NULL,

    CONSTRAINT "OnlineReachSalt_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE UNIQUE INDEX "OnlineResource_slug_key" ON "OnlineResource"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "OnlineResource_coverFileId_key" ON "OnlineResource"("coverFileId");

-- CreateIndex
CREATE INDEX "OnlineResource_districtId_published_idx" ON "OnlineResource"("districtId", "published");

-- CreateIndex
CREATE INDEX "OnlineResourceVenue_venueId_idx" ON "OnlineResourceVenue"("venueId");

-- CreateIndex
CREATE INDEX "OnlineResourceEvent_eventId_idx" ON "OnlineResourceEvent"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "OnlineReach_resourceId_day_visitor_key" ON "OnlineReach"("resourceId", "day", "visitor");

-- CreateIndex
CREATE INDEX "OnlineReach_districtId_day_idx" ON "OnlineReach"("districtId", "day");

-- AddForeignKey
ALTER TABLE "OnlineResource" ADD CONSTRAINT "OnlineResource_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineResource" ADD CONSTRAINT "OnlineResource_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineResource" ADD CONSTRAINT "OnlineResource_coverFileId_fkey" FOREIGN KEY ("coverFileId") REFERENCES "StoredFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineResourceVenue" ADD CONSTRAINT "OnlineResourceVenue_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "OnlineResource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineResourceVenue" ADD CONSTRAINT "OnlineResourceVenue_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineResourceEvent" ADD CONSTRAINT "OnlineResourceEvent_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "OnlineResource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineResourceEvent" ADD CONSTRAINT "OnlineResourceEvent_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineReach" ADD CONSTRAINT "OnlineReach_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineReach" ADD CONSTRAINT "OnlineReach_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "OnlineResource"("id") ON DELETE SET NULL ON UPDATE CASCADE;