/**
 * Just enough iCalendar (RFC 5545) for one event: TEXT values escaped (§3.3.11), content lines
 * folded at 75 octets without splitting a character (§3.1), CRLF line ends, UTC times (§3.3.5).
 */

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds a content line so no physical line is longer than 75 octets (UTF-8); continuation lines
 * start with one space, which counts towards their 75.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, "utf8");
    if (octets + n > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = 74;
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** A UTC DATE-TIME: 20261126T100000Z. */
export function formatUtc(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

export interface CalendarEvent {
  /** Globally unique and stable, so a calendar updates the event instead of adding a second. */
  uid: string;
  /** When the event was last revised. */
  stamp: Date;
  start: Date;
  end: Date;
  /** Raised on every revision of the time or place. */
  sequence: number;
  summary: string;
  location?: string | null;
  /** A URI, written as is (URIs carry no characters TEXT escaping is for). */
  url?: string | null;
  description?: string | null;
}

/** A VCALENDAR with one VEVENT, ready to serve as text/calendar. */
export function calendarFile(event: CalendarEvent): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Schakel//Driegesprek//NL",
    "CALSCALE:GREGORIAN",
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${formatUtc(event.stamp)}`,
    `DTSTART:${formatUtc(event.start)}`,
    `DTEND:${formatUtc(event.end)}`,
    `SEQUENCE:${event.sequence}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.url ? [`URL:${event.url.replace(/[\r\n]/g, "")}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    "STATUS:CONFIRMED",
    "TRANSP:OPAQUE",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}

/** Reads a calendar back into [name, value] pairs (unfolded, values unescaped): for tests and checks. */
export function parseCalendar(text: string): [string, string][] {
  return text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter((l) => l.length > 0)
    .map((l) => {
      const i = l.indexOf(":");
      const value = l.slice(i + 1).replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
      return [l.slice(0, i), value];
    });
}
