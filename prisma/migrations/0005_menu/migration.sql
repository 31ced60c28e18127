-- 科普菜单: organisations publish programmes, sites order them, an agreed date becomes a published activity at the site.
-- CreateEnum
CREATE TYPE "MenuItemKind" AS ENUM ('LECTURE', 'SCIENCE_SHOW', 'EXHIBITION', 'HANDS_ON_KIT', 'POSTER', 'SMART_BOX', 'SCIENCE_BUS', 'OTHER');

-- CreateEnum
CREATE TYPE "SiteKind" AS ENUM ('COMMUNITY_ACADEMY', 'PARTY_SERVICE_CENTER', 'SCHOOL', 'VILLAGE', 'OTHER');

-- CreateEnum
CREATE TYPE "MenuOrderStatus" AS ENUM ('REQUESTED', 'PROPOSED', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'DELIVERED');

-- CreateTable
CREATE TABLE "MenuItem" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "MenuItemKind" NOT NULL,
    "topics" TEXT[],
    "audience" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "minGroup" INTEGER NOT NULL,
    "maxGroup" INTEGER NOT NULL,
    "leadDays" INTEGER NOT NULL,
    "deliversTo" TEXT[],
    "description" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MenuItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MenuOrder" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "manageTokenHash" TEXT NOT NULL,
    "menuItemId" TEXT NOT NULL,
    "siteName" TEXT NOT NULL,
    "siteKind" "SiteKind" NOT NULL,
    "districtId" TEXT NOT NULL,
    "siteAddress" TEXT NOT NULL,
    "siteLat" DOUBLE PRECISION NOT NULL,
    "siteLng" DOUBLE PRECISION NOT NULL,
    "contactName" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "preferredDates" TEXT NOT NULL,
    "expectedAudience" INTEGER NOT NULL,
    "notes" TEXT,
    "status" "MenuOrderStatus" NOT NULL DEFAULT 'REQUESTED',
    "proposedStartsAt" TIMESTAMP(3),
    "providerMessage" TEXT,
    "eventId" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "attendance" INTEGER,
    "consentAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MenuOrder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MenuItem_organisationId_idx" ON "MenuItem"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "MenuOrder_code_key" ON "MenuOrder"("code");

-- CreateIndex
CREATE UNIQUE INDEX "MenuOrder_manageTokenHash_key" ON "MenuOrder"("manageTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "MenuOrder_eventId_key" ON "MenuOrder"("eventId");

-- CreateIndex
CREATE INDEX "MenuOrder_menuItemId_status_idx" ON "MenuOrder"("menuItemId", "status");

-- CreateIndex
CREATE INDEX "MenuOrder_districtId_status_idx" ON "MenuOrder"("districtId", "status");

-- AddForeignKey
ALTER TABLE "MenuItem" ADD CONSTRAINT "MenuItem_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MenuOrder" ADD CONSTRAINT "MenuOrder_menuItemId_fkey" FOREIGN KEY ("menuItemId") REFERENCES "MenuItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MenuOrder" ADD CONSTRAINT "MenuOrder_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MenuOrder" ADD CONSTRAINT "MenuOrder_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MenuOrder" ADD CONSTRAINT "MenuOrder_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


ALTER TABLE "MenuItem" ADD CONSTRAINT "MenuItem_numbers_check" CHECK ("durationMinutes" > 0 AND "minGroup" > 0 AND "maxGroup" >= "minGroup" AND "leadDays" >= 0);
ALTER TABLE "MenuOrder" ADD CONSTRAINT "MenuOrder_numbers_check" CHECK ("expectedAudience" > 0 AND ("attendance" IS NULL OR "attendance" >= 0));
ALTER TABLE "MenuOrder" ADD CONSTRAINT "MenuOrder_accepted_check" CHECK ("status" NOT IN ('ACCEPTED', 'DELIVERED') OR "eventId" IS NOT NULL);
ALTER TABLE "MenuOrder" ADD CONSTRAINT "MenuOrder_proposed_check" CHECK ("status" <> 'PROPOSED' OR "proposedStartsAt" IS NOT NULL);
