CREATE TYPE "public"."consent_method" AS ENUM('mondeling', 'schriftelijk', 'digitaal');--> statement-breakpoint
CREATE TYPE "public"."contact_attempt_channel" AS ENUM('phone', 'whatsapp_sms', 'letter', 'card', 'home_visit', 'email');--> statement-breakpoint
CREATE TYPE "public"."contact_attempt_result" AS ENUM('no_answer', 'contact_appointment', 'not_convenient', 'not_wanted', 'wrong_details');--> statement-breakpoint
CREATE TYPE "public"."data_category" AS ENUM('contact', 'birthdate', 'request', 'finances', 'debts', 'household', 'safety', 'health');--> statement-breakpoint
CREATE TYPE "public"."driegesprek_state" AS ENUM('proposed', 'confirmed', 'held', 'not_held');--> statement-breakpoint
CREATE TYPE "public"."feedback_level" AS ENUM('contact_only', 'status', 'outcome');--> statement-breakpoint
CREATE TYPE "public"."lawful_basis" AS ENUM('consent', 'wgs_task');--> statement-breakpoint
CREATE TYPE "public"."outcome" AS ENUM('helped', 'not_helped');--> statement-breakpoint
CREATE TYPE "public"."preferred_channel" AS ENUM('telefoon', 'whatsapp', 'brief', 'huisbezoek', 'email');--> statement-breakpoint
CREATE TYPE "public"."referral_status" AS ENUM('sent', 'received', 'accepted', 'declined', 'in_contact', 'in_progress', 'on_hold', 'completed', 'not_reached', 'withdrawn', 'expired');--> statement-breakpoint
CREATE TYPE "public"."urgency" AS ENUM('normal', 'urgent');--> statement-breakpoint
CREATE TYPE "public"."urgency_reason" AS ENUM('eviction', 'energy_cutoff', 'no_food', 'other');--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid NOT NULL,
	"receiving_organization_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"data_categories" "data_category"[] NOT NULL,
	"method" "consent_method" NOT NULL,
	"feedback_level" "feedback_level" NOT NULL,
	"recorded_by_user_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by_user_id" uuid,
	"withdrawal_reason" text
);
--> statement-breakpoint
CREATE TABLE "contact_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"channel" "contact_attempt_channel" NOT NULL,
	"result" "contact_attempt_result" NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL,
	"by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "driegesprekken" (
	"referral_id" uuid PRIMARY KEY NOT NULL,
	"state" "driegesprek_state" DEFAULT 'proposed' NOT NULL,
	"proposed_moments" timestamp with time zone[] DEFAULT '{}' NOT NULL,
	"confirmed_at" timestamp with time zone,
	"place" text,
	"video_link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"referral_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"referral_id" uuid,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "referral_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"referral_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_organization_id" uuid,
	"type" text NOT NULL,
	"from_status" "referral_status",
	"to_status" "referral_status",
	"note" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"sender_organization_id" uuid NOT NULL,
	"sender_user_id" uuid,
	"receiver_organization_id" uuid NOT NULL,
	"assigned_user_id" uuid,
	"lawful_basis" "lawful_basis" NOT NULL,
	"consent_id" uuid,
	"data_categories" "data_category"[] NOT NULL,
	"request" text NOT NULL,
	"life_domains" "life_domain"[] DEFAULT '{}' NOT NULL,
	"urgency" "urgency" DEFAULT 'normal' NOT NULL,
	"urgency_reason" "urgency_reason",
	"preferred_channel" "preferred_channel",
	"driegesprek_wanted" boolean DEFAULT false NOT NULL,
	"safety_flag" boolean DEFAULT false NOT NULL,
	"status" "referral_status" DEFAULT 'sent' NOT NULL,
	"paused_from" "referral_status",
	"version" integer DEFAULT 1 NOT NULL,
	"last_move_at" timestamp with time zone NOT NULL,
	"response_target_days" integer NOT NULL,
	"decline_reason" text,
	"suggested_service_id" uuid,
	"outcome" "outcome",
	"money_outcome_cents" bigint,
	"outcome_note" text,
	"previous_referral_id" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"birth_date" date,
	"birth_year" smallint,
	"address" text,
	"postcode" text,
	"phone" text,
	"email" text,
	"preferred_channel" "preferred_channel",
	"language" text DEFAULT 'nl' NOT NULL,
	"created_by_user_id" uuid,
	"anonymized_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wgs_contracts" (
	"municipal_organization_id" uuid NOT NULL,
	"provider_organization_id" uuid NOT NULL,
	CONSTRAINT "wgs_contracts_municipal_organization_id_provider_organization_id_pk" PRIMARY KEY("municipal_organization_id","provider_organization_id")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "is_municipal_debt_help" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_receiving_organization_id_organizations_id_fk" FOREIGN KEY ("receiving_organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_withdrawn_by_user_id_users_id_fk" FOREIGN KEY ("withdrawn_by_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "driegesprekken" ADD CONSTRAINT "driegesprekken_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_actor_organization_id_organizations_id_fk" FOREIGN KEY ("actor_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_sender_organization_id_organizations_id_fk" FOREIGN KEY ("sender_organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_sender_user_id_users_id_fk" FOREIGN KEY ("sender_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_receiver_organization_id_organizations_id_fk" FOREIGN KEY ("receiver_organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_assigned_user_id_users_id_fk" FOREIGN KEY ("assigned_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_consent_id_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."consents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_suggested_service_id_services_id_fk" FOREIGN KEY ("suggested_service_id") REFERENCES "public"."services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wgs_contracts" ADD CONSTRAINT "wgs_contracts_municipal_organization_id_organizations_id_fk" FOREIGN KEY ("municipal_organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wgs_contracts" ADD CONSTRAINT "wgs_contracts_provider_organization_id_organizations_id_fk" FOREIGN KEY ("provider_organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consents_resident_id_receiving_organization_id_idx" ON "consents" USING btree ("resident_id","receiving_organization_id");--> statement-breakpoint
CREATE INDEX "contact_attempts_referral_id_idx" ON "contact_attempts" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "referral_events_referral_id_at_idx" ON "referral_events" USING btree ("referral_id","at");--> statement-breakpoint
CREATE INDEX "referrals_receiver_organization_id_status_last_move_at_idx" ON "referrals" USING btree ("receiver_organization_id","status","last_move_at");--> statement-breakpoint
CREATE INDEX "referrals_sender_organization_id_status_last_move_at_idx" ON "referrals" USING btree ("sender_organization_id","status","last_move_at");--> statement-breakpoint
CREATE INDEX "referrals_resident_id_idx" ON "referrals" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_resident_id_service_id_open_idx" ON "referrals" USING btree ("resident_id","service_id") WHERE status not in ('declined', 'completed', 'not_reached', 'withdrawn', 'expired');--> statement-breakpoint
CREATE INDEX "residents_organization_id_idx" ON "residents" USING btree ("organization_id");