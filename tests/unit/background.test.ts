import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findActors } from '../../src/core/analysis/actors.ts';
import { analyze } from '../../src/core/analysis/analyze.ts';
import { BACKGROUND_LINES, describeActors } from '../../src/core/analysis/background.ts';
import { findQuoteSpans } from '../../src/core/analysis/quote-spans.ts';
import { extractAttributions } from '../../src/core/analysis/quotes.ts';
import type { Actor } from '../../src/core/analysis/types.ts';
import type { Article } from '../../src/core/article/article.ts';
import { paragraphsOf } from '../fixtures/sentences.ts';

/** Runs actors, quotes and background over paragraphs given as their sentences. */
function actorsOf(...paragraphs: string[][]): Actor[] {
  const { texts, sentences } = paragraphsOf(paragraphs);
  const spans = findQuoteSpans(texts);
  const cast = findActors(sentences, spans);
  const { quotes, descriptions } = extractAttributions(texts, sentences, cast, spans);
  return describeActors(cast, quotes, sentences, descriptions);
}

describe('describeActors', () => {
  const actors = actorsOf(
    ['China has committed $31 million in new food aid to Afghanistan.'],
    [
      '“The U.S. left a trail of destruction in Afghanistan,” Chinese Foreign Ministry spokesman Zhao Lijian said Thursday.',
      '“The U.S. asks others to respect basic human rights.”',
    ],
    ['China is already moving to establish a foothold in the resource-rich country.'],
  );

  it('GIVEN a speaker quoted twice THEN the speaker ranks before places named as often', () => {
    expect(actors[0]?.name).toBe('Zhao Lijian');
    expect(actors[0]).toMatchObject({
      quotes: 2,
      kind: 'person',
      roles: ['Chinese Foreign Ministry spokesman'],
    });
  });

  it('GIVEN an actor THEN the background holds the sentences about them with their paragraph, in reading order', () => {
    const zhao = actors.find((actor) => actor.name === 'Zhao Lijian');
    expect(zhao?.background[0]).toEqual({
      text: '“The U.S. left a trail of destruction in Afghanistan,” Chinese Foreign Ministry spokesman Zhao Lijian said Thursday.',
      paragraph: 2,
    });
    const china = actors.find((actor) => actor.name === 'China');
    expect(china?.background.map((line) => line.paragraph)).toEqual([1, 3]);
  });

  it('GIVEN an actor named in many sentences THEN the background keeps a handful', () => {
    const many = Array.from({ length: 9 }, (_, i) => [
      `Biden spoke about the economy on day ${i + 1} of the trip.`,
    ]);
    const biden = actorsOf(...many).find((actor) => actor.name === 'Biden');
    expect(biden?.mentions).toBe(9);
    expect(biden?.background).toHaveLength(BACKGROUND_LINES);
  });
});

/** The default article's body: its blank-line blocks without the page chrome (title, caption, widgets, credits). */
function defaultArticle(): Article {
  const raw = readFileSync(new URL('../../digests/2021-09-09-biden-xi-call.txt', import.meta.url), 'utf8');
  const chrome =
    /^(?:The Washington Post|Biden and China’s Xi speak|President Biden departs|Placeholder while|China’s crackdown on everything|David J\. Lynch)/u;
  const paragraphs = raw
    .split(/\n\s*\n/u)
    .map((block) => block.trim())
    .filter((block) => block.length > 0 && !chrome.test(block));
  return {
    id: '2021-09-09-biden-xi-call',
    title: 'Biden and China’s Xi speak for a second time amid rising tensions',
    source: 'The Washington Post',
    url: null,
    publishedAt: '2021-09-09',
    byline: ['David J. Lynch', 'Lily Kuo'],
    paragraphs,
  };
}

describe('the default article', () => {
  const analysis = analyze(defaultArticle());
  const people = analysis.actors.filter((actor) => actor.kind === 'person');

  it('GIVEN the Biden-Xi call THEN its ten people are found once each, each with a role', () => {
    const names = [
      'Biden',
      'Xi Jinping',
      'Antony Blinken',
      'Qin Gang',
      'Nicholas Burns',
      'Wendy Sherman',
      'John F. Kerry',
      'Zhao Lijian',
      'Donald Trump',
      'Myron Brilliant',
    ];
    expect(people.map((actor) => actor.name).sort()).toEqual([...names].sort());
    for (const actor of people) expect(actor.roles.length, actor.name).toBeGreaterThan(0);
    expect(analysis.actors[0]?.name).toBe('Biden');
  });

  it('GIVEN the photo credit and contributor line THEN nobody from them is an actor', () => {
    const names = analysis.actors.map((actor) => actor.name);
    for (const name of ['Demetrius Freeman', 'David J. Lynch', 'Lily Kuo']) expect(names).not.toContain(name);
  });

  const speakers: Array<{ words: string; speaker: string; kind: string }> = [
    { words: 'broad, strategic discussion', speaker: 'White House', kind: 'direct' },
    { words: 'We have engaged PRC officials', speaker: 'a senior U.S. official', kind: 'direct' },
    { words: 'talking points', speaker: 'a senior U.S. official', kind: 'direct' },
    { words: 'familiar', speaker: 'a senior U.S. official', kind: 'partial' },
    { words: 'private conversations', speaker: 'a senior U.S. official', kind: 'direct' },
    { words: 'playing for the press', speaker: 'a senior U.S. official', kind: 'direct' },
    { words: 'candid and in-depth', speaker: 'CCTV', kind: 'partial' },
    { words: 'caused serious difficulties', speaker: 'Xi Jinping', kind: 'partial' },
    { words: 'bring disaster', speaker: 'Xi Jinping', kind: 'partial' },
    { words: 'relations back on the right track', speaker: 'Xi Jinping', kind: 'partial' },
    { words: 'wrong beliefs', speaker: 'Qin Gang', kind: 'partial' },
    { words: 'disastrous consequences', speaker: 'Qin Gang', kind: 'partial' },
    { words: 'Cold War playbook', speaker: 'Qin Gang', kind: 'partial' },
    { words: 'test the proposition', speaker: 'a senior U.S. official', kind: 'partial' },
    { words: 'trail of destruction', speaker: 'Zhao Lijian', kind: 'direct' },
    { words: 'asks others to respect', speaker: 'Zhao Lijian', kind: 'direct' },
    { words: 'The political will', speaker: 'Myron Brilliant', kind: 'direct' },
    { words: 'It’s encouraging', speaker: 'Myron Brilliant', kind: 'direct' },
  ];
  it.each(speakers)(
    'GIVEN the quote “$words” THEN it is $kind and goes to $speaker',
    ({ words, speaker, kind }) => {
      const quote = analysis.quotes.find((q) => q.text.includes(words));
      expect(quote).toMatchObject({ speaker, kind });
    },
  );

  it('GIVEN the article THEN no quote is given to a speaker it does not name, and Biden says nothing', () => {
    expect(analysis.quotes.filter((quote) => quote.speaker === null)).toEqual([]);
    expect(analysis.quotes.filter((quote) => quote.speaker === 'Biden')).toEqual([]);
  });
});

describe('describeActors: roles from descriptions', () => {
  const cases: Array<{ rule: string; paragraphs: string[][]; name: string; role: string }> = [
    {
      rule: 'a description opening the next sentence',
      paragraphs: [
        ['Tom Hale says he has “big ideas” for the last weeks of the race.'],
        [
          'The Republican gubernatorial nominee admitted on Friday that his campaign has barely spent on radio.',
        ],
      ],
      name: 'Tom Hale',
      role: 'Republican gubernatorial nominee',
    },
    {
      rule: 'a speaking description resolved through an earlier role',
      paragraphs: [
        ['Republican gubernatorial nominee Ana Rusk spoke in Elko on Monday.'],
        ['The former mayor of Reno and Republican nominee said it was “too late” to wait.'],
      ],
      name: 'Ana Rusk',
      role: 'former mayor of Reno and Republican nominee',
    },
    {
      rule: 'a description as the subject after an introductory phrase',
      paragraphs: [
        ['Lena Ortiz toured the new library on Monday.'],
        ['In her speech to the volunteers, the former mayor thanked the donors.'],
      ],
      name: 'Lena Ortiz',
      role: 'former mayor',
    },
    {
      rule: 'a description as the subject after a linking adverb',
      paragraphs: [
        ['Tom Hale spoke to farmers in Elko.'],
        ['Instead, the former governor talked about water.'],
      ],
      name: 'Tom Hale',
      role: 'former governor',
    },
    {
      rule: 'a description as the subject after a conjunction',
      paragraphs: [['Tom Hale spoke to farmers in Elko.'], ['But the former governor stayed calm.']],
      name: 'Tom Hale',
      role: 'former governor',
    },
    {
      rule: 'a description that possesses the subject',
      paragraphs: [['Tom Hale spoke to farmers in Elko.'], ['The former governor’s answer was short.']],
      name: 'Tom Hale',
      role: 'former governor',
    },
    {
      rule: 'a description after an introductory phrase that names someone else',
      paragraphs: [
        ['Tom Hale spoke to farmers in Elko.'],
        ['Asked about Ann Ruiz, the former governor shrugged and left.'],
      ],
      name: 'Tom Hale',
      role: 'former governor',
    },
    {
      rule: '"the senator" for a person titled "Sen."',
      paragraphs: [
        ['Sen. Ana Rusk spoke in Elko on Monday.'],
        ['The senator promised new roads to the farmers.'],
      ],
      name: 'Ana Rusk',
      role: 'senator',
    },
    {
      rule: 'a home place before the role',
      paragraphs: [
        ['Tom Hale spoke to farmers in Elko.'],
        ['The Nevada senator promised new roads to them.'],
      ],
      name: 'Tom Hale',
      role: 'Nevada senator',
    },
  ];
  it.each(cases)('GIVEN $rule THEN it is one more role of the actor', ({ paragraphs, name, role }) => {
    expect(actorsOf(...paragraphs).find((actor) => actor.name === name)?.roles).toContain(role);
  });

  const unrelated: Array<{ rule: string; paragraphs: string[][] }> = [
    {
      rule: 'a party word after an introductory phrase (an adjective)',
      paragraphs: [
        ['Tom Hale spoke to farmers in Elko.'],
        ['By contrast, the Nevada Republican caucuses are small.'],
      ],
    },
    {
      rule: 'a name and a comma opening the sentence (an appositive, no linking adverb)',
      paragraphs: [
        ['Tom Hale spoke to farmers in Elko.'],
        ['Elkwire, the former governor’s favourite paper, closed.'],
      ],
    },
  ];
  it.each(unrelated)('GIVEN $rule THEN the last subject takes no role', ({ paragraphs }) => {
    expect(actorsOf(...paragraphs).find((actor) => actor.name === 'Tom Hale')?.roles).toEqual([]);
  });

  it('GIVEN a description with another home place THEN it is not a role of the last subject', () => {
    const actors = actorsOf(
      ['Nevada Gov. Tom Hale spoke to farmers in Elko.'],
      ['The Utah senator promised new roads to them.'],
    );
    expect(actors.find((actor) => actor.name === 'Tom Hale')?.roles).toEqual(['Nevada Gov.']);
  });

  it('GIVEN a vice-presidential description THEN it is not a role of the presidential nominee', () => {
    const actors = actorsOf(
      ['Republican presidential nominee Donald Trump spoke in Ohio on Monday.'],
      ['The Republican vice presidential nominee said the ticket was “ready to serve.”'],
    );
    expect(actors.find((actor) => actor.name === 'Donald Trump')?.roles).toEqual([
      'Republican presidential nominee',
    ]);
  });
});
