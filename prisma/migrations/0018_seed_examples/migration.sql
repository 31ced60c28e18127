-- Demonstration content is an explicit choice (SEED_EXAMPLES, issue 30): example school offers are marked, the
-- plans 菜单 programmes get the seeds stable key, and every page asks cheaply whether any example is left.
ALTER TABLE "SchoolOffer" ADD COLUMN "isExample" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "MenuItem" ADD COLUMN "seedKey" TEXT;
CREATE UNIQUE INDEX "MenuItem_seedKey_key" ON "MenuItem"("seedKey");
CREATE INDEX "Event_isExample_idx" ON "Event"("isExample");
CREATE INDEX "SchoolOffer_isExample_idx" ON "SchoolOffer"("isExample");
