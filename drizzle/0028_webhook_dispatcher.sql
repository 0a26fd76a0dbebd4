ALTER TYPE "public"."notification_kind" ADD VALUE 'webhook_failed';--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD COLUMN "failure_notice_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_due_idx" ON "webhook_deliveries" USING btree ("subscription_id","next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_open_order_idx" ON "webhook_deliveries" USING btree ("subscription_id","ordering_key","sequence") WHERE status <> 'delivered' and status <> 'failed';