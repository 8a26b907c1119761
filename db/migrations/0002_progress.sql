CREATE TABLE `course_completions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`course_revision` integer NOT NULL,
	`completed_at` text NOT NULL,
	`certificate_code` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_completions_user_course_unique` ON `course_completions` (`user_id`,`course_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `course_completions_code_unique` ON `course_completions` (`certificate_code`);--> statement-breakpoint
CREATE INDEX `course_completions_agency_course_idx` ON `course_completions` (`agency_id`,`course_id`);--> statement-breakpoint
CREATE TABLE `lesson_progress` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`started_at` text NOT NULL,
	`last_visited_at` text NOT NULL,
	`completed_at` text,
	`completed_revision` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lesson_progress_user_lesson_unique` ON `lesson_progress` (`user_id`,`lesson_id`);--> statement-breakpoint
CREATE INDEX `lesson_progress_user_course_idx` ON `lesson_progress` (`user_id`,`course_id`);--> statement-breakpoint
CREATE INDEX `lesson_progress_agency_course_idx` ON `lesson_progress` (`agency_id`,`course_id`,`lesson_id`);--> statement-breakpoint
CREATE INDEX `lesson_progress_course_lesson_idx` ON `lesson_progress` (`course_id`,`lesson_id`);--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`revision` integer NOT NULL,
	`attempted_at` text NOT NULL,
	`answers` text NOT NULL,
	`right` integer NOT NULL,
	`total` integer NOT NULL,
	`passed` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `quiz_attempts_user_lesson_idx` ON `quiz_attempts` (`user_id`,`lesson_id`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_course_lesson_idx` ON `quiz_attempts` (`course_id`,`lesson_id`);