-- A registration takes its seat in one statement, one round trip to the database (issue 17, decision 021): the
-- session's row is locked, the rules that can change while people queue for it are checked again (cancelled,
-- started, window, party size, one place per phone), the place is written, the seat counter moved and the
-- outbox's messages for the outcome inserted, all before the lock is released. Seats come from the counter on
-- the session's row. Only a party that goes on the waitlist reads the waitlist (its last number from the unique
-- index, its position by counting those waiting). The app prepares every value (ids, code, link hash, message
-- texts' parameters for both outcomes) before it calls, so the lock is held for this statement alone.
--
-- Returns the outcome (CONFIRMED, WAITLISTED, or the refusal's code: SESSION_NOT_FOUND, SESSION_CANCELLED,
-- SESSION_STARTED, NO_ONLINE_REGISTRATION, NOT_OPEN_YET, REGISTRATION_CLOSED, PARTY_TOO_LARGE, DUPLICATE_PHONE,
-- or STALE when the session's start moved since the app read it) and the waitlist position.
-- p_public: a resident's own registration (the window applies), false for staff adding someone by hand.
--
-- The body is an E'' string whose statement ends are written \073: Prisma's PostgreSQL adapter splits migrations
-- at every semicolon, inside dollar quotes too (decision 001).
CREATE FUNCTION "registerInOneStatement"(
  p_session text,
  p_expected_starts timestamp(3),
  p_now timestamp(3),
  p_public boolean,
  p_registration jsonb,
  p_messages jsonb
) RETURNS TABLE (outcome text, "waitlistPosition" int) LANGUAGE plpgsql AS E'
DECLARE
  s RECORD\073
  party int := (p_registration->>''adults'')::int + (p_registration->>''children'')::int\073
  fits boolean\073
  seq int\073
  waiting int\073
  v_outcome text\073
BEGIN
  SELECT x.capacity, x."seatsTaken", x.status::text AS status, x."startsAt", x."registrationOpensAt",
    x."registrationClosesAt", e.status::text AS "eventStatus", e."registersOnline", e."maxPartySize"
  INTO s
  FROM "EventSession" x JOIN "Event" e ON e.id = x."eventId"
  WHERE x.id = p_session
  FOR UPDATE OF x\073
  IF NOT FOUND OR (p_public AND s."eventStatus" = ''DRAFT'') THEN RETURN QUERY SELECT ''SESSION_NOT_FOUND''::text, NULL::int\073 RETURN\073 END IF\073
  IF s."eventStatus" = ''CANCELLED'' OR s.status = ''CANCELLED'' THEN RETURN QUERY SELECT ''SESSION_CANCELLED''::text, NULL::int\073 RETURN\073 END IF\073
  IF p_public THEN
    IF s."startsAt" <= p_now THEN RETURN QUERY SELECT ''SESSION_STARTED''::text, NULL::int\073 RETURN\073 END IF\073
    IF NOT s."registersOnline" THEN RETURN QUERY SELECT ''NO_ONLINE_REGISTRATION''::text, NULL::int\073 RETURN\073 END IF\073
    IF p_now < s."registrationOpensAt" THEN RETURN QUERY SELECT ''NOT_OPEN_YET''::text, NULL::int\073 RETURN\073 END IF\073
    IF p_now >= s."registrationClosesAt" THEN RETURN QUERY SELECT ''REGISTRATION_CLOSED''::text, NULL::int\073 RETURN\073 END IF\073
  END IF\073
  IF party < 1 OR party > s."maxPartySize" THEN RETURN QUERY SELECT ''PARTY_TOO_LARGE''::text, NULL::int\073 RETURN\073 END IF\073
  IF s."startsAt" <> p_expected_starts THEN RETURN QUERY SELECT ''STALE''::text, NULL::int\073 RETURN\073 END IF\073
  IF EXISTS (SELECT 1 FROM "Registration" r WHERE r."sessionId" = p_session AND r.phone = p_registration->>''phone'' AND r.status <> ''CANCELLED'') THEN
    RETURN QUERY SELECT ''DUPLICATE_PHONE''::text, NULL::int\073 RETURN\073
  END IF\073

  fits := s.capacity - s."seatsTaken" >= party\073
  IF NOT fits THEN
    SELECT COALESCE(MAX(r."waitlistSeq"), 0) + 1 INTO seq FROM "Registration" r WHERE r."sessionId" = p_session AND r."waitlistSeq" IS NOT NULL\073
    SELECT count(*) + 1 INTO waiting FROM "Registration" r WHERE r."sessionId" = p_session AND r.status = ''WAITLISTED''\073
  END IF\073
  v_outcome := CASE WHEN fits THEN ''CONFIRMED'' ELSE ''WAITLISTED'' END\073

  INSERT INTO "Registration" (id, "sessionId", name, phone, adults, children, "partySize", status, "waitlistSeq", code,
    "manageTokenHash", locale, "remindersOff", answers, "consentAt", "createdAt", source, "residentId")
  VALUES (p_registration->>''id'', p_session, p_registration->>''name'', p_registration->>''phone'',
    (p_registration->>''adults'')::int, (p_registration->>''children'')::int, party, v_outcome::"RegistrationStatus", seq,
    p_registration->>''code'', p_registration->>''manageTokenHash'', p_registration->>''locale'',
    (p_registration->>''remindersOff'')::boolean, p_registration->''answers'', p_now, p_now,
    (p_registration->>''source'')::"RegistrationSource", p_registration->>''residentId'')\073
  IF fits THEN
    UPDATE "EventSession" SET "seatsTaken" = "seatsTaken" + party WHERE id = p_session\073
  END IF\073

  INSERT INTO "Message" (id, channel, recipient, template, locale, params, "subjectType", "subjectId", "districtId", "dedupeKey", "notBefore")
  SELECT m.id, m.channel::"MessageChannel", m.recipient, m.template, m.locale,
    CASE WHEN fits THEN m.params ELSE m.params || jsonb_build_object(''position'', waiting::text) END,
    m."subjectType", m."subjectId", m."districtId", m."dedupeKey", m."notBefore"
  FROM jsonb_to_recordset(p_messages->v_outcome) AS m(id text, channel text, recipient text, template text, locale text,
    params jsonb, "subjectType" text, "subjectId" text, "districtId" text, "dedupeKey" text, "notBefore" timestamp(3))
  ON CONFLICT DO NOTHING\073

  RETURN QUERY SELECT v_outcome, waiting\073
END';
