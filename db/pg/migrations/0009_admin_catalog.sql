CREATE TABLE "media" (
	"id" uuid PRIMARY KEY NOT NULL,
	"chain_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"byte_length" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screen_formats" (
	"screen_id" uuid NOT NULL,
	"format_id" uuid NOT NULL,
	CONSTRAINT "screen_formats_screen_id_format_id_pk" PRIMARY KEY("screen_id","format_id")
);
--> statement-breakpoint
ALTER TABLE "cinemas" ADD COLUMN "tax_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "layout_rows" ADD COLUMN "numbering" text DEFAULT 'ltr' NOT NULL;--> statement-breakpoint
ALTER TABLE "movies" ADD COLUMN "chain_id" uuid;--> statement-breakpoint
-- Films were global before; every film so far belongs to the first chain.
UPDATE "movies" SET "chain_id" = (SELECT "id" FROM "chains" ORDER BY "created_at", "id" LIMIT 1);--> statement-breakpoint
ALTER TABLE "movies" ALTER COLUMN "chain_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "movies" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "seat_layouts" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "seat_layouts" ADD COLUMN "supersedes_id" uuid;--> statement-breakpoint
ALTER TABLE "seat_layouts" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "seat_layouts" ADD COLUMN "blocks" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "seats" ADD COLUMN "restricted_view" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "pending_count" integer;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "pending_reported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_chain_id_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."chains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screen_formats" ADD CONSTRAINT "screen_formats_screen_id_screens_id_fk" FOREIGN KEY ("screen_id") REFERENCES "public"."screens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screen_formats" ADD CONSTRAINT "screen_formats_format_id_formats_id_fk" FOREIGN KEY ("format_id") REFERENCES "public"."formats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "movies" ADD CONSTRAINT "movies_chain_id_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."chains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Screens could show every format before: keep it so until a manager says otherwise.
INSERT INTO "screen_formats" ("screen_id", "format_id") SELECT s."id", f."id" FROM "screens" s CROSS JOIN "formats" f;