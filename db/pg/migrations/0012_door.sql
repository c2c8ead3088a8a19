CREATE TABLE "admissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"show_id" uuid NOT NULL,
	"cinema_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"door" text NOT NULL,
	"admitted_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_id" uuid
);
--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_cinema_id_cinemas_id_fk" FOREIGN KEY ("cinema_id") REFERENCES "public"."cinemas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admissions" ADD CONSTRAINT "admissions_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "admissions_ticket_first_uq" ON "admissions" USING btree ("ticket_id") WHERE first_id IS NULL;--> statement-breakpoint
CREATE INDEX "admissions_show_idx" ON "admissions" USING btree ("show_id");--> statement-breakpoint
CREATE INDEX "admissions_conflicts_idx" ON "admissions" USING btree ("cinema_id","received_at") WHERE first_id IS NOT NULL;