-- Custom SQL migration file, put your code below! --
-- Split the in-place update of course_progress_summary (0006) in two, so that a visit, which changes
-- only last_activity_at, no longer names lessons_completed in its SET: SQLite rewrites an index entry
-- whenever an UPDATE sets one of its columns, and course_progress_summary_agency_course_idx (0008)
-- holds lessons_completed but not last_activity_at. Same WHEN as before; the rekey trigger is unchanged.
DROP TRIGGER `lesson_progress_summary_update`;
--> statement-breakpoint
CREATE TRIGGER `lesson_progress_summary_visit` AFTER UPDATE OF `agency_id`, `user_id`, `course_id`, `completed_at`, `last_visited_at` ON `lesson_progress`
WHEN OLD.`agency_id` = NEW.`agency_id` AND OLD.`user_id` = NEW.`user_id` AND OLD.`course_id` = NEW.`course_id` AND NEW.`last_visited_at` >= OLD.`last_visited_at`
  AND (OLD.`completed_at` IS NULL) = (NEW.`completed_at` IS NULL)
BEGIN
  UPDATE `course_progress_summary` SET `last_activity_at` = max(`last_activity_at`, NEW.`last_visited_at`)
  WHERE `agency_id` = NEW.`agency_id` AND `user_id` = NEW.`user_id` AND `course_id` = NEW.`course_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `lesson_progress_summary_complete` AFTER UPDATE OF `agency_id`, `user_id`, `course_id`, `completed_at`, `last_visited_at` ON `lesson_progress`
WHEN OLD.`agency_id` = NEW.`agency_id` AND OLD.`user_id` = NEW.`user_id` AND OLD.`course_id` = NEW.`course_id` AND NEW.`last_visited_at` >= OLD.`last_visited_at`
  AND (OLD.`completed_at` IS NULL) <> (NEW.`completed_at` IS NULL)
BEGIN
  UPDATE `course_progress_summary` SET
    `lessons_completed` = `lessons_completed` + (NEW.`completed_at` IS NOT NULL) - (OLD.`completed_at` IS NOT NULL),
    `last_activity_at` = max(`last_activity_at`, NEW.`last_visited_at`)
  WHERE `agency_id` = NEW.`agency_id` AND `user_id` = NEW.`user_id` AND `course_id` = NEW.`course_id`;
END;
