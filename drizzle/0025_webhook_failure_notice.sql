ALTER TYPE "public"."notification_kind" ADD VALUE 'webhook_failed';--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD COLUMN "failure_notice_at" timestamp with time zone;