CREATE TABLE `radius_profiles` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`name` text NOT NULL,
	`host` text NOT NULL,
	`auth_port` integer DEFAULT 1812 NOT NULL,
	`acct_port` integer DEFAULT 1813 NOT NULL,
	`coa_port` integer DEFAULT 3799 NOT NULL,
	`secret_sealed` text,
	`device_id` text,
	`nas_identifier` text DEFAULT '' NOT NULL,
	`strict` integer DEFAULT false NOT NULL,
	`timeout_ms` integer DEFAULT 3000 NOT NULL,
	`retries` integer DEFAULT 2 NOT NULL,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `radius_profiles_tenant_name` ON `radius_profiles` (`tenant_id`,`name`);--> statement-breakpoint
CREATE INDEX `radius_profiles_device` ON `radius_profiles` (`device_id`);--> statement-breakpoint
CREATE TABLE `radius_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`server` text NOT NULL,
	`user_name` text,
	`outcome` text NOT NULL,
	`code` text,
	`rtt_ms` real,
	`summary` text NOT NULL,
	`detail` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `radius_runs_tenant_at` ON `radius_runs` (`tenant_id`,`at`);