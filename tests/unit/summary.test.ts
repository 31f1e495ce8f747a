import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scrapedFromText } from '../../eval/summaries.ts';
import { analyze } from '../../src/core/analysis/analyze.ts';
import { splitSentences } from '../../src/core/analysis/sentences.ts';
import { isSummaryCandidate, summarize } from '../../src/core/analysis/summary.ts';
import { cleanArticle } from '../../src/core/article/clean.ts';

const DEFAULT_ARTICLE = resolve(import.meta.dirname, '../../digests/2021-09-09-biden-xi-call.txt');

function defaultArticle() {
  return cleanArticle(scrapedFromText('2021-09-09-biden-xi-call', readFileSync(DEFAULT_ARTICLE, 'utf8')));
}

function defaultArticleSentences() {
  return splitSentences(defaultArticle().paragraphs);
}

describe('isSummaryCandidate', () => {
  it.each([
    [
      'a plain statement of fact',
      'President Biden spoke with Chinese President Xi Jinping for the second time as president, the White House said Thursday.',
      true,
    ],
    [
      'a statement carrying a few quoted words',
      'According to CCTV, Xi told Biden that U.S. policy toward China had “caused serious difficulties” in ties.',
      true,
    ],
    [
      'a photo caption with its credit',
      'President Biden departs after delivering remarks at the White House on Thursday. (Demetrius Freeman/The Washington Post)',
      false,
    ],
    ['a related-story headline', 'China’s crackdown on everything is affecting everything in China', false],
    ['page chrome', 'Placeholder while article actions load.', false],
    ['a question to the reader', 'What does the call mean for the summit in Scotland this November?', false],
    ['a sentence of under six words', 'Those talks went nowhere.', false],
    [
      'a sentence that is mostly a quotation',
      '“The U.S. left a trail of destruction in Afghanistan,” Chinese Foreign Ministry spokesman Zhao Lijian said Thursday.',
      false,
    ],
    [
      'the tail of a quotation begun in the sentence before',
      'One challenge we’ve had in interactions over the last few months was the sense that they were playing for the press,” the official said.',
      false,
    ],
    [
      'the start of a quotation that runs on',
      '“We have engaged PRC officials in several settings to try to advance and set those parameters.',
      false,
    ],
    [
      'a title-case headline with a full stop',
      'Biden And Xi Speak For A Second Time Amid Rising Tensions.',
      false,
    ],
  ])('GIVEN %s THEN candidate is %s', (_name, text, expected) => {
    expect(isSummaryCandidate(text)).toBe(expected);
  });
});

describe('summarize', () => {
  it.each([
    ['names found in the text', () => summarize(defaultArticleSentences(), { count: 3 })],
    [
      'main actors from the actor stage (analyze)',
      () => analyze(defaultArticle(), { summarySentences: 3 }).summary,
    ],
  ])(
    'GIVEN the default article and %s THEN the summary says it was the second call and what Xi warned',
    (_name, make) => {
      const summary = make();
      const text = summary.map((line) => line.text).join(' ');
      expect(summary).toHaveLength(3);
      expect(text).toContain('for the second time as president');
      expect(text).toContain('“caused serious difficulties”');
      expect(text).toContain('“bring disaster to both countries and the world.”');
    },
  );

  it('GIVEN the default article THEN no summary line is chrome, a caption, a headline or a byline', () => {
    for (const count of [1, 3, 5, 8]) {
      const text = summarize(defaultArticleSentences(), { count })
        .map((line) => line.text)
        .join('\n');
      for (const chrome of [
        'Democracy Dies in Darkness',
        'Placeholder while article actions load',
        'Demetrius Freeman',
        'Biden and China’s Xi speak for a second time amid rising tensions',
        'China’s crackdown on everything is affecting everything in China',
        'contributed to this report',
      ])
        expect(text).not.toContain(chrome);
    }
  });

  it('GIVEN the default article THEN each line is a verbatim sentence of the paragraph it names, in article order', () => {
    const sentences = defaultArticleSentences();
    const summary = summarize(sentences, { count: 5 });
    expect(summary).toHaveLength(5);
    const positions = summary.map((line) =>
      sentences.findIndex((sentence) => sentence.text === line.text && sentence.paragraph === line.paragraph),
    );
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('GIVEN the same article twice THEN the summary is the same', () => {
    const sentences = defaultArticleSentences();
    expect(summarize(sentences, { count: 3 })).toEqual(summarize(sentences, { count: 3 }));
  });

  it('GIVEN a lead repeated almost word for word THEN only one of the two is chosen', () => {
    const sentences = splitSentences([
      'A magnitude 6.4 earthquake struck southern Turkey on Monday evening, collapsing several buildings in Antakya.',
      'A 6.4-magnitude earthquake struck southern Turkey on Monday evening and collapsed several buildings in Antakya, officials said.',
      'Rescue teams from Adana and Mersin were sent overnight to search the rubble for survivors.',
      'The quake came two weeks after a far larger one killed more than 40,000 people across the region.',
      'Hospitals in the province moved patients into tents in their car parks as aftershocks continued.',
    ]);
    const text = summarize(sentences, { count: 3 })
      .map((line) => line.text)
      .join(' ');
    expect(text).toContain('collapsing several buildings');
    expect(text).not.toContain('and collapsed several buildings');
  });

  it('GIVEN the main actors by name THEN the sentence where they speak outranks an aside', () => {
    const paragraphs = [
      'The city council voted 7-2 on Tuesday to close the Riverside bus depot by the end of next year.',
      'The depot, built in 1962, employs about 140 drivers and mechanics.',
      'Its roof was last repaired in 2009, according to city records.',
      'Its car park is also used for a weekend farmers market.',
      'The market moved there from the old fire station in 2015.',
      'Mayor Linda Okafor said the vote would save the city $4 million a year and promised that no driver would lose a job.',
    ];
    const withActors = summarize(splitSentences(paragraphs), { count: 2, salientTerms: ['Linda Okafor'] });
    expect(withActors.map((line) => line.paragraph)).toEqual([1, 6]);
  });

  it.each([
    ['no sentences', [], 3, 0],
    ['a count of zero', ['The council met on Tuesday and voted to close the bus depot next year.'], 0, 0],
    [
      'fewer sentences than asked for',
      ['The council met on Tuesday and voted to close the bus depot next year.'],
      3,
      1,
    ],
  ])('GIVEN %s THEN the summary has the expected length', (_name, paragraphs, count, length) => {
    expect(summarize(splitSentences(paragraphs), { count })).toHaveLength(length);
  });

  it('GIVEN only headline-like lines THEN it still returns the opening lines rather than nothing', () => {
    const sentences = splitSentences(['Breaking News', 'Live Updates']);
    expect(summarize(sentences, { count: 1 })).toEqual([{ text: sentences[0]?.text, paragraph: 1 }]);
  });

  it('GIVEN a very long article THEN the summary takes well under a second', () => {
    const paragraph =
      'The committee heard evidence from engineers, residents and the operator of the plant about the leak in March. ' +
      'Several witnesses said the alarms had sounded for hours before anyone in the control room responded.';
    const sentences = splitSentences(Array.from({ length: 3000 }, () => paragraph));
    const started = performance.now();
    const summary = summarize(sentences, { count: 3 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(summary.length).toBeGreaterThan(0);
  });
});
