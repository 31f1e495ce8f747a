import { describe, expect, it } from 'vitest';
import { jaccard, NearDuplicateIndex, shingles } from '../../src/ingest/near-duplicates.ts';
import { BIKE_LANES, RATES, STORM } from '../fixtures/feeds/stories.ts';

/** The story as a second outlet runs it: one word changed and a credit line added. */
const BIKE_LANES_SYNDICATED = [
  ...BIKE_LANES.paragraphs.map((p) => p.replace('Tuesday night', 'Tuesday evening')),
  'Reporting by the Harbor Times.',
];

describe('shingled Jaccard similarity', () => {
  it('GIVEN the same paragraphs with different case and punctuation THEN the similarity is 1', () => {
    const shouted = BIKE_LANES.paragraphs.map((p) => p.toUpperCase().replace(/[.,]/g, ' '));
    expect(jaccard(shingles(BIKE_LANES.paragraphs), shingles(shouted))).toBe(1);
  });

  it('GIVEN a syndicated copy with one word changed THEN the similarity is at least 0.9', () => {
    expect(jaccard(shingles(BIKE_LANES.paragraphs), shingles(BIKE_LANES_SYNDICATED))).toBeGreaterThanOrEqual(
      0.9,
    );
  });

  it('GIVEN two different stories THEN the similarity is near 0', () => {
    expect(jaccard(shingles(STORM.paragraphs), shingles(RATES.paragraphs))).toBeLessThan(0.05);
  });

  it('GIVEN only the lead of a story THEN it is not the same story', () => {
    expect(
      jaccard(shingles(BIKE_LANES.paragraphs.slice(0, 1)), shingles(BIKE_LANES.paragraphs)),
    ).toBeLessThan(0.9);
  });
});

describe('NearDuplicateIndex', () => {
  it('GIVEN stored stories THEN a syndicated copy matches the original and a new story matches none', () => {
    const index = new NearDuplicateIndex();
    index.add('bike', BIKE_LANES.paragraphs);
    index.add('storm', STORM.paragraphs);
    expect(index.findMatch(BIKE_LANES_SYNDICATED)?.id).toBe('bike');
    expect(index.findMatch(RATES.paragraphs)).toBeUndefined();
  });

  it('GIVEN an article edited under its own id THEN it is not its own duplicate', () => {
    const index = new NearDuplicateIndex();
    index.add('bike', BIKE_LANES.paragraphs);
    expect(index.findMatch(BIKE_LANES_SYNDICATED, 'bike')).toBeUndefined();
  });

  it('GIVEN more articles than the capacity THEN the oldest is forgotten', () => {
    const index = new NearDuplicateIndex({ capacity: 2 });
    index.add('bike', BIKE_LANES.paragraphs);
    index.add('storm', STORM.paragraphs);
    index.add('rates', RATES.paragraphs);
    expect(index.size).toBe(2);
    expect(index.findMatch(BIKE_LANES.paragraphs)).toBeUndefined();
    expect(index.findMatch(STORM.paragraphs)?.id).toBe('storm');
  });
});
