CREATE TABLE `lesson_feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`helpful` integer NOT NULL,
	`comment` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "lesson_feedback_comment_length" CHECK("lesson_feedback"."comment" is null or length("lesson_feedback"."comment") <= 500)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lesson_feedback_user_lesson_unique` ON `lesson_feedback` (`user_id`,`lesson_id`);--> statement-breakpoint
CREATE INDEX `lesson_feedback_course_lesson_idx` ON `lesson_feedback` (`course_id`,`lesson_id`);