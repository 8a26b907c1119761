CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agency_id` integer NOT NULL,
	`target_type` text NOT NULL,
	`target_team_id` integer,
	`target_user_id` integer,
	`course_ids` text NOT NULL,
	`due_date` text NOT NULL,
	`recurrence_months` integer,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`target_team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`target_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "assignments_target_valid" CHECK(("assignments"."target_type" = 'agency' and "assignments"."target_team_id" is null and "assignments"."target_user_id" is null)
        or ("assignments"."target_type" = 'team' and "assignments"."target_team_id" is not null and "assignments"."target_user_id" is null)
        or ("assignments"."target_type" = 'person' and "assignments"."target_user_id" is not null and "assignments"."target_team_id" is null)),
	CONSTRAINT "assignments_courses_json" CHECK(json_valid("assignments"."course_ids") and json_array_length("assignments"."course_ids") > 0),
	CONSTRAINT "assignments_recurrence_valid" CHECK("assignments"."recurrence_months" is null or "assignments"."recurrence_months" between 1 and 120)
);
--> statement-breakpoint
CREATE INDEX `assignments_agency_idx` ON `assignments` (`agency_id`);--> statement-breakpoint
CREATE INDEX `assignments_team_idx` ON `assignments` (`target_team_id`);--> statement-breakpoint
CREATE INDEX `assignments_user_idx` ON `assignments` (`target_user_id`);--> statement-breakpoint
CREATE TABLE `job_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text,
	`lease_until` text NOT NULL,
	`next_run_at` text NOT NULL,
	`last_run_at` text,
	`last_result` text
);
--> statement-breakpoint
CREATE TABLE `reminder_settings` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`optional_off` integer DEFAULT false NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
