ALTER TABLE `cinemas` ADD `tax_ids` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `layout_rows` ADD `numbering` text DEFAULT 'ltr' NOT NULL;--> statement-breakpoint
ALTER TABLE `movies` ADD `chain_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `movies` ADD `updated_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `seat_layouts` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `seat_layouts` ADD `supersedes_id` text;--> statement-breakpoint
ALTER TABLE `seat_layouts` ADD `created_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `seat_layouts` ADD `blocks` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `seats` ADD `restricted_view` integer DEFAULT false NOT NULL;