/**
 * `npm run train`: fits the speaker model on the PolNeAR training split and writes the committed
 * weights (`src/core/analysis/attribution/speaker-weights.json`), and before it the quote classifier
 * that decides which quoted spans are quotes (`quote-weights.json`). With `--folds N` (default 5) it
 * first reports the speaker accuracy of N-fold cross-validation by article id: each fold scored by
 * a model fitted on the other folds only. Deterministic: a fixed seed, a fixed order.
 *
 * With `--check` it writes nothing and exits 1 when the fit's weights differ from the committed ones.
 *
 * Judge a small change by the mean over a few fold seeds (`--fold-seed S`, default 7), not one.
 *
 *   npm run train [-- --data PATH] [--folds N] [--fold-seed S] [--out DIR] [--epochs N] [--rate R] [--l2 L] [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { GoldDocument } from '../eval/gold.ts';
import { readGoldDocuments, sourceClass } from '../eval/quotes.ts';
import { AGAINST_ONLY, FEATURE_NAMES } from '../src/core/analysis/attribution/features.ts';
import { DEFAULT_FIT, type FitOptions, fitSpeakerModel } from '../src/core/analysis/attribution/fit.ts';
import {
  SpeakerModel,
  type SpeakerWeightsFile,
  type WeightsFile,
} from '../src/core/analysis/attribution/model.ts';
import {
  QUOTE_FEATURE_NAMES,
  QuoteModel,
  type QuoteWeightsFile,
} from '../src/core/analysis/attribution/spoken.ts';
import { examples, isRight, type Models, type Prepared, prepare, read, spanExamples } from './examples.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_DATA = resolve(repoRoot, '../shared/data/polnear-train.jsonl');
/** Where the weights files go: beside the code that reads them. */
const DEFAULT_OUT = resolve(repoRoot, 'src/core/analysis/attribution');
const SPEAKER_FILE = 'speaker-weights.json';
const QUOTE_FILE = 'quote-weights.json';
/** Settings of the quote classifier's fit (a logistic model: one choice between a span and "no quote"). */
const QUOTE_FIT: FitOptions = { epochs: 20, learningRate: 0.1, l2: 1e-4, seed: 15 };
/**
 * Rounds of fitting: the candidates of a quote depend on the speakers chosen before it, so each
 * round reads the data again with the previous round's model (the first with no model at all).
 */
const ROUNDS = 3;
/** Seed of the fold assignment (`--fold-seed`): CV moves by a few quotes from one seed to another. */
const DEFAULT_FOLD_SEED = 7;

/**
 * Fits the quote classifier on every span read with all-zero models (which keep every span and
 * choose no speaker), then the speaker model in {@link ROUNDS} rounds with that classifier, each
 * round reading the data with the speaker model of the round before.
 */
function fitRounds(prepared: readonly Prepared[], options: FitOptions): Models {
  const blank: Models = {
    speaker: new SpeakerModel(new Float64Array(FEATURE_NAMES.length)),
    quote: new QuoteModel(new Float64Array(QUOTE_FEATURE_NAMES.length)),
  };
  // Rounded as the file keeps them, so the speaker model is fitted with the classifier that will run.
  const quote = new QuoteModel(
    Float64Array.from(
      rounded(fitSpeakerModel(spanExamples(prepared, blank), QUOTE_FEATURE_NAMES.length, QUOTE_FIT)),
    ),
  );
  let models: Models = { ...blank, quote };
  for (let round = 0; round < ROUNDS; round++) {
    const fitted = fitSpeakerModel(examples(prepared, models), FEATURE_NAMES.length, options, AGAINST_ONLY);
    models = { quote, speaker: new SpeakerModel(fitted) };
  }
  return models;
}

/** Speaker accuracy as the eval counts it: right, scored, and split by how the gold source is written. */
interface Accuracy {
  right: number;
  scored: number;
  named: [number, number];
  other: [number, number];
  unattributed: number;
  /** Right when pronoun sources are read as the closest agreeing annotated source (the former reading). */
  annotatedRight: number;
  /** Quotes found, gold quotes, and found quotes paired with a gold one. */
  ours: number;
  gold: number;
  paired: number;
}

function emptyAccuracy(): Accuracy {
  return {
    right: 0,
    scored: 0,
    named: [0, 0],
    other: [0, 0],
    unattributed: 0,
    annotatedRight: 0,
    ours: 0,
    gold: 0,
    paired: 0,
  };
}

function accuracy(prepared: readonly Prepared[], models: Models): Accuracy {
  const total = emptyAccuracy();
  for (const doc of prepared) {
    const { matches, ours } = read(doc, models);
    total.ours += ours;
    total.gold += doc.gold.length;
    total.paired += matches.length;
    for (const match of matches) {
      if (!match.gold.speaker) continue;
      const chosen = match.observed.candidates[match.observed.chosen];
      const right = chosen !== undefined && isRight(chosen, match, doc.referent);
      const split = total[sourceClass(match.gold.speaker)];
      total.scored++;
      split[1]++;
      if (!chosen?.source) total.unattributed++;
      if (chosen !== undefined && isRight(chosen, match, doc.annotatedReferent)) total.annotatedRight++;
      if (right) {
        total.right++;
        split[0]++;
      }
    }
  }
  return total;
}

function addAccuracy(total: Accuracy, part: Accuracy): void {
  total.right += part.right;
  total.scored += part.scored;
  total.unattributed += part.unattributed;
  total.annotatedRight += part.annotatedRight;
  total.ours += part.ours;
  total.gold += part.gold;
  total.paired += part.paired;
  for (const key of ['named', 'other'] as const) {
    total[key][0] += part[key][0];
    total[key][1] += part[key][1];
  }
}

function describe(a: Accuracy): string {
  const share = (right: number, scored: number) => (scored === 0 ? 0 : right / scored).toFixed(3);
  const precision = a.ours === 0 ? 0 : a.paired / a.ours;
  const recall = a.gold === 0 ? 0 : a.paired / a.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return `speaker ${share(a.right, a.scored)} (${a.right}/${a.scored}), named ${share(...a.named)}, pronoun/descriptive ${share(...a.other)}, unattributed ${a.unattributed}; pronouns read as the closest annotated source: ${share(a.annotatedRight, a.scored)}; quotes P ${precision.toFixed(3)} R ${recall.toFixed(3)} F1 ${f1.toFixed(3)}`;
}

/** Article ids in folds: a seeded shuffle of the sorted ids, dealt round-robin. */
function folds(documents: readonly GoldDocument[], count: number, seed: number): Map<string, number> {
  const ids = [...new Set(documents.map((d) => d.id))].sort();
  let state = seed;
  for (let i = ids.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [ids[i], ids[j]] = [ids[j] ?? '', ids[i] ?? ''];
  }
  return new Map(ids.map((id, i) => [id, i % count]));
}

function crossValidate(
  prepared: readonly Prepared[],
  count: number,
  seed: number,
  options: FitOptions,
): Accuracy {
  const foldOf = folds(
    prepared.map((p) => p.document),
    count,
    seed,
  );
  const total = emptyAccuracy();
  for (let fold = 0; fold < count; fold++) {
    const heldOut = prepared.filter((p) => foldOf.get(p.document.id) === fold);
    const model = fitRounds(
      prepared.filter((p) => foldOf.get(p.document.id) !== fold),
      options,
    );
    const part = accuracy(heldOut, model);
    process.stdout.write(`fold ${fold + 1}/${count}: ${heldOut.length} documents, ${describe(part)}\n`);
    addAccuracy(total, part);
  }
  return total;
}

/** Compares a fitted weights file with the one at `path`: true when names and weights are the same. */
function reproduces(path: string, fitted: WeightsFile): boolean {
  const committed = JSON.parse(readFileSync(path, 'utf8')) as WeightsFile;
  const same =
    JSON.stringify([committed.features, committed.weights]) ===
    JSON.stringify([fitted.features, fitted.weights]);
  const differing = fitted.weights.filter((w, i) => committed.weights[i] !== w).length;
  process.stdout.write(
    same
      ? `${path}: reproduced, all ${fitted.weights.length} weights the same\n`
      : `${path}: NOT reproduced (${differing} weights differ, or the feature names); run npm run train\n`,
  );
  return same;
}

/** Weights as the files keep them: four decimals. */
function rounded(weights: Float64Array): number[] {
  return [...weights].map((w) => Math.round(w * 1e4) / 1e4);
}

/** Fits the model (after cross-validation when asked) and writes the weights file. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      folds: { type: 'string' },
      'fold-seed': { type: 'string' },
      out: { type: 'string' },
      epochs: { type: 'string' },
      rate: { type: 'string' },
      l2: { type: 'string' },
      check: { type: 'boolean' },
    },
  });
  const fit: FitOptions = {
    ...DEFAULT_FIT,
    ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
    ...(values.rate ? { learningRate: Number(values.rate) } : {}),
    ...(values.l2 ? { l2: Number(values.l2) } : {}),
  };
  const data = values.data ? resolve(values.data) : DEFAULT_DATA;
  const foldCount = Number(values.folds ?? (values.check ? '0' : '5'));
  const started = performance.now();
  const documents = await readGoldDocuments(data);
  const prepared = documents.map(prepare);
  const articles = new Set(documents.map((d) => d.id)).size;
  process.stdout.write(`${documents.length} documents (${articles} articles) from ${data}\n`);
  let cv: Accuracy | null = null;
  if (foldCount >= 2) {
    cv = crossValidate(prepared, foldCount, Number(values['fold-seed'] ?? DEFAULT_FOLD_SEED), fit);
    process.stdout.write(`cross-validated (${foldCount} folds by article): ${describe(cv)}\n`);
  }
  const models = fitRounds(prepared, fit);
  const fitted = accuracy(prepared, models);
  process.stdout.write(`fitted on all of it, scored on it: ${describe(fitted)}\n`);
  const source = { data: data.replace(/^.*\//u, ''), documents: documents.length, articles };
  const speakerFile: SpeakerWeightsFile = {
    model: 'speaker-softmax',
    features: [...FEATURE_NAMES],
    weights: rounded(models.speaker.weights),
    training: {
      ...source,
      rounds: ROUNDS,
      fit,
      crossValidated: cv && { folds: foldCount, accuracy: cv.right / cv.scored, scored: cv.scored },
    },
  };
  const quoteFile: QuoteWeightsFile = {
    model: 'quote-logistic',
    features: [...QUOTE_FEATURE_NAMES],
    weights: [...models.quote.weights],
    training: {
      ...source,
      fit: QUOTE_FIT,
      crossValidated: cv && { folds: foldCount, precision: cv.paired / cv.ours, recall: cv.paired / cv.gold },
    },
  };
  const out = values.out ? resolve(values.out) : DEFAULT_OUT;
  const files: Array<[string, WeightsFile]> = [
    [resolve(out, SPEAKER_FILE), speakerFile],
    [resolve(out, QUOTE_FILE), quoteFile],
  ];
  if (values.check) return files.every(([path, file]) => reproduces(path, file)) ? 0 : 1;
  for (const [path, file] of files) writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  process.stdout.write(
    `wrote ${FEATURE_NAMES.length} speaker and ${QUOTE_FEATURE_NAMES.length} quote weights in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
