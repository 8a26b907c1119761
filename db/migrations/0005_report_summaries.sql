CREATE TABLE `agency_daily_completions` (
	`agency_id` integer NOT NULL,
	`day` text NOT NULL,
	`completions` integer NOT NULL,
	PRIMARY KEY(`agency_id`, `day`)
);
--> statement-breakpoint
CREATE TABLE `course_progress_summary` (
	`agency_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`lessons_started` integer NOT NULL,
	`lessons_completed` integer NOT NULL,
	`last_activity_at` text NOT NULL,
	PRIMARY KEY(`agency_id`, `user_id`, `course_id`)
);
--> statement-breakpoint
DROP INDEX `lesson_progress_agency_completed_idx`;--> statement-breakpoint
DROP INDEX `lesson_progress_agency_course_idx`;--> statement-breakpoint
CREATE INDEX `lesson_progress_agency_user_completed_idx` ON `lesson_progress` (`agency_id`,`user_id`,`completed_at`);--> statement-breakpoint
CREATE INDEX `lesson_progress_agency_course_idx` ON `lesson_progress` (`agency_id`,`course_id`,`lesson_id`,`completed_revision`,`user_id`,`completed_at`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_agency_course_idx` ON `quiz_attempts` (`agency_id`,`course_id`,`lesson_id`);