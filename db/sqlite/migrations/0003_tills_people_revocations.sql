CREATE TABLE `revoked_tickets` (
	`ticket_id` text PRIMARY KEY NOT NULL,
	`show_id` text NOT NULL,
	`status` text NOT NULL,
	`revoked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `revoked_tickets_show_idx` ON `revoked_tickets` (`show_id`);--> statement-breakpoint
ALTER TABLE `cinemas` ADD `blind_close` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `cinemas` ADD `till_variance_limit_minor` integer DEFAULT 1000 NOT NULL;--> statement-breakpoint
ALTER TABLE `till_events` ADD `staff_id` text;--> statement-breakpoint
ALTER TABLE `till_events` ADD `approved_by` text;--> statement-breakpoint
ALTER TABLE `tills` ADD `closed_by` text;--> statement-breakpoint
ALTER TABLE `tills` ADD `variance_approved_by` text;--> statement-breakpoint
ALTER TABLE `tills` ADD `variance_note` text;