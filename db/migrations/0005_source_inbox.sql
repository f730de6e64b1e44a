CREATE TABLE `webhook_inbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`topic` text NOT NULL,
	`digest` text NOT NULL,
	`body` text NOT NULL,
	`received_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`processed_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_inbox_digest` ON `webhook_inbox` (`source`,`digest`);--> statement-breakpoint
CREATE INDEX `webhook_inbox_due` ON `webhook_inbox` (`source`,`topic`,`processed_at`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `webhook_inbox_processed` ON `webhook_inbox` (`processed_at`);--> statement-breakpoint
ALTER TABLE `mentions` ADD `rating` integer;