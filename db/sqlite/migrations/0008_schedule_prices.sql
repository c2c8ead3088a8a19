ALTER TABLE `cinemas` ADD `ads_minutes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `discounts` ADD `channels` text DEFAULT '["counter","kiosk","web"]' NOT NULL;--> statement-breakpoint
ALTER TABLE `discounts` ADD `min_spend_minor` integer;--> statement-breakpoint
ALTER TABLE `discounts` ADD `active` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `discounts` ADD `updated_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `shows` ADD `price_card_id` text;--> statement-breakpoint
ALTER TABLE `shows` ADD `web_quota` integer;--> statement-breakpoint
ALTER TABLE `shows` ADD `kiosk_quota` integer;--> statement-breakpoint
ALTER TABLE `shows` ADD `ads_minutes` integer DEFAULT 0 NOT NULL;