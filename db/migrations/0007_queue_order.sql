DROP INDEX `cases_state_priority`;--> statement-breakpoint
CREATE INDEX `cases_queue_order` ON `cases` (`state`,`priority`,`created_at`,`first_response_at`,`owner_id`);