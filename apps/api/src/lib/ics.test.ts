import { describe, expect, test } from "vitest";
import { calendarFile, escapeText, foldLine, formatUtc, parseCalendar } from "./ics";

const octets = (s: string) => Buffer.byteLength(s, "utf8");

describe("iCalendar text (RFC 5545)", () => {
  test("TEXT values escape backslash, semicolon, comma and line breaks", () => {
    expect(escapeText("Wijkcentrum De Linde, zaal 2; achteringang\\poort\nbel aan")).toBe(
      "Wijkcentrum De Linde\\, zaal 2\\; achteringang\\\\poort\\nbel aan",
    );
    expect(escapeText("a\r\nb\rc")).toBe("a\\nb\\nc");
  });

  test("lines fold at 75 octets with a leading space, never inside a character", () => {
    const line = `LOCATION:${"ë€".repeat(60)}`;
    const folded = foldLine(line);
    const physical = folded.split("\r\n");
    expect(physical.length).toBeGreaterThan(1);
    for (const p of physical) expect(octets(p)).toBeLessThanOrEqual(75);
    for (const p of physical.slice(1)) expect(p.startsWith(" ")).toBe(true);
    expect(physical.map((p, i) => (i === 0 ? p : p.slice(1))).join("")).toBe(line);
    expect(folded).not.toContain("\uFFFD");
    expect(foldLine("SUMMARY:kort")).toBe("SUMMARY:kort");
    const exactly75 = `X:${"a".repeat(73)}`;
    expect(foldLine(exactly75)).toBe(exactly75);
    expect(foldLine(`${exactly75}b`)).toBe(`${exactly75}\r\n b`);
  });

  test("times are UTC basic format", () => {
    expect(formatUtc(new Date("2026-11-26T10:00:00.000Z"))).toBe("20261126T100000Z");
  });

  test("one VEVENT in a VCALENDAR, CRLF throughout, readable back", () => {
    const text = calendarFile({
      uid: "driegesprek-1@schakel",
      stamp: new Date("2026-11-23T09:00:00Z"),
      start: new Date("2026-11-26T10:00:00Z"),
      end: new Date("2026-11-26T11:00:00Z"),
      sequence: 2,
      summary: "Driegesprek (Schakel)",
      location: `Wijkcentrum, zaal 2; ${"lange omschrijving ".repeat(5)}`,
      url: "https://video.example/kamer?id=1;x=2,y",
    });
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
    const props = parseCalendar(text);
    expect(props[0]).toEqual(["BEGIN", "VCALENDAR"]);
    expect(props.at(-1)).toEqual(["END", "VCALENDAR"]);
    const get = (name: string) => props.find(([n]) => n === name)?.[1];
    expect(get("LOCATION")).toBe(`Wijkcentrum, zaal 2; ${"lange omschrijving ".repeat(5)}`);
    expect(get("URL")).toBe("https://video.example/kamer?id=1;x=2,y");
    expect(get("DTSTART")).toBe("20261126T100000Z");
    expect(get("SEQUENCE")).toBe("2");
    expect(props.filter(([n, v]) => n === "BEGIN" && v === "VEVENT")).toHaveLength(1);
  });
});
