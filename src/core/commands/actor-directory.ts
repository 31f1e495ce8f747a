import type { ArticleStore, Clock } from '../ports.ts';
import type { ActorCandidate } from './lookup.ts';

/** Most names the directory holds (the most covered first). */
const MAX_NAMES = 1000;
/** Reload at least this often, so an article replaced in place (same ingest number) is seen too. */
const DEFAULT_MAX_AGE_MS = 5 * 60_000;

interface Loaded {
  seq: number;
  loadedAt: number;
  candidates: ActorCandidate[];
}

/**
 * Every actor name the store knows plus the newest article's actors with their aliases and roles:
 * what the forgiving lookup searches. Listing every name scans the actor index, so the list is
 * kept until the store gains an article (its latest ingest number moves) or it grows old.
 */
export class ActorDirectory {
  readonly #maxAgeMs: number;
  #loaded: Loaded | undefined;
  #loading: Promise<Loaded> | undefined;

  constructor(options: { maxAgeMs?: number } = {}) {
    this.#maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  }

  /** The lookup candidates, reloaded only when stale; empty when no article is stored. */
  async candidates(articles: ArticleStore, clock: Clock): Promise<ActorCandidate[]> {
    const seq = await articles.latestSeq();
    const now = clock.now().getTime();
    const loaded = this.#loaded;
    if (loaded && loaded.seq === seq && now - loaded.loadedAt < this.#maxAgeMs) return loaded.candidates;
    // Requests arriving while a load runs share it rather than each scanning the index.
    this.#loading ??= load(articles, seq, now).finally(() => {
      this.#loading = undefined;
    });
    this.#loaded = await this.#loading;
    return this.#loaded.candidates;
  }
}

async function load(articles: ArticleStore, seq: number, now: number): Promise<Loaded> {
  const [newest, names] = await Promise.all([
    articles.findArticle('latest'),
    articles.listActorNames('', MAX_NAMES),
  ]);
  const fromNewest: ActorCandidate[] = (newest?.analysis.actors ?? []).map((actor) => ({
    name: actor.name,
    kind: actor.kind,
    aliases: actor.aliases,
    roles: actor.roles,
    weight: actor.mentions,
  }));
  const fromIndex: ActorCandidate[] = names.map((name) => ({
    name: name.name,
    kind: name.kind,
    aliases: [],
    roles: [],
    weight: name.articles,
  }));
  return { seq, loadedAt: now, candidates: [...fromNewest, ...fromIndex] };
}
