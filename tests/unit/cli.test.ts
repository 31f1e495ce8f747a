import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';

const DEFAULT_ARTICLE = 'digests/2021-09-09-biden-xi-call.txt';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('newsdesk analyze', () => {
  it('GIVEN one article and --json THEN it prints one object with every key of the contract', async () => {
    const { code, stdout, stderr } = await run('analyze', DEFAULT_ARTICLE, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const analysis = JSON.parse(stdout);
    expect(Object.keys(analysis)).toEqual(['article', 'summary', 'quotes', 'actors']);
    expect(analysis.article).toMatchObject({
      id: '2021-09-09-biden-xi-call',
      title: 'Biden and China’s Xi speak for a second time amid rising tensions',
      byline: ['David J. Lynch', 'Lily Kuo'],
    });
    expect(analysis.article.wordCount).toBeGreaterThan(1000);
    expect(analysis.summary).toHaveLength(3);
    expect(analysis.quotes.length).toBeGreaterThan(10);
    expect(analysis.actors.map((a: { name: string }) => a.name)).toContain('Zhao Lijian');
  });

  it('GIVEN --summary-sentences 5 THEN the summary has five sentences in article order', async () => {
    const { stdout } = await run('analyze', DEFAULT_ARTICLE, '--json', '--summary-sentences', '5');
    const paragraphs = JSON.parse(stdout).summary.map((line: { paragraph: number }) => line.paragraph);
    expect(paragraphs).toHaveLength(5);
    expect([...paragraphs].sort((a, b) => a - b)).toEqual(paragraphs);
  });

  it('GIVEN a folder with good and bad files and --jsonl THEN good ones print, each bad one gets a line, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-cli-'));
    writeFileSync(join(dir, 'a-empty.txt'), '');
    writeFileSync(join(dir, 'b-binary.txt'), Buffer.from([0, 159, 146, 150, 0, 1, 2]));
    writeFileSync(
      join(dir, 'c-story.md'),
      '---\ntitle: Council votes on budget\nsource: The Ledger\n---\nThe city council approved the budget on Monday. "We kept every library open," the mayor said.\n',
    );
    const { code, stdout, stderr } = await run('analyze', dir, '--jsonl');
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}').article).toMatchObject({
      title: 'Council votes on budget',
      source: 'The Ledger',
    });
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/a-empty\.txt: empty file$/),
      expect.stringMatching(/b-binary\.txt: not a text file$/),
    ]);
  });

  it('GIVEN a folder of only a symlink and a FIFO and --json THEN each is named as skipped, nothing is printed, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-cli-'));
    symlinkSync(resolve(DEFAULT_ARTICLE), join(dir, 'linked.txt'));
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    const { code, stdout, stderr } = await run('analyze', dir, '--json');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      `newsdesk: ${join(dir, 'linked.txt')}: skipped: not a regular file`,
      `newsdesk: ${join(dir, 'pipe.txt')}: skipped: not a regular file`,
      'newsdesk analyze: no article was read',
    ]);
  });

  it('GIVEN a FIFO named on the command line THEN it is skipped at once, not waited on', async () => {
    const pipe = join(mkdtempSync(join(tmpdir(), 'newsdesk-cli-')), 'pipe.md');
    execFileSync('mkfifo', [pipe]);
    const { code, stdout, stderr } = await run('analyze', pipe, '--json');
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toContain(`${pipe}: skipped: not a regular file`);
  });

  it('GIVEN an article over its time budget beside a good one THEN the good one prints and the other gets one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-cli-'));
    // Nested far deeper than a page can be: refused by the depth check before any parsing.
    writeFileSync(join(dir, 'a-deep.html'), `<html><body>${'<div>'.repeat(5000)}</body></html>`);
    writeFileSync(join(dir, 'b-story.md'), 'The council met on Monday. "We agreed," the mayor said.\n');
    const { code, stdout, stderr } = await run('analyze', dir, '--jsonl');
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stderr).toBe(
      `newsdesk: ${join(dir, 'a-deep.html')}: the page nests its elements over 256 levels deep; no article page does\n`,
    );
  });

  it('GIVEN no flag THEN it prints the readable digest', async () => {
    const { code, stdout } = await run('analyze', DEFAULT_ARTICLE);
    expect(code).toBe(0);
    expect(stdout).toContain('Biden and China’s Xi speak for a second time amid rising tensions');
    expect(stdout).toMatch(/\(¶\d+\)/);
  });

  it.each([
    [['analyze', DEFAULT_ARTICLE, '--json', '--jsonl'], /exclude each other/],
    [['analyze', DEFAULT_ARTICLE, '--summary-sentences', 'three'], /whole number/],
    [['analyze'], /no PATH given/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('GIVEN bad arguments %j THEN usage error, exit 2', async (argv, message) => {
    const { code, stderr } = await run(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
