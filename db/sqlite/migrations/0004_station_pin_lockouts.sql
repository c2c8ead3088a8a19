CREATE TABLE `station_pin_lockouts` (
	`staff_id` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
-- Hand-written: a replica holds only its own cinema's cashiers and managers from now on. Rows an
-- older snapshot sent (chain admins, staff of no cinema) go, and the cursor is forgotten so the next
-- connection fetches a snapshot with the staff posted here (and drops everyone else).
DELETE FROM `staff` WHERE `role` NOT IN ('cashier', 'manager') OR `cinema_id` IS NULL;
--> statement-breakpoint
UPDATE `sync_state` SET `value` = '0' WHERE `key` = 'cursor';
