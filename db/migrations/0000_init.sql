CREATE TABLE `mentions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`direction` text NOT NULL,
	`author_id` text,
	`author_handle` text,
	`author_name` text,
	`author_followers` integer,
	`author_verified` integer DEFAULT false NOT NULL,
	`text` text NOT NULL,
	`url` text,
	`created_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`in_reply_to` text,
	`conversation_id` text,
	`is_private` integer DEFAULT false NOT NULL,
	`case_id` integer,
	`score` integer,
	`severity` real,
	`sentiment` real,
	`reasons` text DEFAULT '[]' NOT NULL,
	`themes` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mentions_source_external_id` ON `mentions` (`source`,`external_id`);--> statement-breakpoint
CREATE INDEX `mentions_case_id` ON `mentions` (`case_id`);--> statement-breakpoint
CREATE INDEX `mentions_created_at` ON `mentions` (`created_at`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`source` text NOT NULL,
	`author_key` text NOT NULL,
	`conversation_key` text,
	`first_mention_id` integer NOT NULL,
	`priority` text NOT NULL,
	`score` integer NOT NULL,
	`sentiment` real DEFAULT 0 NOT NULL,
	`reasons` text DEFAULT '[]' NOT NULL,
	`route` text DEFAULT '{}' NOT NULL,
	`owner_id` text,
	`owner_name` text,
	`created_at` integer NOT NULL,
	`opened_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`first_response_at` integer,
	`first_response_via` text,
	`first_response_by` text,
	`resolved_at` integer,
	`resolved_by` text,
	`actionable` integer DEFAULT true NOT NULL,
	`mention_count` integer DEFAULT 1 NOT NULL,
	`reach` integer DEFAULT 0 NOT NULL,
	`sla_warned_at` integer,
	`sla_breached_at` integer,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cases_state_priority` ON `cases` (`state`,`priority`);--> statement-breakpoint
CREATE INDEX `cases_author_conversation` ON `cases` (`author_key`,`conversation_key`,`state`);--> statement-breakpoint
CREATE INDEX `cases_created_at` ON `cases` (`created_at`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`actor_name` text,
	`platform` text NOT NULL,
	`kind` text NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `case_events_case_id` ON `case_events` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `vips` (
	`handle` text PRIMARY KEY NOT NULL,
	`note` text,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`platform` text NOT NULL,
	`target` text NOT NULL,
	`case_id` integer,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`sent_at` integer,
	`last_error` text,
	`result_ref` text,
	`dedupe_key` text
);
--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_case` ON `outbox` (`case_id`,`kind`);--> statement-breakpoint
CREATE TABLE `card_refs` (
	`case_id` integer NOT NULL,
	`platform` text NOT NULL,
	`ref` text NOT NULL,
	`rendered_version` integer DEFAULT 0 NOT NULL,
	`posted_at` integer NOT NULL,
	PRIMARY KEY(`case_id`, `platform`)
);
--> statement-breakpoint
CREATE TABLE `kv_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `processed_deliveries` (
	`key` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
