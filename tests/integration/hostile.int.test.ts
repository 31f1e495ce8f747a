/**
 * newsdesk as an operator runs it (`tsx src/main.ts`, what `npm start` runs) fed hostile input: a
 * page that takes far longer than its analysis budget, through real discord.js against the fake
 * Discord, and an unanalysable file in the digests folder across two starts.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAKE_DISCORD, interactionPayload, startFakeDiscord } from '../fixtures/fake-discord.ts';
import { startFeedServer } from '../fixtures/feeds/server.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DEFAULT_ARTICLE = join(ROOT, 'digests', '2021-09-09-biden-xi-call.txt');
const scratch = mkdtempSync(join(tmpdir(), 'newsdesk-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** One paragraph of a wall of text: a quote that never closes, as a hostile page repeats it. */
const PARAGRAPH =
  '“The committee will meet again on Thursday to discuss the budget, the chair said, and the vote is expected next month. Officials declined to comment on the timing.';
/** About 4.5 MB (under the 5 MB fetch cap) of paragraphs: seconds of work for any parser and analysis. */
const WALL_OF_TEXT = Array.from({ length: 28_000 }, (_, i) => `${PARAGRAPH} (${i})`);

/** A digests folder holding the default article and, optionally, more files. */
function digestsFolder(name: string, extra: Record<string, string> = {}): string {
  const folder = join(scratch, name);
  mkdirSync(folder, { recursive: true });
  copyFileSync(DEFAULT_ARTICLE, join(folder, '2021-09-09-biden-xi-call.txt'));
  for (const [file, text] of Object.entries(extra)) writeFileSync(join(folder, file), text);
  return folder;
}

/** The environment of a started newsdesk: no chat tokens unless given, a database and digests folder of its own. */
function newsdeskEnv(env: Record<string, string>): Record<string, string | undefined> {
  const childEnv: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'warn', ...env };
  for (const key of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', ...(env.DISCORD_TOKEN ? [] : ['DISCORD_TOKEN'])])
    delete childEnv[key];
  return childEnv;
}

/** Starts `tsx src/main.ts`, collecting its output. */
function startNewsdesk(env: Record<string, string>) {
  // tsx itself, not through npx, so SIGTERM reaches newsdesk as it does under a service manager.
  const child: ChildProcessWithoutNullStreams = spawn(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['src/main.ts'],
    {
      cwd: ROOT,
      env: newsdeskEnv(env),
      stdio: 'pipe',
    },
  );
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return { child, output, exited };
}

/** Runs newsdesk with stdin closed (no terminal, no commands): it starts, ingests, and exits. */
async function runOnce(env: Record<string, string>) {
  const run = startNewsdesk(env);
  run.child.stdin.end();
  const code = await run.exited;
  return { code, ...run.output };
}

describe('GIVEN newsdesk on Discord and a page that takes far longer than its analysis budget', () => {
  it('WHEN a member asks for its digest while 40 others ask for /help THEN every /help is acknowledged before the analysis gives up, the member gets one line, and the page is not fetched again', async () => {
    const fake = await startFakeDiscord();
    const pages = await startFeedServer();
    pages.route('/wall-of-text', (_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          `<html><head><title>Budget talks</title></head><body><article>${WALL_OF_TEXT.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
        );
    });
    const bot = startNewsdesk({
      DISCORD_TOKEN: FAKE_DISCORD.token,
      DISCORD_APPLICATION_ID: FAKE_DISCORD.applicationId,
      DISCORD_GUILD_ID: FAKE_DISCORD.guildId,
      DISCORD_API_URL: fake.apiUrl,
      FETCH_ALLOWED_HOSTS: pages.host,
      DATABASE_URL: `sqlite:${join(scratch, 'discord', 'newsdesk.db')}`,
      DIGESTS_DIR: digestsFolder('discord-digests'),
    });
    // The answer after the deferral: an edit of the reply, or (ephemeral) its deletion and a follow-up.
    const answersTo = (token: string) =>
      fake.calls.filter((call) => new RegExp(`/${token}(/messages|$)`).test(call.path));
    const answerText = (token: string) =>
      JSON.stringify(answersTo(token).find((call) => call.method !== 'DELETE')?.body ?? null);
    try {
      await fake.waitForIdentify(60_000);
      await fake.waitUntil(() => bot.output.stdout.includes('Discord: on'), 60_000, 'Discord: on');
      const url = `${pages.origin}/wall-of-text`;
      const digest = interactionPayload('digest', [{ name: 'url', value: url }]);
      fake.dispatch('INTERACTION_CREATE', digest);
      await fake.waitUntil(() => pages.hits('/wall-of-text') === 1, 30_000, 'the page fetched');

      const helps = Array.from({ length: 40 }, (_, i) =>
        interactionPayload('help', [], { userId: `97000000000000${String(i).padStart(4, '0')}` }),
      );
      for (const help of helps) fake.dispatch('INTERACTION_CREATE', help);
      await fake.waitUntil(() => answersTo(digest.token).length > 0, 60_000, 'the digest answer');

      const digestAnsweredAt = answersTo(digest.token)[0]?.at ?? 0;
      const acknowledgedAt = helps.map(
        (help) =>
          fake.calls.find((call) => call.path.startsWith(`/interactions/${help.id}/${help.token}/callback`))
            ?.at,
      );
      expect(acknowledgedAt.every((at) => at !== undefined && at < digestAnsweredAt)).toBe(true);
      await fake.waitUntil(() => answerText(digest.token) !== 'null', 30_000, 'the digest answer text');
      expect(answerText(digest.token)).toContain(`${url} could not be analysed (analysis took over 3000 ms)`);

      // Asked again: the recorded failure answers at once, without fetching the page.
      const again = interactionPayload('digest', [{ name: 'url', value: url }]);
      fake.dispatch('INTERACTION_CREATE', again);
      await fake.waitUntil(() => answerText(again.token) !== 'null', 30_000, 'the second answer');
      expect(answerText(again.token)).toContain(`${url} is skipped: it could not be analysed on`);
      expect(pages.hits('/wall-of-text')).toBe(1);

      bot.child.kill('SIGTERM');
      expect(await bot.exited, bot.output.stderr).toBe(0);
    } finally {
      bot.child.kill('SIGKILL');
      await pages.close();
      await fake.close();
    }
  }, 180_000);
});

describe('GIVEN an article file far over its analysis budget in the digests folder', () => {
  it('WHEN newsdesk starts twice THEN the first start records it with one warning, the second skips it without analysing it', async () => {
    const env = {
      DATABASE_URL: `sqlite:${join(scratch, 'restart', 'newsdesk.db')}`,
      DIGESTS_DIR: digestsFolder('restart-digests', { 'wall-of-text.txt': WALL_OF_TEXT.join('\n\n') }),
      ANALYSIS_TIMEOUT_MS: '1000',
    };
    const first = await runOnce(env);
    expect(first.code, first.stderr).toBe(0);
    const firstWarnings = first.stderr.split('\n').filter((line) => line.includes('wall-of-text.txt'));
    expect(firstWarnings).toEqual([
      expect.stringContaining('wall-of-text.txt could not be analysed (analysis took over 1000 ms)'),
    ]);
    expect(first.stdout).toContain('1 new, 0 updated, 0 unchanged, 1 skipped');

    const second = await runOnce(env);
    expect(second.code, second.stderr).toBe(0);
    const secondWarnings = second.stderr.split('\n').filter((line) => line.includes('wall-of-text.txt'));
    expect(secondWarnings).toEqual([
      expect.stringMatching(
        /wall-of-text\.txt is skipped: it could not be analysed on \d{4}-\d\d-\d\d \(analysis took over 1000 ms\)/,
      ),
    ]);
    expect(second.stdout).toContain('0 new, 0 updated, 1 unchanged, 1 skipped');
  }, 180_000);
});
