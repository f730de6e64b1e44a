-- A stored report day is the day as it is now: any write to one of its cases drops it, and the
-- next report recomputes that day from the cases (src/reports/report-days.ts). The PL/pgSQL twin
-- of SQLite's migration 0009: the same three triggers by the same names, firing on the same
-- events and, for updates, on the same columns (a column named in SET fires it, as in SQLite).
-- created_at is integer milliseconds on both engines and `/` on integers truncates on both, so
-- the day dropped is the day SQLite drops. The function keeps the search_path it was created
-- under, so a session with another search_path still clears this schema's report_days.
CREATE FUNCTION "report_days_invalidate"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    DELETE FROM "report_days" WHERE "day" = NEW."created_at" / 86400000;
  ELSIF TG_OP = 'UPDATE' THEN
    DELETE FROM "report_days" WHERE "day" IN (OLD."created_at" / 86400000, NEW."created_at" / 86400000);
  ELSE
    DELETE FROM "report_days" WHERE "day" = OLD."created_at" / 86400000;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "report_days_case_insert" AFTER INSERT ON "cases"
  FOR EACH ROW EXECUTE FUNCTION "report_days_invalidate"();--> statement-breakpoint
-- Only the columns a report reads: the many updates that only bump a card's version cost nothing.
CREATE TRIGGER "report_days_case_update"
  AFTER UPDATE OF "created_at", "priority", "source", "owner_id", "first_response_at", "resolved_at", "actionable", "sentiment" ON "cases"
  FOR EACH ROW EXECUTE FUNCTION "report_days_invalidate"();--> statement-breakpoint
CREATE TRIGGER "report_days_case_delete" AFTER DELETE ON "cases"
  FOR EACH ROW EXECUTE FUNCTION "report_days_invalidate"();
