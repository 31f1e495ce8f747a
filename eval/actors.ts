/**
 * Actor evaluation on CoNLL-2003-style news (`conll-dev.jsonl`): precision, recall and F1 of the
 * distinct names per article, any type, typed (person↔PER, organization↔ORG, place↔LOC) and people
 * only, over prose stories and over all articles. Run with `npx tsx eval/actors.ts [path]`.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { analyze } from '../src/core/analysis/analyze.ts';
import { cleanArticle } from '../src/core/article/clean.ts';
import { parseArticleText } from '../src/ingest/article-formats.ts';

/** One gold entity: its type, its canonical text and every form the article writes it in. */
interface GoldEntity {
  type: string;
  text: string;
  forms: string[];
}

/** One CoNLL article: headline on line 1, blank lines between paragraphs. */
interface ConllArticle {
  id: string;
  prose: boolean;
  text: string;
  entities: GoldEntity[];
}

/** The gold types scored; MISC (events, nationalities) is not an actor. */
type GoldType = 'PER' | 'ORG' | 'LOC';

/** One name a system found: every way it is written and the gold type its kind stands for, if any. */
export interface FoundName {
  forms: string[];
  type: GoldType | null;
}

/** Finds the names of an article's text. */
export type NameFinder = (id: string, text: string) => FoundName[];

const TYPE_OF_KIND: Readonly<Record<string, GoldType>> = {
  person: 'PER',
  organization: 'ORG',
  place: 'LOC',
};

/** Counts of one score: matched system names, system names, matched gold names, gold names. */
interface Tally {
  systemHit: number;
  system: number;
  goldHit: number;
  gold: number;
}

const emptyTally = (): Tally => ({ systemHit: 0, system: 0, goldHit: 0, gold: 0 });

/** Lower case, curly quotes straight, a possessive, "the" and punctuation at the ends dropped. */
function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[‘’]/gu, "'")
    .replace(/'s$/u, '')
    .replace(/^the\s+/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Equal after normalising, or one a whole-token prefix or suffix of the other. */
export function namesMatch(a: string, b: string): boolean {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (x === '' || y === '') return false;
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return long.startsWith(`${short} `) || long.endsWith(` ${short}`);
}

function anyMatch(forms: readonly string[], gold: GoldEntity): boolean {
  const goldForms = [gold.text, ...gold.forms];
  return forms.some((form) => goldForms.some((goldForm) => namesMatch(form, goldForm)));
}

/** Scores one article's names against its gold entities, for one type or for any (null). */
function tallyArticle(
  found: readonly FoundName[],
  gold: readonly GoldEntity[],
  type: GoldType | 'typed' | null,
): Tally {
  const system = type === null || type === 'typed' ? found : found.filter((name) => name.type === type);
  const golds = type === null || type === 'typed' ? gold : gold.filter((entity) => entity.type === type);
  const agrees = (name: FoundName, entity: GoldEntity) =>
    (type !== 'typed' || name.type === entity.type) && anyMatch(name.forms, entity);
  return {
    systemHit: system.filter((name) => golds.some((entity) => agrees(name, entity))).length,
    system: system.length,
    goldHit: golds.filter((entity) => system.some((name) => agrees(name, entity))).length,
    gold: golds.length,
  };
}

function add(into: Tally, more: Tally): void {
  into.systemHit += more.systemHit;
  into.system += more.system;
  into.goldHit += more.goldHit;
  into.gold += more.gold;
}

function f1Cells(tally: Tally): string {
  const precision = tally.system === 0 ? 0 : tally.systemHit / tally.system;
  const recall = tally.gold === 0 ? 0 : tally.goldHit / tally.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return `${(100 * f1).toFixed(1)} (P ${(100 * precision).toFixed(1)} R ${(100 * recall).toFixed(1)})`;
}

/** newsdesk's actors of an article as the `analyze` command reads it (a .txt file, cleaned). */
export const newsdeskNames: NameFinder = (id, text) => {
  const scraped = parseArticleText(id, text, 'text');
  if (!scraped.ok) return [];
  return analyze(cleanArticle(scraped.value)).actors.map((actor) => ({
    forms: [actor.name, ...actor.aliases],
    type: TYPE_OF_KIND[actor.kind] ?? null,
  }));
};

/** Loads compromise when it is installed (a devDependency), for a side-by-side column. */
async function compromiseNames(): Promise<NameFinder | null> {
  try {
    const nlp = (await import('compromise')).default;
    return (_id, text) => {
      const doc = nlp(text);
      const names = (list: string[], type: GoldType): FoundName[] =>
        [...new Set(list.map((name) => name.replace(/[.,;:'’]+$/u, '').trim()))]
          .filter((name) => name.length > 0)
          .map((name) => ({ forms: [name], type }));
      return [
        ...names(doc.people().out('array') as string[], 'PER'),
        ...names(doc.organizations().out('array') as string[], 'ORG'),
        ...names(doc.places().out('array') as string[], 'LOC'),
      ];
    };
  } catch {
    return null;
  }
}

const COLUMNS = ['all', 'typed', 'PER'] as const;

/** The six tallies of one system: all / typed / PER, over prose stories and over all articles. */
function scoreSystem(rows: readonly ConllArticle[], finder: NameFinder): Record<string, Tally> {
  const tallies: Record<string, Tally> = {};
  for (const scope of ['prose', 'every'])
    for (const column of COLUMNS) tallies[`${scope} ${column}`] = emptyTally();
  for (const row of rows) {
    const found = finder(row.id, row.text);
    const gold = row.entities.filter((entity) => entity.type !== 'MISC');
    for (const column of COLUMNS) {
      const type = column === 'all' ? null : column === 'typed' ? 'typed' : 'PER';
      const tally = tallyArticle(found, gold, type);
      add(tallies[`every ${column}`] as Tally, tally);
      if (row.prose) add(tallies[`prose ${column}`] as Tally, tally);
    }
  }
  return tallies;
}

/** Scores newsdesk's actors (and compromise's, where installed) over a CoNLL JSONL file; returns the printed table. */
export async function runActorEval(path: string): Promise<string> {
  const rows = (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as ConllArticle);
  const systems: [string, NameFinder][] = [['newsdesk', newsdeskNames]];
  const other = await compromiseNames();
  if (other) systems.push(['compromise', other]);
  const prose = rows.filter((row) => row.prose).length;
  const lines = [
    `actors on ${path} (${rows.length} articles, ${prose} prose; F1 x100 of distinct names per article)`,
  ];
  for (const [name, finder] of systems) {
    const tallies = scoreSystem(rows, finder);
    lines.push(name);
    for (const scope of ['every', 'prose'])
      for (const column of COLUMNS)
        lines.push(
          `  ${(scope === 'every' ? 'all articles' : 'prose only').padEnd(13)} ${column.padEnd(6)} ${f1Cells(tallies[`${scope} ${column}`] as Tally)}`,
        );
  }
  lines.push(
    'match: equal after normalising, or one a whole-token prefix/suffix of the other (aliases too);',
  );
  lines.push(
    'typed: person↔PER, organization↔ORG, place↔LOC; MISC is not scored; unknown kinds count as untyped.',
  );
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await runActorEval(process.argv[2] ?? '../shared/data/conll-dev.jsonl'));
}
