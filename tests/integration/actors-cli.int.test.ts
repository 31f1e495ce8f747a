import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze.ts';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { runActorsCommand } from '../../src/ingest/actors-cli.ts';
import { relinkIdentities } from '../../src/ingest/identity-linker.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { NAMESAKE_ARTICLES } from '../fixtures/namesake-articles.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-actors-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function seeded(url: string): Promise<Store> {
  const opened = await openStore(url);
  if (!opened.ok) throw new Error(opened.error);
  for (const article of NAMESAKE_ARTICLES)
    await opened.value.saveArticle(article, analyze(article), 1, [GLOBAL_OWNER]);
  await relinkIdentities(opened.value);
  return opened.value;
}

function run(args: string[], url: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'actors', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
  });
}

describe('newsdesk actors show | merge | split', () => {
  it.each([
    { args: ['merge', 'Okonkwo'], says: 'expected show NAME, merge NAME INTO or split NAME' },
    { args: ['split'], says: 'expected show NAME' },
    { args: ['rename', 'A', 'B'], says: 'expected show NAME' },
    { args: ['split', ' '], says: 'names must be 1 to 200 characters' },
  ])('GIVEN $args THEN it exits 2 saying "$says"', async ({ args, says }) => {
    const store = await seeded(`sqlite:${join(dir, `bad-${args.length}-${args[0]}.db`)}`);
    const out: string[] = [];
    const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => out.push(text) };
    try {
      expect(await runActorsCommand(args, store, io)).toBe(2);
      expect(out.join('')).toContain(says);
    } finally {
      await store.close();
    }
  });

  it('GIVEN the operator splits, shows and merges as commands THEN the links follow and survive a relink', async () => {
    const url = `sqlite:${join(dir, 'process.db')}`;
    await (await seeded(url)).close();
    const shown = run(['show', 'Okonkwo'], url);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('daniel okonkwo: 2 articles');
    expect(shown.stdout).toContain('Okonkwo in “Book tour begins in the capital” (book-tour): coverage');

    const split = run(['split', 'Okonkwo'], url);
    expect([split.status, split.stderr]).toEqual([0, '']);
    expect(split.stdout).toContain('“Okonkwo” now stands on its own.');
    expect(run(['show', 'Okonkwo'], url).stdout).toContain('(book-tour): operator-split');

    const merged = run(['merge', 'Okonkwo', 'Daniel Okonkwo'], url);
    expect(merged.stdout).toContain('Merged “Okonkwo” into “Daniel Okonkwo”.');
    const store = await seeded(url);
    try {
      const tour = (await store.sightingLinks('Okonkwo')).find((link) => link.articleId === 'book-tour');
      expect(tour).toMatchObject({ identity: 'daniel okonkwo', evidence: 'operator-merge' });
    } finally {
      await store.close();
    }
  });
});
