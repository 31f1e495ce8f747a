import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze.ts';
import type { Article } from '../../src/core/article/article.ts';
import { cleanArticle } from '../../src/core/article/clean.ts';
import { loadArticleFile } from '../../src/ingest/load-file.ts';

const PAGES = resolve(import.meta.dirname, '../fixtures/pages');

/** A page loaded through the HTML loader and cleaned, as `newsdesk analyze page.html` reads it. */
async function cleanedPage(path: string): Promise<Article> {
  const loaded = await loadArticleFile(path);
  if (!loaded.ok) throw new Error(loaded.error);
  return cleanArticle(loaded.value);
}

describe('a news article page, cleaned end to end', () => {
  let article: Article;
  beforeAll(async () => {
    article = await cleanedPage(join(PAGES, 'article.html'));
  });

  it('GIVEN og:site_name and a "Headline | Site" title THEN the title is the headline alone', () => {
    expect(article.title).toBe('Harbour city votes to close its coal plant by 2030');
    expect(article.source).toBe('The Coastal Ledger');
  });

  it('GIVEN a byline in capitals with "and", a bracket and a date THEN the byline holds the two names as written', () => {
    expect(article.byline).toEqual(['Marta Kowalczyk', 'Daniel Osei']);
  });

  it.each([
    ['a figcaption paragraph', 'seen from the ferry terminal'],
    ['a photo credit', 'Lena Park'],
    ['a share widget', 'Share on'],
    ['a newsletter prompt', 'newsletter'],
    ['a paywall prompt', 'subscriber'],
    ['a "Read:" link', 'Read:'],
    ['related-story links', 'Ferry fares'],
    ['the footer', 'All rights reserved'],
  ])('GIVEN %s on the page THEN no paragraph holds it', (_, words) => {
    expect(article.paragraphs.filter((paragraph) => paragraph.includes(words))).toEqual([]);
  });

  it('GIVEN the story paragraphs THEN they are kept, in page order', () => {
    expect(article.paragraphs).toHaveLength(6);
    expect(article.paragraphs[0]).toMatch(/^The city council voted 9-2/u);
    expect(article.paragraphs[5]).toMatch(/^The vote follows two years/u);
  });

  it('GIVEN the cleaned page THEN analysis finds its people and quotes, and no byline name is an actor', () => {
    const analysis = analyze(article);
    const people = analysis.actors.filter((actor) => actor.kind === 'person').map((actor) => actor.name);
    expect(people).toEqual(expect.arrayContaining(['Ines Varga', 'Priya Nair', 'Tom Reilly']));
    expect(people).not.toContain('Marta Kowalczyk');
    expect(analysis.actors.find((actor) => actor.name === 'Northgate Energy')?.kind).toBe('organization');
    expect(analysis.quotes.map((quote) => quote.speaker)).toEqual(['Ines Varga', 'Priya Nair']);
    expect(analysis.article.language).toBe('en');
  });
});

describe('pages that are not one article', () => {
  it.each([
    ['front-page.html', 'front page'],
    ['list-page.html', 'list of stories'],
    ['product-page.html', 'product page'],
  ])('GIVEN %s WHEN it is loaded THEN it is refused in one line as a %s', async (file, kind) => {
    const loaded = await loadArticleFile(join(PAGES, file));
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error).toBe(
      `${join(PAGES, file)}: not one article but a ${kind}; give newsdesk the page of a single story`,
    );
    expect(loaded.error).not.toContain('\n');
  });
});

describe('pages whose metadata or shape decides', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdesk-pages-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The article fixture with a change, written as a page of its own. */
  async function variant(name: string, change: (html: string) => string): Promise<string> {
    const html = change(await readFile(join(PAGES, 'article.html'), 'utf8'));
    const path = join(dir, name);
    await writeFile(path, html);
    return path;
  }

  it('GIVEN an article page without og:title THEN the site name after the title separator is cut', async () => {
    const path = await variant('no-og-title.html', (html) =>
      html.replace(/<meta property="og:title"[^>]*>/u, ''),
    );
    expect((await cleanedPage(path)).title).toBe('Harbour city votes to close its coal plant by 2030');
  });

  it('GIVEN an article page without og:type and a rail of eight related links THEN it is still an article', async () => {
    const rail = Array.from(
      { length: 8 },
      (_, i) => `<li><h3><a href="/news/${i}">Another story from the coast, number ${i}</a></h3></li>`,
    ).join('');
    const path = await variant('rail.html', (html) =>
      html.replace(/<meta property="og:type"[^>]*>/u, '').replace('</ul>', `${rail}</ul>`),
    );
    const loaded = await loadArticleFile(path);
    expect(loaded.ok).toBe(true);
  });

  it('GIVEN an article page marked up as a schema.org NewsArticle THEN it is an article whatever its links', async () => {
    const path = await variant('json-ld.html', (html) =>
      html
        .replace(/<meta property="og:type"[^>]*>/u, '')
        .replace(
          '</head>',
          '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","headline":"Harbour city votes"}]}</script></head>',
        ),
    );
    expect((await loadArticleFile(path)).ok).toBe(true);
  });
});
