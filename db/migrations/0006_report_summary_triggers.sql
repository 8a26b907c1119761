-- Custom SQL migration file, put your code below! --
-- Triggers that keep the report summaries (db/schema.ts) equal to what they summarise, for every
-- writer of lesson_progress (progress API, demo seeding, imports, cascaded user deletions):
--   course_progress_summary = select agency_id, user_id, course_id, count(*), count(completed_at),
--     max(last_visited_at) from lesson_progress group by agency_id, user_id, course_id
--   agency_daily_completions = select agency_id, substr(completed_at, 1, 10), count(*)
--     from lesson_progress where completed_at is not null group by 1, 2
-- New rows and ordinary updates (a visit, a completion, a re-completion) adjust counts in place;
-- anything else (a delete, a moved row, a visit time going backwards) recomputes the affected
-- participant × course from its few lesson rows. Then both are filled from the rows that exist.
CREATE TRIGGER `lesson_progress_summary_insert` AFTER INSERT ON `lesson_progress`
BEGIN
  INSERT INTO `course_progress_summary` (`agency_id`, `user_id`, `course_id`, `lessons_started`, `lessons_completed`, `last_activity_at`)
  VALUES (NEW.`agency_id`, NEW.`user_id`, NEW.`course_id`, 1, NEW.`completed_at` IS NOT NULL, NEW.`last_visited_at`)
  ON CONFLICT (`agency_id`, `user_id`, `course_id`) DO UPDATE SET
    `lessons_started` = `lessons_started` + 1,
    `lessons_completed` = `lessons_completed` + excluded.`lessons_completed`,
    `last_activity_at` = max(`last_activity_at`, excluded.`last_activity_at`);
END;
--> statement-breakpoint
CREATE TRIGGER `lesson_progress_summary_update` AFTER UPDATE OF `agency_id`, `user_id`, `course_id`, `completed_at`, `last_visited_at` ON `lesson_progress`
WHEN OLD.`agency_id` = NEW.`agency_id` AND OLD.`user_id` = NEW.`user_id` AND OLD.`course_id` = NEW.`course_id` AND NEW.`last_visited_at` >= OLD.`last_visited_at`
BEGIN
  UPDATE `course_progress_summary` SET
    `lessons_completed` = `lessons_completed` + (NEW.`completed_at` IS NOT NULL) - (OLD.`completed_at` IS NOT NULL),
    `last_activity_at` = max(`last_activity_at`, NEW.`last_visited_at`)
  WHERE `agency_id` = NEW.`agency_id` AND `user_id` = NEW.`user_id` AND `course_id` = NEW.`course_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `lesson_progress_summary_rekey` AFTER UPDATE OF `agency_id`, `user_id`, `course_id`, `completed_at`, `last_visited_at` ON `lesson_progress`
WHEN NOT (OLD.`agency_id` = NEW.`agency_id` AND OLD.`user_id` = NEW.`user_id` AND OLD.`course_id` = NEW.`course_id` AND NEW.`last_visited_at` >= OLD.`last_visited_at`)
BEGIN
  DELETE FROM `course_progress_summary` WHERE `agency_id` = OLD.`agency_id` AND `user_id` = OLD.`user_id` AND `course_id` = OLD.`course_id`;
  INSERT INTO `course_progress_summary` (`agency_id`, `user_id`, `course_id`, `lessons_started`, `lessons_completed`, `last_activity_at`)
  SELECT `agency_id`, `user_id`, `course_id`, count(*), count(`completed_at`), max(`last_visited_at`) FROM `lesson_progress`
  WHERE `agency_id` = OLD.`agency_id` AND `user_id` = OLD.`user_id` AND `course_id` = OLD.`course_id`
  GROUP BY `agency_id`, `user_id`, `course_id`;
  DELETE FROM `course_progress_summary` WHERE `agency_id` = NEW.`agency_id` AND `user_id` = NEW.`user_id` AND `course_id` = NEW.`course_id`
    AND NOT (OLD.`agency_id` = NEW.`agency_id` AND OLD.`user_id` = NEW.`user_id` AND OLD.`course_id` = NEW.`course_id`);
  INSERT INTO `course_progress_summary` (`agency_id`, `user_id`, `course_id`, `lessons_started`, `lessons_completed`, `last_activity_at`)
  SELECT `agency_id`, `user_id`, `course_id`, count(*), count(`completed_at`), max(`last_visited_at`) FROM `lesson_progress`
  WHERE `agency_id` = NEW.`agency_id` AND `user_id` = NEW.`user_id` AND `course_id` = NEW.`course_id`
    AND NOT (OLD.`agency_id` = NEW.`agency_id` AND OLD.`user_id` = NEW.`user_id` AND OLD.`course_id` = NEW.`course_id`)
  GROUP BY `agency_id`, `user_id`, `course_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `lesson_progress_summary_delete` AFTER DELETE ON `lesson_progress`
BEGIN
  DELETE FROM `course_progress_summary` WHERE `agency_id` = OLD.`agency_id` AND `user_id` = OLD.`user_id` AND `course_id` = OLD.`course_id`;
  INSERT INTO `course_progress_summary` (`agency_id`, `user_id`, `course_id`, `lessons_started`, `lessons_completed`, `last_activity_at`)
  SELECT `agency_id`, `user_id`, `course_id`, count(*), count(`completed_at`), max(`last_visited_at`) FROM `lesson_progress`
  WHERE `agency_id` = OLD.`agency_id` AND `user_id` = OLD.`user_id` AND `course_id` = OLD.`course_id`
  GROUP BY `agency_id`, `user_id`, `course_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `lesson_progress_daily_insert` AFTER INSERT ON `lesson_progress`
WHEN NEW.`completed_at` IS NOT NULL
BEGIN
  INSERT INTO `agency_daily_completions` (`agency_id`, `day`, `completions`)
  VALUES (NEW.`agency_id`, substr(NEW.`completed_at`, 1, 10), 1)
  ON CONFLICT (`agency_id`, `day`) DO UPDATE SET `completions` = `completions` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lesson_progress_daily_update` AFTER UPDATE OF `agency_id`, `completed_at` ON `lesson_progress`
WHEN OLD.`completed_at` IS NOT NEW.`completed_at` OR OLD.`agency_id` <> NEW.`agency_id`
BEGIN
  UPDATE `agency_daily_completions` SET `completions` = `completions` - 1
  WHERE OLD.`completed_at` IS NOT NULL AND `agency_id` = OLD.`agency_id` AND `day` = substr(OLD.`completed_at`, 1, 10);
  DELETE FROM `agency_daily_completions`
  WHERE `agency_id` = OLD.`agency_id` AND `day` = substr(OLD.`completed_at`, 1, 10) AND `completions` <= 0;
  INSERT INTO `agency_daily_completions` (`agency_id`, `day`, `completions`)
  SELECT NEW.`agency_id`, substr(NEW.`completed_at`, 1, 10), 1 WHERE NEW.`completed_at` IS NOT NULL
  ON CONFLICT (`agency_id`, `day`) DO UPDATE SET `completions` = `completions` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `lesson_progress_daily_delete` AFTER DELETE ON `lesson_progress`
WHEN OLD.`completed_at` IS NOT NULL
BEGIN
  UPDATE `agency_daily_completions` SET `completions` = `completions` - 1
  WHERE `agency_id` = OLD.`agency_id` AND `day` = substr(OLD.`completed_at`, 1, 10);
  DELETE FROM `agency_daily_completions`
  WHERE `agency_id` = OLD.`agency_id` AND `day` = substr(OLD.`completed_at`, 1, 10) AND `completions` <= 0;
END;
--> statement-breakpoint
-- Backfill: existing databases get the summaries of the rows they already have.
DELETE FROM `course_progress_summary`;
--> statement-breakpoint
DELETE FROM `agency_daily_completions`;
--> statement-breakpoint
INSERT INTO `course_progress_summary` (`agency_id`, `user_id`, `course_id`, `lessons_started`, `lessons_completed`, `last_activity_at`)
SELECT `agency_id`, `user_id`, `course_id`, count(*), count(`completed_at`), max(`last_visited_at`) FROM `lesson_progress`
GROUP BY `agency_id`, `user_id`, `course_id`;
--> statement-breakpoint
INSERT INTO `agency_daily_completions` (`agency_id`, `day`, `completions`)
SELECT `agency_id`, substr(`completed_at`, 1, 10), count(*) FROM `lesson_progress`
WHERE `completed_at` IS NOT NULL
GROUP BY `agency_id`, substr(`completed_at`, 1, 10);
