CREATE TABLE `cinemas` (
	`id` text PRIMARY KEY NOT NULL,
	`chain_id` text NOT NULL,
	`city_id` text NOT NULL,
	`name` text NOT NULL,
	`address` text NOT NULL,
	`time_zone` text NOT NULL,
	`currency` text NOT NULL,
	`locale` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `concession_items` (
	`id` text PRIMARY KEY NOT NULL,
	`cinema_id` text NOT NULL,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`price_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`combo_of` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `discounts` (
	`id` text PRIMARY KEY NOT NULL,
	`chain_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`value` integer NOT NULL,
	`currency` text,
	`valid_from` integer,
	`valid_to` integer,
	`max_uses` integer,
	`uses` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `formats` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`multiplier_bp` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `layout_rows` (
	`id` text PRIMARY KEY NOT NULL,
	`layout_id` text NOT NULL,
	`label` text NOT NULL,
	`sort_order` integer NOT NULL,
	`y` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `movies` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`synopsis` text NOT NULL,
	`genres` text NOT NULL,
	`languages` text NOT NULL,
	`certification` text NOT NULL,
	`cast` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`rating_tenths` integer,
	`release_date` text NOT NULL,
	`close_date` text,
	`poster_url` text
);
--> statement-breakpoint
CREATE TABLE `order_items` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`concession_item_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_minor` integer NOT NULL,
	`tax_minor` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`cinema_id` text NOT NULL,
	`show_id` text,
	`channel` text NOT NULL,
	`station_id` text,
	`staff_id` text,
	`sale_number` integer,
	`status` text NOT NULL,
	`currency` text NOT NULL,
	`subtotal_minor` integer NOT NULL,
	`discount_minor` integer DEFAULT 0 NOT NULL,
	`tax_minor` integer NOT NULL,
	`total_minor` integer NOT NULL,
	`discount_code` text,
	`training` integer DEFAULT false NOT NULL,
	`offline` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	`offline` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_id_unique` ON `outbox` (`id`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`tender` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`reference` text,
	`provider` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `print_jobs` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`reprint` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`printed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `print_jobs_id_unique` ON `print_jobs` (`id`);--> statement-breakpoint
CREATE TABLE `review_items` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`code` text NOT NULL,
	`message` text NOT NULL,
	`created_at` integer NOT NULL,
	`rejected_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by` text,
	`resolution` text
);
--> statement-breakpoint
CREATE TABLE `screens` (
	`id` text PRIMARY KEY NOT NULL,
	`cinema_id` text NOT NULL,
	`name` text NOT NULL,
	`cleaning_minutes` integer DEFAULT 15 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `seat_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`screen_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`rank` integer NOT NULL,
	`color` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `seat_layouts` (
	`id` text PRIMARY KEY NOT NULL,
	`screen_id` text NOT NULL,
	`name` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `seats` (
	`id` text PRIMARY KEY NOT NULL,
	`layout_id` text NOT NULL,
	`row_id` text NOT NULL,
	`row_label` text NOT NULL,
	`number` integer NOT NULL,
	`label` text NOT NULL,
	`category_id` text NOT NULL,
	`kind` text DEFAULT 'standard' NOT NULL,
	`x` integer NOT NULL,
	`y` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `show_prices` (
	`show_id` text NOT NULL,
	`category_id` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	PRIMARY KEY(`show_id`, `category_id`)
);
--> statement-breakpoint
CREATE TABLE `show_seats` (
	`show_id` text NOT NULL,
	`seat_id` text NOT NULL,
	`state` text DEFAULT 'available' NOT NULL,
	`hold_id` text,
	`station_id` text,
	`ticket_id` text,
	`block_reason` text,
	`version` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`show_id`, `seat_id`)
);
--> statement-breakpoint
CREATE TABLE `shows` (
	`id` text PRIMARY KEY NOT NULL,
	`cinema_id` text NOT NULL,
	`screen_id` text NOT NULL,
	`layout_id` text NOT NULL,
	`movie_id` text NOT NULL,
	`format_id` text NOT NULL,
	`language` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`status` text DEFAULT 'on_sale' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `shows_start_idx` ON `shows` (`starts_at`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`chain_id` text NOT NULL,
	`cinema_id` text,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`pin_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `taxes` (
	`id` text PRIMARY KEY NOT NULL,
	`cinema_id` text NOT NULL,
	`name` text NOT NULL,
	`rate_bp` integer NOT NULL,
	`inclusive` integer NOT NULL,
	`item_class` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ticket_types` (
	`id` text PRIMARY KEY NOT NULL,
	`chain_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`multiplier_bp` integer NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`show_id` text NOT NULL,
	`seat_id` text NOT NULL,
	`ticket_type_id` text NOT NULL,
	`price_minor` integer NOT NULL,
	`tax_minor` integer NOT NULL,
	`status` text DEFAULT 'valid' NOT NULL,
	`code` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_valid_seat_uq` ON `tickets` (`show_id`,`seat_id`) WHERE status = 'valid';--> statement-breakpoint
CREATE INDEX `tickets_order_idx` ON `tickets` (`order_id`);--> statement-breakpoint
CREATE TABLE `till_events` (
	`id` text PRIMARY KEY NOT NULL,
	`till_id` text NOT NULL,
	`kind` text NOT NULL,
	`tender` text,
	`amount_minor` integer NOT NULL,
	`order_id` text,
	`reference` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `till_events_till_idx` ON `till_events` (`till_id`);--> statement-breakpoint
CREATE TABLE `tills` (
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	`training` integer DEFAULT false NOT NULL,
	`float` text NOT NULL,
	`counted` text
);
