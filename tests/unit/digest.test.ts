import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze.ts';
import type { Quote } from '../../src/core/analysis/types.ts';
import { cleanArticle } from '../../src/core/article/clean.ts';
import { buildDigest, selectKeyQuotes } from '../../src/core/digest/digest.ts';
import { displayQuoteText, renderDigestAsText } from '../../src/core/digest/render-text.ts';
import { parseArticleText } from '../../src/ingest/article-formats.ts';

const DEFAULT_ARTICLE = 'digests/2021-09-09-biden-xi-call.txt';

function defaultAnalysis() {
  const scraped = parseArticleText('biden-xi', readFileSync(DEFAULT_ARTICLE, 'utf8'), 'text');
  if (!scraped.ok) throw new Error(scraped.error);
  return analyze(cleanArticle(scraped.value));
}

function quote(text: string, speaker: string | null, kind: Quote['kind'], paragraph: number): Quote {
  return { text, speaker, actorId: null, kind, paragraph, sentence: text };
}

describe('buildDigest', () => {
  it('GIVEN the default article THEN the digest item carries its title, summary, key quotes and people first', () => {
    const digest = buildDigest([defaultAnalysis()]);
    expect(digest.heading).toBe('newsdesk digest: 1 article');
    const [item] = digest.items;
    expect(item?.title).toBe('Biden and China’s Xi speak for a second time amid rising tensions');
    expect(item?.summary).toHaveLength(3);
    expect(item?.quotes.length).toBe(2);
    expect(item?.quotes.every((q) => q.speaker !== null)).toBe(true);
    expect(item?.actors.slice(0, 2)).toEqual(['Biden', 'Xi Jinping']);
    expect(item?.actors).toContain('Qin Gang');
  });

  it('GIVEN the default article THEN the text digest holds no page chrome', () => {
    const text = renderDigestAsText(buildDigest([defaultAnalysis()]));
    for (const chrome of [
      'Democracy Dies in Darkness',
      'Placeholder while',
      'Demetrius Freeman',
      'contributed to this report',
    ]) {
      expect(text).not.toContain(chrome);
    }
  });
});

describe('selectKeyQuotes', () => {
  const quotes = [
    quote('familiar', 'a senior U.S. official', 'partial', 5),
    quote('The U.S. left a trail of destruction in Afghanistan,', 'Zhao Lijian', 'direct', 20),
    quote('candid and in-depth.', null, 'partial', 12),
    quote(
      'It’s encouraging but it needs to be reinforced with concrete steps',
      'Myron Brilliant',
      'direct',
      28,
    ),
  ];

  it('GIVEN attributed direct quotes THEN they win over partial and unattributed ones, in article order', () => {
    expect(selectKeyQuotes(quotes, 2).map((q) => q.paragraph)).toEqual([20, 28]);
  });

  it('GIVEN quotes that score alike THEN the earlier ones are kept, in article order', () => {
    const alike = [
      quote('one two three', 'Zhao Lijian', 'direct', 3),
      quote('four five six', 'Zhao Lijian', 'direct', 9),
      quote('seven eight nine ten', 'Zhao Lijian', 'direct', 14),
      quote('eleven twelve thirteen', 'Zhao Lijian', 'direct', 15),
    ];
    expect(selectKeyQuotes(alike, 2).map((q) => q.paragraph)).toEqual([3, 14]);
    expect(selectKeyQuotes(alike, 3).map((q) => q.paragraph)).toEqual([3, 9, 14]);
  });

  it('GIVEN a long quote and words split by other whitespace THEN its words count up to forty, as spaces split them', () => {
    const long = quote(Array.from({ length: 60 }, (_, n) => `w${n}`).join(' '), null, 'partial', 2);
    const tabbed = quote('a\tb\u00a0c  d', null, 'partial', 4);
    const three = quote('a b c', null, 'partial', 6);
    expect(selectKeyQuotes([long, tabbed, three], 2).map((q) => q.paragraph)).toEqual([2, 4]);
  });

  it('GIVEN a limit above the count THEN every quote comes back in article order', () => {
    expect(selectKeyQuotes(quotes, 10).map((q) => q.paragraph)).toEqual([5, 20, 12, 28]);
  });
});

describe('displayQuoteText', () => {
  it.each([
    [
      'The U.S. left a trail of destruction in Afghanistan,',
      'The U.S. left a trail of destruction in Afghanistan',
    ],
    ['candid and in-depth.', 'candid and in-depth.'],
    ['Yes, we will', 'Yes, we will'],
  ])('GIVEN %j THEN it shows %j', (text, shown) => {
    expect(displayQuoteText(text)).toBe(shown);
  });
});
