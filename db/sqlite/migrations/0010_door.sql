CREATE TABLE `admissions` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`show_id` text NOT NULL,
	`door` text NOT NULL,
	`admitted_at` integer NOT NULL,
	`station_id` text NOT NULL,
	`conflict_door` text,
	`conflict_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `admissions_ticket_uq` ON `admissions` (`ticket_id`);--> statement-breakpoint
CREATE INDEX `admissions_show_idx` ON `admissions` (`show_id`);--> statement-breakpoint
CREATE TABLE `door_scans` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`result` text NOT NULL,
	`ticket_id` text,
	`show_id` text,
	`message` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `door_scans_at_idx` ON `door_scans` (`at`);