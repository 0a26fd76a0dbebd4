CREATE TYPE "public"."mail_mode" AS ENUM('each', 'digest');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('referral_new', 'referral_message', 'referral_driegesprek', 'referral_withdrawn', 'referral_assigned', 'referral_moved', 'escalation_reminder', 'escalation_late', 'referral_expired', 'consent_expiring', 'consent_expired');--> statement-breakpoint
CREATE TYPE "public"."escalation_rung" AS ENUM('remind_receiver', 'tell_sender', 'expire');--> statement-breakpoint
CREATE TYPE "public"."expiry_reason" AS ENUM('no_response', 'consent_expired');--> statement-breakpoint
CREATE TABLE "digest_runs" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"covered_until" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "digest_runs_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "notification_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"mail_mode" "mail_mode" DEFAULT 'digest' NOT NULL,
	"all_referrals" boolean DEFAULT false NOT NULL,
	"overview_seen_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization_closing_days" (
	"organization_id" uuid NOT NULL,
	"day" date NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	CONSTRAINT "organization_closing_days_organization_id_day_pk" PRIMARY KEY("organization_id","day")
);
--> statement-breakpoint
CREATE TABLE "referral_escalations" (
	"referral_id" uuid NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"status" "referral_status" NOT NULL,
	"rung" "escalation_rung" NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "referral_escalations_referral_id_since_rung_pk" PRIMARY KEY("referral_id","since","rung")
);
--> statement-breakpoint
CREATE TABLE "scheduler_jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_started_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"last_duration_ms" integer,
	"last_summary" jsonb,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "kind" "notification_kind" DEFAULT 'referral_moved' NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "urgent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "intake_email" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "reference" integer NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "referrals_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "escalation_rung" "escalation_rung";--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "escalation_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "late_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "first_response_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "expiry_reason" "expiry_reason";--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "anonymized_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "expiry_warned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "escalation" jsonb;--> statement-breakpoint
ALTER TABLE "digest_runs" ADD CONSTRAINT "digest_runs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_closing_days" ADD CONSTRAINT "organization_closing_days_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_escalations" ADD CONSTRAINT "referral_escalations_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_reference_idx" ON "referrals" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "referrals_escalation_at_idx" ON "referrals" USING btree ("escalation_at") WHERE escalation_at is not null;--> statement-breakpoint
CREATE INDEX "referrals_late_since_idx" ON "referrals" USING btree ("late_since") WHERE late_since is not null;--> statement-breakpoint
CREATE INDEX "referrals_closed_at_idx" ON "referrals" USING btree ("closed_at") WHERE anonymized_at is null and closed_at is not null;--> statement-breakpoint
CREATE INDEX "referrals_service_id_created_at_idx" ON "referrals" USING btree ("service_id","created_at");--> statement-breakpoint
CREATE INDEX "consents_valid_until_idx" ON "consents" USING btree ("valid_until") WHERE withdrawn_at is null;--> statement-breakpoint
-- Open referrals made before the ladder existed start on its first rung, at their due instant.
UPDATE "referrals" SET "escalation_rung" = 'remind_receiver', "escalation_at" = "due_at"
  WHERE "status" IN ('sent', 'received', 'accepted', 'in_contact', 'in_progress', 'on_hold');
--> statement-breakpoint
-- The receiver's first response, from the timeline.
UPDATE "referrals" r SET "first_response_at" = e.at
  FROM (SELECT referral_id, min(at) AS at FROM referral_events
        WHERE type = 'status_changed' AND to_status IN ('accepted', 'declined') GROUP BY referral_id) e
  WHERE e.referral_id = r.id;
--> statement-breakpoint
-- The access log stays append-only for everyone but the retention job, which deletes entries
-- older than its own period: it sets schakel.access_log_cutoff for its transaction only
-- (set_config(..., true)), and only entries before that instant may go. UPDATE and TRUNCATE stay refused.
CREATE OR REPLACE FUNCTION access_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  cutoff text := current_setting('schakel.access_log_cutoff', true);
BEGIN
  IF TG_OP = 'DELETE' AND coalesce(cutoff, '') <> '' AND OLD.at < cutoff::timestamptz THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'access_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
