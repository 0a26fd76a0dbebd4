DROP INDEX "referrals_receiver_organization_id_status_last_move_at_idx";--> statement-breakpoint
DROP INDEX "referrals_sender_organization_id_status_last_move_at_idx";--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "notifications_user_id_unread_idx" ON "notifications" USING btree ("user_id") WHERE read_at is null;--> statement-breakpoint
CREATE INDEX "referrals_receiver_organization_id_status_due_at_idx" ON "referrals" USING btree ("receiver_organization_id","status","due_at");--> statement-breakpoint
CREATE INDEX "referrals_sender_organization_id_status_due_at_idx" ON "referrals" USING btree ("sender_organization_id","status","due_at");--> statement-breakpoint
CREATE INDEX "referrals_assigned_user_id_status_idx" ON "referrals" USING btree ("assigned_user_id","status");