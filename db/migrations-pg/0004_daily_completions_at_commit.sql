-- Custom SQL migration file, put your code below! --
-- agency_daily_completions at commit: the per-(agency, day) counter row is one hot row that every
-- completion of an agency's day updates. Kept by the row trigger, its lock was held from the lesson
-- upsert through every later statement of the transaction (each a round trip to the app) until
-- commit, so an agency's completions ran one at a time (bench:progress: about 100/s). Now a
-- deferred constraint trigger applies the same increments at COMMIT, inside the server, so the
-- lock is held only for the commit itself. The row trigger keeps course_progress_summary (one row
-- per participant and course, no contention between participants); both sums stay increments.
CREATE OR REPLACE FUNCTION lesson_progress_summaries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved boolean := TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.agency_id <> NEW.agency_id
    OR OLD.user_id <> NEW.user_id OR OLD.course_id <> NEW.course_id));
  old_done integer := 0;
  new_done integer := 0;
BEGIN
  IF TG_OP <> 'INSERT' THEN old_done := (OLD.completed_at IS NOT NULL)::integer; END IF;
  IF TG_OP <> 'DELETE' THEN new_done := (NEW.completed_at IS NOT NULL)::integer; END IF;

  -- course_progress_summary: take the old row out of its pair …
  IF moved THEN
    UPDATE course_progress_summary SET lessons_started = lessons_started - 1,
      lessons_completed = lessons_completed - old_done
    WHERE agency_id = OLD.agency_id AND user_id = OLD.user_id AND course_id = OLD.course_id;
    DELETE FROM course_progress_summary
    WHERE agency_id = OLD.agency_id AND user_id = OLD.user_id AND course_id = OLD.course_id AND lessons_started <= 0;
    UPDATE course_progress_summary s SET last_activity_at = m.at
    FROM (SELECT max(last_visited_at) AS at FROM lesson_progress
          WHERE agency_id = OLD.agency_id AND user_id = OLD.user_id AND course_id = OLD.course_id) m
    WHERE s.agency_id = OLD.agency_id AND s.user_id = OLD.user_id AND s.course_id = OLD.course_id AND m.at IS NOT NULL;
  END IF;
  -- … and put the new row into its pair.
  IF TG_OP = 'INSERT' OR (moved AND TG_OP = 'UPDATE') THEN
    INSERT INTO course_progress_summary AS s (agency_id, user_id, course_id, lessons_started, lessons_completed, last_activity_at)
    VALUES (NEW.agency_id, NEW.user_id, NEW.course_id, 1, new_done, NEW.last_visited_at)
    ON CONFLICT (agency_id, user_id, course_id) DO UPDATE SET
      lessons_started = s.lessons_started + 1,
      lessons_completed = s.lessons_completed + excluded.lessons_completed,
      last_activity_at = greatest(s.last_activity_at, excluded.last_activity_at);
  ELSIF TG_OP = 'UPDATE' THEN
    IF NEW.last_visited_at >= OLD.last_visited_at THEN
      IF new_done <> old_done THEN
        UPDATE course_progress_summary SET lessons_completed = lessons_completed + new_done - old_done,
          last_activity_at = greatest(last_activity_at, NEW.last_visited_at)
        WHERE agency_id = NEW.agency_id AND user_id = NEW.user_id AND course_id = NEW.course_id;
      ELSIF NEW.last_visited_at > OLD.last_visited_at THEN
        UPDATE course_progress_summary SET last_activity_at = greatest(last_activity_at, NEW.last_visited_at)
        WHERE agency_id = NEW.agency_id AND user_id = NEW.user_id AND course_id = NEW.course_id;
      END IF;
    ELSE
      UPDATE course_progress_summary SET lessons_completed = lessons_completed + new_done - old_done
      WHERE agency_id = NEW.agency_id AND user_id = NEW.user_id AND course_id = NEW.course_id;
      UPDATE course_progress_summary s SET last_activity_at = m.at
      FROM (SELECT max(last_visited_at) AS at FROM lesson_progress
            WHERE agency_id = NEW.agency_id AND user_id = NEW.user_id AND course_id = NEW.course_id) m
      WHERE s.agency_id = NEW.agency_id AND s.user_id = NEW.user_id AND s.course_id = NEW.course_id;
    END IF;
  END IF;

  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION lesson_progress_daily() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_done integer := 0;
  new_done integer := 0;
BEGIN
  IF TG_OP <> 'INSERT' THEN old_done := (OLD.completed_at IS NOT NULL)::integer; END IF;
  IF TG_OP <> 'DELETE' THEN new_done := (NEW.completed_at IS NOT NULL)::integer; END IF;
  -- agency_daily_completions: a completion moves its count when its time or agency changes.
  IF TG_OP = 'UPDATE' AND OLD.completed_at IS NOT DISTINCT FROM NEW.completed_at AND OLD.agency_id = NEW.agency_id THEN
    RETURN NULL;
  END IF;
  -- A moved completion touches two day rows: lock them in key order, so two moves never deadlock.
  IF old_done = 1 AND new_done = 1 THEN
    PERFORM 1 FROM agency_daily_completions
    WHERE (agency_id, day) IN ((OLD.agency_id, substr(OLD.completed_at, 1, 10)), (NEW.agency_id, substr(NEW.completed_at, 1, 10)))
    ORDER BY agency_id, day FOR UPDATE;
  END IF;
  IF old_done = 1 THEN
    UPDATE agency_daily_completions SET completions = completions - 1
    WHERE agency_id = OLD.agency_id AND day = substr(OLD.completed_at, 1, 10);
    DELETE FROM agency_daily_completions
    WHERE agency_id = OLD.agency_id AND day = substr(OLD.completed_at, 1, 10) AND completions <= 0;
  END IF;
  IF new_done = 1 THEN
    INSERT INTO agency_daily_completions AS d (agency_id, day, completions)
    VALUES (NEW.agency_id, substr(NEW.completed_at, 1, 10), 1)
    ON CONFLICT (agency_id, day) DO UPDATE SET completions = d.completions + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER lesson_progress_daily
AFTER INSERT OR DELETE OR UPDATE OF agency_id, completed_at ON lesson_progress
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION lesson_progress_daily();
