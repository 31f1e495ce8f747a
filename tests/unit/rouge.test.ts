import { describe, expect, it } from 'vitest';
import { lcsLength, type RougeScore, rouge, rougeTokens } from '../../eval/rouge.ts';

describe('rougeTokens', () => {
  it.each([
    ['The Cat sat.', ['the', 'cat', 'sat']],
    ['Xi’s “candid” call, 90-minute', ['xi', 's', 'candid', 'call', '90', 'minute']],
    ['  ', []],
  ])('GIVEN %j THEN it yields lower-cased word tokens', (text, tokens) => {
    expect(rougeTokens(text)).toEqual(tokens);
  });
});

describe('rouge', () => {
  // Each row is worked out by hand: overlap / candidate length = P, overlap / reference length = R.
  it.each([
    {
      name: 'one word swapped',
      candidate: 'The cat sat on the mat.',
      reference: 'the cat was on the mat',
      r1: [5 / 6, 5 / 6],
      r2: [3 / 5, 3 / 5],
      rl: [5 / 6, 5 / 6],
    },
    {
      name: 'a short candidate reordered against a long reference',
      candidate: 'Police arrested the man',
      reference: 'The man was arrested by police on Friday',
      r1: [4 / 4, 4 / 8],
      r2: [1 / 3, 1 / 7],
      rl: [2 / 4, 2 / 8],
    },
    {
      name: 'a repeated word counts only as often as the reference has it',
      candidate: 'the the the',
      reference: 'the cat',
      r1: [1 / 3, 1 / 2],
      r2: [0, 0],
      rl: [1 / 3, 1 / 2],
    },
    {
      name: 'identical texts',
      candidate: 'Biden spoke with Xi.',
      reference: 'biden spoke with xi',
      r1: [1, 1],
      r2: [1, 1],
      rl: [1, 1],
    },
  ])(
    'GIVEN $name THEN precision, recall and F1 match the hand count',
    ({ candidate, reference, r1, r2, rl }) => {
      const scores = rouge(candidate, reference);
      const expected: [RougeScore, readonly number[]][] = [
        [scores.rouge1, r1],
        [scores.rouge2, r2],
        [scores.rougeL, rl],
      ];
      for (const [measure, [precision = Number.NaN, recall = Number.NaN]] of expected) {
        expect(measure.precision).toBeCloseTo(precision, 10);
        expect(measure.recall).toBeCloseTo(recall, 10);
        const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
        expect(measure.f1).toBeCloseTo(f1, 10);
      }
    },
  );

  it('GIVEN the worked example THEN ROUGE-1 F1 is 2/3, ROUGE-2 F1 is 0.2 and ROUGE-L F1 is 1/3', () => {
    const scores = rouge('Police arrested the man', 'The man was arrested by police on Friday');
    expect(scores.rouge1.f1).toBeCloseTo(2 / 3, 10);
    expect(scores.rouge2.f1).toBeCloseTo(0.2, 10);
    expect(scores.rougeL.f1).toBeCloseTo(1 / 3, 10);
  });

  it('GIVEN an empty candidate or reference THEN every score is 0', () => {
    for (const [candidate, reference] of [
      ['', 'the cat'],
      ['the cat', ''],
      ['', ''],
    ] as const) {
      const scores = rouge(candidate, reference);
      expect([scores.rouge1.f1, scores.rouge2.f1, scores.rougeL.f1]).toEqual([0, 0, 0]);
    }
  });

  it('GIVEN a one-word candidate THEN ROUGE-2 is 0, not a division by zero', () => {
    expect(rouge('Biden', 'Biden spoke').rouge2).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('lcsLength', () => {
  it.each([
    [['a', 'b', 'c', 'd'], ['a', 'c', 'd'], 3],
    [['a', 'b'], ['b', 'a'], 1],
    [[], ['a'], 0],
  ])('GIVEN %j and %j THEN the longest common subsequence has length %i', (a, b, length) => {
    expect(lcsLength(a, b)).toBe(length);
  });
});
