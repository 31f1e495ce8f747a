import { isIPv4, isIPv6 } from 'node:net';
import { err, ok, type Result } from '../core/result.ts';

/**
 * IPv4 ranges newsdesk never connects to (unless the host is allow-listed): every entry of IANA's
 * IPv4 Special-Purpose Address Registry, and multicast. No news page lives in any of them.
 */
const BLOCKED_IPV4: readonly [base: string, prefix: number, what: string][] = [
  ['0.0.0.0', 8, 'an unspecified ("this network") address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local (cloud metadata) address'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'an IETF protocol assignment address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.31.196.0', 24, 'an AS112 address'],
  ['192.52.193.0', 24, 'an AMT relay address'],
  ['192.88.99.0', 24, 'a reserved relay address'],
  ['192.168.0.0', 16, 'a private address'],
  ['192.175.48.0', 24, 'an AS112 address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];

/** How an IPv6 range that carries an IPv4 address is judged: by that address, where it sits. */
type Ipv4Inside = 'low-32-bits' | 'bits-16-to-47';

/**
 * IPv6 ranges newsdesk never connects to: every entry of IANA's IPv6 Special-Purpose Address
 * Registry, and the deprecated site-local, IPv4-compatible and IPv4-translated forms and
 * multicast. Three ranges carry an IPv4 address and are judged by it: IPv4-mapped, the well-known
 * NAT64 prefix (an IPv6-only network reaches public IPv4 sites through it) and 6to4.
 */
const BLOCKED_IPV6: readonly [base: string, prefix: number, what: string | Ipv4Inside][] = [
  ['::', 128, 'an unspecified address'],
  ['::1', 128, 'a loopback address'],
  ['::', 96, 'an IPv4-compatible address'],
  ['::ffff:0:0', 96, 'low-32-bits'],
  ['::ffff:0:0:0', 96, 'an IPv4-translated address'],
  ['64:ff9b::', 96, 'low-32-bits'],
  ['64:ff9b:1::', 48, 'a local-use NAT64 address'],
  ['100::', 64, 'a discard-only address'],
  ['100:0:0:1::', 64, 'a dummy address'],
  // Teredo, PCP/TURN/DNS-SD anycast, benchmarking, AMT, AS112, ORCHID and drone remote ID.
  ['2001::', 23, 'an IETF protocol assignment address'],
  ['2001:db8::', 32, 'a documentation address'],
  ['2002::', 16, 'bits-16-to-47'],
  ['2620:4f:8000::', 48, 'an AS112 address'],
  ['3fff::', 20, 'a documentation address'],
  ['5f00::', 16, 'a segment routing address'],
  ['fc00::', 7, 'a unique local (private) address'],
  ['fe80::', 10, 'a link-local address'],
  ['fec0::', 10, 'a site-local address'],
  ['ff00::', 8, 'a multicast address'],
];

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

function inIpv4Range(address: number, base: string, prefix: number): boolean {
  const size = 2 ** (32 - prefix);
  const start = ipv4ToNumber(base);
  return address >= start && address < start + size;
}

/** Why an IPv4 address is refused, or null when it is a public address. */
function blockedIpv4(address: string): string | null {
  const value = ipv4ToNumber(address);
  for (const [base, prefix, what] of BLOCKED_IPV4) if (inIpv4Range(value, base, prefix)) return what;
  return null;
}

/** An IPv6 address as a 128-bit number (zone id dropped, an IPv4 tail expanded), or undefined. */
function ipv6ToBigInt(address: string): bigint | undefined {
  let text = address.split('%')[0] ?? '';
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail?.[1]) {
    const v4 = ipv4ToNumber(tail[1]);
    text = `${text.slice(0, -tail[1].length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = 8 - headGroups.length - restGroups.length;
  if (rest === undefined ? missing !== 0 : missing < 0) return undefined;
  const groups = [...headGroups, ...Array<string>(Math.max(missing, 0)).fill('0'), ...restGroups];
  return groups.reduce((value, group) => (value << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}

/** Whether a 128-bit address lies in `base/prefix`. */
function inIpv6Range(address: bigint, base: string, prefix: number): boolean {
  const start = ipv6ToBigInt(base) ?? 0n;
  const shift = BigInt(128 - prefix);
  return address >> shift === start >> shift;
}

/** The IPv4 address an IPv6 address carries at `where`. */
function carriedIpv4(address: bigint, where: Ipv4Inside): string {
  const shift = where === 'low-32-bits' ? 0n : 80n;
  return numberToIpv4(Number((address >> shift) & 0xffffffffn));
}

/** Why an IPv6 address is refused, or null when it is a public address. */
function blockedIpv6(address: string): string | null {
  const value = ipv6ToBigInt(address);
  if (value === undefined) return 'an unparsable IPv6 address';
  for (const [base, prefix, what] of BLOCKED_IPV6) {
    if (!inIpv6Range(value, base, prefix)) continue;
    if (what === 'low-32-bits' || what === 'bits-16-to-47') return blockedIpv4(carriedIpv4(value, what));
    return what;
  }
  return null;
}

/**
 * Why newsdesk refuses to connect to an IP address (every range of IANA's IPv4 and IPv6
 * special-purpose registries, multicast, and private IPv4 addresses carried in IPv6), or null when
 * it is public.
 */
export function blockedAddressReason(address: string): string | null {
  if (isIPv4(address)) return blockedIpv4(address);
  if (isIPv6(address)) return blockedIpv6(address);
  return 'not an IP address';
}

/** A URL's host name without IPv6 brackets, lower case. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** The port a URL connects to, explicit or the scheme's default. */
export function effectivePort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/**
 * Whether a URL's host is on the allow-list: an entry is a host name or address ("feeds.lan",
 * "127.0.0.1", "::1"), or one with a port ("127.0.0.1:8080", "[::1]:8080") that allows only that port.
 */
export function isAllowListed(url: URL, allowedHosts: readonly string[]): boolean {
  const host = bareHostname(url);
  const port = effectivePort(url);
  return allowedHosts.some((entry) => {
    const text = entry.trim().toLowerCase();
    const withPort = /^\[?([^\]]*?)\]?:(\d+)$/.exec(text);
    // A bare IPv6 address has colons but no port.
    if (withPort && !isIPv6(text)) return withPort[1] === host && Number(withPort[2]) === port;
    return text.replace(/^\[(.*)\]$/, '$1') === host;
  });
}

/** Parses a URL newsdesk may fetch: absolute, http or https, no credentials in it. */
export function parseFetchableUrl(raw: string): Result<URL, string> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return err(`not a valid URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return err(`only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, '')}: (${raw})`);
  if (url.username !== '' || url.password !== '')
    return err(`URLs with credentials are refused (${url.host})`);
  return ok(url);
}
