const dateTime = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });

/** "27 november om 14:03" */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso)).replace(",", " om");
}
