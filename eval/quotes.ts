/**
 * Quote evaluation on PolNeAR (`polnear-*.jsonl`): precision, recall and F1 of quoted spans and the
 * accuracy of their speakers (named and pronoun or descriptive sources apart), at 50 % and 80 % word
 * overlap, for several files side by side. Run with `npx tsx eval/quotes.ts [path...]`. The gold
 * matching here is also what `npm run train` labels the speaker model's candidates with.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { Analysis, Quote } from '../src/core/analysis/types.ts';
import type { Article } from '../src/core/article/article.ts';
import {
  contentWords,
  type GoldAttribution,
  type GoldDocument,
  goldQuoteSpans,
  headOf,
  isDescription,
  PRONOUN_SOURCES,
  WORD,
} from './gold.ts';
import { antecedentOf, type Referent, readerReferent } from './pronouns.ts';

/** A quoted span with its speaker, as offsets into the document text. */
export interface ScoredSpan {
  start: number;
  end: number;
  /** Gold: the source words and where they stand; ours: the speaker and its actor's names. */
  speaker: string | null;
  sourceAt: number;
  names: string[];
}

/** Receives each scoring miss (an extra or missed quote, a wrong speaker), for inspecting the rules. */
export type MismatchReporter = (
  kind: 'extra' | 'missed' | 'speaker',
  quote: string,
  detail: string,
  text: string,
  at: number,
) => void;

/** Turns a document's text into an article: one paragraph per non-empty line. */
export type ArticleAnalyzer = (article: Article) => Analysis;

function wordSpans(text: string, start: number, end: number): number[] {
  const positions: number[] = [];
  for (const match of text.slice(start, end).matchAll(WORD)) positions.push(start + match.index);
  return positions;
}

/** The attribution whose content is mostly the quoted span `start`..`end`, if any. */
function attributionQuoted(document: GoldDocument, start: number, end: number): GoldAttribution | null {
  const quoted = new Set(wordSpans(document.text, start, end));
  for (const attribution of document.attributions) {
    for (const content of attribution.content ?? []) {
      if (content.end <= start || end <= content.start) continue;
      const words = wordSpans(document.text, content.start, content.end);
      const shared = words.filter((position) => quoted.has(position)).length;
      if (words.length > 0 && shared >= words.length / 2) return attribution;
    }
  }
  return null;
}

/**
 * True when an attribution's content holds quote marks. The dataset's has_quote_marks flag is false
 * for every content quoted with two apostrophes (''…'', the marks of some wire and archive text), so
 * those are read from the text.
 */
function hasQuoteMarks(document: GoldDocument, attribution: GoldAttribution): boolean {
  if (attribution.has_quote_marks) return true;
  return (attribution.content ?? []).some((content) =>
    document.text.slice(content.start, content.end).includes("''"),
  );
}

/** Gold quotes: quoted spans inside the content of attributions marked as having quote marks, or making up most of one's content. */
export function goldQuotes(document: GoldDocument): ScoredSpan[] {
  const gold: ScoredSpan[] = [];
  for (const [start, end] of goldQuoteSpans(document.text)) {
    let best: GoldAttribution | null = null;
    let bestOverlap = 0;
    for (const attribution of document.attributions) {
      if (!hasQuoteMarks(document, attribution)) continue;
      for (const content of attribution.content ?? []) {
        const overlap = Math.min(end, content.end) - Math.max(start, content.start);
        if (overlap > bestOverlap) {
          best = attribution;
          bestOverlap = overlap;
        }
      }
    }
    // The dataset's has_quote_marks flag misses some quotes ('' marks, transcripts): a quoted span
    // that holds at least half the words of an attribution's content is that attribution's quote.
    if (!best) best = attributionQuoted(document, start, end);
    if (!best) continue;
    const source = best.kind === 'Attribution' ? (best.source ?? []) : [];
    const first = source[0];
    const words = source.map((s) => s.text).join(' ');
    // A source span holding no word of a name or description (an annotation slip such as "said")
    // names no speaker to score against.
    const usable = PRONOUN_SOURCES.has(words.trim().toLowerCase()) || contentWords(words).size > 0;
    gold.push({
      start,
      end,
      speaker: first && usable ? words : null,
      sourceAt: first?.start ?? start,
      names: [],
    });
  }
  return gold;
}

function overlap(text: string, a: ScoredSpan, b: ScoredSpan): number {
  const wordsA = wordSpans(text, a.start, a.end);
  const wordsB = new Set(wordSpans(text, b.start, b.end));
  if (wordsA.length === 0 || wordsB.size === 0) return 0;
  const shared = wordsA.filter((position) => wordsB.has(position)).length;
  return shared / Math.max(wordsA.length, wordsB.size);
}

export function speakerMatches(ours: ScoredSpan, gold: ScoredSpan, referent: Referent): boolean {
  if (!gold.speaker || !ours.speaker) return false;
  let source = gold.speaker;
  const bare = gold.speaker.trim().toLowerCase();
  if (PRONOUN_SOURCES.has(bare)) {
    const antecedent = referent(gold.sourceAt, bare);
    if (!antecedent) return false;
    source = antecedent;
  }
  const goldWords = contentWords(source);
  const ourWords = contentWords(ours.speaker);
  for (const word of goldWords) if (ourWords.has(word)) return true;
  // A described gold source ("the mayor", "the GOP nominee") matches the actor whose roles name its head.
  if (isDescription(source)) {
    const described = contentWords(ours.names.join(' '));
    if (described.has(headOf(source).toLowerCase())) return true;
  }
  return false;
}

/** The regular-expression baseline: every double-quoted span of each line, with no speaker. */
function regexQuotes(text: string): ScoredSpan[] {
  return goldQuoteSpans(text).map(([start, end]) => ({
    start,
    end,
    speaker: null,
    sourceAt: start,
    names: [],
  }));
}

/** Where each paragraph of an article stands in the document text (-1 where it is not found). */
function paragraphOffsets(text: string, paragraphs: readonly string[]): number[] {
  const offsets: number[] = [];
  let cursor = 0;
  for (const paragraph of paragraphs) {
    const at = text.indexOf(paragraph, cursor);
    offsets.push(at);
    if (at >= 0) cursor = at + paragraph.length;
  }
  return offsets;
}

/** Characters that may stand just before a quote's first word: a quote mark, or space after one. */
const BEFORE_QUOTE = /[“"«»„‚‘'「『]\s*$/u;

/**
 * Where `quoteText` starts in `paragraph` at or after `from`: the first occurrence that follows a
 * quote mark ("no" is not found inside "nominee"), else the first occurrence; -1 when absent.
 */
function quoteOffset(paragraph: string, quoteText: string, from: number): number {
  const first = paragraph.indexOf(quoteText, from);
  for (let at = first; at >= 0; at = paragraph.indexOf(quoteText, at + 1)) {
    if (BEFORE_QUOTE.test(paragraph.slice(Math.max(0, at - 3), at))) return at;
  }
  return first;
}

/**
 * Our quotes as offsets into the document (null where a quote is not found again), each with its
 * speaker and the names `namesOf` gives its actor.
 */
export function quoteSpans(
  text: string,
  paragraphs: readonly string[],
  quotes: readonly Quote[],
  namesOf: (actorId: string) => string[],
): (ScoredSpan | null)[] {
  const offsets = paragraphOffsets(text, paragraphs);
  const cursors = new Map<number, number>();
  return quotes.map((quote) => {
    const base = offsets[quote.paragraph - 1] ?? -1;
    const paragraph = paragraphs[quote.paragraph - 1];
    if (base < 0 || paragraph === undefined) return null;
    const local = quoteOffset(paragraph, quote.text, cursors.get(quote.paragraph) ?? 0);
    if (local < 0) return null;
    cursors.set(quote.paragraph, local + quote.text.length);
    return {
      start: base + local,
      end: base + local + quote.text.length,
      speaker: quote.speaker,
      sourceAt: base + local,
      names: quote.actorId ? namesOf(quote.actorId) : [],
    };
  });
}

/** Our quotes of an analysis as offsets into the document. */
function ourQuotes(text: string, analysis: Analysis, paragraphs: readonly string[]): ScoredSpan[] {
  const actors = new Map(analysis.actors.map((actor) => [actor.id, actor]));
  const namesOf = (id: string) => {
    const actor = actors.get(id);
    return actor ? [actor.name, ...actor.aliases, ...actor.roles] : [];
  };
  return quoteSpans(text, paragraphs, analysis.quotes, namesOf).filter((span) => span !== null);
}

/**
 * Pairs our quotes with gold quotes: every pair overlapping by `threshold` of the words, best
 * overlap first, each quote in one pair at most. Returns [our index, gold index] pairs.
 */
export function pairQuotes(
  text: string,
  ours: readonly (ScoredSpan | null)[],
  gold: readonly ScoredSpan[],
  threshold: number,
): [number, number][] {
  const pairs: Array<{ ours: number; gold: number; overlap: number }> = [];
  ours.forEach((our, i) => {
    if (!our) return;
    gold.forEach((g, j) => {
      if (our.end <= g.start || g.end <= our.start) return;
      const value = overlap(text, our, g);
      if (value >= threshold) pairs.push({ ours: i, gold: j, overlap: value });
    });
  });
  pairs.sort((a, b) => b.overlap - a.overlap);
  const usedOurs = new Set<number>();
  const usedGold = new Set<number>();
  const matched: [number, number][] = [];
  for (const pair of pairs) {
    if (usedOurs.has(pair.ours) || usedGold.has(pair.gold)) continue;
    usedOurs.add(pair.ours);
    usedGold.add(pair.gold);
    matched.push([pair.ours, pair.gold]);
  }
  return matched;
}

/** How a gold source is written: a name, a pronoun, or a description ("a senior official"). */
export function sourceClass(speaker: string): 'named' | 'other' {
  const bare = speaker.trim().toLowerCase();
  return PRONOUN_SOURCES.has(bare) || isDescription(speaker) ? 'other' : 'named';
}

/** Right and scored speakers of one kind of source. */
interface Tally {
  right: number;
  scored: number;
}

/** Scores at one overlap threshold: quote precision/recall/F1 and speaker accuracy over matches. */
interface Score {
  truePositives: number;
  ours: number;
  gold: number;
  speaker: Tally;
  /** Speakers right when a pronoun source is taken as the nearest person named before it (naive). */
  nearestRight: number;
  /** Speakers right when a pronoun source is taken as the closest agreeing annotated source (the former reading). */
  annotatedRight: number;
  named: Tally;
  other: Tally;
  /** Matched quotes with a gold speaker that we left without one. */
  noSpeaker: number;
}

function emptyScore(): Score {
  return {
    truePositives: 0,
    ours: 0,
    gold: 0,
    speaker: { right: 0, scored: 0 },
    nearestRight: 0,
    annotatedRight: 0,
    named: { right: 0, scored: 0 },
    other: { right: 0, scored: 0 },
    noSpeaker: 0,
  };
}

function score(
  document: GoldDocument,
  ours: readonly ScoredSpan[],
  gold: readonly ScoredSpan[],
  threshold: number,
  analysis: Analysis,
  report?: MismatchReporter,
): Score {
  const { text } = document;
  const quoted = goldQuoteSpans(text);
  const nearest: Referent = (at) => antecedentOf(text, at, analysis.actors, quoted);
  const reader = readerReferent(document, analysis.actors);
  const annotated = readerReferent(document, analysis.actors, 'annotated');
  const result = emptyScore();
  const pairs = pairQuotes(text, ours, gold, threshold);
  for (const [i, j] of pairs) {
    const our = ours[i];
    const g = gold[j];
    if (!our || !g?.speaker) continue;
    const right = speakerMatches(our, g, reader);
    const tally = result[sourceClass(g.speaker)];
    result.speaker.scored++;
    tally.scored++;
    if (our.speaker === null) result.noSpeaker++;
    if (speakerMatches(our, g, nearest)) result.nearestRight++;
    if (speakerMatches(our, g, annotated)) result.annotatedRight++;
    if (right) {
      result.speaker.right++;
      tally.right++;
      continue;
    }
    const bare = g.speaker.trim().toLowerCase();
    const resolved = PRONOUN_SOURCES.has(bare) ? ` (= ${reader(g.sourceAt, bare)})` : '';
    report?.(
      'speaker',
      text.slice(g.start, g.end),
      `ours ${our.speaker} / gold ${g.speaker}${resolved}`,
      text,
      g.start,
    );
  }
  const usedOurs = new Set(pairs.map(([i]) => i));
  const usedGold = new Set(pairs.map(([, j]) => j));
  ours.forEach((our, i) => {
    if (!usedOurs.has(i))
      report?.('extra', text.slice(our.start, our.end), our.speaker ?? '', text, our.start);
  });
  gold.forEach((g, j) => {
    if (!usedGold.has(j)) report?.('missed', text.slice(g.start, g.end), g.speaker ?? '', text, g.start);
  });
  result.truePositives = pairs.length;
  result.ours = ours.length;
  result.gold = gold.length;
  return result;
}

function add(total: Score, part: Score): void {
  total.truePositives += part.truePositives;
  total.ours += part.ours;
  total.gold += part.gold;
  total.nearestRight += part.nearestRight;
  total.annotatedRight += part.annotatedRight;
  total.noSpeaker += part.noSpeaker;
  for (const key of ['speaker', 'named', 'other'] as const) {
    total[key].right += part[key].right;
    total[key].scored += part[key].scored;
  }
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function f1(s: Score): number {
  const precision = ratio(s.truePositives, s.ours);
  const recall = ratio(s.truePositives, s.gold);
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Builds the article the pipeline sees from a document's text: the first line is the headline, every other non-empty line a paragraph. */
export function articleOfText(id: string, text: string): Article {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return {
    id,
    title: lines[0] ?? '',
    source: null,
    url: null,
    publishedAt: null,
    byline: [],
    paragraphs: lines.slice(1),
  };
}

/** Reads a PolNeAR JSONL file. */
export async function readGoldDocuments(path: string): Promise<GoldDocument[]> {
  const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line.trim().length > 0);
  return lines.map((line) => JSON.parse(line) as GoldDocument);
}

/** The scores of one file: at 50 % and 80 % overlap, and the regular-expression baseline. */
interface FileScore {
  path: string;
  documents: number;
  at50: Score;
  at80: Score;
  baseline: Score;
}

/** Scores quotes and speakers of `analyzer` over the documents of one file. */
export function scoreDocuments(
  path: string,
  documents: readonly GoldDocument[],
  analyzer: ArticleAnalyzer,
  report?: MismatchReporter,
): FileScore {
  const result: FileScore = {
    path,
    documents: documents.length,
    at50: emptyScore(),
    at80: emptyScore(),
    baseline: emptyScore(),
  };
  for (const document of documents) {
    const article = articleOfText(document.id, document.text);
    const analysis = analyzer(article);
    const ours = ourQuotes(document.text, analysis, article.paragraphs);
    const gold = goldQuotes(document);
    add(result.at50, score(document, ours, gold, 0.5, analysis, report));
    add(result.at80, score(document, ours, gold, 0.8, analysis));
    add(result.baseline, score(document, regexQuotes(document.text), gold, 0.5, analysis));
  }
  return result;
}

/** The rows of the side-by-side table: a label and how to read it off a file's scores. */
const ROWS: Array<[string, (s: FileScore) => string]> = [
  ['documents', (s) => `${s.documents}`],
  ['quotes: ours / gold', (s) => `${s.at50.ours} / ${s.at50.gold}`],
  ['precision (overlap >= 50%)', (s) => ratio(s.at50.truePositives, s.at50.ours).toFixed(3)],
  ['recall', (s) => ratio(s.at50.truePositives, s.at50.gold).toFixed(3)],
  ['F1', (s) => f1(s.at50).toFixed(3)],
  [
    'speaker accuracy',
    (s) =>
      `${ratio(s.at50.speaker.right, s.at50.speaker.scored).toFixed(3)} (${s.at50.speaker.right}/${s.at50.speaker.scored})`,
  ],
  [
    '  named sources',
    (s) => `${ratio(s.at50.named.right, s.at50.named.scored).toFixed(3)} (${s.at50.named.scored})`,
  ],
  [
    '  pronoun / descriptive sources',
    (s) => `${ratio(s.at50.other.right, s.at50.other.scored).toFixed(3)} (${s.at50.other.scored})`,
  ],
  [
    'quotes without a speaker',
    (s) => `${s.at50.noSpeaker} (${(100 * ratio(s.at50.noSpeaker, s.at50.speaker.scored)).toFixed(1)}%)`,
  ],
  ['speaker° (annotated pronouns)', (s) => ratio(s.at50.annotatedRight, s.at50.speaker.scored).toFixed(3)],
  ['speaker~ (naive pronouns)', (s) => ratio(s.at50.nearestRight, s.at50.speaker.scored).toFixed(3)],
  [
    'F1 / speaker at overlap >= 80%',
    (s) => `${f1(s.at80).toFixed(3)} / ${ratio(s.at80.speaker.right, s.at80.speaker.scored).toFixed(3)}`,
  ],
  ['regex baseline F1', (s) => f1(s.baseline).toFixed(3)],
];

/** Prints file scores side by side, one column per file. */
export function quoteTable(scores: readonly FileScore[]): string {
  const names = scores.map((s) => s.path.replace(/^.*\//u, '').replace(/\.jsonl$/u, ''));
  const width = Math.max(16, ...scores.flatMap((s) => ROWS.map(([, cell]) => cell(s).length + 2)));
  const line = (label: string, cells: string[]) =>
    `${label.padEnd(32)}${cells.map((cell) => cell.padStart(width)).join('')}`;
  return [
    'Quotes and speakers (PolNeAR)',
    line('', names),
    ...ROWS.map(([label, cell]) => line(label, scores.map(cell))),
    'speaker: a pronoun source counts as what a reader takes it for: the closest agreeing antecedent',
    '  among annotated sources and, for he/she, people the narration makes a sentence subject;',
    'speaker°: a pronoun source counts as the closest annotated source before it that agrees with it',
    '  (he/she: one person of that gender; they/it: no known man or woman): the reading before 2nd round;',
    'speaker~: a pronoun source counts as the nearest person named before it (a naive reading);',
    'quotes without a speaker: matched quotes with a gold source that we left unattributed.',
  ].join('\n');
}

/** Scores quotes and speakers of `analyzer` over PolNeAR JSONL files; returns the printed table. */
export async function runQuoteEval(
  paths: string | readonly string[],
  analyzer?: ArticleAnalyzer,
  report?: MismatchReporter,
): Promise<string> {
  const analyzeArticle = analyzer ?? (await import('../src/core/analysis/analyze.ts')).analyze;
  const scores: FileScore[] = [];
  for (const path of typeof paths === 'string' ? [paths] : paths)
    scores.push(scoreDocuments(path, await readGoldDocuments(path), analyzeArticle, report));
  return quoteTable(scores);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const paths = process.argv.slice(2);
  console.log(await runQuoteEval(paths.length > 0 ? paths : ['/work/shared/data/polnear-dev.jsonl']));
}
