/**
 * `npm run --silent train:errors`: reads the speaker model's misses on the training split, grouped
 * by how the gold source is written (name, pronoun, description) and by why it missed (the right
 * speaker was no candidate, the model chose no one, or it chose another candidate), with the oracle
 * ceiling (a right candidate was there) and a seeded sample of each group: our speaker, the gold
 * one and the sentence. For reading errors while developing features; it fits nothing.
 *
 * With `--outcomes FILE` it also writes one line per scored quote (article, annotator, quote offset,
 * right or the miss), so two versions of the code can be compared quote by quote at the same weights
 * (`diff` the files): which quotes a rule fixes and which it breaks, free of the retraining's noise.
 *
 *   npm run --silent train:errors [-- --data PATH] [--sample N] [--group NAME] [--seed S] [--outcomes FILE]
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readGoldDocuments } from '../eval/quotes.ts';
import type { Candidate } from '../src/core/analysis/attribution/candidates.ts';
import { FEATURE_NAMES } from '../src/core/analysis/attribution/features.ts';
import { committedSpeakerModel, type SpeakerModel } from '../src/core/analysis/attribution/model.ts';
import { committedQuoteModel } from '../src/core/analysis/attribution/spoken.ts';
import { isRight, type Matched, matched, type Prepared, prepare } from './examples.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_DATA = resolve(repoRoot, '../shared/data/polnear-train.jsonl');
/** How many characters of the sentence around the quote a sample shows on each side. */
const SHOWN_AROUND = 220;

/** How a gold source is written. */
type GoldForm = 'name' | 'pronoun' | 'description';
/** Why a quote's speaker is wrong. */
type Miss = 'no-candidate' | 'chose-none' | 'chose-other';

const PRONOUN = /^(?:he|she|they|it|i|we|him|her|who|which|you|his|their|its|my|our|them)$/iu;

function goldForm(speaker: string): GoldForm {
  if (PRONOUN.test(speaker.trim())) return 'pronoun';
  const head = speaker.replace(/\s+(?:of|from|at|with|for|in|on|who|that)\s.*$/u, '').match(/[\p{L}]+/gu);
  return /^\p{Ll}/u.test(head?.[head.length - 1] ?? '') ? 'description' : 'name';
}

/** One scored quote as the error report reads it. */
interface Reading {
  doc: Prepared;
  match: Matched;
  form: GoldForm;
  miss: Miss | null;
  oracle: boolean;
}

function readingOf(doc: Prepared, match: Matched): Reading | null {
  const speaker = match.gold.speaker;
  if (!speaker) return null;
  const { candidates, chosen } = match.observed;
  const right = (c: Candidate) => isRight(c, match, doc.referent);
  const oracle = candidates.some(right);
  const pick = candidates[chosen];
  let miss: Miss | null = null;
  if (!pick || !right(pick)) miss = !oracle ? 'no-candidate' : pick?.source ? 'chose-other' : 'chose-none';
  return { doc, match, form: goldForm(speaker), miss, oracle };
}

/** A small seeded generator, so a sample is the same from run to run. */
function sampler(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
}

function sample<T>(items: readonly T[], count: number, next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, count);
}

function shown(reading: Reading, model: SpeakerModel): string {
  const { doc, match } = reading;
  const { text } = doc.document;
  const lineStart = text.lastIndexOf('\n', match.gold.start) + 1;
  const lineEnd = text.indexOf('\n', match.gold.end);
  const from = Math.max(lineStart, match.gold.start - SHOWN_AROUND);
  const to = Math.min(lineEnd < 0 ? text.length : lineEnd, match.gold.end + SHOWN_AROUND);
  const quoted = `${text.slice(from, match.gold.start)}[[${text.slice(match.gold.start, match.gold.end)}]]${text.slice(match.gold.end, to)}`;
  const speaker = match.gold.speaker ?? '';
  const resolved =
    reading.form === 'pronoun' ? ` (= ${doc.referent(match.gold.sourceAt, speaker.toLowerCase())})` : '';
  const { candidates, features, chosen } = match.observed;
  const list = candidates
    .map((c, k) => {
      const mark = k === chosen ? '*' : isRight(c, match, doc.referent) ? '+' : ' ';
      const evidence = c.evidence.map((e) => Object.values(e).join('/')).join(', ');
      return `    ${mark} ${(c.source?.name ?? '(none)').padEnd(28)} ${model
        .score(features[k] ?? [])
        .toFixed(2)
        .padStart(6)}  ${evidence}`;
    })
    .join('\n');
  return `  ${doc.document.id} ¶: ${quoted.replaceAll('\n', ' ')}\n  gold: ${speaker}${resolved}\n${list}`;
}

/** One line of `--outcomes`: which quote, how its gold source is written, and right or why not. */
function outcome({ doc, match, form, miss }: Reading): string {
  const { id, annotator } = doc.document;
  return `${id}\t${annotator}\t${match.gold.start}\t${form}\t${miss ?? 'right'}\t${match.gold.speaker ?? ''}\n`;
}

/** Prints the miss table and samples; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      sample: { type: 'string' },
      group: { type: 'string' },
      seed: { type: 'string' },
      outcomes: { type: 'string' },
    },
  });
  const model = committedSpeakerModel();
  if (model.weights.length !== FEATURE_NAMES.length) return 1;
  const documents = await readGoldDocuments(values.data ? resolve(values.data) : DEFAULT_DATA);
  const readings = documents
    .map(prepare)
    .flatMap((doc) =>
      matched(doc, { speaker: model, quote: committedQuoteModel() }).flatMap(
        (match) => readingOf(doc, match) ?? [],
      ),
    );
  if (values.outcomes) writeFileSync(values.outcomes, readings.map(outcome).join(''));
  const groups = new Map<string, Reading[]>();
  for (const reading of readings) {
    const key = `${reading.form} ${reading.miss ?? 'right'}`;
    groups.set(key, [...(groups.get(key) ?? []), reading]);
  }
  const share = (part: number) => `${part} (${((100 * part) / readings.length).toFixed(1)}%)`;
  const right = readings.filter((r) => r.miss === null).length;
  const oracle = readings.filter((r) => r.oracle).length;
  process.stdout.write(
    `${readings.length} scored quotes; right ${share(right)}; oracle ceiling ${share(oracle)}\n`,
  );
  for (const [key, group] of [...groups].sort())
    process.stdout.write(`  ${key.padEnd(28)} ${share(group.length)}\n`);
  const count = Number(values.sample ?? '8');
  const next = sampler(Number(values.seed ?? '1'));
  for (const [key, group] of [...groups].sort()) {
    if (key.endsWith('right') || (values.group && key !== values.group)) continue;
    process.stdout.write(`\n== ${key} (${group.length})\n`);
    for (const reading of sample(group, count, next)) process.stdout.write(`${shown(reading, model)}\n`);
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
