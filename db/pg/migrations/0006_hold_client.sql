ALTER TABLE "holds" ADD COLUMN "client_key" text;--> statement-breakpoint
CREATE INDEX "holds_active_client_idx" ON "holds" USING btree ("client_key","show_id") WHERE status = 'active' AND client_key IS NOT NULL;--> statement-breakpoint
-- Hand-written: the per-client caps on web holds (DESIGN §16), called by the hold statement itself.
-- The advisory lock serialises one client's holds until the calling transaction ends; the counts
-- below then see every hold committed before it, because a VOLATILE function takes a fresh snapshot
-- for each query (the calling statement's snapshot is older). A cap of 0 is off; all off: no lock.
CREATE OR REPLACE FUNCTION "hold_client_cap_hit"(
  p_key text, p_show uuid, p_seats integer, p_holds integer, p_show_holds integer, p_show_seats integer
) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  n_all integer;
  n_show integer;
  n_seats integer;
BEGIN
  IF p_holds = 0 AND p_show_holds = 0 AND p_show_seats = 0 THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('hold-client:' || p_key, 0));
  SELECT count(*), count(*) FILTER (WHERE show_id = p_show) INTO n_all, n_show
    FROM holds WHERE client_key = p_key AND status = 'active' AND expires_at > now();
  IF p_holds > 0 AND n_all >= p_holds THEN
    RETURN 'holds';
  END IF;
  IF p_show_holds > 0 AND n_show >= p_show_holds THEN
    RETURN 'show_holds';
  END IF;
  IF p_show_seats > 0 THEN
    SELECT count(*) INTO n_seats FROM show_seats ss JOIN holds h ON h.id = ss.hold_id
      WHERE h.client_key = p_key AND h.show_id = p_show AND h.status = 'active'
        AND h.expires_at > now() AND ss.show_id = p_show AND ss.state = 'held';
    IF n_seats + p_seats > p_show_seats THEN
      RETURN 'show_seats';
    END IF;
  END IF;
  RETURN NULL;
END
$$;
