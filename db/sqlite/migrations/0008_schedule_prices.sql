ALTER TABLE `discounts` ADD `channels` text DEFAULT '["counter","kiosk","web"]' NOT NULL;--> statement-breakpoint
ALTER TABLE `discounts` ADD `min_spend_minor` integer;--> statement-breakpoint
ALTER TABLE `discounts` ADD `active` integer DEFAULT true NOT NULL;