import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNamesakeDigests } from '../fixtures/namesake-articles.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DEFAULT_ARTICLE = join(ROOT, 'digests', '2021-09-09-biden-xi-call.txt');
const scratch = mkdtempSync(join(tmpdir(), 'newsdesk-console-'));
let runs = 0;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tsx src/main.ts` (what `npm start` runs) with piped stdin and no chat tokens, against a
 * fresh SQLite file unless the environment names another database.
 */
function startNewsdesk(stdin: string, env: Record<string, string> = {}): Promise<Run> {
  runs += 1;
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: `sqlite:${join(scratch, `run-${runs}`, 'newsdesk.db')}`,
    LOG_LEVEL: 'warn',
    ...env,
  };
  for (const key of ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN']) {
    delete childEnv[key];
  }
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'src/main.ts'], { cwd: ROOT, env: childEnv, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** The answer printed after the echoed command line, up to the next echoed command. */
function answerTo(stdout: string, command: string): string {
  const start = stdout.indexOf(`> ${command}\n`);
  if (start < 0) return '';
  const rest = stdout.slice(start + command.length + 3);
  const end = rest.indexOf('\n> ');
  return end < 0 ? rest : rest.slice(0, end);
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm start without tokens (console platform)', () => {
  it('GIVEN two people sharing a surname THEN "/quotes SURNAME" asks which one, a number answers, and "Mr. X" finds the man', async () => {
    const digests = join(scratch, 'namesakes');
    writeNamesakeDigests(digests);
    const run = await startNewsdesk('/quotes Okonkwo\n2\n/quotes Mr. Okonkwo\n/background Okonkwa\n', {
      DIGESTS_DIR: digests,
    });
    expect(run.code, run.stderr).toBe(0);
    const asked = answerTo(run.stdout, '/quotes Okonkwo');
    expect(asked).toContain('“Okonkwo” could mean more than one person. Which one?');
    expect(asked).toContain('1. Daniel Okonkwo (2 articles) — /quotes "Daniel Okonkwo"');
    expect(asked).toContain('2. Margaret Okonkwo (2 articles) — /quotes "Margaret Okonkwo"');
    expect(asked).toContain('Answer with the number');
    const picked = answerTo(run.stdout, '2');
    expect(picked).toContain('Quotes from Margaret Okonkwo across stored coverage');
    expect(picked).toContain('This budget keeps every school open');
    expect(picked).not.toContain('Every chapter');

    const titled = answerTo(run.stdout, '/quotes Mr. Okonkwo');
    expect(titled).toContain('Quotes from Daniel Okonkwo across stored coverage');
    expect(titled).toContain('Every chapter is a lesson I learned the hard way');
    expect(titled).toContain('I wrote it for the young people who will run this state');
    expect(titled).not.toContain('This budget keeps every school open');
    expect(answerTo(run.stdout, '/background Okonkwa')).toContain(
      'Did you mean: Margaret Okonkwo · Daniel Okonkwo',
    );
  });

  it('GIVEN three piped questions THEN it answers each from the default article and exits 0', async () => {
    const run = await startNewsdesk('/quotes Xi\n@newsdesk who is Qin Gang?\n/background Qin Gnag\n');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Discord: off (DISCORD_TOKEN not set)');
    expect(run.stdout).toContain('Slack: off (SLACK_BOT_TOKEN not set)');
    expect(run.stdout).toContain('Biden and China’s Xi speak for a second time amid rising tensions');

    const quotes = answerTo(run.stdout, '/quotes Xi');
    expect(quotes).toContain('Quotes from Xi Jinping');
    expect(quotes).toContain('“caused serious difficulties” — Xi Jinping (¶12)');
    expect(quotes).not.toContain('Qin Gang');

    for (const command of ['@newsdesk who is Qin Gang?', '/background Qin Gnag']) {
      const background = answerTo(run.stdout, command);
      expect(background).toContain('Qin Gang (person)');
      expect(background).toContain('Roles: new ambassador to Washington');
      expect(background).toContain('“wrong beliefs” (¶14)');
    }
  });

  it('GIVEN /subscribe in the console THEN the console channel is subscribed and it survives a restart', async () => {
    const database = `sqlite:${join(scratch, 'subscribe', 'newsdesk.db')}`;
    const first = await startNewsdesk('/subscribe "0 8 * * 1-5" Europe/Berlin\n/subscribe 61 8 * * *\n', {
      DATABASE_URL: database,
    });
    expect(first.code, first.stderr).toBe(0);
    expect(answerTo(first.stdout, '/subscribe "0 8 * * 1-5" Europe/Berlin')).toContain(
      'Subscribed: a digest of the new stories on "0 8 * * 1-5" (Europe/Berlin)',
    );
    expect(answerTo(first.stdout, '/subscribe 61 8 * * *')).toContain(
      "minute field '61' is not valid: use 0-59",
    );

    const second = await startNewsdesk('/subscriptions\n', { DATABASE_URL: database });
    expect(second.code, second.stderr).toBe(0);
    expect(answerTo(second.stdout, '/subscriptions')).toContain('0 8 * * 1-5 (Europe/Berlin) — active');
    expect(second.stdout).toContain('0 new, 0 updated, 1 unchanged');
  });

  it('GIVEN an operator steering a subscription in the console THEN each command answers in typed syntax and local time', async () => {
    const commands = [
      '/subscribe "0 8 * * 1-5" Europe/Berlin keywords:Xi,Afghanistan articles:2 quiet:off',
      '/subscribe "0 8 30 2 *" Europe/Berlin',
      '/subscriptions',
      '/subscriptions edit articles:3 keywords:none',
      '/digest-now',
      '/resume',
      '@newsdesk who is Bartholomew Quagmire?',
      '/background',
    ];
    const run = await startNewsdesk(`${commands.join('\n')}\n`);
    expect(run.code, run.stderr).toBe(0);
    expect(answerTo(run.stdout, commands[0] ?? '')).toContain(
      '2 stories · keywords: Xi, Afghanistan · quiet off',
    );
    expect(answerTo(run.stdout, commands[1] ?? '')).toContain(
      '"0 8 30 2 *" never fires: no month has that day (such as 30 February)',
    );
    // Wall-clock times in the subscription's own zone: 08:00, whatever the machine's zone.
    expect(answerTo(run.stdout, commands[2] ?? '')).toMatch(
      /next: \w{3} \d{4}-\d\d-\d\d 08:00, \w{3} [^,]+ 08:00, \w{3} [^,]+ 08:00/,
    );
    expect(answerTo(run.stdout, commands[3] ?? '')).toContain('Changed the subscription');
    expect(answerTo(run.stdout, commands[3] ?? '')).toContain('3 stories · quiet off');
    const preview = answerTo(run.stdout, commands[4] ?? '');
    expect(preview).toContain('Preview of subscription');
    expect(preview).toContain('Biden and China’s Xi speak for a second time amid rising tensions');
    expect(answerTo(run.stdout, commands[5] ?? '')).toContain(
      'Nothing to resume: no subscription here is paused.',
    );
    expect(answerTo(run.stdout, commands[6] ?? '')).toMatch(/Did you mean: .*Xi Jinping/);
    expect(answerTo(run.stdout, commands[7] ?? '')).toContain('Name an actor, e.g. /background "Qin Gang".');
  });

  it('GIVEN an unreadable file among the articles THEN it gets one warning line and the rest is served', async () => {
    const digests = join(scratch, 'digests-with-bad-file');
    mkdirSync(digests, { recursive: true });
    copyFileSync(DEFAULT_ARTICLE, join(digests, '2021-09-09-biden-xi-call.txt'));
    writeFileSync(join(digests, 'empty.txt'), '');
    const run = await startNewsdesk('/articles\n', { DIGESTS_DIR: digests });
    expect(run.code, run.stderr).toBe(0);
    const warnings = run.stderr.split('\n').filter((line) => line.includes('empty.txt'));
    expect(warnings).toHaveLength(1);
    expect(answerTo(run.stdout, '/articles')).toContain('[id 2021-09-09-biden-xi-call]');
  });

  it('GIVEN a database that cannot be opened THEN it prints one clear line and exits 1', async () => {
    const blocker = join(scratch, 'not-a-folder');
    writeFileSync(blocker, 'a file where a folder should be');
    const run = await startNewsdesk('/help\n', { DATABASE_URL: `sqlite:${join(blocker, 'newsdesk.db')}` });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('Cannot open the SQLite database');
  });

  it('GIVEN bad configuration THEN every bad setting is listed and it exits 1', async () => {
    const run = await startNewsdesk('', {
      DATABASE_URL: 'mysql://localhost/newsdesk',
      SUMMARY_SENTENCES: 'lots',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL');
    expect(run.stderr).toContain('SUMMARY_SENTENCES');
  });
});
