-- Digital science points (issue 28, decision 037): a venue of type DIGITAL_POINT with its kind, keeper, the
-- resources it shows and the hash of its report token. A point reports plays, counted into OnlineReach with the
-- point and the report id of the device, unique per point so a replayed report is never counted twice.
-- AlterEnum
ALTER TYPE "OnlineReachSource" ADD VALUE 'POINT_REPORT';

-- CreateEnum
CREATE TYPE "DigitalPointKind" AS ENUM ('SCREEN', 'SMART_BOX', 'POSTER_BOARD', 'E_STATION');

-- CreateTable
CREATE TABLE "DigitalPoint" (
    "venueId" TEXT NOT NULL,
    "kind" "DigitalPointKind" NOT NULL,
    "keeper" TEXT NOT NULL,
    "tokenHash" TEXT,
    "tokenIssuedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DigitalPoint_pkey" PRIMARY KEY ("venueId")
);

-- CreateTable
CREATE TABLE "DigitalPointResource" (
    "venueId" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,

    CONSTRAINT "DigitalPointResource_pkey" PRIMARY KEY ("venueId","resourceId")
);

-- AlterTable
ALTER TABLE "OnlineReach" ADD COLUMN "pointId" TEXT,
ADD COLUMN "reportId" TEXT,
ADD CONSTRAINT "OnlineReach_report_id_length" CHECK ("reportId" IS NULL OR length("reportId") BETWEEN 1 AND 64),
ADD CONSTRAINT "OnlineReach_point_report_range" CHECK ("reportId" IS NULL OR "count" <= 10000);

-- CreateIndex
CREATE UNIQUE INDEX "DigitalPoint_tokenHash_key" ON "DigitalPoint"("tokenHash");

-- CreateIndex
CREATE INDEX "DigitalPointResource_resourceId_idx" ON "DigitalPointResource"("resourceId");

-- CreateIndex
CREATE UNIQUE INDEX "OnlineReach_pointId_reportId_key" ON "OnlineReach"("pointId", "reportId");

-- AddForeignKey
ALTER TABLE "DigitalPoint" ADD CONSTRAINT "DigitalPoint_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DigitalPointResource" ADD CONSTRAINT "DigitalPointResource_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "DigitalPoint"("venueId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DigitalPointResource" ADD CONSTRAINT "DigitalPointResource_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "OnlineResource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineReach" ADD CONSTRAINT "OnlineReach_pointId_fkey" FOREIGN KEY ("pointId") REFERENCES "DigitalPoint"("venueId") ON DELETE SET NULL ON UPDATE CASCADE;

-- A venue page shows its point and what it shows: changes drop cached pages (decision 015).
CREATE CONSTRAINT TRIGGER "publicDataVersion" AFTER INSERT OR UPDATE OR DELETE ON "DigitalPoint" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpPublicDataVersion"();
CREATE CONSTRAINT TRIGGER "publicDataVersion" AFTER INSERT OR UPDATE OR DELETE ON "DigitalPointResource" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpPublicDataVersion"();
