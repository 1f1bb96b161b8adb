CREATE TABLE `accounting_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`subscriber_id` text,
	`nas_device_id` text,
	`username` text NOT NULL,
	`acct_session_id` text NOT NULL,
	`framed_ip` text,
	`started_at` integer NOT NULL,
	`stopped_at` integer,
	`input_octets` integer DEFAULT 0 NOT NULL,
	`output_octets` integer DEFAULT 0 NOT NULL,
	`input_packets` integer DEFAULT 0 NOT NULL,
	`output_packets` integer DEFAULT 0 NOT NULL,
	`terminate_cause` text,
	`source` text DEFAULT 'demo' NOT NULL,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`nas_device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `acct_tenant_started` ON `accounting_sessions` (`tenant_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `acct_subscriber` ON `accounting_sessions` (`subscriber_id`);--> statement-breakpoint
CREATE TABLE `alarms` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`device_id` text,
	`severity` text NOT NULL,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`source` text NOT NULL,
	`raised_at` integer NOT NULL,
	`acked_at` integer,
	`acked_by` text,
	`ack_note` text,
	`cleared_at` integer,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `alarms_tenant_raised` ON `alarms` (`tenant_id`,`raised_at`);--> statement-breakpoint
CREATE INDEX `alarms_device` ON `alarms` (`device_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`details` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_tenant_at` ON `audit_log` (`tenant_id`,`at`);--> statement-breakpoint
CREATE TABLE `credential_profiles` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`username` text,
	`params` text DEFAULT '{}' NOT NULL,
	`secret_sealed` text
);
--> statement-breakpoint
CREATE INDEX `credential_profiles_tenant_name` ON `credential_profiles` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `devices` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`site_id` text,
	`name` text NOT NULL,
	`vendor` text DEFAULT '' NOT NULL,
	`model` text DEFAULT '' NOT NULL,
	`role` text DEFAULT 'other' NOT NULL,
	`mgmt_address` text NOT NULL,
	`snmp_profile_id` text,
	`ssh_profile_id` text,
	`status` text DEFAULT 'unknown' NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`serial` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`snmp_profile_id`) REFERENCES `credential_profiles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ssh_profile_id`) REFERENCES `credential_profiles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `devices_tenant_name` ON `devices` (`tenant_id`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `devices_tenant_addr` ON `devices` (`tenant_id`,`mgmt_address`,`id`);--> statement-breakpoint
CREATE INDEX `devices_tenant_vendor` ON `devices` (`tenant_id`,`vendor`,`id`);--> statement-breakpoint
CREATE INDEX `devices_tenant_role` ON `devices` (`tenant_id`,`role`,`id`);--> statement-breakpoint
CREATE INDEX `devices_tenant_status` ON `devices` (`tenant_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `devices_tenant_updated` ON `devices` (`tenant_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `devices_site` ON `devices` (`site_id`);--> statement-breakpoint
CREATE TABLE `interfaces` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`device_id` text NOT NULL,
	`if_index` integer NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`speed_bps` integer,
	`mac` text,
	`admin_status` text DEFAULT 'up' NOT NULL,
	`oper_status` text DEFAULT 'unknown' NOT NULL,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `interfaces_device_ifindex` ON `interfaces` (`device_id`,`if_index`);--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`subscriber_id` text NOT NULL,
	`number` text NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`issued_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	`tax_minor` integer NOT NULL,
	`total_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invoices_tenant_issued` ON `invoices` (`tenant_id`,`issued_at`);--> statement-breakpoint
CREATE INDEX `invoices_subscriber` ON `invoices` (`subscriber_id`);--> statement-breakpoint
CREATE TABLE `links` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`a_device_id` text NOT NULL,
	`a_interface` text DEFAULT '' NOT NULL,
	`b_device_id` text NOT NULL,
	`b_interface` text DEFAULT '' NOT NULL,
	`kind` text DEFAULT 'ethernet' NOT NULL,
	`source` text DEFAULT 'manual' NOT NULL,
	FOREIGN KEY (`a_device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`b_device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `links_a` ON `links` (`a_device_id`);--> statement-breakpoint
CREATE INDEX `links_b` ON `links` (`b_device_id`);--> statement-breakpoint
CREATE INDEX `links_tenant` ON `links` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mutation_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`op` text NOT NULL,
	`base_version` integer NOT NULL,
	`patch` text NOT NULL,
	`created_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_mutation` ON `outbox` (`mutation_id`);--> statement-breakpoint
CREATE INDEX `outbox_tenant_seq` ON `outbox` (`tenant_id`,`seq`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`subscriber_id` text NOT NULL,
	`invoice_id` text,
	`received_at` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`method` text NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payments_tenant_received` ON `payments` (`tenant_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `payments_invoice` ON `payments` (`invoice_id`);--> statement-breakpoint
CREATE TABLE `service_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`download_kbps` integer NOT NULL,
	`upload_kbps` integer NOT NULL,
	`price_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`quota_gb` integer
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`name` text NOT NULL,
	`code` text NOT NULL,
	`region` text DEFAULT '' NOT NULL,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`latitude` real,
	`longitude` real
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_tenant_code` ON `sites` (`tenant_id`,`code`);--> statement-breakpoint
CREATE TABLE `subscribers` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`account_no` text NOT NULL,
	`name` text NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`site_id` text,
	`plan_id` text,
	`status` text NOT NULL,
	`radius_username` text NOT NULL,
	`onu_serial` text,
	`access_device_id` text,
	`activated_at` integer NOT NULL,
	`churned_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `service_plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`access_device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_tenant_account` ON `subscribers` (`tenant_id`,`account_no`);--> statement-breakpoint
CREATE INDEX `subscribers_tenant_name` ON `subscribers` (`tenant_id`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `subscribers_plan` ON `subscribers` (`plan_id`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`currency` text DEFAULT 'USD' NOT NULL,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL
);
