/**
 * Identity evaluation on PolNeAR: builds the actor directory over a split's articles and reports
 * (1) for every surname-only mention whose article names exactly one person in full with that
 * surname (or, for a shared surname, a "Mr."/"Mrs."/"Ms." mention whose sex only one of them
 * has), how often the mention links to that person's identity; and (2) how many identities merge
 * two gold-distinct people: full names with different given names and one surname under one
 * identity. Run with `npx tsx eval/identity.ts [path]...`.
 */
import { pathToFileURL } from 'node:url';
import {
  identityKeyOf,
  linkSightings,
  type Sighting,
  type SightingLink,
} from '../src/core/actors/directory.ts';
import { analyze } from '../src/core/analysis/analyze.ts';
import {
  ADDRESS_TITLES,
  COUNTRY_NAMES,
  EITHER_FIRST_NAMES,
  FEMALE_FIRST_NAMES,
  HONORIFICS,
  MALE_FIRST_NAMES,
  NAME_TITLES,
  PLACE_NAMES,
  ROLE_NOUNS,
} from '../src/core/analysis/lexicon.ts';
import type { Actor } from '../src/core/analysis/types.ts';
import { articleOfText, readGoldDocuments } from './quotes.ts';

/** One analysed article: its actors and body text. */
interface Analysed {
  id: string;
  date: string;
  text: string;
  actors: Actor[];
}

/** PolNeAR ids carry the publication date ("outlet_2016-10-04_slug"). */
function dateOfId(id: string): string {
  return /_(\d{4}-\d{2}-\d{2})_/u.exec(id)?.[1] ?? '1970-01-01';
}

function sightingsOf(articles: readonly Analysed[]): Sighting[] {
  return articles.flatMap((article) =>
    article.actors.map((actor) => ({
      articleId: article.id,
      actorId: actor.id,
      name: actor.name,
      kind: actor.kind,
      aliases: actor.aliases,
      date: article.date,
    })),
  );
}

/** Full names of people an article names: identity key -> surname. */
function fullNames(article: Analysed): Map<string, string> {
  const names = new Map<string, string>();
  for (const actor of article.actors) {
    if (actor.kind !== 'person') continue;
    const key = identityKeyOf(actor.name);
    const words = key.split(' ');
    const surname = words.at(-1) ?? '';
    // Gold only where the name is surely a person's: a known given name, and a surname no place bears.
    if (
      words.length < 2 ||
      sexOfGiven(key) === null ||
      PLACE_NAMES.has(surname) ||
      COUNTRY_NAMES.has(surname)
    )
      continue;
    names.set(key, surname);
  }
  return names;
}

const HONORIFIC = /^(?:Mr|Mrs|Ms|Miss)\.?$/u;

function sexOfTitle(title: string): 'male' | 'female' {
  return title.startsWith('Mr') && !title.startsWith('Mrs') ? 'male' : 'female';
}

/** The sex a given name tells, 'either' for a name of both, null for no known given name. */
function sexOfGiven(key: string): 'male' | 'female' | 'either' | null {
  const given = key.split(' ')[0] ?? '';
  if (MALE_FIRST_NAMES.has(given)) return 'male';
  if (FEMALE_FIRST_NAMES.has(given)) return 'female';
  return EITHER_FIRST_NAMES.has(given) ? 'either' : null;
}

/** Counts of the first figure: surname-only mentions with a known full name, and how many linked to it. */
interface LinkTally {
  mentions: number;
  linked: number;
  /** A few misses to read: article, form, the identity it got and the one it should have. */
  misses: string[];
}

/** Misses a report lists per split. */
const MAX_MISSES = 6;

/** The identity the actor holding a surname form links to, or null when no actor holds it. */
function holderIdentity(article: Analysed, form: string, links: ReadonlyMap<string, string>): string | null {
  const holder = article.actors.find((actor) => actor.name === form || actor.aliases.includes(form));
  return holder ? (links.get(`${article.id}\u0000${holder.id}`) ?? null) : null;
}

/** Scores the surname-only mentions of one article into `tally`. */
function scoreArticle(article: Analysed, links: ReadonlyMap<string, string>, tally: LinkTally): void {
  const names = fullNames(article);
  const bySurname = new Map<string, string[]>();
  for (const [key, surname] of names) bySurname.set(surname, [...(bySurname.get(surname) ?? []), key]);
  for (const [surname, keys] of bySurname) {
    const written = surname.charAt(0).toUpperCase() + surname.slice(1);
    // The surname alone, not inside a full name: no capitalised word right before it, save a title.
    const pattern = new RegExp(
      `(?:(\\p{Lu}\\p{Ll}*\\.?)\\s+)?(?<![\\p{L}'’-])${written}\\b(?![-\\s]+\\p{Lu})`,
      'gu',
    );
    for (const match of article.text.matchAll(pattern)) {
      const before = match[1];
      if (before !== undefined && !HONORIFIC.test(before)) continue;
      const gold =
        keys.length === 1 ? keys[0] : before === undefined ? undefined : onlyOfSex(keys, sexOfTitle(before));
      if (gold === undefined) continue;
      tally.mentions++;
      const form = before === undefined ? written : `${before} ${written}`;
      const identity = holderIdentity(article, form, links) ?? holderIdentity(article, written, links);
      if (identity === gold) tally.linked++;
      else if (tally.misses.length < MAX_MISSES)
        tally.misses.push(`${article.id}: ${form} -> ${identity} (${gold})`);
    }
  }
}

function onlyOfSex(keys: readonly string[], sex: 'male' | 'female'): string | undefined {
  const of = keys.filter((key) => sexOfGiven(key) === sex);
  return of.length === 1 ? of[0] : undefined;
}

/** Most words a person's full name has; a longer alias is a headline's words, not a name. */
const MAX_NAME_WORDS = 4;

/** An alias that is a full name: a known given name opens it and it is no longer than a name. */
function isFullName(alias: string): boolean {
  return alias.split(/\s+/u).length <= MAX_NAME_WORDS && sexOfGiven(identityKeyOf(alias)) !== null;
}

/** A title word standing where a given name would ("Senator Cruz", "President Obama"). */
function isTitle(word: string): boolean {
  return [NAME_TITLES, ROLE_NOUNS, ADDRESS_TITLES, HONORIFICS].some(
    (list) => list.has(word) || list.has(`${word}.`),
  );
}

/** Identities holding two people: full-name forms of one surname with different given names. */
function mergedPeople(articles: readonly Analysed[], links: readonly SightingLink[]): string[] {
  const actors = new Map<string, Actor>();
  for (const article of articles)
    for (const actor of article.actors) actors.set(`${article.id}\u0000${actor.id}`, actor);
  const given = new Map<string, Map<string, Set<string>>>();
  for (const link of links) {
    const actor = actors.get(`${link.articleId}\u0000${link.actorId}`);
    if (actor?.kind !== 'person') continue;
    // An alias counts as a full name only when it opens with a known given name ("Texas Cruz" does not).
    const forms = [actor.name, ...actor.aliases.filter(isFullName)];
    for (const form of forms) {
      const words = identityKeyOf(form).split(' ');
      if (words.length !== 2 || !words[0] || !words[1] || isTitle(words[0])) continue;
      const bySurname = given.get(link.identity) ?? new Map<string, Set<string>>();
      bySurname.set(words[1], (bySurname.get(words[1]) ?? new Set()).add(words[0]));
      given.set(link.identity, bySurname);
    }
  }
  const merged: string[] = [];
  for (const [identity, bySurname] of given)
    for (const names of bySurname.values())
      if (names.size > 1) merged.push(`${identity} (${[...names].join('/')})`);
  return merged;
}

/** The figures of one split. */
interface SplitScore {
  documents: number;
  identities: number;
  tally: LinkTally;
  merged: string[];
}

async function scoreSplit(path: string): Promise<SplitScore> {
  const documents = await readGoldDocuments(path);
  const articles: Analysed[] = documents.map((document) => {
    const article = articleOfText(document.id, document.text);
    return {
      id: document.id,
      date: dateOfId(document.id),
      text: article.paragraphs.join('\n'),
      actors: analyze(article).actors,
    };
  });
  const links = linkSightings(sightingsOf(articles));
  const byKey = new Map(links.map((link) => [`${link.articleId}\u0000${link.actorId}`, link.identity]));
  const tally: LinkTally = { mentions: 0, linked: 0, misses: [] };
  for (const article of articles) scoreArticle(article, byKey, tally);
  return {
    documents: documents.length,
    identities: new Set(links.map((link) => link.identity)).size,
    tally,
    merged: mergedPeople(articles, links),
  };
}

/** Runs the identity evaluation over PolNeAR splits and returns the table. */
export async function runIdentityEval(paths: readonly string[]): Promise<string> {
  const scores = [];
  for (const path of paths) scores.push(await scoreSplit(path));
  const names = paths.map((path) => path.replace(/^.*\//u, '').replace(/\.jsonl$/u, ''));
  const cell = (text: string) => text.padStart(20);
  const row = (label: string, values: string[]) => `${label.padEnd(36)}${values.map(cell).join('')}`;
  const ratio = (s: SplitScore) =>
    `${(s.tally.mentions === 0 ? 0 : s.tally.linked / s.tally.mentions).toFixed(3)} (${s.tally.linked}/${s.tally.mentions})`;
  return [
    'Identities across articles (PolNeAR)',
    row('', names),
    row(
      'documents',
      scores.map((s) => String(s.documents)),
    ),
    row(
      'identities',
      scores.map((s) => String(s.identities)),
    ),
    row('surname-only -> full name (>= 0.98)', scores.map(ratio)),
    row(
      'identities merging two people (0)',
      scores.map((s) => String(s.merged.length)),
    ),
    ...scores.flatMap((s, i) =>
      s.merged.length > 0 ? [`  merged in ${names[i]}: ${s.merged.slice(0, 8).join('; ')}`] : [],
    ),
    ...scores.flatMap((s, i) => s.tally.misses.map((miss) => `  missed in ${names[i]}: ${miss}`)),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const paths = process.argv.slice(2);
  console.log(
    await runIdentityEval(
      paths.length > 0 ? paths : ['../shared/data/polnear-train.jsonl', '../shared/data/polnear-dev.jsonl'],
    ),
  );
}
