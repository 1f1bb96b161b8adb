CREATE TABLE `pon_devices` (
	`tenant_id` text NOT NULL,
	`endpoint_id` text NOT NULL,
	`id` text NOT NULL,
	`kind` text NOT NULL,
	`type` text NOT NULL,
	`parent_id` text NOT NULL,
	`parent_port_no` integer NOT NULL,
	`serial_number` text NOT NULL,
	`vendor` text NOT NULL,
	`model` text NOT NULL,
	`host_and_port` text NOT NULL,
	`admin_state` text NOT NULL,
	`oper_status` text NOT NULL,
	`connect_status` text NOT NULL,
	`reason` text NOT NULL,
	`health` integer NOT NULL,
	`seen_at` integer NOT NULL,
	`changed_at` integer NOT NULL,
	PRIMARY KEY(`endpoint_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `pon_devices_parent` ON `pon_devices` (`tenant_id`,`endpoint_id`,`parent_id`,`parent_port_no`,`health`,`serial_number`);--> statement-breakpoint
CREATE INDEX `pon_devices_health` ON `pon_devices` (`tenant_id`,`kind`,`health`,`serial_number`);--> statement-breakpoint
CREATE INDEX `pon_devices_serial` ON `pon_devices` (`tenant_id`,`serial_number`);--> statement-breakpoint
CREATE TABLE `pon_ports` (
	`tenant_id` text NOT NULL,
	`endpoint_id` text NOT NULL,
	`device_id` text NOT NULL,
	`port_no` integer NOT NULL,
	`label` text NOT NULL,
	`type` text NOT NULL,
	`admin_state` text NOT NULL,
	`oper_status` text NOT NULL,
	PRIMARY KEY(`endpoint_id`, `device_id`, `port_no`)
);
--> statement-breakpoint
CREATE TABLE `voltha_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`name` text NOT NULL,
	`address` text NOT NULL,
	`tls` integer DEFAULT false NOT NULL,
	`deadline_ms` integer DEFAULT 10000 NOT NULL,
	`poll_interval_ms` integer DEFAULT 15000 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `voltha_endpoints_tenant_name` ON `voltha_endpoints` (`tenant_id`,`name`);--> statement-breakpoint
CREATE INDEX `subscribers_tenant_onu` ON `subscribers` (`tenant_id`,`onu_serial`);