-- A 科普菜单 order can be placed without a point on the map (issue 30: the map may show no tiles): the sites 街镇 centre
-- or, with neither, the districts centre stands in, and the order records which, so staff know to go by the address.
CREATE TYPE "SitePrecision" AS ENUM ('POINT', 'TOWN_CENTRE', 'DISTRICT_CENTRE');

ALTER TABLE "MenuOrder" ADD COLUMN "townId" TEXT;
ALTER TABLE "MenuOrder" ADD COLUMN "sitePrecision" "SitePrecision" NOT NULL DEFAULT 'POINT';

ALTER TABLE "MenuOrder" ADD CONSTRAINT "MenuOrder_townId_fkey" FOREIGN KEY ("townId") REFERENCES "Town"("id") ON DELETE SET NULL ON UPDATE CASCADE;
