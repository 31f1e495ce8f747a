/**
 * The built bot (`node dist/main.js`) run as a service: stdin closed, real discord.js and Bolt against
 * the fake Discord and Slack on 127.0.0.1, the health endpoint on a free port, signals as systemd or
 * Docker send them. Short grace periods and backoff caps keep it quick; nothing here times a bar.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.ts';
import {
  FAKE_DISCORD,
  type FakeDiscord,
  interactionPayload,
  MEMBER_PERMISSIONS,
  startFakeDiscord,
} from '../fixtures/fake-discord.ts';
import { FAKE_BOT, type FakeSlack, startFakeSlack } from '../fixtures/fake-slack.ts';
import { TEST_TOKENS } from '../fixtures/fake-slack-bot.ts';
import {
  type BotProcess,
  distDir,
  freePort,
  removeBuild,
  removeScratch,
  startBot,
} from '../fixtures/newsdesk-process.ts';
import { DEFAULT_TEST_POSTGRES_URL, postgresDatabases, probePostgres } from '../fixtures/store-databases.ts';

/** Settings every bot here runs with: health on a free port of 127.0.0.1, quick retries, a short grace. */
const SERVICE_ENV = {
  HEALTH_PORT: '0',
  HEALTH_HOST: '127.0.0.1',
  SHUTDOWN_GRACE_SECONDS: '4',
  RETRY_BASE_SECONDS: '0.2',
  RETRY_MAX_SECONDS: '1',
};

function discordEnv(apiUrl: string, token: string = FAKE_DISCORD.token): Record<string, string> {
  return {
    DISCORD_TOKEN: token,
    DISCORD_APPLICATION_ID: FAKE_DISCORD.applicationId,
    DISCORD_GUILD_ID: FAKE_DISCORD.guildId,
    DISCORD_API_URL: apiUrl,
  };
}

const started: BotProcess[] = [];
const fakes: { close(): Promise<void> }[] = [];

function bot(env: Record<string, string>, stdin?: string): BotProcess {
  const process = startBot({ ...SERVICE_ENV, ...env }, stdin);
  started.push(process);
  return process;
}

afterAll(async () => {
  for (const process of started) process.signal('SIGKILL');
  await Promise.all(fakes.map((fake) => fake.close().catch(() => undefined)));
  removeScratch();
  removeBuild();
});

// Built once up front (or taken from NEWSDESK_DIST_DIR), so no test's own time goes to tsc.
distDir();

/** Dispatches `/quotes Xi` and resolves with the text of the bot's answer. */
async function askQuotes(fake: FakeDiscord): Promise<string> {
  const payload = interactionPayload('quotes', [{ name: 'actor', value: 'Xi' }]);
  fake.dispatch('INTERACTION_CREATE', payload);
  const edit = () =>
    fake.calls.find(
      (call) => call.method === 'PATCH' && call.path.includes(`/${payload.token}/messages/@original`),
    );
  await fake.waitUntil(() => edit() !== undefined, 10_000, 'the answer to /quotes Xi');
  return JSON.stringify(edit()?.body);
}

/** GET a health route: the status and the JSON or text body. */
async function health(base: string, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, body: await response.text() };
}

/** Polls `/readyz` until it answers `status`. */
async function readyzBecomes(base: string, status: number, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const answer = await health(base, '/readyz');
    if (answer.status === status)
      return JSON.parse(answer.body) as { failing: string[]; checks: Record<string, string> };
    if (Date.now() > until) throw new Error(`/readyz stayed ${answer.status}: ${answer.body}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends SIGTERM and resolves with the exit code and how long the stop took. */
async function terminate(process: BotProcess): Promise<{ code: number | null; ms: number }> {
  const sentAt = Date.now();
  process.signal('SIGTERM');
  const code = await process.exited;
  return { code, ms: Date.now() - sentAt };
}

const warnLines = (process: BotProcess, containing: string) =>
  process.logs().filter((line) => line.level === 40 && line.msg.includes(containing));

describe('GIVEN Discord on and stdin closed (systemd, docker run without -i)', () => {
  let fake: FakeDiscord;
  let port: number;
  let newsdesk: BotProcess;
  let healthBase: string;

  it('THEN it stays up after the end of input and answers a slash command', async () => {
    port = await freePort();
    fake = await startFakeDiscord({ port });
    fakes.push(fake);
    newsdesk = bot(discordEnv(fake.apiUrl));
    await newsdesk.waitFor(() => newsdesk.stdout().includes('Discord: on'), 'Discord: on');
    healthBase = await newsdesk.healthUrl();
    expect(newsdesk.stdout()).toContain('Console: off (Discord or Slack is on and stdin is not a terminal');
    // Before this change the bot exited about 3.5 s after start, when the console saw end of input.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(newsdesk.child.exitCode).toBeNull();
    expect(await askQuotes(fake)).toContain('Xi Jinping');
  });

  it('THEN /readyz is 200 and /metrics counts the command', async () => {
    expect(await readyzBecomes(healthBase, 200)).toMatchObject({
      failing: [],
      checks: { store: 'ok', discord: 'ok' },
    });
    const metrics = await health(healthBase, '/metrics');
    expect(metrics.body).toContain('newsdesk_commands_total{command="quotes",outcome="ok"} 1');
    expect(metrics.body).toContain('newsdesk_platform_connected{platform="discord"} 1');
    expect(metrics.body).toContain('newsdesk_articles_ingested_total{source="folder",outcome="created"} 1');
    expect((await health(healthBase, '/healthz')).status).toBe(200);
  });

  it('WHEN the fake Discord stops THEN /readyz is 503 naming discord; WHEN it is back THEN it reconnects and answers', async () => {
    await fake.close();
    const down = await readyzBecomes(healthBase, 503);
    expect(down.failing).toEqual(['discord']);
    expect(down.checks.discord).toBe('reconnecting');
    await newsdesk.waitFor(
      () => warnLines(newsdesk, 'discord: gateway connection lost').length === 1,
      'the drop warning',
    );

    fake = await startFakeDiscord({ port });
    fakes.push(fake);
    await readyzBecomes(healthBase, 200);
    expect(newsdesk.logs().some((line) => /discord: gateway reconnected after [\d.]+ s/.test(line.msg))).toBe(
      true,
    );
    expect(await askQuotes(fake)).toContain('Xi Jinping');
  });

  it('WHEN SIGTERM THEN it exits 0 within 10 s', async () => {
    const stop = await terminate(newsdesk);
    expect(stop.code).toBe(0);
    expect(stop.ms).toBeLessThan(10_000);
    expect(newsdesk.logs().at(-1)?.msg).toBe('stopped');
  });
});

describe('GIVEN the deployed bot on Discord and a subscription paused in the database', () => {
  it('THEN /resume asks Discord first, and autocomplete forgives a typo as the commands do', async () => {
    const fake = await startFakeDiscord({ port: await freePort() });
    fakes.push(fake);
    const scratch = mkdtempSync(join(tmpdir(), 'newsdesk-service-resume-'));
    const database = `sqlite:${join(scratch, 'newsdesk.db')}`;
    const newsdesk = bot({ ...discordEnv(fake.apiUrl), DATABASE_URL: database });
    await newsdesk.waitFor(() => newsdesk.stdout().includes('Discord: on'), 'Discord: on');
    const opened = await openStore(database);
    if (!opened.ok) throw new Error(opened.error);
    const store = opened.value;
    try {
      const moderator = { permissions: MEMBER_PERMISSIONS.moderator };
      for (const channelId of [FAKE_DISCORD.channelId, FAKE_DISCORD.lockedChannelId]) {
        const { subscription } = await store.addSubscription({
          platform: 'discord',
          workspaceId: FAKE_DISCORD.guildId,
          channelId,
          cron: '0 8 * * *',
          timezone: 'UTC',
          createdBy: FAKE_DISCORD.userId,
        });
        await store.pauseSubscription(
          subscription.id,
          'Discord 403 (50001): newsdesk cannot see the channel',
        );
      }
      const answer = async (payload: ReturnType<typeof interactionPayload>) => {
        fake.dispatch('INTERACTION_CREATE', payload);
        const mine = () =>
          fake.calls.filter((call) => call.path.includes(`/${payload.token}`) && call.method !== 'DELETE');
        // A command's answer follows its deferral (an edit or a follow-up); autocomplete's is the callback.
        const answered = (call: (typeof fake.calls)[number]) =>
          payload.type === 4 || call.method !== 'POST' || !call.path.endsWith('/callback');
        await fake.waitUntil(() => mine().some(answered), 10_000, payload.data.name);
        return JSON.stringify(mine().map((call) => call.body));
      };
      const hidden = await answer(
        interactionPayload('resume', [], { ...moderator, channelId: FAKE_DISCORD.lockedChannelId }),
      );
      expect(hidden).toContain('still cannot post here (newsdesk lacks ViewChannel');
      expect(await answer(interactionPayload('resume', [], moderator))).toContain('Resumed the subscription');
      const paused = (await store.listSubscriptions()).map((sub) => [
        sub.channelId,
        sub.pausedReason !== null,
      ]);
      expect(paused).toEqual(
        expect.arrayContaining([
          [FAKE_DISCORD.channelId, false],
          [FAKE_DISCORD.lockedChannelId, true],
        ]),
      );
      const choices = await answer(
        interactionPayload('background', [{ name: 'actor', value: 'qin gnag', focused: true }], { type: 4 }),
      );
      expect(choices).toContain('{"name":"Qin Gang","value":"Qin Gang"}');
    } finally {
      await store.close();
      expect((await terminate(newsdesk)).code).toBe(0);
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('GIVEN Discord down at boot', () => {
  it('THEN each attempt is a warn line with the next try, and once Discord is up it connects without a restart', async () => {
    const port = await freePort();
    const newsdesk = bot(discordEnv(`http://127.0.0.1:${port}/api`));
    const base = await newsdesk.healthUrl();
    await newsdesk.waitFor(() => warnLines(newsdesk, 'next try at').length >= 2, 'two retry warnings');
    expect(newsdesk.stdout()).toMatch(
      /Discord: not reachable yet \(Discord did not start: Discord is unreachable at .* \(ECONNREFUSED\)\); retrying/,
    );
    const retry = warnLines(newsdesk, 'next try at')[0];
    expect(retry).toMatchObject({ what: 'Discord', attempt: 1 });
    expect(Date.parse(String(retry?.nextTryAt))).toBeGreaterThan(0);
    expect((await readyzBecomes(base, 503)).checks.discord).toMatch(/^retrying: /);

    const fake = await startFakeDiscord({ port });
    fakes.push(fake);
    await newsdesk.waitFor(() => newsdesk.stdout().includes('Discord: on'), 'Discord: on');
    expect(await askQuotes(fake)).toContain('Xi Jinping');
    await readyzBecomes(base, 200);
    expect((await terminate(newsdesk)).code).toBe(0);
  });
});

describe('GIVEN Discord unreachable after connecting (discord.js reconnecting every half second)', () => {
  it('WHEN SIGTERM THEN it exits 0 within the grace period', async () => {
    const fake = await startFakeDiscord();
    fakes.push(fake);
    const newsdesk = bot({ ...discordEnv(fake.apiUrl), SHUTDOWN_GRACE_SECONDS: '3' });
    await newsdesk.waitFor(() => newsdesk.stdout().includes('Discord: on'), 'Discord: on');
    await fake.close();
    await newsdesk.waitFor(
      () => warnLines(newsdesk, 'discord: gateway connection lost').length === 1,
      'the drop warning',
    );
    const stop = await terminate(newsdesk);
    expect(stop.code).toBe(0);
    expect(stop.ms).toBeLessThan(3_000);
  });
});

describe('GIVEN a wrong Discord token', () => {
  it('THEN one line says so, it is not retried, /readyz names it and the process stays up until SIGTERM', async () => {
    const fake = await startFakeDiscord();
    fakes.push(fake);
    const newsdesk = bot(discordEnv(fake.apiUrl, 'not-the-token'));
    const base = await newsdesk.healthUrl();
    await newsdesk.waitFor(() => newsdesk.stdout().includes('Discord: off'), 'Discord: off');
    expect(newsdesk.stdout()).toContain(
      'Discord: off (Discord did not start: Discord refused the token (401 on /gateway/bot); check DISCORD_TOKEN)',
    );
    expect((await readyzBecomes(base, 503)).checks.discord).toMatch(/^off: .*refused the token/);
    expect(warnLines(newsdesk, 'next try at')).toEqual([]);
    expect(fake.calls.filter((call) => call.path === '/gateway/bot')).toHaveLength(1);
    expect(newsdesk.child.exitCode).toBeNull();
    expect((await terminate(newsdesk)).code).toBe(0);
  });
});

describe('GIVEN Discord and Slack (Socket Mode), Slack down at boot', () => {
  it('THEN Discord answers meanwhile, Slack connects once up, and a dropped socket is reopened', async () => {
    const discord = await startFakeDiscord();
    fakes.push(discord);
    const slackPort = await freePort();
    const newsdesk = bot({
      ...discordEnv(discord.apiUrl),
      SLACK_BOT_TOKEN: TEST_TOKENS.bot,
      SLACK_APP_TOKEN: TEST_TOKENS.app,
      SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
    });
    const base = await newsdesk.healthUrl();
    await newsdesk.waitFor(() => newsdesk.stdout().includes('Discord: on'), 'Discord: on');
    await newsdesk.waitFor(
      () => warnLines(newsdesk, 'Slack: Slack did not start').length >= 1,
      'a Slack retry',
    );
    expect(await askQuotes(discord)).toContain('Xi Jinping');
    expect((await readyzBecomes(base, 503)).failing).toEqual(['slack']);

    let slack: FakeSlack = await startFakeSlack({ port: slackPort });
    fakes.push(slack);
    await newsdesk.waitFor(() => newsdesk.stdout().includes('Slack: on (socket mode)'), 'Slack: on');
    await readyzBecomes(base, 200);
    expect(await askSlack(slack)).toContain('Xi Jinping');

    await slack.close();
    await newsdesk.waitFor(
      () => warnLines(newsdesk, 'slack: socket connection lost').length === 1,
      'the drop warning',
    );
    expect((await readyzBecomes(base, 503)).checks.slack).toBe('reconnecting');
    slack = await startFakeSlack({ port: slackPort });
    fakes.push(slack);
    await readyzBecomes(base, 200);
    expect(newsdesk.logs().some((line) => /slack: socket reconnected after/.test(line.msg))).toBe(true);
    expect(await askSlack(slack)).toContain('Xi Jinping');
    expect((await terminate(newsdesk)).code).toBe(0);
  });
});

/** Sends `/newsdesk quotes Xi` over the socket and resolves with the answer posted to its response_url. */
async function askSlack(slack: FakeSlack): Promise<string> {
  await slack.waitForSocket(10_000);
  const responseId = `quotes-${Date.now()}`;
  await slack.sendEnvelope('slash_commands', {
    team_id: FAKE_BOT.teamId,
    channel_id: 'C0NEWS0001',
    user_id: 'U0READER01',
    command: '/newsdesk',
    text: 'quotes Xi',
    api_app_id: FAKE_BOT.appId,
    response_url: slack.responseUrl(responseId),
    trigger_id: `trigger-${responseId}`,
  });
  await slack.waitUntil(
    () => slack.responses.some((r) => r.responseId === responseId),
    10_000,
    'the Slack answer',
  );
  return JSON.stringify(slack.responses.find((r) => r.responseId === responseId)?.body);
}

describe('GIVEN no tokens and commands piped in (the README example)', () => {
  it('THEN the built bot answers them and exits 0 at the end of its input', async () => {
    const newsdesk = bot({}, '/quotes Xi\n');
    expect(await newsdesk.exited).toBe(0);
    expect(newsdesk.stdout()).toContain('Console: on (reading commands from stdin)');
    expect(newsdesk.stdout()).toContain('Quotes from Xi Jinping');
  });
});

// The tests' own settings, read here and nowhere in src/.
const postgresAdminUrl = process.env.NEWSDESK_TEST_DATABASE_URL ?? DEFAULT_TEST_POSTGRES_URL;
const postgresDown = await probePostgres(postgresAdminUrl);
const requirePostgres = process.env.NEWSDESK_REQUIRE_POSTGRES === '1';

/** A TCP forwarder on `port` to PostgreSQL: the database "coming up" at that address. */
async function forwardTo(port: number, target: URL): Promise<Server> {
  const proxy = createServer((client) => {
    const upstream = createConnection(Number(target.port || 5432), target.hostname);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop);
    upstream.on('error', drop);
  });
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
  return proxy;
}

describe.runIf(postgresDown === undefined || requirePostgres)('GIVEN PostgreSQL unreachable at boot', () => {
  it('THEN it is live but not ready, retries with warn lines, and is ready once the database answers', async () => {
    const databases = postgresDatabases(postgresAdminUrl);
    const fresh = new URL(await databases.fresh());
    const port = await freePort();
    const viaProxy = new URL(fresh);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(port);
    // No console and no chat platform: a headless process (scheduler, feeds) that runs until a signal.
    const newsdesk = bot({ DATABASE_URL: viaProxy.toString(), CONSOLE: 'off' });
    const base = await newsdesk.healthUrl();
    await newsdesk.waitFor(
      () => warnLines(newsdesk, 'database: Cannot connect to PostgreSQL').length >= 2,
      'two retries',
    );
    expect(warnLines(newsdesk, 'database: ')[0]?.msg).toMatch(
      /connection refused .*; attempt 1 failed, next try at \d{4}-\d\d-\d\dT/,
    );
    expect((await health(base, '/healthz')).status).toBe(200);
    expect((await readyzBecomes(base, 503)).checks.store).toBe('connecting');

    const proxy = await forwardTo(port, fresh);
    try {
      await newsdesk.waitFor(() => newsdesk.stdout().includes('newsdesk: store postgres at'), 'the store');
      expect((await readyzBecomes(base, 200)).checks).toEqual({ store: 'ok' });
      expect((await terminate(newsdesk)).code).toBe(0);
    } finally {
      proxy.close();
      await databases.dropAll();
    }
  });

  it('WHEN SIGTERM comes while the database is still unreachable THEN it exits 0 at once', async () => {
    const port = await freePort();
    const newsdesk = bot({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/newsdesk`, CONSOLE: 'off' });
    await newsdesk.waitFor(() => warnLines(newsdesk, 'next try at').length >= 1, 'a retry');
    const stop = await terminate(newsdesk);
    expect(stop.code).toBe(0);
    expect(stop.ms).toBeLessThan(4_000);
  });
});

describe('GIVEN a database that accepts connections and never answers', () => {
  /** A TCP server on 127.0.0.1 that takes connections and says nothing: a hung database host. */
  async function silentServer(): Promise<{ port: number; close(): void }> {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return {
      port: address.port,
      close() {
        for (const socket of sockets) socket.destroy();
        server.close();
      },
    };
  }

  it('WHEN SIGTERM comes mid-connect and the stop outlasts the grace period THEN it logs what it abandoned and exits 1', async () => {
    const silent = await silentServer();
    try {
      const newsdesk = bot({
        DATABASE_URL: `postgres://postgres@127.0.0.1:${silent.port}/newsdesk`,
        CONSOLE: 'off',
        SHUTDOWN_GRACE_SECONDS: '1',
      });
      await newsdesk.healthUrl();
      const stop = await terminate(newsdesk);
      expect(stop.code).toBe(1);
      expect(stop.ms).toBeLessThan(4_000);
      const abandoned = newsdesk.logs().find((line) => line.code === 'NEWSDESK_STOP_ABANDONED');
      expect(abandoned?.abandoned).toEqual(['store (still connecting)', 'health endpoint']);
    } finally {
      silent.close();
    }
  });

  it('WHEN a second SIGTERM follows the first THEN it exits at once with 143', async () => {
    const silent = await silentServer();
    try {
      const newsdesk = bot({
        DATABASE_URL: `postgres://postgres@127.0.0.1:${silent.port}/newsdesk`,
        CONSOLE: 'off',
      });
      await newsdesk.healthUrl();
      newsdesk.signal('SIGTERM');
      await newsdesk.waitFor(
        () => newsdesk.logs().some((line) => line.msg === 'stopping (SIGTERM)'),
        'the stop',
      );
      const second = await terminate(newsdesk);
      expect(second.code).toBe(143);
      expect(second.ms).toBeLessThan(2_000);
      expect(newsdesk.logs().some((line) => line.msg === 'second SIGTERM: exiting now')).toBe(true);
    } finally {
      silent.close();
    }
  });
});
