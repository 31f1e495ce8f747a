import { describe, expect, it } from 'vitest';
import { blockedAddressReason, isAllowListed, parseFetchableUrl } from '../../src/ingest/address-policy.ts';
import { canonicalLink } from '../../src/ingest/ingest.ts';

describe('blockedAddressReason', () => {
  const refused: [string, string][] = [
    ['127.0.0.1', 'loopback'],
    ['127.10.20.30', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.20', 'private'],
    ['169.254.169.254', 'metadata'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique local'],
    ['fd12:3456:789a::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:10.1.2.3', 'private'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
    ['ff02::1', 'multicast'],
  ];
  it.each(refused)('GIVEN %s THEN it is refused as %s', (address, what) => {
    expect(blockedAddressReason(address)).toContain(what);
  });

  const allowed = [
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::6810:85e5',
    '::ffff:8.8.8.8',
  ];
  it.each(allowed)('GIVEN the public address %s THEN it is allowed', (address) => {
    expect(blockedAddressReason(address)).toBeNull();
  });
});

/**
 * IANA's IPv4 and IPv6 Special-Purpose Address Registries, entry by entry, with the first and the
 * last address of each range (written out here, apart from the table the code uses).
 */
const IPV4_REGISTRY: [range: string, first: string, last: string][] = [
  ['0.0.0.0/8 "this network"', '0.0.0.0', '0.255.255.255'],
  ['10.0.0.0/8 private-use', '10.0.0.0', '10.255.255.255'],
  ['100.64.0.0/10 shared address space', '100.64.0.0', '100.127.255.255'],
  ['127.0.0.0/8 loopback', '127.0.0.0', '127.255.255.255'],
  ['169.254.0.0/16 link local', '169.254.0.0', '169.254.255.255'],
  ['172.16.0.0/12 private-use', '172.16.0.0', '172.31.255.255'],
  ['192.0.0.0/24 IETF protocol assignments', '192.0.0.0', '192.0.0.255'],
  ['192.0.0.0/29 IPv4 service continuity prefix', '192.0.0.0', '192.0.0.7'],
  ['192.0.0.8/32 IPv4 dummy address', '192.0.0.8', '192.0.0.8'],
  ['192.0.0.9/32 port control protocol anycast', '192.0.0.9', '192.0.0.9'],
  ['192.0.0.10/32 TURN anycast', '192.0.0.10', '192.0.0.10'],
  ['192.0.0.170/31 NAT64/DNS64 discovery', '192.0.0.170', '192.0.0.171'],
  ['192.0.2.0/24 documentation (TEST-NET-1)', '192.0.2.0', '192.0.2.255'],
  ['192.31.196.0/24 AS112-v4', '192.31.196.0', '192.31.196.255'],
  ['192.52.193.0/24 AMT', '192.52.193.0', '192.52.193.255'],
  ['192.88.99.0/24 deprecated 6to4 relay anycast', '192.88.99.0', '192.88.99.255'],
  ['192.168.0.0/16 private-use', '192.168.0.0', '192.168.255.255'],
  ['192.175.48.0/24 direct delegation AS112 service', '192.175.48.0', '192.175.48.255'],
  ['198.18.0.0/15 benchmarking', '198.18.0.0', '198.19.255.255'],
  ['198.51.100.0/24 documentation (TEST-NET-2)', '198.51.100.0', '198.51.100.255'],
  ['203.0.113.0/24 documentation (TEST-NET-3)', '203.0.113.0', '203.0.113.255'],
  ['240.0.0.0/4 reserved', '240.0.0.0', '255.255.255.254'],
  ['255.255.255.255/32 limited broadcast', '255.255.255.255', '255.255.255.255'],
];

const IPV6_REGISTRY: [range: string, first: string, last: string][] = [
  ['::1/128 loopback', '::1', '::1'],
  ['::/128 unspecified', '::', '::'],
  ['::ffff:0:0/96 IPv4-mapped (of a private address)', '::ffff:10.0.0.0', '::ffff:10.255.255.255'],
  ['64:ff9b::/96 IPv4-IPv6 translation (of a loopback address)', '64:ff9b::127.0.0.1', '64:ff9b::7fff:ffff'],
  ['64:ff9b:1::/48 IPv4-IPv6 translation, local use', '64:ff9b:1::', '64:ff9b:1:ffff:ffff:ffff:ffff:ffff'],
  ['100::/64 discard-only', '100::', '100::ffff:ffff:ffff:ffff'],
  ['100:0:0:1::/64 dummy IPv6 prefix', '100:0:0:1::', '100::1:ffff:ffff:ffff:ffff'],
  ['2001::/23 IETF protocol assignments', '2001::', '2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff'],
  ['2001::/32 TEREDO', '2001::', '2001:0:ffff:ffff:ffff:ffff:ffff:ffff'],
  ['2001:1::1/128 port control protocol anycast', '2001:1::1', '2001:1::1'],
  ['2001:1::2/128 TURN anycast', '2001:1::2', '2001:1::2'],
  ['2001:1::3/128 DNS-SD service registration protocol anycast', '2001:1::3', '2001:1::3'],
  ['2001:2::/48 benchmarking', '2001:2::', '2001:2:0:ffff:ffff:ffff:ffff:ffff'],
  ['2001:3::/32 AMT', '2001:3::', '2001:3:ffff:ffff:ffff:ffff:ffff:ffff'],
  ['2001:4:112::/48 AS112-v6', '2001:4:112::', '2001:4:112:ffff:ffff:ffff:ffff:ffff'],
  ['2001:10::/28 deprecated ORCHID', '2001:10::', '2001:1f:ffff:ffff:ffff:ffff:ffff:ffff'],
  ['2001:20::/28 ORCHIDv2', '2001:20::', '2001:2f:ffff:ffff:ffff:ffff:ffff:ffff'],
  ['2001:30::/28 drone remote ID protocol entity tags', '2001:30::', '2001:3f:ffff:ffff:ffff:ffff:ffff:ffff'],
  ['2001:db8::/32 documentation', '2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff'],
  ['2002::/16 6to4 (of a private address)', '2002:c0a8::', '2002:c0a8:ffff:ffff:ffff:ffff:ffff:ffff'],
  [
    '2620:4f:8000::/48 direct delegation AS112 service',
    '2620:4f:8000::',
    '2620:4f:8000:ffff:ffff:ffff:ffff:ffff',
  ],
  ['3fff::/20 documentation', '3fff::', '3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff'],
  ['5f00::/16 segment routing SIDs', '5f00::', '5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
  ['fc00::/7 unique-local', 'fc00::', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
  ['fe80::/10 link-local unicast', 'fe80::', 'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
];

describe('the IANA special-purpose address registries', () => {
  it.each([...IPV4_REGISTRY, ...IPV6_REGISTRY])(
    'GIVEN %s THEN its first and last addresses are refused',
    (_range, first, last) => {
      expect(blockedAddressReason(first)).not.toBeNull();
      expect(blockedAddressReason(last)).not.toBeNull();
    },
  );

  it.each([
    ['::ffff:0:10.0.0.1', 'IPv4-translated'],
    ['::ffff:0:8.8.8.8', 'IPv4-translated'],
    ['::ffff:0:a00:1', 'IPv4-translated'],
    ['64:ff9b:1::8.8.8.8', 'local-use NAT64'],
    ['64:ff9b:1:abcd::1', 'local-use NAT64'],
    ['100::1', 'discard-only'],
    ['::10.0.0.1', 'IPv4-compatible'],
    ['fec0::1', 'site-local'],
    ['ff0e::1', 'multicast'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'IETF protocol assignment'],
  ])('GIVEN the spelling %s THEN it is refused as %s', (address, what) => {
    expect(blockedAddressReason(address)).toContain(what);
  });

  it.each([
    ['IPv4-mapped', '::ffff:8.8.8.8'],
    ['well-known NAT64', '64:ff9b::8.8.8.8'],
    ['6to4', '2002:808:808::1'],
    ['just below 2001::/23', '2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['just above 2001::/23', '2001:200::1'],
    ['just above 64:ff9b:1::/48', '64:ff9b:2::1'],
    ['a global unicast address', '2a00:1450:4001:82b::200e'],
  ])('GIVEN a public address (%s, %s) THEN it is allowed', (_what, address) => {
    expect(blockedAddressReason(address)).toBeNull();
  });
});

describe('isAllowListed', () => {
  const cases: [string, string[], boolean][] = [
    ['http://127.0.0.1:8080/feed', ['127.0.0.1:8080'], true],
    ['http://127.0.0.1:9090/feed', ['127.0.0.1:8080'], false],
    ['http://127.0.0.2:8080/feed', ['127.0.0.1:8080'], false],
    ['http://127.0.0.1:9090/feed', ['127.0.0.1'], true],
    ['https://feeds.lan/rss', ['FEEDS.LAN'], true],
    ['https://feeds.lan/rss', ['feeds.lan:443'], true],
    ['http://feeds.lan/rss', ['feeds.lan:443'], false],
    ['http://[::1]:8080/', ['[::1]:8080'], true],
    ['http://[::1]:8080/', ['::1'], true],
    ['http://evil.example/', [], false],
  ];
  it.each(cases)('GIVEN %s and the allow-list %j THEN allowed is %s', (url, list, expected) => {
    expect(isAllowListed(new URL(url), list)).toBe(expected);
  });
});

describe('parseFetchableUrl', () => {
  it.each([
    'file:///etc/passwd',
    'ftp://example.com/feed.xml',
    'gopher://example.com/',
    'javascript:alert(1)',
  ])('GIVEN %s THEN only http and https are accepted', (url) => {
    const parsed = parseFetchableUrl(url);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('only http and https');
  });

  it('GIVEN credentials in the URL THEN it is refused', () => {
    expect(parseFetchableUrl('https://user:secret@example.com/').ok).toBe(false);
  });

  it('GIVEN a plain https URL THEN it parses', () => {
    expect(parseFetchableUrl(' https://apnews.com/article/x ').ok).toBe(true);
  });
});

describe('canonicalLink', () => {
  const cases: [string, string][] = [
    ['https://news.example/story?utm_source=rss&utm_medium=feed', 'https://news.example/story'],
    ['https://news.example/story?id=4&fbclid=abc#comments', 'https://news.example/story?id=4'],
    ['https://news.example/story', 'https://news.example/story'],
  ];
  it.each(cases)('GIVEN %s THEN the story link is %s', (link, expected) => {
    expect(canonicalLink(link)).toBe(expected);
  });
});
