import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';

describe('parseConfig', () => {
  it('GIVEN no settings THEN the console defaults hold and no platform is on', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      ok: true,
      value: { databaseUrl: undefined, digestsDir: 'digests', summarySentences: 3, defaultTimezone: 'UTC' },
    });
    if (config.ok) {
      expect(config.value.discord).toBeUndefined();
      expect(config.value.slack).toBeUndefined();
    }
  });

  it('GIVEN several bad settings THEN one error lists every bad key', () => {
    const config = parseConfig({
      DATABASE_URL: 'mysql://localhost/db',
      SUMMARY_SENTENCES: 'many',
      DEFAULT_TIMEZONE: 'Europe/Berln',
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      DISCORD_TOKEN: 'abc',
    });
    expect(config.ok).toBe(false);
    if (config.ok) return;
    for (const key of [
      'DATABASE_URL',
      'SUMMARY_SENTENCES',
      'DEFAULT_TIMEZONE',
      'SLACK_BOT_TOKEN',
      'DISCORD_APPLICATION_ID',
    ]) {
      expect(config.error).toContain(key);
    }
  });

  it('GIVEN a bot and an app token THEN Slack runs in Socket Mode', () => {
    const config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(config.ok && config.value.slack?.mode).toBe('socket');
  });

  it('GIVEN a bot token and a signing secret THEN Slack runs over HTTP on SLACK_PORT', () => {
    const config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_PORT: '3101' });
    expect(config.ok && config.value.slack).toMatchObject({ mode: 'http', port: 3101 });
  });

  it('GIVEN empty values as .env files have them THEN they count as unset', () => {
    const config = parseConfig({ DISCORD_TOKEN: '', DATABASE_URL: ' ' });
    expect(config.ok && config.value.discord).toBeUndefined();
  });

  it('GIVEN no source settings THEN nothing private is allow-listed and feeds are polled every 15 minutes', () => {
    const config = parseConfig({});
    expect(config.ok && config.value).toMatchObject({ fetchAllowedHosts: [], feedPollMinutes: 15 });
  });

  it('GIVEN FETCH_ALLOWED_HOSTS and FEED_POLL_MINUTES THEN the hosts are listed and the interval kept', () => {
    const config = parseConfig({
      FETCH_ALLOWED_HOSTS: ' feeds.lan, 127.0.0.1:8080 ,',
      FEED_POLL_MINUTES: '60',
    });
    expect(config.ok && config.value).toMatchObject({
      fetchAllowedHosts: ['feeds.lan', '127.0.0.1:8080'],
      feedPollMinutes: 60,
    });
  });

  it('GIVEN no ANALYSIS_TIMEOUT_MS THEN an article gets 3 s; a set one is kept, one under 100 ms is named', () => {
    expect(parseConfig({})).toMatchObject({ ok: true, value: { analysisTimeoutMs: 3000 } });
    expect(parseConfig({ ANALYSIS_TIMEOUT_MS: '10000' })).toMatchObject({
      ok: true,
      value: { analysisTimeoutMs: 10_000 },
    });
    const tooShort = parseConfig({ ANALYSIS_TIMEOUT_MS: '5' });
    expect(!tooShort.ok && tooShort.error).toContain('ANALYSIS_TIMEOUT_MS');
  });

  it('GIVEN no READ_CACHE_MB THEN the read cache has 64 MB; 0 turns it off; a negative or fractional one is named', () => {
    expect(parseConfig({})).toMatchObject({ ok: true, value: { readCacheBytes: 64 * 1024 * 1024 } });
    expect(parseConfig({ READ_CACHE_MB: '0' })).toMatchObject({ ok: true, value: { readCacheBytes: 0 } });
    for (const bad of ['-1', '1.5', 'lots']) {
      const config = parseConfig({ READ_CACHE_MB: bad });
      expect(!config.ok && config.error).toContain('READ_CACHE_MB');
    }
  });

  it('GIVEN a poll interval out of range and a host with a path THEN both keys are named', () => {
    const config = parseConfig({ FETCH_ALLOWED_HOSTS: 'http://feeds.lan/rss', FEED_POLL_MINUTES: '0' });
    expect(config.ok).toBe(false);
    if (config.ok) return;
    expect(config.error).toContain('FETCH_ALLOWED_HOSTS');
    expect(config.error).toContain('FEED_POLL_MINUTES');
  });
});

describe('parseConfig: running as a service', () => {
  it('GIVEN no service settings THEN the console is auto, stops get 10 s, retries cap at 60 s and no health port', () => {
    const config = parseConfig({});
    expect(config.ok && config.value).toMatchObject({
      console: 'auto',
      shutdownGraceMs: 10_000,
      retry: { baseMs: 1000, maxMs: 60_000 },
      health: undefined,
    });
  });

  it.each([
    [
      { CONSOLE: 'off', SHUTDOWN_GRACE_SECONDS: '2.5' },
      { console: 'off', shutdownGraceMs: 2500 },
    ],
    [{ RETRY_BASE_SECONDS: '0.2', RETRY_MAX_SECONDS: '1' }, { retry: { baseMs: 200, maxMs: 1000 } }],
    [{ HEALTH_PORT: '9464' }, { health: { port: 9464, host: '0.0.0.0' } }],
    [{ HEALTH_PORT: '0', HEALTH_HOST: '127.0.0.1' }, { health: { port: 0, host: '127.0.0.1' } }],
    [{ HEALTH_PORT: ' ' }, { health: undefined }],
  ])('GIVEN %o THEN the settings read %o', (env, expected) => {
    const config = parseConfig(env);
    expect(config.ok && config.value).toMatchObject(expected);
  });

  it.each([
    [{ CONSOLE: 'maybe' }, 'CONSOLE'],
    [{ SHUTDOWN_GRACE_SECONDS: '0' }, 'SHUTDOWN_GRACE_SECONDS'],
    [{ SHUTDOWN_GRACE_SECONDS: 'soon' }, 'SHUTDOWN_GRACE_SECONDS'],
    [{ HEALTH_PORT: '70000' }, 'HEALTH_PORT'],
    [{ HEALTH_PORT: 'http' }, 'HEALTH_PORT'],
    [
      { RETRY_BASE_SECONDS: '30', RETRY_MAX_SECONDS: '5' },
      'RETRY_BASE_SECONDS must not exceed RETRY_MAX_SECONDS',
    ],
  ])('GIVEN %o THEN the error names %s', (env, named) => {
    const config = parseConfig(env);
    expect(config.ok).toBe(false);
    if (!config.ok) expect(config.error).toContain(named);
  });
});
