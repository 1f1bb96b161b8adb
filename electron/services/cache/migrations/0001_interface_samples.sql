CREATE TABLE `interface_samples` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`device_id` text NOT NULL,
	`if_index` integer NOT NULL,
	`at` integer NOT NULL,
	`in_bps` integer NOT NULL,
	`out_bps` integer NOT NULL,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `interface_samples_iface_at` ON `interface_samples` (`tenant_id`,`device_id`,`if_index`,`at`);--> statement-breakpoint
CREATE INDEX `interface_samples_tenant_at` ON `interface_samples` (`tenant_id`,`at`);