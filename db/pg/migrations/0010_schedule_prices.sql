CREATE TABLE "price_cards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cinema_id" uuid NOT NULL,
	"name" text NOT NULL,
	"currency" text NOT NULL,
	"weekdays" jsonb NOT NULL,
	"from_minute" integer NOT NULL,
	"to_minute" integer NOT NULL,
	"formats" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"screen_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"prices" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cinemas" ADD COLUMN "ads_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "discounts" ADD COLUMN "channels" jsonb DEFAULT '["counter","kiosk","web"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "discounts" ADD COLUMN "min_spend_minor" integer;--> statement-breakpoint
ALTER TABLE "discounts" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "discounts" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "price_card_id" uuid;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "web_quota" integer;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "kiosk_quota" integer;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "ads_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "price_cards" ADD CONSTRAINT "price_cards_cinema_id_cinemas_id_fk" FOREIGN KEY ("cinema_id") REFERENCES "public"."cinemas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "price_cards_cinema_idx" ON "price_cards" USING btree ("cinema_id");--> statement-breakpoint
-- Shows on one screen never overlap, their cleaning buffer included (ends_at has it), even when two
-- managers save at once: the database refuses the second (DESIGN §13). Cancelled shows free the slot.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "shows" ADD CONSTRAINT "shows_screen_no_overlap" EXCLUDE USING gist ("screen_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" <> 'cancelled');--> statement-breakpoint
ALTER TABLE "shows" ADD CONSTRAINT "shows_quotas_ck" CHECK (("web_quota" IS NULL OR "web_quota" >= 0) AND ("kiosk_quota" IS NULL OR "kiosk_quota" >= 0));--> statement-breakpoint
ALTER TABLE "shows" ADD CONSTRAINT "shows_times_ck" CHECK ("ends_at" > "starts_at");
