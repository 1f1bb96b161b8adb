CREATE TABLE `sync_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`mine` text NOT NULL,
	`theirs` text NOT NULL,
	`theirs_by` text,
	`winner` text NOT NULL,
	`policy` text NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	`resolution` text
);
--> statement-breakpoint
CREATE INDEX `sync_conflicts_open` ON `sync_conflicts` (`tenant_id`,`resolved_at`,`created_at`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `status` text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `review_code` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `review_message` text;--> statement-breakpoint
CREATE INDEX `outbox_status_seq` ON `outbox` (`status`,`seq`);--> statement-breakpoint
CREATE INDEX `outbox_row` ON `outbox` (`table_name`,`row_id`);