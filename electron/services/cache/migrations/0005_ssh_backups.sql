CREATE TABLE `config_backups` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`device_id` text NOT NULL,
	`taken_at` integer NOT NULL,
	`command` text NOT NULL,
	`content` text NOT NULL,
	`sha256` text NOT NULL,
	`bytes` integer NOT NULL,
	`lines` integer NOT NULL,
	`previous_id` text,
	`changed` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `config_backups_device_taken` ON `config_backups` (`tenant_id`,`device_id`,`taken_at`);--> statement-breakpoint
CREATE TABLE `config_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`name` text NOT NULL,
	`vendor` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `config_templates_tenant_name` ON `config_templates` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `ssh_run_results` (
	`run_id` text NOT NULL,
	`device_id` text NOT NULL,
	`device_name` text NOT NULL,
	`state` text NOT NULL,
	`exit_code` integer,
	`stdout` text DEFAULT '' NOT NULL,
	`stderr` text DEFAULT '' NOT NULL,
	`error` text,
	`duration_ms` real,
	PRIMARY KEY(`run_id`, `device_id`),
	FOREIGN KEY (`run_id`) REFERENCES `ssh_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ssh_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`command` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`concurrency` integer NOT NULL,
	`stop_on_error` integer NOT NULL,
	`state` text NOT NULL,
	`total` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ssh_runs_tenant_started` ON `ssh_runs` (`tenant_id`,`started_at`);