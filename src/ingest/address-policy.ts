import { isIPv4, isIPv6 } from 'node:net';
import { err, ok, type Result } from '../core/result.ts';

/** IPv4 ranges newsdesk never connects to (unless the host is allow-listed), with what they are. */
const BLOCKED_IPV4: readonly [base: string, prefix: number, what: string][] = [
  ['0.0.0.0', 8, 'an unspecified ("this network") address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local (cloud metadata) address'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'a reserved address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.88.99.0', 24, 'a reserved relay address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
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

/** The eight 16-bit groups of an IPv6 address (zone id dropped, an IPv4 tail expanded). */
function ipv6Groups(address: string): number[] | undefined {
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
  return groups.map((group) => Number.parseInt(group, 16));
}

/** Why an IPv6 address is refused, or null when it is a public address. */
function blockedIpv6(address: string): string | null {
  const g = ipv6Groups(address);
  if (g?.length !== 8) return 'an unparsable IPv6 address';
  const [a = 0, b = 0, , , , f = 0, h6 = 0, h7 = 0] = g;
  const embeddedV4 = `${h6 >>> 8}.${h6 & 0xff}.${h7 >>> 8}.${h7 & 0xff}`;
  const zeroUpTo = (n: number) => g.slice(0, n).every((group) => group === 0);
  if (zeroUpTo(8)) return 'an unspecified address';
  if (zeroUpTo(7) && h7 === 1) return 'a loopback address';
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address they carry.
  if (zeroUpTo(5) && f === 0xffff) return blockedIpv4(embeddedV4);
  if (a === 0x64 && b === 0xff9b && g.slice(2, 6).every((group) => group === 0))
    return blockedIpv4(embeddedV4);
  // The deprecated IPv4-compatible form (::a.b.c.d) is refused outright.
  if (zeroUpTo(6)) return 'an IPv4-compatible address';
  if (a === 0x2002) {
    const sixToFour = `${b >>> 8}.${b & 0xff}.${(g[2] ?? 0) >>> 8}.${(g[2] ?? 0) & 0xff}`;
    return blockedIpv4(sixToFour);
  }
  if ((a & 0xfe00) === 0xfc00) return 'a unique local (private) address';
  if ((a & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((a & 0xffc0) === 0xfec0) return 'a site-local address';
  if ((a & 0xff00) === 0xff00) return 'a multicast address';
  if (a === 0x2001 && b === 0x0db8) return 'a documentation address';
  if (a === 0x2001 && b === 0) return 'a Teredo address';
  if (a === 0x0100 && zeroUpTo(4)) return 'a discard-only address';
  return null;
}

/**
 * Why newsdesk refuses to connect to an IP address (loopback, private, link-local, metadata,
 * CGNAT, unspecified, IPv6 local ranges and IPv4 addresses mapped into IPv6), or null when it is public.
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
