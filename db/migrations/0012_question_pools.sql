CREATE TABLE `quiz_draws` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`revision` integer NOT NULL,
	`questions` text NOT NULL,
	`created_at` text NOT NULL,
	`answered_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `quiz_draws_user_lesson_idx` ON `quiz_draws` (`user_id`,`lesson_id`,`answered_at`);--> statement-breakpoint
ALTER TABLE `quiz_attempts` ADD `shown` text;--> statement-breakpoint
CREATE INDEX `quiz_attempts_user_time_idx` ON `quiz_attempts` (`user_id`,`attempted_at`);