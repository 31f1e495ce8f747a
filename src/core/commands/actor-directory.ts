import type { ArticleReader, Clock, WorkspaceKey } from '../ports.ts';
import { type ActorCandidate, ActorIndex } from './lookup.ts';

/** Most names the directory holds (the most covered first). */
const MAX_NAMES = 1000;
/** Reload at least this often, so an article replaced in place (same ingest number) is seen too. */
const DEFAULT_MAX_AGE_MS = 5 * 60_000;
/** Workspaces whose names are kept at once; the least recently asked is dropped first. */
const DEFAULT_MAX_WORKSPACES = 200;

interface Loaded {
  seq: number;
  loadedAt: number;
  index: ActorIndex;
}

/** One workspace's names: the last load and a load in progress. */
interface Entry {
  loaded?: Loaded | undefined;
  loading?: Promise<Loaded> | undefined;
}

/**
 * Every actor name a workspace can see plus its newest article's actors with their aliases and
 * roles: what the forgiving lookup searches. Listing every name scans the actor index, so each
 * workspace's list is kept, keyed for the lookup ({@link ActorIndex}), until it sees a new article
 * (its latest ingest number moves) or the list grows old.
 */
export class ActorDirectory {
  readonly #maxAgeMs: number;
  readonly #maxWorkspaces: number;
  /** In least-recently-asked order (a Map keeps insertion order; an entry asked is moved to the end). */
  readonly #entries = new Map<WorkspaceKey, Entry>();

  constructor(options: { maxAgeMs?: number; maxWorkspaces?: number } = {}) {
    this.#maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.#maxWorkspaces = options.maxWorkspaces ?? DEFAULT_MAX_WORKSPACES;
  }

  /** The candidates `workspace` can see through `articles`, reloaded only when stale; empty when it sees no article. */
  async candidates(
    articles: ArticleReader,
    clock: Clock,
    workspace: WorkspaceKey,
  ): Promise<readonly ActorCandidate[]> {
    return (await this.index(articles, clock, workspace)).candidates;
  }

  /** The same candidates prepared for the forgiving lookup: keyed once per load, not per lookup. */
  async index(articles: ArticleReader, clock: Clock, workspace: WorkspaceKey): Promise<ActorIndex> {
    const entry = this.#entry(workspace);
    const seq = await articles.latestSeq();
    const now = clock.now().getTime();
    const loaded = entry.loaded;
    if (loaded && loaded.seq === seq && now - loaded.loadedAt < this.#maxAgeMs) return loaded.index;
    // Requests arriving while a load runs share it rather than each scanning the index.
    entry.loading ??= load(articles, seq, now).finally(() => {
      entry.loading = undefined;
    });
    entry.loaded = await entry.loading;
    return entry.loaded.index;
  }

  #entry(workspace: WorkspaceKey): Entry {
    const entry = this.#entries.get(workspace) ?? {};
    this.#entries.delete(workspace);
    this.#entries.set(workspace, entry);
    while (this.#entries.size > this.#maxWorkspaces) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return entry;
  }
}

async function load(articles: ArticleReader, seq: number, now: number): Promise<Loaded> {
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
  return { seq, loadedAt: now, index: new ActorIndex([...fromNewest, ...fromIndex]) };
}
