-- The anonymous registration form is served from the shared page cache while MapDataVersion stands (decision 032),
-- and it states the district's fair-booking rule. A rule saved by staff moves the version too, so no visitor is shown
-- a rule that is no longer in force (or misses one that is) for the cache's ten seconds. Rules change a few times a
-- year: the map roll-up rebuilt after one costs nothing that matters.
CREATE CONSTRAINT TRIGGER "mapDataVersion" AFTER INSERT OR UPDATE OR DELETE ON "FairBookingRule" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpMapDataVersion"();
