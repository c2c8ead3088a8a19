CREATE TABLE "booking_collections" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"collection_id" uuid NOT NULL,
	"cinema_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"staff_id" uuid,
	"kiosk" boolean DEFAULT false NOT NULL,
	"collected_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_collections_collectionId_unique" UNIQUE("collection_id")
);
--> statement-breakpoint
ALTER TABLE "booking_collections" ADD CONSTRAINT "booking_collections_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_collections" ADD CONSTRAINT "booking_collections_cinema_id_cinemas_id_fk" FOREIGN KEY ("cinema_id") REFERENCES "public"."cinemas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_collections" ADD CONSTRAINT "booking_collections_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_collections_cinema_idx" ON "booking_collections" USING btree ("cinema_id","collected_at");