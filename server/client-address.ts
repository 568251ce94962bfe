import { BlockList, isIPv4, isIPv6 } from "node:net";

/**
 * The address of the client behind a request, for the sign-in rate limit and the session record.
 *
 * What is believed, and why:
 * - The connection's own peer address, when the server exposes it. Next.js 16 does not expose it
 *   to a route handler: there is no `request.ip` and no socket. Next only copies the socket's
 *   address into `X-Forwarded-For` when the client did not send that header itself, so any client
 *   can put its own words there. Under `next start` the peer is therefore unknown (`null`).
 * - `X-Forwarded-For` (walked from the right, skipping trusted proxies) and, failing that,
 *   `X-Real-IP`, only when the request came through a proxy listed in TRUSTED_PROXIES. When the
 *   peer is known it must be one of them; when it is unknown (Next.js), listing proxies is the
 *   operator's statement that the app is reachable only through them (bound to their network),
 *   which is the only way a route handler can rely on a forwarded header at all.
 * - Nothing else. With no trusted proxies and no peer the address is unknown (`null`): sign-in is
 *   then limited per account only, since a per-address limit keyed on a client-chosen value is
 *   escaped by rotating it, and a shared "unknown" bucket would let one attacker lock out everyone.
 */

/** The trusted reverse proxies, parsed once. */
export type TrustedProxies = { readonly isEmpty: boolean; has(address: string): boolean };

/** What a request says about where it came from. */
export type RequestOrigin = {
  /** the connection's peer address; null when the server does not expose it (Next.js) */
  peer: string | null;
  /** the X-Forwarded-For header as received (several headers joined by commas) */
  forwardedFor: string | null;
  /** the X-Real-IP header as received */
  realIp: string | null;
};

const MAPPED_V4 = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

/**
 * One address in canonical form (IPv4 dotted quad; IPv6 compressed lower case; an IPv4-mapped
 * IPv6 address as its IPv4 address), or null when it is not an IP address. Accepts the forms
 * proxies write: `1.2.3.4:5678`, `[2001:db8::1]:443`, `[2001:db8::1]`, `fe80::1%eth0`.
 */
export function parseAddress(raw: string): string | null {
  let v = raw.trim();
  if (v.length === 0 || v.length > 64) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(v);
  if (bracketed) v = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  const zone = v.indexOf("%");
  if (zone !== -1) v = v.slice(0, zone);
  if (isIPv4(v)) return v;
  if (!isIPv6(v)) return null;
  // The WHATWG URL parser writes IPv6 in its one canonical (compressed, lower-case) form.
  const canonical = new URL(`http://[${v}]/`).hostname.slice(1, -1);
  const mapped = MAPPED_V4.exec(canonical);
  if (mapped) {
    const hi = Number.parseInt(mapped[1]!, 16);
    const lo = Number.parseInt(mapped[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return canonical;
}

/**
 * Parses TRUSTED_PROXIES entries (IP addresses and CIDR ranges, IPv4 or IPv6). Throws on an entry
 * that is neither: the settings validate them first, so that is a programming error.
 */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const slash = entry.indexOf("/");
    const address = parseAddress(slash === -1 ? entry : entry.slice(0, slash));
    const prefixText = slash === -1 ? null : entry.slice(slash + 1).trim();
    if (!address || (prefixText !== null && !/^\d{1,3}$/.test(prefixText))) throw new Error(`not an IP address or CIDR range: ${entry}`);
    const type = isIPv4(address) ? "ipv4" : "ipv6";
    const prefix = prefixText === null ? null : Number(prefixText);
    // An IPv4-mapped IPv6 range ("::ffff:10.0.0.0/104") is read as the IPv4 range it maps.
    const v4FromMapped = type === "ipv4" && !isIPv4(entry.slice(0, slash === -1 ? undefined : slash).trim());
    const bits = prefix === null ? null : v4FromMapped ? prefix - 96 : prefix;
    if (bits !== null && (bits < 0 || bits > (type === "ipv4" ? 32 : 128))) throw new Error(`not an IP address or CIDR range: ${entry}`);
    if (bits === null) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  const isEmpty = entries.length === 0;
  return {
    isEmpty,
    has(address: string) {
      const a = parseAddress(address);
      return a !== null && list.check(a, isIPv4(a) ? "ipv4" : "ipv6");
    },
  };
}

/**
 * The client's address in canonical form, or null when it cannot be known (see the top of this
 * file for what is believed and why).
 */
export function clientAddress(origin: RequestOrigin, trusted: TrustedProxies): string | null {
  const peer = origin.peer === null ? null : parseAddress(origin.peer);
  // No proxy is trusted: every forwarded header is the client's own claim.
  if (trusted.isEmpty) return peer;
  // A client that reached the app directly: its headers are its own claims too.
  if (peer !== null && !trusted.has(peer)) return peer;

  // Through a trusted proxy. Each proxy appends the address it received the request from, so the
  // right end of the chain is the most trustworthy; everything left of the first untrusted hop was
  // written by the client and is ignored.
  const hops = (origin.forwardedFor ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter((h) => h.length > 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseAddress(hops[i]!);
    // A hop we cannot read: guessing further left would mean believing the client.
    if (hop === null) return null;
    if (!trusted.has(hop)) return hop;
  }
  // No forwarded chain, or only proxies in it: a proxy that names its peer in X-Real-IP.
  const realIp = origin.realIp === null ? null : parseAddress(origin.realIp);
  if (realIp !== null) return realIp;
  // A request made by a proxy itself (a health check): the innermost proxy, or the peer.
  const first = hops.length > 0 ? parseAddress(hops[0]!) : null;
  return first ?? peer;
}

/** The origin of a Fetch API request; `peer` is what the server knows of the connection. */
export function requestOrigin(request: Request, peer: string | null): RequestOrigin {
  return { peer, forwardedFor: request.headers.get("x-forwarded-for"), realIp: request.headers.get("x-real-ip") };
}
