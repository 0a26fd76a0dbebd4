import { type LifeDomain, lifeDomainLabels } from "@schakel/core";
import type { ContactChannel } from "../api/types";
import { formatEuro } from "./format";

export function domainLabel(domain: LifeDomain): string {
  return lifeDomainLabels[domain];
}

/** "21 tot en met 26 jaar", "Vanaf 18 jaar", "Alle leeftijden". */
export function ageText(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return min === max ? `${min} jaar` : `${min} tot en met ${max} jaar`;
  if (min !== null) return `Vanaf ${min} jaar`;
  if (max !== null) return `Tot en met ${max} jaar`;
  return "Alle leeftijden";
}

/** "Schulden van € 1.000 tot en met € 4.000"; null when the service sets no debt range. */
export function debtText(min: number | null, max: number | null): string | null {
  if (min !== null && max !== null) return `Schulden van ${formatEuro(min)} tot en met ${formatEuro(max)}`;
  if (min !== null) return `Schulden vanaf ${formatEuro(min)}`;
  if (max !== null) return `Schulden tot en met ${formatEuro(max)}`;
  return null;
}

export function bijstandText(requiresBijstand: boolean | null): string | null {
  if (requiresBijstand === true) return "Alleen voor mensen met een bijstandsuitkering";
  if (requiresBijstand === false) return "Alleen voor mensen zonder bijstandsuitkering";
  return null;
}

/**
 * "Heel Nederland", "Arnhem en Enschede", or "Bepaalde postcodes" (the ranges are on the detail
 * page); `nameOf` gives a municipality's name by its code (see useMunicipalityName).
 */
export function areaText(
  isNational: boolean,
  municipalityCodes: readonly string[],
  nameOf: (code: string) => string,
  hasPostcodes = true,
): string {
  if (isNational) return "Heel Nederland";
  const names = municipalityCodes.map(nameOf).sort((a, b) => a.localeCompare(b, "nl"));
  if (names.length === 0) return hasPostcodes ? "Bepaalde postcodes" : "Onbekend";
  return listText(names);
}

/** "a", "a en b", "a, b en c" (or "of"). */
export function listText(items: readonly string[], conjunction: "en" | "of" = "en"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items.at(-1)}`;
}

const languageNames = (() => {
  try {
    return new Intl.DisplayNames(["nl"], { type: "language" });
  } catch {
    return null;
  }
})();

/** Names browsers may not know. */
const extraLanguageNames: Record<string, string> = { pap: "Papiaments", ber: "Berbers", prs: "Dari" };

/** "Nederlands" for nl; the code itself when the browser does not know it. */
export function languageName(code: string): string {
  const extra = extraLanguageNames[code];
  if (extra) return extra;
  try {
    const name = languageNames?.of(code);
    if (name && name !== code) return name.charAt(0).toUpperCase() + name.slice(1);
  } catch {
    // an invalid code: show it as it is
  }
  return code;
}

/** A link for a contact route: tel:, mailto:, https:// or wa.me; null when the value is no usable address. */
export function contactHref(channel: ContactChannel): string | null {
  const value = channel.value?.trim();
  if (!value) return null;
  switch (channel.kind) {
    case "telefoon": {
      const dialable = value.replace(/[^\d+]/g, "");
      return /^\+?\d{3,}$/.test(dialable) ? `tel:${dialable}` : null;
    }
    case "whatsapp": {
      const number = internationalNumber(value);
      return number ? `https://wa.me/${number}` : null;
    }
    case "email":
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? `mailto:${value}` : null;
    case "website":
      return webAddress(value);
    default:
      return null;
  }
}

/** Digits only, with the country code: 06-12345678 becomes 31612345678 (what wa.me wants). */
export function internationalNumber(value: string): string | null {
  const digits = value.replace(/\D/g, "");
  let number: string;
  if (value.trim().startsWith("+")) number = digits;
  else if (digits.startsWith("00")) number = digits.slice(2);
  else if (digits.startsWith("0")) number = `31${digits.slice(1)}`;
  else number = digits;
  return number.length >= 8 && number.length <= 15 ? number : null;
}

/** An http(s) address; "example.org" becomes "https://example.org". Anything else (javascript:…) is null. */
export function webAddress(value: string): string | null {
  const candidate = /^[a-z][a-z\d+.-]*:/i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(candidate);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    if (!url.hostname.includes(".")) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** How a web address reads in a link: without https:// and a trailing slash. */
export function readableAddress(href: string): string {
  return href.replace(/^https?:\/\//, "").replace(/\/$/, "");
}
