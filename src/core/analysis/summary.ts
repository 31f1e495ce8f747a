import { NAME_TITLES, NATIONALITIES, NOT_NAME_WORDS, PLACE_NAMES, SPEECH_VERBS } from './lexicon.ts';
import type { GroundedLine, Sentence } from './types.ts';

/** How many sentences a summary holds, and which names matter most in the story. */
export interface SummaryOptions {
  /** Number of sentences to return (fewer when the article has fewer usable sentences). */
  count: number;
  /** Names of the story's main actors, most central first ("Xi Jinping", "Joe Biden"); found from the text when absent. */
  salientTerms?: readonly string[];
}

/** Weights of the sentence score; {@link DEFAULT_SUMMARY_WEIGHTS} is what `summarize` uses. */
export interface SummaryWeights {
  /** Weight of the lead prior (earlier sentences score higher). */
  position: number;
  /** Candidate rank at which the lead prior has fallen to half. */
  positionHalfLife: number;
  /** Weight of centrality (TF-IDF similarity to the whole article). */
  centrality: number;
  /** Weight of salience (how much of the story's main names a sentence mentions). */
  salience: number;
  /** Weight of a main name saying something ("Xi told Biden", "said Okafor"). */
  speaker: number;
  /** Penalty for opening on a word that points back ("Those discussions", "It was", "But"). */
  anaphora: number;
  /** How strongly overlap with an already chosen sentence counts against a candidate (MMR). */
  redundancy: number;
  /** Penalty for a second sentence from a paragraph already quoted: a paragraph is one point. */
  sameParagraph: number;
}

/** The default weights: a strong lead prior, then centrality and salience, then redundancy control. */
export const DEFAULT_SUMMARY_WEIGHTS: Readonly<SummaryWeights> = {
  position: 1,
  positionHalfLife: 8,
  centrality: 0.7,
  salience: 0.15,
  speaker: 0.2,
  anaphora: 0.15,
  redundancy: 1,
  sameParagraph: 0.6,
};

/** Only the first candidates are ranked, so a long article costs no more than a few dozen sentences. */
const MAX_CANDIDATES = 40;
const MIN_WORDS = 6;
const MAX_WORDS = 50;
/** Term cosine above which a sentence says again what a chosen one said. */
const NEAR_DUPLICATE = 0.5;
/** How many of the most frequent names count as the story's main actors. */
const MAIN_NAMES = 3;
/** Places matter to a story less than the people and organisations acting in it. */
const PLACE_NAME_WEIGHT = 0.5;

const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being ' +
    'below between both but by can could did do does doing down during each few for from further had has ' +
    'have having he her here hers herself him himself his how i if in into is it its itself just me more ' +
    'most my myself no nor not now of off on once only or other our ours ourselves out over own same she ' +
    'should so some such than that the their theirs them themselves then there these they this those ' +
    'through to too under until up very was we were what when where which while who whom why will with ' +
    'would you your yours yourself yourselves said says say told according one two new mr mrs ms'
  ).split(' '),
);

/** Sentence openers that lean on the sentence before: alone in a summary they dangle. */
const ANAPHORIC_OPENERS = new Set(
  'he she it they this that these those his her its their him them but and also however yet so then still such both there'.split(
    ' ',
  ),
);

const COUNTRY_ABBREVIATIONS = new Set(['u.s', 'u.k', 'uk', 'us', 'usa', 'u.n', 'eu']);

const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;
/**
 * Quoted spans: “curly” or "straight" double quotes, and ‘curly’ or 'straight' single quotes,
 * where an apostrophe inside a word ("wouldn't") does not close a single quote.
 */
const QUOTED =
  /“[^“”]*”|"[^"]*"|‘(?:[^‘’]|’(?=\p{L}))*’(?!\p{L})|(?<![\p{L}\p{N}])'(?:[^']|'(?=\p{L}))*'(?!\p{L})/gu;
const CHROME =
  /^(?:click|scroll down|read more|sign up|subscribe|advertisement|placeholder|follow us|share this|related:|watch:|video:|photo:|image:|copyright|all rights reserved|published:|updated:|last updated)/i;
const CREDIT =
  /\((?:[^()]*\/)?(?:AP|AFP|Reuters|Getty Images|EPA|Bloomberg)(?: Photo)?[^()]*\)|\bGetty Images\b/;
/** Caption language: "pictured", "(left)", "Smith, right, with ..." in a photo's description. */
const CAPTION =
  /\bpictured\b|\bphotographed\b|\((?:left|right|centre|center|top|bottom|above|below|inset)\)|, (?:left|right|centre|center|far left|far right)(?:,|$| )/i;
const TERMINAL = /[.!]["'’”)\]]*$/;

/** One word of a sentence: as written, lower-cased without a possessive, and whether it is capitalised. */
interface Token {
  lower: string;
  capitalised: boolean;
}

interface Candidate {
  sentence: Sentence;
  /** Rank among candidates, 0 for the first usable sentence. */
  rank: number;
  /** Content terms with their counts in the sentence. */
  terms: Map<string, number>;
  /** Main names (lower-cased) the sentence mentions. */
  names: Set<string>;
  /** Whether a main name is the subject or source of a speech verb. */
  speaks: boolean;
  /** Whether the sentence opens on a word pointing back to the one before. */
  anaphoric: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    tokens.push({ lower: word.toLowerCase().replace(/['’]s$/, ''), capitalised: /^\p{Lu}/u.test(word) });
  }
  return tokens;
}

/** Content terms with counts: stopwords dropped, plurals crudely folded. */
function contentTerms(tokens: readonly Token[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { lower } of tokens) {
    if (lower.length < 2 || STOPWORDS.has(lower)) continue;
    const term =
      lower.length > 4 && lower.endsWith('s') && !lower.endsWith('ss') ? lower.slice(0, -1) : lower;
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return counts;
}

function couldBeName(token: Token): boolean {
  return (
    token.capitalised &&
    token.lower.length > 1 &&
    !STOPWORDS.has(token.lower) &&
    !NOT_NAME_WORDS.has(token.lower) &&
    !NATIONALITIES.has(token.lower) &&
    !NAME_TITLES.has(token.lower)
  );
}

/**
 * Whether a sentence can stand in a summary: a whole statement of reasonable length, not a
 * caption, headline fragment, page chrome, question to the reader or mostly a quotation.
 */
export function isSummaryCandidate(text: string): boolean {
  const words = text.match(WORD) ?? [];
  if (words.length < MIN_WORDS || words.length > MAX_WORDS) return false;
  if (!TERMINAL.test(text)) return false;
  if (CHROME.test(text) || CREDIT.test(text) || CAPTION.test(text)) return false;
  // A sentence opens with a capital, a digit or an opening quote, never mid-thought.
  if (!/^["'‘“(]?[\p{Lu}\p{N}]/u.test(text)) return false;
  // Headlines and captions are title case; statements have lower-case words (verbs, articles).
  const lower = words.filter((word) => /^\p{Ll}/u.test(word)).length;
  if (lower < 3 || lower / words.length < 0.35) return false;
  // Unbalanced marks: the sentence is one piece of a quotation running over several sentences.
  const opening = text.match(/“/g)?.length ?? 0;
  const closing = text.match(/”/g)?.length ?? 0;
  if (opening !== closing || (text.match(/"/g)?.length ?? 0) % 2 === 1) return false;
  let quoted = 0;
  let opensQuoted = false;
  for (const match of text.matchAll(QUOTED)) {
    quoted += match[0].length;
    if (match.index === 0) opensQuoted = true;
  }
  // Opening a quotation that does not close here: the start of speech running on.
  if (/^["'‘“]/.test(text) && !opensQuoted) return false;
  // Closing a quotation that did not open here: the end of speech begun earlier.
  if (/[.!?,]['’]$/.test(text) && quoted === 0) return false;
  if (quoted / text.length > 0.6) return false;
  // Opening on a quotation that fills most of it: someone's words, not the story's statement.
  if (/^["‘“]/.test(text) && quoted / text.length > 0.4) return false;
  return true;
}

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [term, weight] of a) {
    normA += weight * weight;
    const other = b.get(term);
    if (other !== undefined) dot += weight * other;
  }
  for (const weight of b.values()) normB += weight * weight;
  return dot === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/**
 * The story's main names: capitalised words seen at least twice, one of them mid-sentence
 * (so a sentence-opening word is not taken for a name), weighted by count, places halved.
 */
function recurringNames(tokenized: readonly Token[][]): Map<string, number> {
  const counts = new Map<string, number>();
  const midSentence = new Set<string>();
  for (const tokens of tokenized) {
    tokens.forEach((token, i) => {
      if (!couldBeName(token)) return;
      counts.set(token.lower, (counts.get(token.lower) ?? 0) + 1);
      if (i > 0) midSentence.add(token.lower);
    });
  }
  const weighted: [string, number][] = [];
  for (const [name, count] of counts) {
    if (count < 2 || !midSentence.has(name)) continue;
    const place = PLACE_NAMES.has(name) || COUNTRY_ABBREVIATIONS.has(name);
    weighted.push([name, place ? count * PLACE_NAME_WEIGHT : count]);
  }
  weighted.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return new Map(weighted.slice(0, MAIN_NAMES));
}

/** The given main actors' name words, weighted by how often the article uses them. */
function givenNames(terms: readonly string[], tokenized: readonly Token[][]): Map<string, number> {
  const wanted = new Set<string>();
  for (const term of terms.slice(0, MAIN_NAMES))
    for (const token of tokenize(term)) if (couldBeName(token)) wanted.add(token.lower);
  const counts = new Map<string, number>();
  for (const tokens of tokenized)
    for (const token of tokens)
      if (token.capitalised && wanted.has(token.lower))
        counts.set(token.lower, (counts.get(token.lower) ?? 0) + 1);
  return counts;
}

/** Whether a main name speaks in the sentence: "Xi told", "said Okafor", "said President Biden". */
function nameSpeaks(tokens: readonly Token[], names: ReadonlyMap<string, number>): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === undefined || !SPEECH_VERBS.has(token.lower)) continue;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    const afterNext = tokens[i + 2];
    if (before?.capitalised && names.has(before.lower)) return true;
    if (after?.capitalised && names.has(after.lower)) return true;
    if (after?.capitalised && afterNext?.capitalised && names.has(afterNext.lower)) return true;
  }
  return false;
}

/**
 * Scores every candidate: a lead prior, TF-IDF centrality against the whole article, salience
 * of the main names and whether a main name speaks; centrality and salience scaled to [0, 1].
 */
function scoreCandidates(
  candidates: readonly Candidate[],
  documentTerms: ReadonlyMap<string, number>,
  documentFrequency: ReadonlyMap<string, number>,
  sentenceCount: number,
  names: ReadonlyMap<string, number>,
  weights: SummaryWeights,
): number[] {
  const idf = (term: string) => Math.log((sentenceCount + 1) / ((documentFrequency.get(term) ?? 0) + 0.5));
  const centroid = new Map<string, number>();
  for (const [term, count] of documentTerms) if (count > 1) centroid.set(term, count * idf(term));
  const centrality = candidates.map((candidate) => {
    const vector = new Map<string, number>();
    for (const [term, count] of candidate.terms) vector.set(term, count * idf(term));
    return cosine(vector, centroid);
  });
  let nameTotal = 0;
  for (const weight of names.values()) nameTotal += weight;
  const salience = candidates.map((candidate) => {
    let sum = 0;
    for (const name of candidate.names) sum += names.get(name) ?? 0;
    return nameTotal === 0 ? 0 : sum / nameTotal;
  });
  const maxCentrality = Math.max(...centrality, Number.MIN_VALUE);
  const maxSalience = Math.max(...salience, Number.MIN_VALUE);
  return candidates.map(
    (candidate, i) =>
      weights.position * 2 ** (-candidate.rank / weights.positionHalfLife) +
      (weights.centrality * (centrality[i] ?? 0)) / maxCentrality +
      (weights.salience * (salience[i] ?? 0)) / maxSalience +
      (candidate.speaks ? weights.speaker : 0) -
      (candidate.anaphoric ? weights.anaphora : 0),
  );
}

/**
 * Picks `count` sentences that together say what the story is: the best-scored first, then each
 * next one by score less its overlap with those already chosen (maximal marginal relevance).
 * Returns them verbatim in article order, with their paragraphs. Deterministic.
 */
export function summarize(
  sentences: readonly Sentence[],
  options: SummaryOptions,
  weights: Readonly<SummaryWeights> = DEFAULT_SUMMARY_WEIGHTS,
): GroundedLine[] {
  if (options.count <= 0 || sentences.length === 0) return [];
  const tokenized = sentences.map((sentence) => tokenize(sentence.text));
  const names = recurringNames(tokenized);
  // The actor stage knows people from places; its main actors join the names the text repeats.
  if (options.salientTerms)
    for (const [name, weight] of givenNames(options.salientTerms, tokenized))
      names.set(name, Math.max(weight, names.get(name) ?? 0));
  const documentTerms = new Map<string, number>();
  const documentFrequency = new Map<string, number>();
  const candidates: Candidate[] = [];
  sentences.forEach((sentence, i) => {
    const tokens = tokenized[i] ?? [];
    const terms = contentTerms(tokens);
    for (const [term, count] of terms) {
      documentTerms.set(term, (documentTerms.get(term) ?? 0) + count);
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
    if (candidates.length >= MAX_CANDIDATES || !isSummaryCandidate(sentence.text)) return;
    const mentioned = new Set<string>();
    for (const token of tokens) if (token.capitalised && names.has(token.lower)) mentioned.add(token.lower);
    candidates.push({
      sentence,
      rank: candidates.length,
      terms,
      names: mentioned,
      speaks: nameSpeaks(tokens, names),
      anaphoric: ANAPHORIC_OPENERS.has(tokens[0]?.lower ?? ''),
    });
  });
  // An article with no usable sentence still gets its opening lines rather than nothing.
  if (candidates.length === 0)
    return sentences.slice(0, options.count).map(({ text, paragraph }) => ({ text, paragraph }));

  const scores = scoreCandidates(
    candidates,
    documentTerms,
    documentFrequency,
    sentences.length,
    names,
    weights,
  );
  const chosen: Candidate[] = [];
  const remaining = new Set(candidates.keys());
  while (chosen.length < options.count && remaining.size > 0) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const i of remaining) {
      const candidate = candidates[i];
      if (candidate === undefined) continue;
      let overlap = 0;
      let sameParagraph = false;
      for (const other of chosen) {
        overlap = Math.max(overlap, cosine(candidate.terms, other.terms));
        if (other.sentence.paragraph === candidate.sentence.paragraph) sameParagraph = true;
      }
      // A near-repeat of a chosen sentence (a standfirst restating the lead) never adds anything.
      if (overlap > NEAR_DUPLICATE) continue;
      const value =
        (scores[i] ?? 0) - weights.redundancy * overlap - (sameParagraph ? weights.sameParagraph : 0);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    const picked = candidates[best];
    if (picked === undefined) break;
    chosen.push(picked);
    remaining.delete(best);
  }
  return chosen
    .sort((a, b) => a.sentence.index - b.sentence.index)
    .map(({ sentence }) => ({ text: sentence.text, paragraph: sentence.paragraph }));
}
