ALTER TABLE `cases` ADD `kind` text DEFAULT 'single' NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `merged_into` integer;