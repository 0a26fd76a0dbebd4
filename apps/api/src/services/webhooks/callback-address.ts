import type { LookupAddress, LookupOptions } from "node:dns";
import { lookup as dnsLookup } from "node:dns";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Where webhooks may go (issue 10: no SSRF). In production a callback is an https:// address on the
 * public internet: its host may not be, or resolve to, a loopback, private (RFC 1918, unique local),
 * link-local, carrier-grade NAT, multicast, reserved or unspecified address. The check runs when a
 * subscription is made and again at every delivery, on the addresses the connection actually uses
 * (see {@link guardedLookup}), so a DNS record changed afterwards cannot point a delivery inward.
 * `allowLocal` (WEBHOOK_ALLOW_LOCAL_URLS, development and tests only) lifts both rules.
 */
export interface CallbackPolicy {
  allowLocal: boolean;
}

/** Why a callback address is refused, in plain Dutch for the admin who entered it. */
export class CallbackRefused extends Error {}

/** Only ordinary internet addresses; an IPv4-mapped IPv6 address counts as its IPv4 address. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

/** The URL, if its form is allowed (scheme, no credentials, a literal address that is public); otherwise CallbackRefused. */
export function parseCallbackUrl(raw: string, policy: CallbackPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CallbackRefused("Dit is geen geldig webadres.");
  }
  const schemes = policy.allowLocal ? ["https:", "http:"] : ["https:"];
  if (!schemes.includes(url.protocol)) throw new CallbackRefused("Het adres moet met https:// beginnen.");
  if (url.username || url.password) throw new CallbackRefused("Zet geen gebruikersnaam of wachtwoord in het adres.");
  const host = hostOf(url);
  if (isIP(host) && !policy.allowLocal && !isPublicAddress(host)) throw refusedAddress();
  return url;
}

/** The host as the connection uses it: an IPv6 literal without its brackets. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

const refusedAddress = () =>
  new CallbackRefused("Dit adres wijst naar een intern of lokaal netwerk. Webhooks gaan alleen naar adressen op het internet.");

/** Resolves the host (as the delivery will) and refuses it when any of its addresses is not public. */
export async function checkCallbackHost(url: URL, policy: CallbackPolicy): Promise<void> {
  const host = hostOf(url);
  if (policy.allowLocal || isIP(host)) return;
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(host, { all: true }, (err, found) => (err ? reject(err) : resolve(found))),
  ).catch(() => {
    throw new CallbackRefused("Dit adres is niet te vinden (de domeinnaam bestaat niet of de DNS antwoordt niet).");
  });
  if (addresses.length === 0 || addresses.some((a) => !isPublicAddress(a.address))) throw refusedAddress();
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request that resolves the host and fails the connection when an address
 * is not public: the address checked is the one connected to, with no second lookup in between.
 */
export function guardedLookup(policy: CallbackPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      if (!policy.allowLocal && (addresses.length === 0 || addresses.some((a) => !isPublicAddress(a.address)))) {
        return callback(Object.assign(refusedAddress(), { code: "EADDRNOTPUBLIC" }), []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), []);
      callback(null, first.address, first.family);
    });
  };
}
