CREATE TABLE `device` (
	`slot` integer PRIMARY KEY NOT NULL,
	`station_id` text NOT NULL,
	`secret` text NOT NULL,
	`cinema_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`server_url` text NOT NULL,
	`enrolled_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_reason` text
);
