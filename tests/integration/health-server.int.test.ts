/**
 * The health endpoint on a real socket of 127.0.0.1, with prom-client's registry behind /metrics:
 * what a Kubernetes probe, a Docker HEALTHCHECK and a Prometheus scrape get back.
 */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { handleCommand } from '../../src/core/commands/handle-command.ts';
import { measuredCommands } from '../../src/core/metrics.ts';
import {
  type ReadinessCheck,
  type RunningHealthServer,
  startHealthServer,
} from '../../src/service/health-server.ts';
import { createPromMetrics } from '../../src/service/prom-metrics.ts';
import { openTestStore } from '../fixtures/fake-discord-bot.ts';

let running: RunningHealthServer | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function serve(checks: ReadinessCheck[], stopping = new AbortController()) {
  const prom = createPromMetrics();
  const started = await startHealthServer({
    host: '127.0.0.1',
    port: 0,
    checks: () => checks,
    metrics: { contentType: prom.registry.contentType, text: () => prom.registry.metrics() },
    stopping: stopping.signal,
  });
  if (!started.ok) throw new Error(started.error);
  running = started.value;
  const get = (path: string, method = 'GET') =>
    fetch(`http://127.0.0.1:${started.value.port}${path}`, { method });
  return { prom, get, stopping };
}

const passing = (name: string): ReadinessCheck => ({ name, check: async () => undefined });

describe('GET /healthz and /readyz', () => {
  it('GIVEN every check passes THEN /healthz and /readyz answer 200', async () => {
    const { get } = await serve([passing('store'), passing('discord')]);
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      failing: [],
      checks: { store: 'ok', discord: 'ok' },
    });
  });

  it('GIVEN a platform reconnecting, a store that throws and one that hangs THEN /readyz is 503 naming each', async () => {
    const { get } = await serve([
      { name: 'store', check: () => Promise.reject(new Error('connection refused\nstack…')) },
      { name: 'discord', check: async () => 'reconnecting (ECONNREFUSED)' },
      { name: 'slack', check: () => new Promise<undefined>(() => undefined) },
      passing('console'),
    ]);
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'not ready',
      failing: ['store', 'discord', 'slack'],
      checks: {
        store: 'connection refused',
        discord: 'reconnecting (ECONNREFUSED)',
        slack: 'no answer within 800 ms',
        console: 'ok',
      },
    });
    expect((await get('/healthz')).status).toBe(200);
  });

  it('GIVEN newsdesk is stopping THEN /readyz turns 503 while /healthz stays 200', async () => {
    const stopping = new AbortController();
    const { get } = await serve([passing('store')], stopping);
    stopping.abort();
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ failing: ['newsdesk'], checks: { newsdesk: 'stopping' } });
    expect((await get('/healthz')).status).toBe(200);
  });

  it('GIVEN another path or method THEN 404 and 405, and HEAD answers without a body', async () => {
    const { get } = await serve([passing('store')]);
    expect((await get('/')).status).toBe(404);
    expect((await get('/healthz', 'POST')).status).toBe(405);
    const head = await get('/readyz', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('GIVEN the port is taken THEN start fails with one line naming it', async () => {
    await serve([]);
    const taken = running?.port ?? 0;
    const second = await startHealthServer({
      host: '127.0.0.1',
      port: taken,
      checks: () => [],
      metrics: { contentType: 'text/plain', text: async () => '' },
      stopping: new AbortController().signal,
    });
    expect(second).toEqual({
      ok: false,
      error: `HEALTH_PORT ${taken} on 127.0.0.1 cannot be used (EADDRINUSE)`,
    });
  });
});

describe('GET /metrics', () => {
  it('GIVEN two commands answered from the default article, a post, a poll and live readings THEN the Prometheus text counts them', async () => {
    const { get, prom } = await serve([]);
    const { store, cleanup } = await openTestStore();
    const deps = {
      articles: store,
      subscriptions: store,
      clock: { now: () => new Date() },
      defaultTimezone: 'UTC',
      logger: pino({ level: 'silent' }),
    };
    const handle = measuredCommands(
      (request, context) => handleCommand(request, context, deps),
      prom.metrics,
      () => {
        const started = performance.now();
        return () => (performance.now() - started) / 1000;
      },
    );
    const context = {
      platform: 'discord',
      workspaceId: 'g',
      channelId: 'c',
      userId: 'u',
      directMessage: false,
      canManageChannel: false,
    } as const;
    await handle({ name: 'quotes', options: { actor: 'Xi' } }, context);
    await handle({ name: 'background', options: { actor: 'Zzyzx Quorble' } }, context);
    await cleanup();
    prom.metrics.postFinished('slack', 'delivered');
    prom.metrics.postFinished('slack', 'retried');
    prom.metrics.slotClaimed('slack');
    prom.metrics.feedPolled('not-modified');
    prom.metrics.articleIngested('feed', 'created');
    prom.metrics.articleAnalysed(0.004);
    prom.readFrom({ postQueueDepth: () => 3, platforms: () => [{ platform: 'discord', connected: false }] });

    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    for (const line of [
      'newsdesk_commands_total{command="quotes",outcome="ok"} 1',
      'newsdesk_commands_total{command="background",outcome="actor_not_found"} 1',
      'newsdesk_command_duration_seconds_count{command="quotes"} 1',
      'newsdesk_posts_total{platform="slack",outcome="delivered"} 1',
      'newsdesk_posts_total{platform="slack",outcome="retried"} 1',
      'newsdesk_slots_claimed_total{platform="slack"} 1',
      'newsdesk_feed_polls_total{outcome="not-modified"} 1',
      'newsdesk_articles_ingested_total{source="feed",outcome="created"} 1',
      'newsdesk_analysis_duration_seconds_bucket{le="0.005"} 1',
      'newsdesk_post_queue_depth 3',
      'newsdesk_platform_connected{platform="discord"} 0',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });
});
