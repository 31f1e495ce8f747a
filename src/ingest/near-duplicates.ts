import type { ArticleStore } from '../core/ports.ts';

/** Shingled Jaccard similarity at or above which two texts are the same story. */
export const NEAR_DUPLICATE_THRESHOLD = 0.9;
/** Words per shingle. */
const SHINGLE_WORDS = 5;
/** How many of a text's smallest shingle hashes index it (a bottom-k sketch finds candidates). */
const SKETCH_SIZE = 16;

/** 32-bit FNV-1a hash of a string. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The set of hashed word 5-grams of a text's paragraphs (case, accents and punctuation ignored);
 * a text shorter than five words is one shingle.
 */
export function shingles(paragraphs: readonly string[]): Set<number> {
  const words = paragraphs
    .join(' ')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  const result = new Set<number>();
  if (!words || words.length === 0) return result;
  if (words.length < SHINGLE_WORDS) {
    result.add(fnv1a(words.join(' ')));
    return result;
  }
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++)
    result.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  return result;
}

/** Jaccard similarity of two shingle sets: shared over all (0 when both are empty). */
export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const value of small) if (large.has(value)) shared++;
  return shared / (a.size + b.size - shared);
}

function sketch(set: ReadonlySet<number>): number[] {
  return [...set].sort((x, y) => x - y).slice(0, SKETCH_SIZE);
}

/** The stored article a text duplicates, and how similar they are. */
export interface NearDuplicateMatch {
  id: string;
  similarity: number;
}

/**
 * The shingles of recent articles, to recognise the same story arriving again with small changes
 * (another feed, another URL). Holds at most `capacity` articles, dropping the oldest.
 */
export class NearDuplicateIndex {
  readonly #capacity: number;
  readonly #threshold: number;
  readonly #entries = new Map<string, { shingles: Set<number>; sketch: number[] }>();
  readonly #bySketch = new Map<number, Set<string>>();

  constructor(options: { capacity?: number; threshold?: number } = {}) {
    this.#capacity = options.capacity ?? 2000;
    this.#threshold = options.threshold ?? NEAR_DUPLICATE_THRESHOLD;
  }

  /** How many articles the index holds. */
  get size(): number {
    return this.#entries.size;
  }

  /** Adds (or refreshes) an article's text. */
  add(id: string, paragraphs: readonly string[]): void {
    this.remove(id);
    const set = shingles(paragraphs);
    if (set.size === 0) return;
    const entry = { shingles: set, sketch: sketch(set) };
    this.#entries.set(id, entry);
    for (const hash of entry.sketch) {
      const ids = this.#bySketch.get(hash) ?? new Set<string>();
      ids.add(id);
      this.#bySketch.set(hash, ids);
    }
    while (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
  }

  /** Forgets an article. */
  remove(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    for (const hash of entry.sketch) {
      const ids = this.#bySketch.get(hash);
      ids?.delete(id);
      if (ids?.size === 0) this.#bySketch.delete(hash);
    }
  }

  /** The most similar article at or above the threshold (other than `exceptId`), if any. */
  findMatch(paragraphs: readonly string[], exceptId?: string): NearDuplicateMatch | undefined {
    const set = shingles(paragraphs);
    if (set.size === 0) return undefined;
    const candidates = new Set<string>();
    for (const hash of sketch(set)) for (const id of this.#bySketch.get(hash) ?? []) candidates.add(id);
    let best: NearDuplicateMatch | undefined;
    for (const id of candidates) {
      if (id === exceptId) continue;
      const entry = this.#entries.get(id);
      if (!entry) continue;
      const similarity = jaccard(set, entry.shingles);
      if (similarity >= this.#threshold && (!best || similarity > best.similarity)) best = { id, similarity };
    }
    return best;
  }

  /** Loads the `count` most recently stored articles of a store. */
  async seedFromStore(store: Pick<ArticleStore, 'latestSeq' | 'articlesSince'>, count = 500): Promise<void> {
    const latest = await store.latestSeq();
    const recent = await store.articlesSince(Math.max(0, latest - count), count);
    for (const stored of recent) this.add(stored.id, stored.article.paragraphs);
  }
}
