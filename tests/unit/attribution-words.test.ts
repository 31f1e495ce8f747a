import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTION_WORD_LISTS,
  INTRODUCTION_OPENERS,
  SUBORDINATORS,
} from '../../src/core/analysis/attribution/words.ts';

describe('attribution word lists (attribution/words.json)', () => {
  const lists = Object.entries(ATTRIBUTION_WORD_LISTS);

  it.each(lists)(
    'GIVEN the list "%s" THEN it holds lower-case words without stray punctuation',
    (_, words) => {
      expect(words.length).toBeGreaterThan(0);
      for (const word of words) expect(word).toMatch(/^[a-z]+(?:[-'’][a-z]+)*$/u);
    },
  );

  it.each(lists)('GIVEN the list "%s" THEN no word is in it twice', (_, words) => {
    const repeated = words.filter((word, i) => words.indexOf(word) !== i);
    expect(repeated).toEqual([]);
  });

  it('GIVEN the subordinating conjunctions THEN each also opens an introductory phrase', () => {
    expect(SUBORDINATORS.filter((word) => !INTRODUCTION_OPENERS.includes(word))).toEqual([]);
  });
});
