-- A stored report day is the day as it is now: any write to one of its cases drops it, and the
-- next report recomputes that day from the cases (src/reports/report-days.ts).
CREATE TRIGGER `report_days_case_insert` AFTER INSERT ON `cases` BEGIN
  DELETE FROM `report_days` WHERE `day` = NEW.`created_at` / 86400000;
END;--> statement-breakpoint
-- Only the columns a report reads: the many updates that only bump a card's version cost nothing.
CREATE TRIGGER `report_days_case_update`
  AFTER UPDATE OF `created_at`, `priority`, `source`, `owner_id`, `first_response_at`, `resolved_at`, `actionable`, `sentiment` ON `cases` BEGIN
  DELETE FROM `report_days` WHERE `day` IN (OLD.`created_at` / 86400000, NEW.`created_at` / 86400000);
END;--> statement-breakpoint
CREATE TRIGGER `report_days_case_delete` AFTER DELETE ON `cases` BEGIN
  DELETE FROM `report_days` WHERE `day` = OLD.`created_at` / 86400000;
END;
