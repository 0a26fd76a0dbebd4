const dateTime = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });

/** "27 november om 14:03" */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso)).replace(",", " om");
}

const date = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric" });

/** "23 november 2026" */
export function formatDate(iso: string): string {
  return date.format(new Date(iso));
}

const number = new Intl.NumberFormat("nl-NL");

/** "2.000" */
export function formatNumber(value: number): string {
  return number.format(value);
}

const euro = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });

/** "€ 1.000" */
export function formatEuro(value: number): string {
  return euro.format(value);
}

const calendarDay = new Intl.DateTimeFormat("nl-NL", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "vrijdag 24 december 2027", for a calendar day given as YYYY-MM-DD. */
export function formatCalendarDay(day: string): string {
  return calendarDay.format(new Date(`${day}T00:00:00Z`));
}
