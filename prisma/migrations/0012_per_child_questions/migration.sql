-- Registration questions asked once per child (decision 020): a question in "Event".questions may carry
-- "perChild": true, and its answers are then a list, one per child who comes (none when no child does). No column
-- changes. The seeded example activities ask a child's age or grade, so those two questions become per-child here
-- (as in seeds/events.ts). Questions staff wrote stay as they are until staff tick 每个孩子分别回答.
UPDATE "Event" SET questions = (
    SELECT jsonb_agg(CASE WHEN item.q->>'key' IN ('childAge', 'grade') THEN item.q || '{"perChild": true}'::jsonb ELSE item.q END ORDER BY item.n)
    FROM jsonb_array_elements(questions) WITH ORDINALITY AS item(q, n)
  )
  WHERE "isExample" AND jsonb_typeof(questions) = 'array'
    AND EXISTS (SELECT 1 FROM jsonb_array_elements(questions) AS old(q) WHERE old.q->>'key' IN ('childAge', 'grade'))
