CREATE TABLE `order_collections` (
	`order_id` text PRIMARY KEY NOT NULL,
	`collection_id` text NOT NULL,
	`station_id` text NOT NULL,
	`staff_id` text,
	`collected_at` integer NOT NULL,
	`kiosk` integer DEFAULT false NOT NULL
);
