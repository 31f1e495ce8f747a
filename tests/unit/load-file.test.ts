import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanArticle } from '../../src/core/article/clean.ts';
import {
  listArticleFiles,
  loadArticleFile,
  MAX_ARTICLE_BYTES,
  parseArticleText,
  readArticleFile,
} from '../../src/ingest/load-file.ts';

const DEFAULT_ARTICLE = resolve(import.meta.dirname, '../../digests/2021-09-09-biden-xi-call.txt');

const LEAD =
  'President Biden spoke with Chinese President Xi Jinping for the second time as president, the White House said Thursday, amid rising tensions over human rights, military ambitions, trade and the coronavirus.';
const SECOND =
  'The call Thursday evening in Washington yielded no specific announcements, including about whether the two leaders would meet in person for a much-anticipated summit this fall.';

const ARTICLE_PAGE = `<!doctype html>
<html><head>
<title>Biden and China’s Xi speak for a second time amid rising tensions - The Washington Post</title>
<meta property="og:title" content="Biden and China’s Xi speak for a second time amid rising tensions">
<meta property="og:site_name" content="Washington Post">
<meta property="article:published_time" content="2021-09-09T23:46:00Z">
<meta name="author" content="David J. Lynch">
<link rel="canonical" href="https://www.washingtonpost.com/politics/2021/09/09/biden-xi-call/">
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/world">World</a></nav>
<article>
<h1>Biden and China’s Xi speak for a second time amid rising tensions</h1>
<figure><img src="biden.jpg" alt=""><figcaption>President Biden departs after delivering remarks. (Demetrius Freeman/The Washington Post)</figcaption></figure>
<p>${LEAD}</p>
<p>The call Thursday evening in <a href="/dc">Washington</a> yielded no specific announcements, including about whether the two leaders would meet in person for a much-anticipated summit this fall.</p>
<blockquote><p>“The two leaders had a broad, strategic discussion in which they discussed areas where our interests converge, and areas where our interests, values and perspectives diverge,” a White House statement said.</p></blockquote>
<p>Those included a chaotic scene in Alaska in March, when Secretary of State Antony Blinken and his Chinese counterpart publicly rebuked one another.</p>
</article>
<footer>© 2021 The Washington Post</footer>
</body></html>`;

let dir: string;

async function write(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdesk-load-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadArticleFile: formats', () => {
  it('GIVEN the default article THEN it loads with its page chrome, and cleaning finds the story', async () => {
    const loaded = await loadArticleFile(DEFAULT_ARTICLE);
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.value.id).toBe('2021-09-09-biden-xi-call');
    expect(loaded.value.blocks[0]).toBe('The Washington PostDemocracy Dies in Darkness');
    const article = cleanArticle(loaded.value);
    expect(article.title).toBe('Biden and China’s Xi speak for a second time amid rising tensions');
    expect(article.paragraphs[0]).toBe(LEAD);
    expect(article.byline).toEqual(['David J. Lynch', 'Lily Kuo']);
  });

  it('GIVEN a text file without blank lines THEN each non-empty line is a block', async () => {
    const path = await write('one-per-line.txt', `Biden and Xi speak again\r\n${LEAD}\r\n${SECOND}\r\n`);
    const loaded = await loadArticleFile(path);
    expect(loaded.ok && loaded.value.blocks).toEqual(['Biden and Xi speak again', LEAD, SECOND]);
  });

  it('GIVEN a text file with blank lines THEN blocks are the paragraphs between them', async () => {
    const path = await write(
      'paragraphs.txt',
      `\uFEFFBiden and Xi speak again\n\n${LEAD}\n${SECOND}\n\n  \nThe end.\n`,
    );
    const loaded = await loadArticleFile(path);
    expect(loaded.ok && loaded.value.blocks).toEqual([
      'Biden and Xi speak again',
      `${LEAD}\n${SECOND}`,
      'The end.',
    ]);
  });

  it('GIVEN a Markdown file with front matter THEN the metadata is read and the Markdown syntax removed', async () => {
    const path = await write(
      'call.md',
      [
        '---',
        'title: "Biden and China’s Xi speak for a second time"',
        'source: The Washington Post',
        'url: https://www.washingtonpost.com/politics/2021/09/09/biden-xi-call/',
        'published: 2021-09-09',
        '---',
        '# Biden and Xi speak',
        '',
        '![Biden departs](biden.jpg)',
        '',
        '**President Biden** spoke with _Chinese President_ [Xi Jinping](https://example.com/xi) for the',
        'second time as president, the White House said Thursday.',
        '',
        '## What they discussed',
        '',
        '- Climate change',
        '* The *coronavirus* pandemic',
        '1. Trade',
        '',
        '> “The two leaders had a broad, strategic discussion,” a White House statement said.',
      ].join('\n'),
    );
    const loaded = await loadArticleFile(path);
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.value.id).toBe('call');
    expect(loaded.value.meta).toEqual({
      title: 'Biden and China’s Xi speak for a second time',
      source: 'The Washington Post',
      url: 'https://www.washingtonpost.com/politics/2021/09/09/biden-xi-call/',
      publishedAt: '2021-09-09',
    });
    expect(loaded.value.blocks).toEqual([
      'Biden and Xi speak',
      'President Biden spoke with Chinese President Xi Jinping for the second time as president, the White House said Thursday.',
      'What they discussed',
      'Climate change',
      'The coronavirus pandemic',
      'Trade',
      '“The two leaders had a broad, strategic discussion,” a White House statement said.',
    ]);
  });

  it('GIVEN a Markdown file without front matter THEN its leading "# Heading" is the title', () => {
    const parsed = parseArticleText('xi', `# Biden and Xi speak again\n\n${LEAD}\n`, 'markdown');
    expect(parsed.ok && parsed.value.meta.title).toBe('Biden and Xi speak again');
    expect(parsed.ok && parsed.value.blocks).toEqual([LEAD]);
  });

  it('GIVEN Markdown with snake_case words and a lone asterisk THEN they are left alone', () => {
    const parsed = parseArticleText(
      'md',
      'The file_name_here field rose 5 * 3 times, officials said.',
      'markdown',
    );
    expect(parsed.ok && parsed.value.blocks).toEqual([
      'The file_name_here field rose 5 * 3 times, officials said.',
    ]);
  });

  it('GIVEN an HTML article page THEN readability and the <head> give the metadata and the blocks', async () => {
    const path = await write('call.html', ARTICLE_PAGE);
    const loaded = await loadArticleFile(path);
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.value.meta).toEqual({
      title: 'Biden and China’s Xi speak for a second time amid rising tensions',
      source: 'Washington Post',
      url: 'https://www.washingtonpost.com/politics/2021/09/09/biden-xi-call/',
      publishedAt: '2021-09-09T23:46:00Z',
    });
    expect(loaded.value.blocks).toContain(LEAD);
    expect(loaded.value.blocks).toContain(SECOND);
    expect(loaded.value.blocks.join('\n')).not.toMatch(/Home|Demetrius Freeman|© 2021/);
    const article = cleanArticle(loaded.value);
    expect(article.byline).toEqual(['David J. Lynch']);
    expect(article.paragraphs).toHaveLength(4);
    expect(article.paragraphs[0]).toBe(LEAD);
  });

  it('GIVEN an HTML page with no article in it THEN the error says so', async () => {
    const path = await write(
      'empty-page.html',
      '<html><head><title>Home</title></head><body><nav>Menu</nav></body></html>',
    );
    expect(await loadArticleFile(path)).toEqual({ ok: false, error: `no article found in ${path}` });
  });
});

describe('loadArticleFile: files it refuses', () => {
  it('GIVEN a missing file THEN the error names it', async () => {
    const path = join(dir, 'missing.txt');
    expect(await loadArticleFile(path)).toEqual({ ok: false, error: `${path}: no such file or directory` });
  });

  it.each([
    ['an empty file', 'empty.txt', ''],
    ['a file of blank lines', 'blank.md', '\n  \n\t\n'],
  ])('GIVEN %s THEN the error is "empty file"', async (_name, name, content) => {
    const path = await write(name, content);
    expect(await loadArticleFile(path)).toEqual({ ok: false, error: `${path}: empty file` });
  });

  it.each([
    ['NUL bytes', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a])],
    ['invalid UTF-8', Uint8Array.from([0x48, 0x69, 0x20, 0xff, 0xfe, 0x41, 0x0a])],
  ])('GIVEN a file with %s THEN it is not a text file', async (_name, bytes) => {
    const path = await write(`binary-${bytes[3]}.txt`, bytes);
    expect(await loadArticleFile(path)).toEqual({ ok: false, error: `${path}: not a text file` });
  });

  it('GIVEN a 20 MB file THEN it is refused by size before reading', async () => {
    const path = await write('huge.txt', '');
    await truncate(path, 20 * 1024 * 1024);
    expect(await loadArticleFile(path)).toEqual({
      ok: false,
      error: `${path}: too large (20.0 MB, limit 5 MB)`,
    });
  });

  it('GIVEN a file exactly at the limit THEN it is read', async () => {
    const line = `${LEAD}\n\n`;
    const path = await write(
      'at-limit.txt',
      line.repeat(Math.floor(MAX_ARTICLE_BYTES / Buffer.byteLength(line))),
    );
    const loaded = await loadArticleFile(path);
    expect(loaded.ok).toBe(true);
  });

  it('GIVEN an unsupported extension THEN the error names the type', async () => {
    const path = await write('report.pdf', '%PDF-1.7');
    expect(await loadArticleFile(path)).toEqual({
      ok: false,
      error: `${path}: unsupported file type (.pdf); expected .txt, .md or .html`,
    });
  });

  it('GIVEN a folder THEN it is not loaded as a file', async () => {
    expect(await loadArticleFile(dir)).toEqual({ ok: false, error: `${dir}: is a directory` });
  });

  it('GIVEN a FIFO with no writer THEN it is refused at once as not a regular file, not waited on', async () => {
    const path = join(dir, 'pipe.txt');
    execFileSync('mkfifo', [path]);
    expect(await readArticleFile(path)).toEqual({ ok: false, error: `${path}: skipped: not a regular file` });
  });
});

describe('listArticleFiles', () => {
  it('GIVEN a folder THEN its article files are listed by path, other files and subfolders left out', async () => {
    const folder = join(dir, 'digests');
    await mkdir(join(folder, 'nested'), { recursive: true });
    for (const name of ['b.md', 'a.txt', 'c.HTML', 'd.htm', 'e.markdown', 'notes.json', 'image.png'])
      await writeFile(join(folder, name), 'x');
    await writeFile(join(folder, 'nested', 'f.txt'), 'x');
    const listed = await listArticleFiles(folder);
    expect(listed).toEqual({
      ok: true,
      value: {
        files: ['a.txt', 'b.md', 'c.HTML', 'd.htm', 'e.markdown'].map((name) => join(folder, name)),
        skipped: [],
      },
    });
  });

  it('GIVEN a folder with a symlink and a FIFO named like articles THEN they are listed as skipped, not as files', async () => {
    const folder = join(dir, 'special');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'a.txt'), 'x');
    await symlink(DEFAULT_ARTICLE, join(folder, 'b-link.txt'));
    execFileSync('mkfifo', [join(folder, 'c-pipe.md')]);
    expect(await listArticleFiles(folder)).toEqual({
      ok: true,
      value: {
        files: [join(folder, 'a.txt')],
        skipped: [join(folder, 'b-link.txt'), join(folder, 'c-pipe.md')],
      },
    });
  });

  it('GIVEN a file THEN it is the only entry', async () => {
    expect(await listArticleFiles(DEFAULT_ARTICLE)).toEqual({
      ok: true,
      value: { files: [DEFAULT_ARTICLE], skipped: [] },
    });
  });

  it('GIVEN a path that does not exist THEN the error names it', async () => {
    const path = join(dir, 'nowhere');
    expect(await listArticleFiles(path)).toEqual({ ok: false, error: `${path}: no such file or directory` });
  });
});
