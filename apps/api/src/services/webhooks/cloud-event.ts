import type { webhookEvents } from "@schakel/db";
import { CloudEvent } from "cloudevents";

type EventRow = Pick<typeof webhookEvents.$inferSelect, "id" | "type" | "time" | "resourcePath" | "sequence" | "data">;

/** Digits of the `sequence` attribute: the CloudEvents sequence extension orders lexicographically, so it is zero-padded. */
const SEQUENCE_DIGITS = 10;

export const formatSequence = (sequence: number) => String(sequence).padStart(SEQUENCE_DIGITS, "0");

/**
 * An outbox row as a CloudEvents 1.0 event, following the NL GOV profile: `source` a URN of the
 * hub, no `subject` (nothing that could identify a resident), `dataref` the absolute API address of
 * the resource (the receiver fetches it with its token), `sequence` per referral or service. The
 * SDK checks the attributes (names, types, the required ones) as it builds the event.
 */
export function toCloudEvent(row: EventRow, hub: { source: string; baseUrl: string }) {
  return new CloudEvent(
    {
      specversion: "1.0",
      id: row.id,
      source: hub.source,
      type: row.type,
      time: row.time.toISOString(),
      datacontenttype: "application/json",
      dataref: `${hub.baseUrl}${row.resourcePath}`,
      sequence: formatSequence(row.sequence),
      data: row.data,
    },
    true,
  );
}

/** The body of a delivery: the event in the CloudEvents JSON format (structured mode). */
export const CLOUD_EVENTS_CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";
export const cloudEventBody = (event: CloudEvent<unknown>) => JSON.stringify(event.toJSON());
