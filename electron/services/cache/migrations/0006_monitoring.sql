CREATE TABLE `device_samples` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`device_id` text NOT NULL,
	`at` integer NOT NULL,
	`reachable` integer NOT NULL,
	`rtt_ms` real,
	`uptime_ticks` integer,
	`cpu_pct` real,
	`mem_pct` real,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `device_samples_device_at` ON `device_samples` (`tenant_id`,`device_id`,`at`);--> statement-breakpoint
CREATE TABLE `interface_rollups` (
	`tenant_id` text NOT NULL,
	`device_id` text NOT NULL,
	`if_index` integer NOT NULL,
	`bucket` integer NOT NULL,
	`in_bps_avg` real NOT NULL,
	`out_bps_avg` real NOT NULL,
	`in_bps_max` real NOT NULL,
	`out_bps_max` real NOT NULL,
	`samples` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `device_id`, `if_index`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `poll_state` (
	`device_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`at` integer NOT NULL,
	`state` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `topology_positions` (
	`tenant_id` text NOT NULL,
	`device_id` text NOT NULL,
	`x` real NOT NULL,
	`y` real NOT NULL,
	`pinned` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`tenant_id`, `device_id`)
);
--> statement-breakpoint
ALTER TABLE `alarms` ADD `dedup_key` text;--> statement-breakpoint
ALTER TABLE `alarms` ADD `count` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `alarms` ADD `last_seen_at` integer;--> statement-breakpoint
CREATE INDEX `alarms_dedup` ON `alarms` (`tenant_id`,`dedup_key`);