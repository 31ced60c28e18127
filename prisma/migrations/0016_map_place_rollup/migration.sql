-- The map's overview from a roll-up (decision 022): every upcoming session's place, counted, so the default map of
-- all Shanghai reads a few thousand narrow rows instead of counting every upcoming session. The app rebuilds it when
-- MapDataVersion has moved (a deferred trigger takes the next value as a change to what the map shows commits) or
-- when it is older than a few minutes, and subtracts the sessions that started since it was built.
CREATE TABLE "MapPlace" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "sessions" INTEGER NOT NULL,
    "approximate" BOOLEAN NOT NULL,

    CONSTRAINT "MapPlace_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "MapPlaceState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" TEXT NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MapPlaceState_pkey" PRIMARY KEY ("id")
);

CREATE SEQUENCE "MapDataVersion";

-- An E'' body whose statement ends are written \073: the PostgreSQL adapter splits migrations at every semicolon.
CREATE FUNCTION "bumpMapDataVersion"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN PERFORM nextval(''"MapDataVersion"'')\073 RETURN NULL\073 END';

CREATE CONSTRAINT TRIGGER "mapDataVersion" AFTER INSERT OR UPDATE OR DELETE ON "District" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpMapDataVersion"();
CREATE CONSTRAINT TRIGGER "mapDataVersion" AFTER INSERT OR UPDATE OR DELETE ON "Venue" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpMapDataVersion"();
CREATE CONSTRAINT TRIGGER "mapDataVersion" AFTER INSERT OR UPDATE OR DELETE ON "Event" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpMapDataVersion"();
-- Not on seat counts: a registration moves "seatsTaken", which the map does not count, and a rush must not rebuild it.
CREATE CONSTRAINT TRIGGER "mapDataVersion" AFTER INSERT OR DELETE OR UPDATE OF "status", "startsAt", "eventId" ON "EventSession" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpMapDataVersion"();
