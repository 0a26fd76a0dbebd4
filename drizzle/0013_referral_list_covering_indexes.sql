DROP INDEX "referrals_receiver_organization_id_status_due_at_idx";--> statement-breakpoint
DROP INDEX "referrals_sender_organization_id_status_due_at_idx";--> statement-breakpoint
CREATE INDEX "referrals_inbox_idx" ON "referrals" USING btree ("receiver_organization_id","status","due_at","urgency","last_move_at","id");--> statement-breakpoint
CREATE INDEX "referrals_outbox_idx" ON "referrals" USING btree ("sender_organization_id","status","due_at","urgency","last_move_at","id");