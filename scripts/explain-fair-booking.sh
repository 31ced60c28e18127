# The fair-booking counts on PostgreSQL with 300,000 registrations: EXPLAIN ANALYZE shows both start from
# Registration_phone_idx (decision 013). Run from the repository root: bash scripts/explain-fair-booking.sh
set -e
DB=fair_explain_$$
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $DB" >/dev/null
trap "psql -q -h 127.0.0.1 -U postgres -c 'DROP DATABASE $DB' >/dev/null" EXIT
for f in prisma/migrations/*/migration.sql; do psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d $DB -f $f >/dev/null; done
psql -q -h 127.0.0.1 -U postgres -d $DB <<'SQL' >/dev/null
INSERT INTO "District"(id, code, slug, name, "nameEn", active, "centerLat", "centerLng") SELECT 'd'||i, 100+i, 'd'||i, '区'||i, 'D', true, 31, 121 FROM generate_series(1,3) i;
INSERT INTO "Event"(id, slug, title, summary, description, category, topics, lat, lng, "districtId", status, "updatedAt")
  SELECT 'e'||i, 'e'||i, 't', 's', 'd', 'LECTURE', '{}', 31, 121, 'd'||(1 + i % 3), 'PUBLISHED', now() FROM generate_series(1,2000) i;
INSERT INTO "EventSession"(id, "eventId", key, "startsAt", "endsAt", capacity)
  SELECT 's'||i, 'e'||(1 + i % 2000), 'k'||i, now() + (i % 400 - 200) * interval '1 day', now() + (i % 400 - 200) * interval '1 day' + interval '1 hour', 1000 FROM generate_series(1,20000) i;
INSERT INTO "Registration"(id, "sessionId", name, phone, adults, children, "partySize", status, code, "manageTokenHash", "consentAt")
  SELECT 'r'||i, 's'||(1 + (i / 100000 * 7 + i) % 20000), 'n', '139' || lpad((i % 100000)::text, 8, '0'), 1, 0, 1, 'CONFIRMED', 'c'||i, 'h'||i, now() FROM generate_series(1,300000) i;
ANALYZE;
SQL
psql -h 127.0.0.1 -U postgres -d $DB <<'SQL'
EXPLAIN ANALYZE SELECT s."endsAt" FROM "Registration" r JOIN "EventSession" s ON s.id = r."sessionId" JOIN "Event" e ON e.id = s."eventId"
  WHERE r.phone = '13900000042' AND r.status IN ('CONFIRMED', 'WAITLISTED') AND e."districtId" = 'd1' AND s."endsAt" > now() AND s."startsAt" < now() + interval '30 days' ORDER BY s."endsAt";
EXPLAIN ANALYZE SELECT s."endsAt" FROM "Registration" r JOIN "EventSession" s ON s.id = r."sessionId" JOIN "Event" e ON e.id = s."eventId"
  WHERE r.phone = '13900000042' AND r.status = 'CONFIRMED' AND e."districtId" = 'd1' AND s.status = 'SCHEDULED' AND e.status <> 'CANCELLED'
  AND s."endsAt" <= now() AND s."endsAt" > now() - interval '181 days'
  AND s."endsAt" > COALESCE((SELECT MAX(l."liftedAt") FROM "NoShowBlockLift" l WHERE l.phone = '13900000042' AND l."districtId" = 'd1'), '-infinity'::timestamp)
  ORDER BY s."endsAt";
SQL
