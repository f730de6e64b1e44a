CREATE TABLE `report_days` (
	`day` integer NOT NULL,
	`policy` text NOT NULL,
	`groups` text NOT NULL,
	`rows` blob NOT NULL,
	`computed_at` integer NOT NULL,
	PRIMARY KEY(`day`, `policy`)
);
