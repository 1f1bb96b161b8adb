CREATE TABLE `ssh_known_hosts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`host` text NOT NULL,
	`port` integer NOT NULL,
	`key_type` text NOT NULL,
	`fingerprint` text NOT NULL,
	`key_base64` text NOT NULL,
	`first_seen` integer NOT NULL,
	`last_seen` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ssh_known_hosts_tenant_host` ON `ssh_known_hosts` (`tenant_id`,`host`,`port`,`key_type`);