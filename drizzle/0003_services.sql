CREATE TYPE "public"."life_domain" AS ENUM('schulden', 'financien', 'inkomen', 'zorgverzekering', 'gezondheid', 'wonen', 'energie', 'voedsel', 'werk', 'administratie', 'juridisch', 'jongeren', 'gezin-kinderen', 'sociaal-netwerk');--> statement-breakpoint
CREATE TYPE "public"."service_status" AS ENUM('active', 'inactive', 'temporarily_closed', 'defunct');--> statement-breakpoint
CREATE TABLE "search_terms" (
	"term" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"life_domains" "life_domain"[] DEFAULT '{}' NOT NULL,
	"age_min" integer,
	"age_max" integer,
	"eligibility" text,
	"requires_bijstand" boolean,
	"debt_min" integer,
	"debt_max" integer,
	"is_national" boolean DEFAULT false NOT NULL,
	"municipality_codes" text[] DEFAULT '{}' NOT NULL,
	"postcode_ranges" "int4multirange" DEFAULT '{}' NOT NULL,
	"contact_channels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"languages" text[] DEFAULT '{nl}' NOT NULL,
	"cost" text,
	"opening_hours" text,
	"warm_handover" text,
	"accepts_referrals" boolean DEFAULT false NOT NULL,
	"response_target_days" integer DEFAULT 5 NOT NULL,
	"status" "service_status" DEFAULT 'active' NOT NULL,
	"last_verified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_keywords" text DEFAULT '' NOT NULL,
	"name_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('schakel_nl'::regconfig, schakel_fold(name))) STORED NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('schakel_nl'::regconfig, schakel_fold(name)), 'A') || setweight(to_tsvector('schakel_nl'::regconfig, schakel_fold(search_keywords)), 'B') || setweight(to_tsvector('schakel_nl'::regconfig, schakel_fold(description || ' ' || coalesce(eligibility, ''))), 'C')) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_age_range_check" CHECK ("services"."age_min" is null or "services"."age_max" is null or "services"."age_min" <= "services"."age_max"),
	CONSTRAINT "services_debt_range_check" CHECK ("services"."debt_min" is null or "services"."debt_max" is null or "services"."debt_min" <= "services"."debt_max"),
	CONSTRAINT "services_response_target_days_check" CHECK ("services"."response_target_days" between 1 and 60)
);
--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "postcode_ranges" "int4multirange" DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_terms_term_trgm_idx" ON "search_terms" USING gist ("term" gist_trgm_ops);--> statement-breakpoint
CREATE INDEX "services_organization_id_idx" ON "services" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "services_search_vector_idx" ON "services" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "services_municipality_codes_idx" ON "services" USING gin ("municipality_codes");--> statement-breakpoint
CREATE INDEX "services_life_domains_idx" ON "services" USING gin ("life_domains");--> statement-breakpoint
CREATE INDEX "services_postcode_ranges_idx" ON "services" USING gist ("postcode_ranges");--> statement-breakpoint
CREATE INDEX "services_status_last_verified_at_idx" ON "services" USING btree ("status","last_verified_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "municipalities_postcode_ranges_idx" ON "municipalities" USING gist ("postcode_ranges");