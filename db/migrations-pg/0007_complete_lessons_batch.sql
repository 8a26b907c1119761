-- Custom SQL migration file, put your code below! --
-- complete_lessons(items): "Markera som klar" for a batch of completions in ONE statement, the
-- PostgreSQL path of completeLesson (src/lib/progress/completion-batch.ts). Per completion the
-- request used to make about eight round trips (begin, quiz check, upsert, certificate, lessons done,
-- state, commit) and bench:progress reached about 250 completions/s; the completions arriving in
-- one turn of the event loop now run here, in one implicit transaction and one commit.
-- It does for the batch what completeInTx/notCompleted in src/lib/progress/progress.ts do per item:
--   passed        = not has_quiz, or a passed attempt on this revision
--   one upsert    = passed: the idempotent completion; not passed: the lesson counts as started (an
--                   existing row stays as it is)
--   certificates  = made (with the code passed in) where every lesson in lesson_ids has a completed
--                   row of this user and course, and none exists yet; when several items of the batch
--                   name that course, the last one's time and code (a batch spans milliseconds)
-- and returns each item's lesson_progress row and, for a passed item, the certificate code; the state
-- is derived from the row in TypeScript (lessonState).
-- Held back: an item whose person already has a completion of the course is not written here; it comes
-- back with held_back = true and runs the full path in TypeScript (completeLesson), where the renewal
-- rules of recurring required courses apply (earlier work may no longer count, a renewal replaces the
-- completion). First completions, the usual case, stay in the batch.
-- Locks: ONE multi-row upsert locks every lesson_progress row of the batch, in (user_id, lesson_id)
-- order, before the row trigger locks any course_progress_summary row (AFTER ROW triggers fire at the
-- end of the statement), so the batch takes its locks in the same order as a single visit or completion
-- (lesson row, then summary row) and as another process's batch. An item repeating a (user, lesson) of
-- the same batch runs in a later round (ON CONFLICT cannot update one row twice in a statement).
-- Every lookup is a scalar subquery or a LATERAL … LIMIT 1 (never flattened into a join): the planner
-- estimates jsonb_to_recordset at 100 rows and, before the first ANALYZE of a new database, chose a hash
-- join over a full scan of lesson_progress, a cost that grew with the table (bench:progress). These
-- stay one index probe per item. Variables are named unlike any table column (no plpgsql name clashes).
CREATE FUNCTION complete_lessons(items jsonb)
RETURNS TABLE (ord integer, started text, completed text, done_revision integer, certificate text, held_back boolean)
LANGUAGE plpgsql AS $$
DECLARE
  passed_ns integer[];
  last_round integer;
  held_ns integer[];
BEGIN
  SELECT coalesce(array_agg(x.n), '{}') INTO held_ns
  FROM jsonb_to_recordset(items) AS x(n integer, user_id integer, course_id text)
  WHERE EXISTS (SELECT 1 FROM course_completions c WHERE c.user_id = x.user_id AND c.course_id = x.course_id);
  IF cardinality(held_ns) > 0 THEN
    SELECT coalesce(jsonb_agg(e.value), '[]'::jsonb) INTO items
    FROM jsonb_array_elements(items) AS e WHERE NOT ((e.value ->> 'n')::integer = ANY (held_ns));
  END IF;

  SELECT coalesce(array_agg(x.n), '{}') INTO passed_ns
  FROM jsonb_to_recordset(items) AS x(n integer, user_id integer, lesson_id text, revision integer, has_quiz boolean)
  WHERE NOT x.has_quiz OR EXISTS (
    SELECT 1 FROM quiz_attempts q
    WHERE q.user_id = x.user_id AND q.lesson_id = x.lesson_id AND q.revision = x.revision AND q.passed
  );
  SELECT max(t.r) INTO last_round FROM (
    SELECT row_number() OVER (PARTITION BY x.user_id, x.lesson_id ORDER BY x.n) AS r
    FROM jsonb_to_recordset(items) AS x(n integer, user_id integer, lesson_id text)
  ) t;

  FOR round IN 1..coalesce(last_round, 0) LOOP
    INSERT INTO lesson_progress AS p (user_id, agency_id, course_id, lesson_id, started_at, last_visited_at,
      completed_at, completed_revision)
    SELECT x.user_id, x.agency_id, x.course_id, x.lesson_id, x.at, x.at,
      CASE WHEN x.n = ANY (passed_ns) THEN x.at END, CASE WHEN x.n = ANY (passed_ns) THEN x.revision END
    FROM (
      SELECT y.*, row_number() OVER (PARTITION BY y.user_id, y.lesson_id ORDER BY y.n) AS r
      FROM jsonb_to_recordset(items) AS y(n integer, user_id integer, agency_id integer, course_id text,
        lesson_id text, revision integer, at text)
    ) x
    WHERE x.r = round
    ORDER BY x.user_id, x.lesson_id
    ON CONFLICT (user_id, lesson_id) DO UPDATE SET
      completed_at = CASE WHEN p.completed_revision >= excluded.completed_revision THEN p.completed_at
        ELSE excluded.completed_at END,
      completed_revision = greatest(coalesce(p.completed_revision, 0), excluded.completed_revision),
      last_visited_at = excluded.last_visited_at
    WHERE excluded.completed_at IS NOT NULL;
  END LOOP;

  INSERT INTO course_completions (user_id, agency_id, course_id, course_revision, completed_at, certificate_code)
  SELECT DISTINCT ON (x.user_id, x.course_id) x.user_id, x.agency_id, x.course_id, x.course_revision, x.at, x.code
  FROM jsonb_to_recordset(items) AS x(n integer, user_id integer, agency_id integer, course_id text, lesson_ids text[],
    course_revision integer, at text, code text)
  WHERE x.n = ANY (passed_ns) AND cardinality(x.lesson_ids) > 0
    AND (SELECT c.certificate_code FROM course_completions c
         WHERE c.user_id = x.user_id AND c.course_id = x.course_id) IS NULL
    AND (SELECT count(*) FROM lesson_progress d
         WHERE d.user_id = x.user_id AND d.course_id = x.course_id AND d.completed_at IS NOT NULL
           AND d.lesson_id = ANY (x.lesson_ids)) = cardinality(ARRAY(SELECT DISTINCT unnest(x.lesson_ids)))
  ORDER BY x.user_id, x.course_id, x.n DESC
  ON CONFLICT (user_id, course_id) DO NOTHING;

  RETURN QUERY
  SELECT h, NULL::text, NULL::text, NULL::integer, NULL::text, true FROM unnest(held_ns) AS h;
  RETURN QUERY
  SELECT x.n, p.started_at, p.completed_at, p.completed_revision,
    CASE WHEN x.n = ANY (passed_ns) THEN (
      SELECT c.certificate_code FROM course_completions c WHERE c.user_id = x.user_id AND c.course_id = x.course_id
    ) END, false
  FROM jsonb_to_recordset(items) AS x(n integer, user_id integer, course_id text, lesson_id text)
  CROSS JOIN LATERAL (
    SELECT d.started_at, d.completed_at, d.completed_revision FROM lesson_progress d
    WHERE d.user_id = x.user_id AND d.lesson_id = x.lesson_id LIMIT 1
  ) p;
END;
$$;
