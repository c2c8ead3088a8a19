-- The audit log is append-only in PostgreSQL itself, not by convention: no role through the product
-- can change or remove an entry. TRUNCATE stays for the deliberate whole-database wipe
-- (`demo:seed --force`); production roles should not hold the TRUNCATE privilege.
CREATE OR REPLACE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
