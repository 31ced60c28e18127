-- Keyword search (decision 017): every activity keeps one lower-cased, NFKC-normalised text of what a search word
-- may be found in (title, topics, place, brand, venue, organiser, 街镇, district, summary), so a search reads one
-- short column per row instead of joining and lower-casing ten. Kept by triggers, so every way of writing an
-- activity (staff forms, 菜单 orders, seeds, bulk loads) and every rename of what it names keeps it right.
--
-- No semicolon may appear in this file except between statements: @prisma/adapter-pg runs a migration by splitting
-- it at every semicolon. The PL/pgSQL bodies are therefore E'' strings that write each of theirs as \073.

ALTER TABLE "Event" ADD COLUMN "searchText" TEXT NOT NULL DEFAULT '';

CREATE FUNCTION kepu_event_search_text(e "Event") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT lower(normalize(concat_ws(' ',
    e.title,
    array_to_string(e.topics, ' '),
    e."placeName",
    (SELECT name FROM "ProgrammeBrand" WHERE id = e."brandId"),
    (SELECT name FROM "Venue" WHERE id = e."venueId"),
    (SELECT name FROM "Organisation" WHERE id = e."organisationId"),
    (SELECT name FROM "Town" WHERE id = COALESCE((SELECT "townId" FROM "Venue" WHERE id = e."venueId"), e."townId")),
    (SELECT concat_ws(' ', name, "nameEn") FROM "District" WHERE id = e."districtId"),
    e.summary
  ), NFKC))
$$;

CREATE FUNCTION kepu_event_search_text_trigger() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN NEW."searchText" := kepu_event_search_text(NEW)\073 RETURN NEW\073 END';

CREATE TRIGGER event_search_text BEFORE INSERT OR UPDATE ON "Event"
  FOR EACH ROW EXECUTE FUNCTION kepu_event_search_text_trigger();

-- A rename of what activities name touches their rows, and the trigger above rewrites their text.
CREATE FUNCTION kepu_search_text_venue_renamed() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN UPDATE "Event" SET "searchText" = "searchText" WHERE "venueId" = NEW.id\073 RETURN NULL\073 END';
CREATE FUNCTION kepu_search_text_organisation_renamed() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN UPDATE "Event" SET "searchText" = "searchText" WHERE "organisationId" = NEW.id\073 RETURN NULL\073 END';
CREATE FUNCTION kepu_search_text_brand_renamed() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN UPDATE "Event" SET "searchText" = "searchText" WHERE "brandId" = NEW.id\073 RETURN NULL\073 END';
CREATE FUNCTION kepu_search_text_town_renamed() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN UPDATE "Event" SET "searchText" = "searchText" WHERE "townId" = NEW.id OR "venueId" IN (SELECT id FROM "Venue" WHERE "townId" = NEW.id)\073 RETURN NULL\073 END';
CREATE FUNCTION kepu_search_text_district_renamed() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN UPDATE "Event" SET "searchText" = "searchText" WHERE "districtId" = NEW.id\073 RETURN NULL\073 END';

CREATE TRIGGER venue_search_text AFTER UPDATE OF name, "townId" ON "Venue"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD."townId" IS DISTINCT FROM NEW."townId")
  EXECUTE FUNCTION kepu_search_text_venue_renamed();
CREATE TRIGGER organisation_search_text AFTER UPDATE OF name ON "Organisation"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION kepu_search_text_organisation_renamed();
CREATE TRIGGER brand_search_text AFTER UPDATE OF name ON "ProgrammeBrand"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION kepu_search_text_brand_renamed();
CREATE TRIGGER town_search_text AFTER UPDATE OF name ON "Town"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION kepu_search_text_town_renamed();
CREATE TRIGGER district_search_text AFTER UPDATE OF name, "nameEn" ON "District"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD."nameEn" IS DISTINCT FROM NEW."nameEn")
  EXECUTE FUNCTION kepu_search_text_district_renamed();

-- Activities that exist already.
UPDATE "Event" SET "searchText" = "searchText";
