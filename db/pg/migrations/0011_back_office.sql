CREATE TABLE "backups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"file_name" text,
	"size_bytes" bigint,
	"sha256" text,
	"requested_by" uuid,
	"scheduled" boolean DEFAULT false NOT NULL,
	"source_backup_id" uuid,
	"target_database" text,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY NOT NULL,
	"booking_id" uuid NOT NULL,
	"cinema_id" uuid NOT NULL,
	"show_id" uuid NOT NULL,
	"customer_id" uuid,
	"rating" smallint NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"reply" text,
	"replied_by" uuid,
	"replied_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_daily" (
	"cinema_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"channel" text NOT NULL,
	"show_id" uuid,
	"movie_id" uuid,
	"screen_id" uuid,
	"format_id" uuid,
	"category_id" uuid,
	"ticket_type_id" uuid,
	"concession_item_id" uuid,
	"qty" integer DEFAULT 0 NOT NULL,
	"gross_minor" bigint DEFAULT 0 NOT NULL,
	"tax_minor" bigint DEFAULT 0 NOT NULL,
	"void_qty" integer DEFAULT 0 NOT NULL,
	"void_minor" bigint DEFAULT 0 NOT NULL,
	"void_tax_minor" bigint DEFAULT 0 NOT NULL,
	"refund_qty" integer DEFAULT 0 NOT NULL,
	"refund_minor" bigint DEFAULT 0 NOT NULL,
	"refund_tax_minor" bigint DEFAULT 0 NOT NULL,
	"fee_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "report_daily_grain_uq" UNIQUE NULLS NOT DISTINCT("cinema_id","business_date","channel","show_id","category_id","ticket_type_id","concession_item_id")
);
--> statement-breakpoint
CREATE TABLE "report_days" (
	"cinema_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"channel" text NOT NULL,
	"admissions" bigint DEFAULT 0 NOT NULL,
	"tickets_gross" bigint DEFAULT 0 NOT NULL,
	"concessions_gross" bigint DEFAULT 0 NOT NULL,
	"voids" bigint DEFAULT 0 NOT NULL,
	"refunds" bigint DEFAULT 0 NOT NULL,
	"fees" bigint DEFAULT 0 NOT NULL,
	"tax" bigint DEFAULT 0 NOT NULL,
	"tickets_net" bigint DEFAULT 0 NOT NULL,
	"concessions_net" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "report_days_cinema_id_business_date_channel_pk" PRIMARY KEY("cinema_id","business_date","channel")
);
--> statement-breakpoint
CREATE TABLE "report_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"cinema_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"channel" text NOT NULL,
	"show_id" uuid,
	"movie_id" uuid,
	"screen_id" uuid,
	"format_id" uuid,
	"category_id" uuid,
	"ticket_type_id" uuid,
	"concession_item_id" uuid,
	"qty" integer DEFAULT 0 NOT NULL,
	"gross_minor" bigint DEFAULT 0 NOT NULL,
	"tax_minor" bigint DEFAULT 0 NOT NULL,
	"void_qty" integer DEFAULT 0 NOT NULL,
	"void_minor" bigint DEFAULT 0 NOT NULL,
	"void_tax_minor" bigint DEFAULT 0 NOT NULL,
	"refund_qty" integer DEFAULT 0 NOT NULL,
	"refund_minor" bigint DEFAULT 0 NOT NULL,
	"refund_tax_minor" bigint DEFAULT 0 NOT NULL,
	"fee_minor" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_film_days" (
	"cinema_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"kind" text NOT NULL,
	"movie_id" uuid,
	"format_id" uuid,
	"category_id" uuid,
	"ticket_type_id" uuid,
	"admissions" bigint DEFAULT 0 NOT NULL,
	"tickets_gross" bigint DEFAULT 0 NOT NULL,
	"concessions_gross" bigint DEFAULT 0 NOT NULL,
	"voids" bigint DEFAULT 0 NOT NULL,
	"refunds" bigint DEFAULT 0 NOT NULL,
	"fees" bigint DEFAULT 0 NOT NULL,
	"tax" bigint DEFAULT 0 NOT NULL,
	"tickets_net" bigint DEFAULT 0 NOT NULL,
	"concessions_net" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "report_film_days_grain_uq" UNIQUE NULLS NOT DISTINCT("cinema_id","business_date","kind","movie_id","format_id","category_id","ticket_type_id")
);
--> statement-breakpoint
CREATE TABLE "report_shows" (
	"show_id" uuid PRIMARY KEY NOT NULL,
	"cinema_id" uuid NOT NULL,
	"show_date" date NOT NULL,
	"capacity" integer DEFAULT 0 NOT NULL,
	"admissions" integer DEFAULT 0 NOT NULL,
	"tickets_net" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "till_drops" (
	"id" uuid PRIMARY KEY NOT NULL,
	"till_id" uuid NOT NULL,
	"tender" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"staff_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tills" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cinema_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"business_date" date NOT NULL,
	"training" boolean DEFAULT false NOT NULL,
	"currency" text NOT NULL,
	"float" jsonb NOT NULL,
	"counted" jsonb,
	"closed_by" uuid,
	"variance_approved_by" uuid,
	"variance_note" text,
	"z_report" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cinemas" ADD COLUMN "day_starts_at" text DEFAULT '06:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_cinema_id_cinemas_id_fk" FOREIGN KEY ("cinema_id") REFERENCES "public"."cinemas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "till_drops" ADD CONSTRAINT "till_drops_till_id_tills_id_fk" FOREIGN KEY ("till_id") REFERENCES "public"."tills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tills" ADD CONSTRAINT "tills_cinema_id_cinemas_id_fk" FOREIGN KEY ("cinema_id") REFERENCES "public"."cinemas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tills" ADD CONSTRAINT "tills_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "backups_started_idx" ON "backups" USING btree ("started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_booking_uq" ON "feedback" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "feedback_cinema_idx" ON "feedback" USING btree ("cinema_id","created_at");--> statement-breakpoint
CREATE INDEX "report_daily_day_idx" ON "report_daily" USING btree ("business_date","cinema_id");--> statement-breakpoint
CREATE INDEX "report_daily_show_idx" ON "report_daily" USING btree ("show_id");--> statement-breakpoint
CREATE INDEX "report_deltas_cinema_day_idx" ON "report_deltas" USING btree ("cinema_id","business_date");--> statement-breakpoint
CREATE INDEX "report_deltas_show_idx" ON "report_deltas" USING btree ("show_id");--> statement-breakpoint
CREATE INDEX "report_shows_day_idx" ON "report_shows" USING btree ("show_date","cinema_id");--> statement-breakpoint
CREATE INDEX "till_drops_till_idx" ON "till_drops" USING btree ("till_id");--> statement-breakpoint
CREATE INDEX "tills_cinema_day_idx" ON "tills" USING btree ("cinema_id","business_date");--> statement-breakpoint
CREATE INDEX "tills_station_idx" ON "tills" USING btree ("station_id","opened_at");--> statement-breakpoint
-- Reports read maintained aggregates, never a scan of every ticket (DESIGN §15). Each sale, void,
-- refund writes a delta row in the same transaction (statement triggers, one insert
-- per statement); report_rollup() folds the deltas into report_daily, and a report reads both, so it
-- is current at every instant. Training sales never count.
CREATE FUNCTION marquee_business_date(at timestamptz, tz text, day_start text) RETURNS date
  LANGUAGE sql STABLE AS $$ SELECT ((at AT TIME ZONE tz) - day_start::interval)::date $$;--> statement-breakpoint
CREATE FUNCTION report_tickets_sold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_deltas (cinema_id, business_date, channel, show_id, movie_id, screen_id, format_id, category_id, ticket_type_id, qty, gross_minor, tax_minor)
  SELECT o.cinema_id, marquee_business_date(o.created_at, c.time_zone, c.day_starts_at), o.channel,
         n.show_id, s.movie_id, s.screen_id, s.format_id, st.category_id, n.ticket_type_id,
         count(*), sum(n.price_minor), sum(n.tax_minor)
    FROM new_tickets n
    JOIN orders o ON o.id = n.order_id
    JOIN cinemas c ON c.id = o.cinema_id
    JOIN shows s ON s.id = n.show_id
    JOIN seats st ON st.id = n.seat_id
   WHERE NOT o.training AND n.status = 'valid'
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER report_tickets_sold AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_tickets
  FOR EACH STATEMENT EXECUTE FUNCTION report_tickets_sold();--> statement-breakpoint
CREATE FUNCTION report_tickets_returned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_deltas (cinema_id, business_date, channel, show_id, movie_id, screen_id, format_id, category_id, ticket_type_id,
                             void_qty, void_minor, void_tax_minor, refund_qty, refund_minor, refund_tax_minor)
  SELECT o.cinema_id, marquee_business_date(now(), c.time_zone, c.day_starts_at), o.channel,
         n.show_id, s.movie_id, s.screen_id, s.format_id, st.category_id, n.ticket_type_id,
         count(*) FILTER (WHERE n.status = 'void'),
         COALESCE(sum(n.price_minor) FILTER (WHERE n.status = 'void'), 0),
         COALESCE(sum(n.tax_minor) FILTER (WHERE n.status = 'void'), 0),
         count(*) FILTER (WHERE n.status = 'refunded'),
         COALESCE(sum(n.price_minor) FILTER (WHERE n.status = 'refunded'), 0),
         COALESCE(sum(n.tax_minor) FILTER (WHERE n.status = 'refunded'), 0)
    FROM new_tickets n
    JOIN old_tickets od ON od.id = n.id AND od.status = 'valid'
    JOIN orders o ON o.id = n.order_id
    JOIN cinemas c ON c.id = o.cinema_id
    JOIN shows s ON s.id = n.show_id
    JOIN seats st ON st.id = n.seat_id
   WHERE NOT o.training AND n.status IN ('void', 'refunded')
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER report_tickets_returned AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_tickets NEW TABLE AS new_tickets
  FOR EACH STATEMENT EXECUTE FUNCTION report_tickets_returned();--> statement-breakpoint
CREATE FUNCTION report_items_sold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_deltas (cinema_id, business_date, channel, show_id, movie_id, screen_id, format_id, concession_item_id, qty, gross_minor, tax_minor)
  SELECT o.cinema_id, marquee_business_date(o.created_at, c.time_zone, c.day_starts_at), o.channel,
         o.show_id, s.movie_id, s.screen_id, s.format_id, i.concession_item_id,
         sum(i.quantity), sum(i.total_minor), sum(i.tax_minor)
    FROM new_items i
    JOIN orders o ON o.id = i.order_id
    JOIN cinemas c ON c.id = o.cinema_id
    LEFT JOIN shows s ON s.id = o.show_id
   WHERE NOT o.training
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER report_items_sold AFTER INSERT ON order_items REFERENCING NEW TABLE AS new_items
  FOR EACH STATEMENT EXECUTE FUNCTION report_items_sold();--> statement-breakpoint
-- A sale given back whole (its last ticket voided or refunded) gives back its food and drink too,
-- as the counter's Z-report does.
CREATE FUNCTION report_orders_returned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_deltas (cinema_id, business_date, channel, show_id, movie_id, screen_id, format_id, concession_item_id,
                             void_qty, void_minor, void_tax_minor, refund_qty, refund_minor, refund_tax_minor)
  SELECT o.cinema_id, marquee_business_date(now(), c.time_zone, c.day_starts_at), o.channel,
         o.show_id, s.movie_id, s.screen_id, s.format_id, i.concession_item_id,
         COALESCE(sum(i.quantity) FILTER (WHERE o.status = 'void'), 0),
         COALESCE(sum(i.total_minor) FILTER (WHERE o.status = 'void'), 0),
         COALESCE(sum(i.tax_minor) FILTER (WHERE o.status = 'void'), 0),
         COALESCE(sum(i.quantity) FILTER (WHERE o.status = 'refunded'), 0),
         COALESCE(sum(i.total_minor) FILTER (WHERE o.status = 'refunded'), 0),
         COALESCE(sum(i.tax_minor) FILTER (WHERE o.status = 'refunded'), 0)
    FROM new_orders o
    JOIN old_orders od ON od.id = o.id AND od.status NOT IN ('void', 'refunded')
    JOIN order_items i ON i.order_id = o.id
    JOIN cinemas c ON c.id = o.cinema_id
    LEFT JOIN shows s ON s.id = o.show_id
   WHERE NOT o.training AND o.status IN ('void', 'refunded')
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER report_orders_returned AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_orders NEW TABLE AS new_orders
  FOR EACH STATEMENT EXECUTE FUNCTION report_orders_returned();--> statement-breakpoint
-- A show's seats and its own cinema day, for occupancy; kept as seats are added, shows move or go.
CREATE FUNCTION report_show_seats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_shows (show_id, cinema_id, show_date, capacity)
  SELECT n.show_id, s.cinema_id, marquee_business_date(s.starts_at, c.time_zone, c.day_starts_at), count(*)
    FROM new_seats n JOIN shows s ON s.id = n.show_id JOIN cinemas c ON c.id = s.cinema_id
   GROUP BY 1, 2, 3
  ON CONFLICT (show_id) DO UPDATE SET capacity = report_shows.capacity + excluded.capacity;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER report_show_seats AFTER INSERT ON show_seats REFERENCING NEW TABLE AS new_seats
  FOR EACH STATEMENT EXECUTE FUNCTION report_show_seats();--> statement-breakpoint
CREATE FUNCTION report_show_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM report_shows WHERE show_id = OLD.id;
    RETURN OLD;
  END IF;
  UPDATE report_shows r SET show_date = marquee_business_date(NEW.starts_at, c.time_zone, c.day_starts_at)
    FROM cinemas c WHERE r.show_id = NEW.id AND c.id = NEW.cinema_id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER report_show_moved AFTER UPDATE OF starts_at ON shows
  FOR EACH ROW WHEN (OLD.starts_at IS DISTINCT FROM NEW.starts_at) EXECUTE FUNCTION report_show_moved();--> statement-breakpoint
CREATE TRIGGER report_show_gone BEFORE DELETE ON shows
  FOR EACH ROW EXECUTE FUNCTION report_show_moved();--> statement-breakpoint
-- Folds up to `batch` deltas into report_daily in one statement; concurrent rollups take disjoint rows.
CREATE FUNCTION report_rollup(batch integer DEFAULT 50000) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE n integer;
BEGIN
  WITH moved AS (
    DELETE FROM report_deltas WHERE id IN (
      SELECT id FROM report_deltas ORDER BY id LIMIT batch FOR UPDATE SKIP LOCKED)
    RETURNING *
  ), summed AS (
    SELECT cinema_id, business_date, channel, show_id, min(movie_id::text)::uuid AS movie_id,
           min(screen_id::text)::uuid AS screen_id, min(format_id::text)::uuid AS format_id,
           category_id, ticket_type_id, concession_item_id,
           sum(qty) AS qty, sum(gross_minor) AS gross_minor, sum(tax_minor) AS tax_minor,
           sum(void_qty) AS void_qty, sum(void_minor) AS void_minor, sum(void_tax_minor) AS void_tax_minor,
           sum(refund_qty) AS refund_qty, sum(refund_minor) AS refund_minor, sum(refund_tax_minor) AS refund_tax_minor,
           sum(fee_minor) AS fee_minor
      FROM moved
     GROUP BY cinema_id, business_date, channel, show_id, category_id, ticket_type_id, concession_item_id
  ), days AS (
    INSERT INTO report_days (cinema_id, business_date, channel, admissions, tickets_gross, concessions_gross, voids, refunds, fees, tax, tickets_net, concessions_net)
    SELECT cinema_id, business_date, channel,
           COALESCE(sum(qty - void_qty - refund_qty) FILTER (WHERE ticket_type_id IS NOT NULL), 0),
           COALESCE(sum(gross_minor) FILTER (WHERE ticket_type_id IS NOT NULL), 0),
           COALESCE(sum(gross_minor) FILTER (WHERE concession_item_id IS NOT NULL), 0),
           COALESCE(sum(void_minor), 0), COALESCE(sum(refund_minor), 0), COALESCE(sum(fee_minor), 0),
           COALESCE(sum(tax_minor - void_tax_minor - refund_tax_minor), 0),
           COALESCE(sum(gross_minor - void_minor - refund_minor) FILTER (WHERE ticket_type_id IS NOT NULL), 0),
           COALESCE(sum(gross_minor - void_minor - refund_minor) FILTER (WHERE concession_item_id IS NOT NULL), 0)
      FROM moved GROUP BY 1, 2, 3
    ON CONFLICT (cinema_id, business_date, channel) DO UPDATE SET
      admissions = report_days.admissions + excluded.admissions,
      tickets_gross = report_days.tickets_gross + excluded.tickets_gross,
      concessions_gross = report_days.concessions_gross + excluded.concessions_gross,
      voids = report_days.voids + excluded.voids,
      refunds = report_days.refunds + excluded.refunds,
      fees = report_days.fees + excluded.fees,
      tax = report_days.tax + excluded.tax,
      tickets_net = report_days.tickets_net + excluded.tickets_net,
      concessions_net = report_days.concessions_net + excluded.concessions_net
  ), films AS (
    INSERT INTO report_film_days (cinema_id, business_date, kind, movie_id, format_id, category_id, ticket_type_id, admissions, tickets_gross, concessions_gross, voids, refunds, fees, tax, tickets_net, concessions_net)
    SELECT cinema_id, business_date,
           CASE WHEN ticket_type_id IS NOT NULL THEN 'ticket' WHEN concession_item_id IS NOT NULL THEN 'food' ELSE 'fee' END,
           movie_id, format_id, category_id, ticket_type_id,
           COALESCE(sum(qty - void_qty - refund_qty) FILTER (WHERE ticket_type_id IS NOT NULL), 0),
           COALESCE(sum(gross_minor) FILTER (WHERE ticket_type_id IS NOT NULL), 0),
           COALESCE(sum(gross_minor) FILTER (WHERE concession_item_id IS NOT NULL), 0),
           COALESCE(sum(void_minor), 0), COALESCE(sum(refund_minor), 0), COALESCE(sum(fee_minor), 0),
           COALESCE(sum(tax_minor - void_tax_minor - refund_tax_minor), 0),
           COALESCE(sum(gross_minor - void_minor - refund_minor) FILTER (WHERE ticket_type_id IS NOT NULL), 0),
           COALESCE(sum(gross_minor - void_minor - refund_minor) FILTER (WHERE concession_item_id IS NOT NULL), 0)
      FROM moved GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT report_film_days_grain_uq DO UPDATE SET
      admissions = report_film_days.admissions + excluded.admissions,
      tickets_gross = report_film_days.tickets_gross + excluded.tickets_gross,
      concessions_gross = report_film_days.concessions_gross + excluded.concessions_gross,
      voids = report_film_days.voids + excluded.voids,
      refunds = report_film_days.refunds + excluded.refunds,
      fees = report_film_days.fees + excluded.fees,
      tax = report_film_days.tax + excluded.tax,
      tickets_net = report_film_days.tickets_net + excluded.tickets_net,
      concessions_net = report_film_days.concessions_net + excluded.concessions_net
  ), shows_sold AS (
    UPDATE report_shows r SET admissions = r.admissions + m.admissions, tickets_net = r.tickets_net + m.net
      FROM (SELECT show_id, sum(qty - void_qty - refund_qty)::int AS admissions,
                   sum(gross_minor - void_minor - refund_minor) AS net
              FROM moved WHERE show_id IS NOT NULL AND ticket_type_id IS NOT NULL GROUP BY 1) m
     WHERE r.show_id = m.show_id
  )
  INSERT INTO report_daily (cinema_id, business_date, channel, show_id, movie_id, screen_id, format_id, category_id, ticket_type_id, concession_item_id,
                            qty, gross_minor, tax_minor, void_qty, void_minor, void_tax_minor, refund_qty, refund_minor, refund_tax_minor, fee_minor)
  SELECT * FROM summed
  ON CONFLICT ON CONSTRAINT report_daily_grain_uq DO UPDATE SET
    qty = report_daily.qty + excluded.qty,
    gross_minor = report_daily.gross_minor + excluded.gross_minor,
    tax_minor = report_daily.tax_minor + excluded.tax_minor,
    void_qty = report_daily.void_qty + excluded.void_qty,
    void_minor = report_daily.void_minor + excluded.void_minor,
    void_tax_minor = report_daily.void_tax_minor + excluded.void_tax_minor,
    refund_qty = report_daily.refund_qty + excluded.refund_qty,
    refund_minor = report_daily.refund_minor + excluded.refund_minor,
    refund_tax_minor = report_daily.refund_tax_minor + excluded.refund_tax_minor,
    fee_minor = report_daily.fee_minor + excluded.fee_minor;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;--> statement-breakpoint
-- What was sold before this migration: valid tickets as sales; voided and refunded ones as sold and
-- given back on their sale's day (when they were given back was not kept).
INSERT INTO report_shows (show_id, cinema_id, show_date, capacity)
SELECT s.id, s.cinema_id, marquee_business_date(s.starts_at, c.time_zone, c.day_starts_at), count(ss.seat_id)
  FROM shows s JOIN cinemas c ON c.id = s.cinema_id LEFT JOIN show_seats ss ON ss.show_id = s.id
 GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO report_deltas (cinema_id, business_date, channel, show_id, movie_id, screen_id, format_id, category_id, ticket_type_id,
                           qty, gross_minor, tax_minor, void_qty, void_minor, void_tax_minor, refund_qty, refund_minor, refund_tax_minor)
SELECT o.cinema_id, marquee_business_date(o.created_at, c.time_zone, c.day_starts_at), o.channel,
       t.show_id, s.movie_id, s.screen_id, s.format_id, st.category_id, t.ticket_type_id,
       count(*), sum(t.price_minor), sum(t.tax_minor),
       count(*) FILTER (WHERE t.status = 'void'), COALESCE(sum(t.price_minor) FILTER (WHERE t.status = 'void'), 0),
       COALESCE(sum(t.tax_minor) FILTER (WHERE t.status = 'void'), 0),
       count(*) FILTER (WHERE t.status = 'refunded'), COALESCE(sum(t.price_minor) FILTER (WHERE t.status = 'refunded'), 0),
       COALESCE(sum(t.tax_minor) FILTER (WHERE t.status = 'refunded'), 0)
  FROM tickets t JOIN orders o ON o.id = t.order_id JOIN cinemas c ON c.id = o.cinema_id
  JOIN shows s ON s.id = t.show_id JOIN seats st ON st.id = t.seat_id
 WHERE NOT o.training
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;--> statement-breakpoint
INSERT INTO report_deltas (cinema_id, business_date, channel, show_id, movie_id, screen_id, format_id, concession_item_id, qty, gross_minor, tax_minor,
                           void_qty, void_minor, void_tax_minor, refund_qty, refund_minor, refund_tax_minor)
SELECT o.cinema_id, marquee_business_date(o.created_at, c.time_zone, c.day_starts_at), o.channel,
       o.show_id, s.movie_id, s.screen_id, s.format_id, i.concession_item_id, sum(i.quantity), sum(i.total_minor), sum(i.tax_minor),
       COALESCE(sum(i.quantity) FILTER (WHERE o.status = 'void'), 0), COALESCE(sum(i.total_minor) FILTER (WHERE o.status = 'void'), 0),
       COALESCE(sum(i.tax_minor) FILTER (WHERE o.status = 'void'), 0),
       COALESCE(sum(i.quantity) FILTER (WHERE o.status = 'refunded'), 0), COALESCE(sum(i.total_minor) FILTER (WHERE o.status = 'refunded'), 0),
       COALESCE(sum(i.tax_minor) FILTER (WHERE o.status = 'refunded'), 0)
  FROM order_items i JOIN orders o ON o.id = i.order_id JOIN cinemas c ON c.id = o.cinema_id LEFT JOIN shows s ON s.id = o.show_id
 WHERE NOT o.training
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;--> statement-breakpoint
SELECT report_rollup(2147483647);
