/**
 * Exactly once through a crash, as deployed: the real bot (`src/main.ts`) posts a due digest to the
 * fake Discord or Slack, the platform takes the post and holds its answer, and the bot is killed
 * (SIGKILL) before it can record the delivery. Started again, it finishes the slot without a second
 * post: Discord answers the repeated nonce with the first message; Slack's history shows the
 * message with the slot's metadata.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DeliverySlot, NewSubscription } from '../../src/core/ports.ts';
import { openStore } from '../../src/store/open.ts';
import { FAKE_DISCORD, type FakeDiscord, startFakeDiscord } from '../fixtures/fake-discord.ts';
import { FAKE_BOT, type FakeSlack, startFakeSlack } from '../fixtures/fake-slack.ts';
import { TEST_TOKENS } from '../fixtures/fake-slack-bot.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'newsdesk-crash-delivery-'));
const INSTANCE_ID = 'crash-delivery-bot';

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The bot process; its stdin stays open, so it runs until killed. */
interface Bot {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startBot(env: Record<string, string>): Bot {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    LOG_LEVEL: 'warn',
    INSTANCE_ID,
    ...env,
  };
  for (const key of [
    'DISCORD_TOKEN',
    'SLACK_BOT_TOKEN',
    'SLACK_APP_TOKEN',
    'SLACK_SIGNING_SECRET',
    'DATABASE_URL',
  ]) {
    if (!(key in env)) delete childEnv[key];
  }
  // The node process itself, so SIGKILL reaches the bot and not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: childEnv,
    stdio: 'pipe',
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** A SQLite store with the default article in the digests folder and one subscription, due every minute. */
async function prepare(name: string, subscription: Omit<NewSubscription, 'cron' | 'timezone' | 'createdBy'>) {
  const dir = join(scratch, name);
  const digests = join(dir, 'digests');
  mkdirSync(digests, { recursive: true });
  copyFileSync(join(ROOT, 'digests', '2021-09-09-biden-xi-call.txt'), join(digests, 'biden-xi-call.txt'));
  const url = `sqlite:${join(dir, 'newsdesk.db')}`;
  // Subscribed an hour ago, so the start-up catch-up finds this minute's slot due.
  const opened = await openStore(url, { now: () => new Date(Date.now() - 60 * 60_000) });
  if (!opened.ok) throw new Error(opened.error);
  const { subscription: created } = await opened.value.addSubscription({
    ...subscription,
    cron: '* * * * *',
    timezone: 'UTC',
    createdBy: 'U-operator',
  });
  await opened.value.close();
  return { env: { DATABASE_URL: url, DIGESTS_DIR: digests }, url, subscriptionId: created.id };
}

/** The subscription's latest slot, read from the database the bot writes. */
async function lastSlot(url: string, subscriptionId: string): Promise<DeliverySlot | undefined> {
  const opened = await openStore(url);
  if (!opened.ok) throw new Error(opened.error);
  try {
    return await opened.value.lastSlot(subscriptionId);
  } finally {
    await opened.value.close();
  }
}

/**
 * The status and note of one slot, by its due time: the subscription is due every minute, so by the
 * time the restarted bot finishes the crashed slot the next minute's may be the latest.
 */
function slotAt(
  url: string,
  subscriptionId: string,
  slot: string,
): { status: string; error: string | null } | undefined {
  const db = new BetterSqlite3(url.replace(/^sqlite:/u, ''), { readonly: true, timeout: 5000 });
  try {
    return db
      .prepare('SELECT status, error FROM deliveries WHERE subscription_id = ? AND slot = ?')
      .get(subscriptionId, slot) as { status: string; error: string | null } | undefined;
  } finally {
    db.close();
  }
}

async function until(check: () => Promise<boolean> | boolean, what: string, bot: Bot, timeoutMs = 40_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; bot said:\n${bot.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const running: Bot[] = [];
afterEach(async () => {
  for (const bot of running.splice(0)) {
    bot.child.kill('SIGKILL');
    await bot.exited;
  }
});

/** A promise that never settles: the platform holds its answer until the bot is gone. */
const forever = () => new Promise<void>(() => undefined);

describe('GIVEN the bot killed after the platform took a scheduled post and before it recorded it', () => {
  let fakeDiscord: FakeDiscord | undefined;
  let fakeSlack: FakeSlack | undefined;
  afterEach(async () => {
    await fakeDiscord?.close();
    await fakeSlack?.close();
    fakeDiscord = undefined;
    fakeSlack = undefined;
  });

  it('WHEN it restarts on Discord THEN the repeat carries the same nonce and the channel has the digest once', async () => {
    const fake = await startFakeDiscord();
    fakeDiscord = fake;
    const { env, url, subscriptionId } = await prepare('discord', {
      platform: 'discord',
      workspaceId: FAKE_DISCORD.guildId,
      channelId: FAKE_DISCORD.channelId,
    });
    const botEnv = {
      ...env,
      DISCORD_TOKEN: FAKE_DISCORD.token,
      DISCORD_APPLICATION_ID: FAKE_DISCORD.applicationId,
      DISCORD_GUILD_ID: FAKE_DISCORD.guildId,
      DISCORD_API_URL: fake.apiUrl,
    };
    const isPost = (path: string, method: string) =>
      method === 'POST' && path === `/channels/${FAKE_DISCORD.channelId}/messages`;
    fake.beforeAnswer = (call) => (isPost(call.path, call.method) ? forever() : Promise.resolve());

    const first = startBot(botEnv);
    running.push(first);
    await until(() => fake.messages.length > 0, 'the first post', first);
    first.child.kill('SIGKILL');
    expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
    const crashed = await lastSlot(url, subscriptionId);
    expect(crashed).toMatchObject({ status: 'posting', instanceId: INSTANCE_ID });
    const posted = fake.messages.length;

    fake.beforeAnswer = undefined;
    const second = startBot(botEnv);
    running.push(second);
    await until(
      () => slotAt(url, subscriptionId, crashed?.slot ?? '')?.status === 'completed',
      'the record',
      second,
    );
    const posts = fake.calls.filter((call) => isPost(call.path, call.method));
    expect(posts.length).toBe(2 * posted);
    expect(new Set(posts.map((call) => (call.body as { nonce?: string }).nonce)).size).toBe(posted);
    expect(posts.every((call) => (call.body as { enforce_nonce?: boolean }).enforce_nonce === true)).toBe(
      true,
    );
    expect(fake.messages).toHaveLength(posted);
  });

  it('WHEN it restarts on Slack THEN it finds its message by the slot’s metadata in the history and posts nothing again', async () => {
    const fake = await startFakeSlack();
    fakeSlack = fake;
    const channel = 'C0CRASHNEWS';
    const { env, url, subscriptionId } = await prepare('slack', {
      platform: 'slack',
      workspaceId: FAKE_BOT.teamId,
      channelId: channel,
    });
    const botEnv = {
      ...env,
      SLACK_BOT_TOKEN: TEST_TOKENS.bot,
      SLACK_APP_TOKEN: TEST_TOKENS.app,
      SLACK_API_URL: fake.apiUrl,
    };
    fake.beforeAnswer = (method, params) =>
      method === 'chat.postMessage' && params.channel === channel ? forever() : Promise.resolve();

    const first = startBot(botEnv);
    running.push(first);
    await until(() => fake.messages.some((message) => message.channel === channel), 'the first post', first);
    first.child.kill('SIGKILL');
    await first.exited;
    const crashed = await lastSlot(url, subscriptionId);
    expect(crashed).toMatchObject({ status: 'posting' });
    const posted = fake.messages.filter((message) => message.channel === channel).length;

    fake.beforeAnswer = undefined;
    const second = startBot(botEnv);
    running.push(second);
    await until(
      () => slotAt(url, subscriptionId, crashed?.slot ?? '')?.status === 'completed',
      'the record',
      second,
    );
    expect(fake.messages.filter((message) => message.channel === channel)).toHaveLength(posted);
    expect(fake.callsOf('conversations.history').map((call) => call.params.channel)).toContain(channel);
    expect(slotAt(url, subscriptionId, crashed?.slot ?? '')?.error).toMatch(/already posted/);
    const [message] = fake.messages;
    expect(message?.metadata).toMatchObject({
      event_type: 'newsdesk_digest_posted',
      event_payload: { slot_key: expect.stringContaining(subscriptionId), part: 0 },
    });
  });
});
