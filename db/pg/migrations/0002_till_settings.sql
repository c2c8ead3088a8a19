ALTER TABLE "cinemas" ADD COLUMN "blind_close" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "cinemas" ADD COLUMN "till_variance_limit_minor" integer DEFAULT 1000 NOT NULL;