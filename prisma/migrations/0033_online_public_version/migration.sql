-- Resource pages, the library and the venue and activity pages that list resources are served from the shared
-- page cache (decision 015), so a change to a resource or its links moves the public data version as it commits.
-- Counting views writes only OnlineReach, which has no trigger: a view never drops a cached page.
CREATE CONSTRAINT TRIGGER "publicDataVersion" AFTER INSERT OR UPDATE OR DELETE ON "OnlineResource" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpPublicDataVersion"();
CREATE CONSTRAINT TRIGGER "publicDataVersion" AFTER INSERT OR UPDATE OR DELETE ON "OnlineResourceVenue" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpPublicDataVersion"();
CREATE CONSTRAINT TRIGGER "publicDataVersion" AFTER INSERT OR UPDATE OR DELETE ON "OnlineResourceEvent" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpPublicDataVersion"();
