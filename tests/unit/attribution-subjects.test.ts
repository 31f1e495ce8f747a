import { describe, expect, it } from 'vitest';
import { findActors } from '../../src/core/analysis/actors.ts';
import { governedByQuoteVerb, inObjectPosition } from '../../src/core/analysis/attribution/mentions.ts';
import { type ParagraphView, paragraphViews } from '../../src/core/analysis/attribution/paragraph.ts';
import {
  introductionEnd,
  introductionSubject,
  openingPronoun,
} from '../../src/core/analysis/attribution/subjects.ts';
import { findQuoteSpans } from '../../src/core/analysis/quote-spans.ts';
import { paragraphsOf } from '../fixtures/sentences.ts';

/** The view of a paragraph given as its sentences, with the cast read from it. */
function viewOf(...parts: string[]): ParagraphView {
  const { texts, sentences } = paragraphsOf([parts]);
  const spans = findQuoteSpans(texts);
  const [view] = paragraphViews(texts, sentences, findActors(sentences, spans), spans);
  if (!view) throw new Error('no paragraph');
  return view;
}

describe('attribution: a name that stands as no clause subject', () => {
  // Each sentence follows one that introduces the people by their full names.
  const introduction = 'Senator Tom Hale and Mayor Ellen Vance met donors in Reno.';
  const cases: Array<{ sentence: string; name: string; object: boolean }> = [
    {
      sentence: 'Hale spokesman Victor Osei would not say when the vote would come.',
      name: 'Hale',
      object: true,
    },
    {
      sentence: 'Hale spokesman Victor Osei would not say when the vote would come.',
      name: 'Victor Osei',
      object: false,
    },
    { sentence: 'Vance campaign manager Lena Sato called the count unfair.', name: 'Vance', object: true },
    {
      sentence: 'Hale’s been telling donors for weeks that the bill is dead.',
      name: 'Hale',
      object: false,
    },
    { sentence: 'Hale’s aides said the case was closed.', name: 'Hale', object: true },
    { sentence: 'Voters in Reno cheered for Dana Ruiz on Sunday.', name: 'Dana Ruiz', object: true },
  ];

  it.each(cases)('GIVEN "$sentence" THEN $name is in object or modifier position: $object', (c) => {
    const view = viewOf(introduction, c.sentence);
    const mention = view.mentions.find((m) => m.text === c.name && m.start > introduction.length);
    expect(mention).toBeDefined();
    if (mention) expect(inObjectPosition(view, mention)).toBe(c.object);
  });
});

describe('attribution: a name that the quoted words after it describe', () => {
  const introduction = 'Senator Tom Hale and Mayor Ellen Vance met donors in Reno.';
  const cases: Array<{ sentence: string; name: string; governed: boolean }> = [
    { sentence: 'Hale called Vance “a tax-and-spend liberal” twice.', name: 'Vance', governed: true },
    { sentence: 'Hale called Vance “a tax-and-spend liberal” twice.', name: 'Hale', governed: false },
    { sentence: 'Hale described Mayor Vance as a “reckless spender.”', name: 'Vance', governed: true },
    { sentence: 'Vance accused Hale of being “asleep at the wheel.”', name: 'Hale', governed: true },
    { sentence: 'The remark, according to Vance “made no sense.”', name: 'Vance', governed: false },
    { sentence: 'The plan was branded a “giveaway” by Vance.', name: 'Vance', governed: false },
    { sentence: 'Voters soured on the Vance “reform” within a year.', name: 'Vance', governed: false },
  ];

  it.each(cases)('GIVEN "$sentence" THEN $name is the object the quote describes: $governed', (c) => {
    const view = viewOf(introduction, c.sentence);
    const mention = view.mentions.find((m) => m.text.endsWith(c.name) && m.start > introduction.length);
    const quoteAt = view.spans.find((s) => s.outerStart > introduction.length)?.outerStart ?? -1;
    expect(mention).toBeDefined();
    if (mention) expect(governedByQuoteVerb(view, mention, quoteAt)).toBe(c.governed);
  });
});

describe('attribution: where the introductory phrase of a sentence ends', () => {
  const cases: Array<{ sentence: string; subjectFrom: string }> = [
    {
      sentence: 'Asked how she would vote if Park faced a recall, she replied that she did not know.',
      subjectFrom: 'she replied',
    },
    { sentence: 'When Park finished, singer Dana Ruiz took the stage.', subjectFrom: 'singer Dana Ruiz' },
    { sentence: 'Speaking at a mill in Akron, Hale went after his rival.', subjectFrom: 'Hale went' },
    { sentence: 'Fred Hale, a farmer, said the rain came late.', subjectFrom: 'Fred Hale' },
    { sentence: 'Like Park, Vance also rejected the idea of a recount.', subjectFrom: 'Vance also' },
    { sentence: 'Under Mayor Park, the city cut its budget twice.', subjectFrom: 'the city' },
    { sentence: 'Among the critics, Vance spoke first.', subjectFrom: 'Vance spoke' },
    { sentence: 'After Gov. Ana Park spoke, Hale took the stage.', subjectFrom: 'Hale took' },
    { sentence: 'Since the U.S. vote in May, Vance has said little.', subjectFrom: 'Vance has' },
    { sentence: 'When Tomas J. Brenner left, the board took the vote.', subjectFrom: 'the board' },
  ];

  it.each(cases)('GIVEN "$sentence" THEN its subject is read from "$subjectFrom" on', (c) => {
    const view = viewOf(c.sentence);
    const sentence = view.sentences[0];
    expect(sentence).toBeDefined();
    if (!sentence) return;
    const end = introductionEnd(view, sentence);
    expect(end).toBeLessThanOrEqual(c.sentence.indexOf(c.subjectFrom));
    expect(c.sentence.slice(0, end)).not.toMatch(/\bsaid\b|\btook\b|\breplied\b/u);
    expect(end).toBeGreaterThanOrEqual(c.subjectFrom === 'Fred Hale' ? 0 : c.sentence.indexOf(', ') + 1);
  });
});

describe('attribution: the subject of the clause a sentence opens with', () => {
  const cases: Array<{ sentence: string; subject: string | undefined }> = [
    { sentence: 'When Gov. Ana Park took the stage, the crowd cheered.', subject: 'Ana Park' },
    {
      sentence: 'Though Dana Ruiz has lived here for years, the rents came as a shock.',
      subject: 'Dana Ruiz',
    },
    { sentence: 'But after Ellen Vance left, Hale called the vote.', subject: 'Ellen Vance' },
    // No subordinate clause: a preposition's object, a participle's, or no introductory phrase at all.
    { sentence: 'Like Ana Park, Vance rejected the idea of a recount.', subject: undefined },
    { sentence: 'Asked about Ana Park, Vance shrugged.', subject: undefined },
    { sentence: 'When the vote on the plan for Ana Park came, Vance left.', subject: undefined },
    { sentence: 'Ana Park spoke first.', subject: undefined },
  ];

  it.each(cases)('GIVEN "$sentence" THEN the opening clause\'s subject is $subject', (c) => {
    const view = viewOf(c.sentence);
    const sentence = view.sentences[0];
    expect(sentence).toBeDefined();
    if (sentence) expect(introductionSubject(view, sentence)?.text).toBe(c.subject);
  });
});

describe('attribution: the pronoun a sentence opens with, its subject', () => {
  const introduction = 'Senator Tom Hale and Mayor Ellen Vance met donors in Reno.';
  const cases: Array<{ sentence: string; pronoun: string | undefined }> = [
    { sentence: 'She wrote back within the hour.', pronoun: 'she' },
    { sentence: 'Later, he called the count unfair.', pronoun: 'he' },
    { sentence: 'On Tuesday morning, she joined the critics of the plan.', pronoun: 'she' },
    { sentence: 'When the vote was called, he left the chamber.', pronoun: 'he' },
    { sentence: 'And she is sure the plan will fail.', pronoun: 'she' },
    { sentence: 'But they kept the budget as it was.', pronoun: 'they' },
    { sentence: 'Eight years ago, he backed Vance over the mayor.', pronoun: 'he' },
    { sentence: 'Earlier this spring, she played down the report as spin.', pronoun: 'she' },
    { sentence: 'He teased his opponents, talked past them and walked out.', pronoun: 'he' },
    { sentence: 'And in 1998, she sued the county over its water rates.', pronoun: 'she' },
    { sentence: 'But at the final hearing in Dover, he only hinted at a deal.', pronoun: 'he' },
    { sentence: 'Later that week, they wrote to the board again.', pronoun: 'they' },
    { sentence: 'Hale said he would stay.', pronoun: undefined },
    { sentence: 'Andrea and he left early.', pronoun: undefined },
  ];

  it.each(cases)('GIVEN "$sentence" THEN its subject pronoun is $pronoun', (c) => {
    const view = viewOf(introduction, c.sentence);
    const sentence = view.sentences[view.sentences.length - 1];
    expect(sentence).toBeDefined();
    if (sentence) expect(openingPronoun(view, sentence)).toBe(c.pronoun);
  });
});
