import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.ts';
import { runPolicyCommand } from '../../src/store/policy-cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-policy-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('newsdesk workspace KEY [pages=…]', () => {
  it.each([
    { args: ['discord:111'], code: 0, says: 'discord:111: pages=everyone' },
    { args: ['discord:111', 'pages=managers'], code: 0, says: 'discord:111: pages=managers' },
    { args: ['discord:111'], code: 0, says: 'discord:111: pages=managers' },
    { args: ['slack:T9', 'pages=admins-only'], code: 2, says: 'pages must be everyone or managers' },
    { args: ['guild 111'], code: 2, says: 'expected a workspace key' },
    { args: [], code: 2, says: 'expected a workspace key' },
  ])('GIVEN $args THEN it exits $code saying "$says"', async ({ args, code, says }) => {
    const opened = await openStore(`sqlite:${join(dir, 'table.db')}`);
    if (!opened.ok) throw new Error(opened.error);
    const out: string[] = [];
    const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => out.push(text) };
    try {
      expect(await runPolicyCommand(args, opened.value, io)).toBe(code);
      expect(out.join('')).toContain(says);
    } finally {
      await opened.value.close();
    }
  });

  it('GIVEN the operator runs it as a command THEN the bot’s database keeps the policy', async () => {
    const url = `sqlite:${join(dir, 'process.db')}`;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'workspace', 'slack:T9', 'pages=managers'],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: url },
        encoding: 'utf8',
      },
    );
    expect([run.status, run.stdout, run.stderr]).toEqual([0, 'slack:T9: pages=managers\n', '']);
    const opened = await openStore(url);
    if (!opened.ok) throw new Error(opened.error);
    try {
      expect(await opened.value.workspacePolicy('slack:T9')).toEqual({ pageDigests: 'managers' });
    } finally {
      await opened.value.close();
    }
  });
});
