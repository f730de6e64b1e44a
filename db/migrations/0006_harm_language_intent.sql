ALTER TABLE `cases` ADD `harm` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `language` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `intent` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `guidance` text;