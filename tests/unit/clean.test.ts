import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticleMeta } from '../../src/core/article/article.ts';
import { cleanArticle } from '../../src/core/article/clean.ts';

const DEFAULT_ARTICLE = resolve(import.meta.dirname, '../../digests/2021-09-09-biden-xi-call.txt');
const NO_META: ArticleMeta = { title: null, source: null, url: null, publishedAt: null };

const LEAD =
  'President Biden spoke with Chinese President Xi Jinping for the second time as president, the White House said Thursday, amid rising tensions over human rights, military ambitions, trade and the coronavirus.';
const SECOND =
  'The call Thursday evening in Washington yielded no specific announcements, including about whether the two leaders would meet in person for a much-anticipated summit this fall.';
const THIRD =
  'Those included a chaotic scene in Alaska in March, when Secretary of State Antony Blinken and his Chinese counterpart publicly rebuked one another.';

function clean(blocks: string[], meta: Partial<ArticleMeta> = {}) {
  return cleanArticle({ id: 'story', meta: { ...NO_META, ...meta }, blocks });
}

describe('cleanArticle: the default article', () => {
  const text = readFileSync(DEFAULT_ARTICLE, 'utf8');

  it.each([
    ['split on blank lines', text.split(/\n\s*\n/)],
    ['one block per line', text.split('\n')],
  ])(
    'GIVEN the default article %s THEN only the story remains, with its title and byline',
    (_name, blocks) => {
      const article = clean(blocks, {});
      expect(article.title).toBe('Biden and China’s Xi speak for a second time amid rising tensions');
      expect(article.paragraphs[0]).toBe(LEAD);
      expect(article.byline).toEqual(['David J. Lynch', 'Lily Kuo']);
      expect(article.source).toBe('The Washington Post');
      expect(article.paragraphs).toHaveLength(31);
      const body = article.paragraphs.join('\n');
      for (const chrome of [
        'Democracy Dies in Darkness',
        'Demetrius Freeman',
        'Placeholder while article actions load',
        'China’s crackdown on everything is affecting everything in China',
        'contributed to this report',
      ]) {
        expect(body).not.toContain(chrome);
      }
      expect(article.paragraphs.at(-1)).toBe(
        'Trump spoke admiringly of Xi’s maneuvering to consolidate power indefinitely. For his part, Biden has called Xi a smart and savvy opponent.',
      );
    },
  );
});

describe('cleanArticle: page chrome between paragraphs is dropped', () => {
  const chrome: Array<[string, string]> = [
    ['a masthead with its slogan', 'The Washington PostDemocracy Dies in Darkness'],
    ['a masthead with a separator', 'The New York Times | All the News That’s Fit to Print'],
    ['the article-actions placeholder', 'Placeholder while article actions load'],
    ['a share widget', 'Share this article'],
    ['a listen widget', 'Listen to article'],
    ['a listen widget with its length', 'Listen 5 min'],
    ['an advertisement label', 'Advertisement'],
    ['a skip link', 'Skip to main content'],
    ['a newsletter sign-up', 'Sign up for our newsletter'],
    ['a newsletter pitch', 'Sign up for the Morning Briefing, delivered to your inbox every weekday.'],
    ['a read-more link', 'Read more'],
    ['an author’s social-media plug', 'Follow Dana Reyes on Twitter @danareyes.'],
    ['a read-the-rest link', 'Read the rest here.'],
    ['a continuation label', 'Story continues below advertisement'],
    [
      'a caption with a photographer credit',
      'President Biden departs after delivering remarks at the White House on Thursday. (Demetrius Freeman/The Washington Post)',
    ],
    [
      'a caption with an agency credit',
      'Chinese President Xi Jinping speaks during a video conference in Beijing. (Getty Images)',
    ],
    [
      'a caption with an AP credit',
      'Secretary of State Antony Blinken arrives in Anchorage. (AP Photo/Frederic J. Brown)',
    ],
    ['a photo line', 'Photo: Mark Schiefelbein/AP'],
    ['a timestamp line', 'September 9, 2021 at 7:46 p.m. EDT'],
    ['an updated-at line', 'Updated Sept. 10, 2021'],
    ['a copyright line', '© 2021 The Washington Post'],
    ['a sentence-case related headline', 'China’s crackdown on everything is affecting everything in China'],
    ['a Title Case related headline', 'Biden Administration Weighs New Tariffs on Chinese Steel'],
    ['a separator', '* * *'],
    ['a video player’s current time', 'Current Time 0:00'],
    ['a video player’s duration', 'Duration 2:31'],
    ['a video player’s load state', 'Loaded: 0%'],
    ['a posted-at time', 'Posted 9:14 AM PT'],
    ['an updated-at time', 'Updated 3:46 p.m. ET'],
    ['a photo-by credit', 'Photo by Lena Park/The Coastal Ledger'],
    ['a citation’s access date', 'Retrieved March 3, 2015.'],
    ['a "Read:" link', 'Read: How the port became the region’s busiest'],
    ['a "Related:" link', 'Related: Ferry fares rise for summer'],
    [
      'an "In this photo" caption',
      'In this photo taken Monday, the Eastbank power station is seen from the ferry.',
    ],
    ['a paywall prompt', 'Already a subscriber? Log in to keep reading.'],
  ];

  it.each(chrome)('GIVEN %s THEN it is not a paragraph and the story is intact', (_name, line) => {
    const article = clean(['Biden and China’s Xi speak for a second time', LEAD, line, SECOND, THIRD]);
    expect(article.paragraphs).toEqual([LEAD, SECOND, THIRD]);
  });

  it('GIVEN a related-stories label THEN the headlines listed after it are dropped too', () => {
    const article = clean([
      LEAD,
      SECOND,
      'Related',
      'Biden and Xi to meet virtually as tensions simmer',
      'What to know about the Taiwan Strait',
      THIRD,
    ]);
    expect(article.paragraphs).toEqual([LEAD, SECOND, THIRD]);
  });
});

describe('cleanArticle: story text is never lost', () => {
  const kept: Array<[string, string]> = [
    [
      'a sentence that opens with "By"',
      'By the end of the year, the company had laid off 300 workers at its Ohio plant.',
    ],
    [
      'a sentence with a parenthetical party label',
      'The bill was introduced last month by Sen. Ted Cruz (R-Tex.)',
    ],
    [
      'a sentence whose parenthesis is a warning, not a credit',
      'Floodwater swept through the lower town overnight. (WARNING: Some photos below may upset readers.)',
    ],
    ['a quoted line with its attribution', '“The bus has been late every day this winter.” ― Paulo Ferreira'],
    [
      'a sentence that mentions reading more',
      'Read more than 2,000 pages of filings, the judge said, and you will find no evidence of fraud.',
    ],
    ['a short sentence', 'He declined.'],
    ['a sentence that opens with "Duration"', 'Duration of the ban was not set, officials said.'],
    ['a sentence about photographs', 'Photographs by the family were shown in court, and the jury saw them.'],
  ];

  it.each(kept)('GIVEN %s between paragraphs THEN it stays, verbatim', (_name, line) => {
    const article = clean(['Biden and China’s Xi speak for a second time', LEAD, line, SECOND]);
    expect(article.paragraphs).toEqual([LEAD, line, SECOND]);
  });

  it('GIVEN short list items in a row THEN they stay, as they are not headlines between paragraphs', () => {
    const items = ['Climate change', 'The coronavirus pandemic', 'Nuclear nonproliferation'];
    const article = clean([
      LEAD,
      'The officials named three areas of possible cooperation:',
      ...items,
      SECOND,
    ]);
    expect(article.paragraphs).toEqual([
      LEAD,
      'The officials named three areas of possible cooperation:',
      ...items,
      SECOND,
    ]);
  });

  it('GIVEN prose hard-wrapped over several lines THEN it is one paragraph again', () => {
    const article = clean([
      'The call followed discussions among lower-level officials in which U.S. officials had\nsought to set rules of the road to prevent stiff competition between the two nations\nfrom veering into conflict.',
      SECOND,
    ]);
    expect(article.paragraphs[0]).toBe(
      'The call followed discussions among lower-level officials in which U.S. officials had sought to set rules of the road to prevent stiff competition between the two nations from veering into conflict.',
    );
  });
});

describe('cleanArticle: bylines and contributor lines', () => {
  const credits: Array<[string, string[]]> = [
    [
      'David J. Lynch in Washington and Lily Kuo in Taipei, Taiwan, contributed to this report.',
      ['David J. Lynch', 'Lily Kuo'],
    ],
    ['Tessa Marlowe and Jonah Kettering contributed reporting.', ['Tessa Marlowe', 'Jonah Kettering']],
    ['Reporting by Michelle Nichols at the United Nations; Editing by Grant McCool', ['Michelle Nichols']],
    ['Additional reporting by Yew Lun Tian in Beijing', ['Yew Lun Tian']],
    ['By Karen DeYoung and Missy Ryan', ['Karen DeYoung', 'Missy Ryan']],
    ['By Ellen Nakashima, The Washington Post', ['Ellen Nakashima']],
    ['Contributing: John Fritze, Maureen Groppe', ['John Fritze', 'Maureen Groppe']],
    [
      'Ana Rusk reported from Kodiak Island, and Piet Larkin and Jo Tarrant from Nome, Alaska.',
      ['Ana Rusk', 'Piet Larkin', 'Jo Tarrant'],
    ],
  ];

  it.each(credits)(
    'GIVEN "%s" THEN the people go to the byline and the line leaves the body',
    (line, names) => {
      const article = clean(['Biden and China’s Xi speak for a second time', LEAD, SECOND, line]);
      expect(article.byline).toEqual(names);
      expect(article.paragraphs).toEqual([LEAD, SECOND]);
    },
  );

  it('GIVEN a "By" line under the headline THEN it is the byline, not the first paragraph', () => {
    const article = clean([
      'Biden and China’s Xi speak for a second time',
      'By David J. Lynch',
      LEAD,
      SECOND,
    ]);
    expect(article.byline).toEqual(['David J. Lynch']);
    expect(article.paragraphs[0]).toBe(LEAD);
  });
});

describe('cleanArticle: the source', () => {
  it.each([
    [
      'a masthead names the outlet',
      ['The Washington PostDemocracy Dies in Darkness', LEAD],
      {},
      'The Washington Post',
    ],
    ['the metadata names the outlet', ['Reuters', LEAD], { source: 'Reuters.com' }, 'Reuters.com'],
    ['no masthead and no metadata', [LEAD], {}, null],
  ])('GIVEN %s THEN the source is known', (_name, blocks, meta, source) => {
    const article = clean(blocks, meta);
    expect(article.source).toBe(source);
    expect(article.paragraphs).toEqual([LEAD]);
  });
});

describe('cleanArticle: the title', () => {
  it('GIVEN a title in the metadata THEN it wins and the same headline in the body is not a paragraph', () => {
    const article = clean(['Biden, Xi speak again', LEAD, SECOND], {
      title: 'Biden and Xi speak for a second time',
    });
    expect(article.title).toBe('Biden and Xi speak for a second time');
    expect(article.paragraphs).toEqual([LEAD, SECOND]);
  });

  it('GIVEN a masthead above the headline THEN the headline is the title', () => {
    const article = clean([
      'The Washington PostDemocracy Dies in Darkness',
      'Biden and China’s Xi speak',
      LEAD,
    ]);
    expect(article.title).toBe('Biden and China’s Xi speak');
  });

  it.each([
    [
      'a caption with its credit',
      'Biden departs the White House on Thursday. (Demetrius Freeman/The Washington Post)',
    ],
    ['a photo credit line', 'Photo: Mark Schiefelbein/AP'],
    ['an agency credit', 'Xi Jinping in Beijing (Getty Images)'],
  ])(
    'GIVEN %s above the lead and no headline THEN it is neither the title nor a paragraph',
    (_name, caption) => {
      const article = clean([caption, LEAD, SECOND]);
      expect(article.paragraphs).toEqual([LEAD, SECOND]);
      expect(article.title).toBe(
        'President Biden spoke with Chinese President Xi Jinping for the second time as president, the White…',
      );
    },
  );

  it('GIVEN a Title Case headline ending with a period THEN it is the title', () => {
    const article = clean([
      'Farm Water Rules Face First Test In U.S. Court.',
      'The strictest farm water rules in the West went before a federal appeals court on Tuesday.',
    ]);
    expect(article.title).toBe('Farm Water Rules Face First Test In U.S. Court.');
    expect(article.paragraphs).toEqual([
      'The strictest farm water rules in the West went before a federal appeals court on Tuesday.',
    ]);
  });

  it('GIVEN an article that starts straight with its text THEN the first sentence stays and titles it', () => {
    const article = clean([
      'Chinese official statements have hardened in recent months. The new ambassador spoke on Tuesday.',
      SECOND,
    ]);
    expect(article.title).toBe('Chinese official statements have hardened in recent months.');
    expect(article.paragraphs).toHaveLength(2);
  });

  it('GIVEN a whole article on one line THEN nothing is dropped and the title is its first sentence, shortened', () => {
    const line = `${LEAD} ${SECOND} ${THIRD}`;
    const article = clean([line]);
    expect(article.paragraphs).toEqual([line]);
    expect(article.title).toBe(
      'President Biden spoke with Chinese President Xi Jinping for the second time as president, the White…',
    );
    expect(article.title.length).toBeLessThanOrEqual(101);
  });

  it('GIVEN a 5 MB article on one line THEN cleaning keeps it whole and stays fast', () => {
    const line = Array.from({ length: 12_000 }, () => `${LEAD} ${SECOND}`).join(' ');
    const started = performance.now();
    const article = clean([line]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(article.paragraphs).toEqual([line]);
  });

  it('GIVEN only a headline-like line THEN it stays in the body as well as titling the article', () => {
    const article = clean(['Breaking News']);
    expect(article.paragraphs).toEqual(['Breaking News']);
    expect(article.title).toBe('Breaking News');
  });

  it('GIVEN no text at all THEN the title falls back to the id', () => {
    expect(clean([]).title).toBe('story');
    expect(clean([]).paragraphs).toEqual([]);
  });
});
