DROP INDEX "services_municipality_codes_idx";--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "area_codes" text[] GENERATED ALWAYS AS (case when is_national then municipality_codes || '{NL}'::text[] else municipality_codes end) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "services_area_codes_idx" ON "services" USING gin ("area_codes");