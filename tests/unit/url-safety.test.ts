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
