import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_VERSION } from '../../src/core/analysis/analyze.ts';
import {
  CALENDAR_GIVEN_NAMES,
  COUNTRY_NAMES,
  EITHER_FIRST_NAMES,
  FEMALE_FIRST_NAMES,
  MALE_FIRST_NAMES,
  MIXED_SEX_FIRST_NAMES,
  NATIONALITIES,
  NOT_NAME_WORDS,
  PHRASAL_VERBS,
  PLACE_ALIASES,
  PLACE_NAMES,
  SLOT_VERBS,
  SPEECH_VERBS,
  TITLE_ABBREVIATIONS,
} from '../../src/core/analysis/lexicon.ts';

const DATA = join(import.meta.dirname, '../../src/core/analysis/data/en');
/** A lower-case word or phrase: letters and digits, with inner dots, apostrophes, hyphens, ampersands or single spaces. */
const WELL_FORMED =
  /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{N}.'’&-]*(?: [\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{N}.'’&-]*)*\.?$/u;

const files = readdirSync(DATA).filter((name) => name.endsWith('.json'));
const lists = files.flatMap((file) => {
  const data = JSON.parse(readFileSync(join(DATA, file), 'utf8')) as Record<string, unknown>;
  return Object.entries(data)
    .filter((entry): entry is [string, string[]] => Array.isArray(entry[1]))
    .map(([key, list]) => ({ name: `${file} ${key}`, list }));
});

describe('language data files', () => {
  it.each(files)('GIVEN %s THEN it carries the current ANALYSIS_VERSION', (file) => {
    const data = JSON.parse(readFileSync(join(DATA, file), 'utf8')) as { analysisVersion?: number };
    expect(data.analysisVersion).toBe(ANALYSIS_VERSION);
  });

  it.each(lists)('GIVEN the list $name THEN it has no duplicates', ({ list }) => {
    const seen = new Set<string>();
    const duplicates = list.filter((word) => seen.size === seen.add(word).size);
    expect(duplicates).toEqual([]);
  });

  it.each(lists)(
    'GIVEN the list $name THEN every entry is a lower-case word without stray punctuation',
    ({ list }) => {
      expect(list.filter((word) => typeof word !== 'string' || !WELL_FORMED.test(word))).toEqual([]);
    },
  );
});

describe('lexicon sets', () => {
  it('GIVEN the months that are also given names THEN each is a calendar word that is otherwise no name', () => {
    expect([...CALENDAR_GIVEN_NAMES].filter((word) => !NOT_NAME_WORDS.has(word))).toEqual([]);
  });

  it('GIVEN the packages THEN first names, countries and demonyms are loaded in thousands and hundreds', () => {
    expect(MALE_FIRST_NAMES.size).toBeGreaterThan(10_000);
    expect(FEMALE_FIRST_NAMES.size).toBeGreaterThan(10_000);
    expect(COUNTRY_NAMES.size).toBeGreaterThan(190);
    expect(PLACE_NAMES.size).toBeGreaterThan(3000);
  });

  it.each([
    ['john', 'male'],
    ['mary', 'female'],
    ['peter', 'male'],
    ['susan', 'female'],
    ['mohammed', 'male'],
    ['fatima', 'female'],
    ['jesse', 'either'],
    // Given names that are common words as well, which compromise reads as names as readily.
    ['bill', 'male'],
    ['dean', 'male'],
    ['frank', 'male'],
    ['ruby', 'female'],
    // Given names as often as surnames: they tell no sex.
    ['lee', 'either'],
    ['taylor', 'either'],
  ])('GIVEN the first name %s THEN it tells a %s name', (name, gender) => {
    expect(MALE_FIRST_NAMES.has(name)).toBe(gender === 'male');
    expect(FEMALE_FIRST_NAMES.has(name)).toBe(gender === 'female');
    expect(EITHER_FIRST_NAMES.has(name)).toBe(gender === 'either');
  });

  it.each(['may', 'june', 'will', 'georgia', 'jordan', 'chad', 'hope', 'king', 'van', 'carter'])(
    'GIVEN the word %s, a common word or a country as well as a name THEN it is no first-name evidence',
    (word) => {
      expect(MALE_FIRST_NAMES.has(word) || FEMALE_FIRST_NAMES.has(word) || EITHER_FIRST_NAMES.has(word)).toBe(
        false,
      );
    },
  );

  it('GIVEN the names of mixed sex THEN each is a man’s or a woman’s name as well', () => {
    expect(MIXED_SEX_FIRST_NAMES.size).toBeGreaterThan(50);
    expect(
      [...MIXED_SEX_FIRST_NAMES].filter(
        (name) => !MALE_FIRST_NAMES.has(name) && !FEMALE_FIRST_NAMES.has(name),
      ),
    ).toEqual([]);
  });

  it.each([
    ['lindsey', true],
    ['kelly', true],
    ['robin', true],
    ['hillary', false],
    ['john', false],
    ['mary', false],
  ])('GIVEN the first name %s THEN a pronoun may overrule its sex: %s', (name, mixed) => {
    expect(MIXED_SEX_FIRST_NAMES.has(name)).toBe(mixed);
  });

  it('GIVEN the three given-name sets THEN no name is in two of them', () => {
    const male = [...MALE_FIRST_NAMES];
    expect(male.filter((name) => FEMALE_FIRST_NAMES.has(name) || EITHER_FIRST_NAMES.has(name))).toEqual([]);
    expect([...FEMALE_FIRST_NAMES].filter((name) => EITHER_FIRST_NAMES.has(name))).toEqual([]);
  });

  it.each(['french', 'german', 'brazilian', 'kenyan', 'american'])(
    'GIVEN the demonym %s THEN it is a nationality',
    (word) => {
      expect(NATIONALITIES.has(word)).toBe(true);
    },
  );

  it('GIVEN the place aliases THEN each points to a canonical name in capitals', () => {
    for (const [alias, name] of PLACE_ALIASES) {
      expect(alias).toBe(alias.toLowerCase());
      expect(name).toMatch(/^\p{Lu}/u);
    }
  });

  it('GIVEN the title abbreviations THEN each is a lower-case title standing for lower-case nouns, once each', () => {
    for (const [abbreviation, nouns] of TITLE_ABBREVIATIONS) {
      expect(abbreviation).toMatch(/^\p{Ll}+$/u);
      expect(nouns.length).toBeGreaterThan(0);
      expect(new Set(nouns).size).toBe(nouns.length);
      expect(nouns.filter((noun) => !/^\p{Ll}+$/u.test(noun) || noun === abbreviation)).toEqual([]);
    }
  });

  it('GIVEN the calendar and function words THEN none of them is a first name', () => {
    const clash = [...NOT_NAME_WORDS].filter(
      (word) => MALE_FIRST_NAMES.has(word) || FEMALE_FIRST_NAMES.has(word) || EITHER_FIRST_NAMES.has(word),
    );
    expect(clash).toEqual([]);
  });
});

describe('speech verb lists', () => {
  it('GIVEN the phrasal speech verbs THEN each is a verb and its particle, two words', () => {
    expect([...PHRASAL_VERBS].filter((phrase) => phrase.split(' ').length !== 2)).toEqual([]);
  });

  it('GIVEN the slot verbs THEN none is a speech verb too (they report speech only beside a quote)', () => {
    expect([...SLOT_VERBS].filter((verb) => SPEECH_VERBS.has(verb))).toEqual([]);
  });
});
