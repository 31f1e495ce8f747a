import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze.ts';
import type { Article } from '../../src/core/article/article.ts';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { relinkIdentities } from '../../src/ingest/identity-linker.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { bookTour, governorMemoir, NAMESAKE_ARTICLES } from '../fixtures/namesake-articles.ts';
import { storeEngines } from '../fixtures/store-databases.ts';

const engines = await storeEngines('identity store suite');
const GUILD_A = 'discord:111';
const GUILD_B = 'discord:222';

describe.each(engines)('$name: actor identities', ({ databases }) => {
  let store: Store;
  let url: string;
  afterAll(() => databases.dropAll());
  beforeEach(async () => {
    url = await databases.fresh();
    const opened = await openStore(url);
    if (!opened.ok) throw new Error(opened.error);
    store = opened.value;
  });
  afterEach(() => store.close());

  async function save(article: Article, owner = GLOBAL_OWNER) {
    await store.saveArticle(article, analyze(article), 1, [owner]);
  }

  async function seed() {
    for (const article of NAMESAKE_ARTICLES) await save(article);
    return relinkIdentities(store);
  }

  it('GIVEN articles saved THEN each actor is linked at once, a full name to its own identity', async () => {
    await save(governorMemoir);
    const links = await store.sightingLinks('Daniel Okonkwo');
    expect(links.map((link) => [link.articleId, link.identity, link.evidence])).toEqual([
      ['governor-memoir', 'daniel okonkwo', 'name'],
    ]);
  });

  it('GIVEN "Mr. X" in an article without the full name THEN the relink joins it to the man named in full elsewhere', async () => {
    const report = await seed();
    expect(report.sightings).toBeGreaterThanOrEqual(4);
    const tour = (await store.sightingLinks('Okonkwo')).find((link) => link.articleId === bookTour.id);
    expect(tour).toMatchObject({ identity: 'daniel okonkwo', evidence: 'coverage' });
    const coverage = await store.identityCoverage('daniel okonkwo');
    expect(coverage.map((row) => row.articleId)).toEqual(['book-tour', 'governor-memoir']);
    expect(coverage.flatMap((row) => row.quotes.map((quote) => quote.text))).toContain(
      'Every chapter is a lesson I learned the hard way,',
    );
  });

  it('GIVEN a surname two people share THEN the name leads to both identities, most covered first', async () => {
    await seed();
    const found = await store.findIdentities('Okonkwo');
    expect(found.map((match) => [match.key, match.name, match.articles])).toEqual([
      ['daniel okonkwo', 'Daniel Okonkwo', 2],
      ['margaret okonkwo', 'Margaret Okonkwo', 2],
    ]);
    expect((await store.findIdentities('Ms. Okonkwo')).map((match) => match.key)).toEqual([
      'margaret okonkwo',
    ]);
  });

  it('GIVEN an article of another workspace THEN a workspace neither counts nor reads it', async () => {
    await seed();
    await save(
      {
        ...governorMemoir,
        id: 'b-only',
        title: 'Memoir excerpt',
        paragraphs: [`${governorMemoir.paragraphs[0]} (B)`],
      },
      GUILD_B,
    );
    await relinkIdentities(store);
    const a = store.visibleTo(GUILD_A);
    const b = store.visibleTo(GUILD_B);
    expect((await a.identityCoverage('daniel okonkwo')).map((row) => row.articleId)).not.toContain('b-only');
    expect((await b.identityCoverage('daniel okonkwo')).map((row) => row.articleId)).toContain('b-only');
    const counted = async (reader: typeof a) =>
      (await reader.findIdentities('Daniel Okonkwo')).find((match) => match.key === 'daniel okonkwo')
        ?.articles;
    expect(await counted(a)).toBe(2);
    expect(await counted(b)).toBe(3);
  });

  it('GIVEN operator corrections THEN they survive every relink; a later one about the same name replaces the earlier', async () => {
    await seed();
    await store.addIdentityCorrection({ kind: 'split', name: 'Okonkwo' });
    await relinkIdentities(store);
    const tour = async () =>
      (await store.sightingLinks('Okonkwo')).find((link) => link.articleId === bookTour.id);
    expect(await tour()).toMatchObject({ identity: 'okonkwo', evidence: 'operator-split' });
    await store.addIdentityCorrection({ kind: 'merge', from: 'Okonkwo', into: 'Margaret Okonkwo' });
    await store.addIdentityCorrection({ kind: 'merge', from: 'Okonkwo', into: 'Daniel Okonkwo' });
    await relinkIdentities(store);
    await relinkIdentities(store);
    expect(await tour()).toMatchObject({ identity: 'daniel okonkwo', evidence: 'operator-merge' });
    expect(await store.listIdentityCorrections()).toEqual([
      { kind: 'split', name: 'Okonkwo' },
      { kind: 'merge', from: 'Okonkwo', into: 'Daniel Okonkwo' },
    ]);
  });

  it('GIVEN a workspace read kept in the read cache WHEN a relink moves the links THEN the next read sees the new links', async () => {
    for (const article of NAMESAKE_ARTICLES) await save(article);
    const guild = store.visibleTo(GUILD_A);
    const before = (await guild.findIdentities('Okonkwo')).map((match) => match.key);
    await relinkIdentities(store);
    const after = (await guild.findIdentities('Okonkwo')).map((match) => match.key);
    const fresh = await openStore(url, { readCacheBytes: 0 });
    if (!fresh.ok) throw new Error(fresh.error);
    try {
      expect(after).toEqual(
        (await fresh.value.visibleTo(GUILD_A).findIdentities('Okonkwo')).map((m) => m.key),
      );
    } finally {
      await fresh.value.close();
    }
    expect(after).not.toEqual(before);
  });
});
