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
--> statement-breakpoint
-- Per-channel quotas (issue 16, Vista's remote sales cut-off): true when a web or kiosk hold of
-- p_seats seats would take the channel past the show's quota (seats it holds or has sold). Taken
-- under an advisory lock per show and channel and counted with a fresh snapshot, like
-- hold_client_cap_hit, so two holds at once cannot both fit in the last seats. Counters: no quota.
CREATE OR REPLACE FUNCTION "show_channel_quota_hit"(
  p_show uuid, p_channel text, p_station uuid, p_seats integer
) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_channel text;
  v_quota integer;
  n integer;
BEGIN
  IF p_channel = 'web' THEN
    v_channel := 'web';
  ELSIF p_station IS NOT NULL AND EXISTS (SELECT 1 FROM stations WHERE id = p_station AND kind = 'kiosk') THEN
    v_channel := 'kiosk';
  ELSE
    RETURN false;
  END IF;
  SELECT CASE WHEN v_channel = 'web' THEN web_quota ELSE kiosk_quota END INTO v_quota FROM shows WHERE id = p_show;
  IF v_quota IS NULL THEN
    RETURN false;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('show-quota:' || p_show::text || ':' || v_channel, 0));
  SELECT count(*) INTO n FROM show_seats ss
    LEFT JOIN holds h ON h.id = ss.hold_id
    LEFT JOIN tickets t ON t.id = ss.ticket_id
    LEFT JOIN orders o ON o.id = t.order_id
    LEFT JOIN stations st ON st.id = COALESCE(h.station_id, o.station_id)
   WHERE ss.show_id = p_show AND (
     (ss.state = 'held' AND h.status = 'active' AND h.expires_at > now()
       AND CASE WHEN v_channel = 'web' THEN h.channel = 'web' ELSE st.kind = 'kiosk' END)
     OR (ss.state = 'sold'
       AND CASE WHEN v_channel = 'web' THEN o.channel = 'web' ELSE (o.channel = 'kiosk' OR st.kind = 'kiosk') END));
  RETURN n + p_seats > v_quota;
END
$$;
