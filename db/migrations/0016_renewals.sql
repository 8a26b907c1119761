CREATE TABLE `earlier_completions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`course_id` text NOT NULL,
	`course_revision` integer NOT NULL,
	`completed_at` text NOT NULL,
	`certificate_code` text NOT NULL,
	`replaced_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `earlier_completions_code_unique` ON `earlier_completions` (`certificate_code`);--> statement-breakpoint
CREATE INDEX `earlier_completions_user_course_idx` ON `earlier_completions` (`user_id`,`course_id`,`completed_at`);