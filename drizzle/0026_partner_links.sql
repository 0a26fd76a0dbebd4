CREATE TABLE "partner_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"referral_version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_for" "referral_status",
	"revoked_at" timestamp with time zone,
	"issued_by_user_id" uuid
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "partner_light" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "partner_light" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "partner_links" ADD CONSTRAINT "partner_links_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_links" ADD CONSTRAINT "partner_links_issued_by_user_id_users_id_fk" FOREIGN KEY ("issued_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "partner_links_token_hash_idx" ON "partner_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "partner_links_referral_id_idx" ON "partner_links" USING btree ("referral_id") WHERE "partner_links"."revoked_at" is null;