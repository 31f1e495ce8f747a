/**
 * The read model's memory: answers of article reads kept in one LRU with a byte budget, per
 * reader (the operator or one workspace's view), so no workspace is ever served another's answer.
 *
 * Invalidation rule, for any number of processes on one database: every article write moves the
 * store's `read_version` counter in its own transaction. Every cached read first reads that
 * counter (one primary-key row; reads arriving while one such check is in flight share it) and
 * serves from memory only an answer read at that same version; otherwise it reads the database
 * and keeps the answer under the version it read before. A write in this process also drops the
 * shared check, so the next read sees it at once.
 */
import { LRUCache } from 'lru-cache';
import type {
  ActorCoverage,
  ActorName,
  ArticleListing,
  ArticleReader,
  IdentityMatch,
  ListArticlesOptions,
  StoredArticle,
} from '../core/ports.ts';

/** The default budget of cached answers (`READ_CACHE_MB`). */
export const DEFAULT_READ_CACHE_BYTES = 64 * 1024 * 1024;
/** Bytes counted per entry besides its JSON text: the key, the wrapper, the LRU's bookkeeping. */
const ENTRY_OVERHEAD_BYTES = 200;

/** One cached answer and the read version it was read at. */
interface Entry {
  version: number;
  value: unknown;
}

/** The shared memory of every reader of one store; see the file comment. */
export class ReadCache {
  readonly #lru: LRUCache<string, Entry> | undefined;
  readonly #readVersion: () => Promise<number>;
  readonly #loading = new Map<string, Promise<unknown>>();
  #versionCheck: Promise<number> | undefined;

  /** `maxBytes` 0 turns caching off: every read goes to the database. */
  constructor(readVersion: () => Promise<number>, maxBytes: number) {
    this.#readVersion = readVersion;
    this.#lru =
      maxBytes > 0
        ? new LRUCache<string, Entry>({ maxSize: maxBytes, sizeCalculation: (entry) => entryBytes(entry) })
        : undefined;
  }

  /** The answer under `key` at the current read version: from memory, or `load`ed and kept. */
  async read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const lru = this.#lru;
    if (!lru) return load();
    const version = await this.#currentVersion();
    const entry = lru.get(key);
    if (entry && entry.version === version) return entry.value as T;
    // Readers asking the same thing at the same version share one database read.
    const loadingKey = `${version}\u0000${key}`;
    const loading = this.#loading.get(loadingKey);
    if (loading) return loading as Promise<T>;
    const started = load()
      .then((value) => {
        lru.set(key, { version, value });
        return value;
      })
      .finally(() => this.#loading.delete(loadingKey));
    this.#loading.set(loadingKey, started);
    return started;
  }

  /** Called after a write of this process: the next read checks the version afresh. */
  forgetVersion(): void {
    this.#versionCheck = undefined;
  }

  /** Bytes the cached answers are counted at (at most the budget). */
  get bytes(): number {
    return this.#lru?.calculatedSize ?? 0;
  }

  #currentVersion(): Promise<number> {
    if (this.#versionCheck) return this.#versionCheck;
    const check = this.#readVersion().finally(() => {
      if (this.#versionCheck === check) this.#versionCheck = undefined;
    });
    this.#versionCheck = check;
    return check;
  }
}

/** An entry's size: its answer as JSON text (two bytes a character), plus the overhead. */
function entryBytes(entry: Entry): number {
  const text = entry.value === undefined ? '' : JSON.stringify(entry.value);
  return ENTRY_OVERHEAD_BYTES + 2 * text.length;
}

/**
 * One reader's article reads through the {@link ReadCache}: the same answers as the reader, kept
 * per `viewer` ("" for the operator). `articlesSince` is not kept: the scheduler reads each
 * cursor once per slot, and its pages would crowd the commands' answers out.
 */
export class CachedArticleReader implements ArticleReader {
  readonly #reader: ArticleReader;
  readonly #cache: ReadCache;
  readonly #viewer: string;

  constructor(reader: ArticleReader, cache: ReadCache, viewer: string) {
    this.#reader = reader;
    this.#cache = cache;
    this.#viewer = viewer;
  }

  #read<T>(what: string, args: unknown[], load: () => Promise<T>): Promise<T> {
    return this.#cache.read(`${this.#viewer}\u0000${what}\u0000${JSON.stringify(args)}`, load);
  }

  getArticle(id: string): Promise<StoredArticle | undefined> {
    return this.#read('getArticle', [id], () => this.#reader.getArticle(id));
  }

  getArticleByUrl(url: string): Promise<StoredArticle | undefined> {
    return this.#read('getArticleByUrl', [url], () => this.#reader.getArticleByUrl(url));
  }

  articleLinks(articleId: string): Promise<string[]> {
    return this.#read('articleLinks', [articleId], () => this.#reader.articleLinks(articleId));
  }

  findArticle(query: string): Promise<StoredArticle | undefined> {
    return this.#read('findArticle', [query], () => this.#reader.findArticle(query));
  }

  listArticles(options: ListArticlesOptions = {}): Promise<ArticleListing[]> {
    const args = [options.limit ?? null, options.offset ?? null, options.titleWords ?? null];
    return this.#read('listArticles', args, () => this.#reader.listArticles(options));
  }

  articlesSince(cursor: number, limit?: number): Promise<StoredArticle[]> {
    return this.#reader.articlesSince(cursor, limit);
  }

  latestSeq(): Promise<number> {
    return this.#read('latestSeq', [], () => this.#reader.latestSeq());
  }

  findActorCoverage(nameOrKey: string, limit?: number, offset?: number): Promise<ActorCoverage[]> {
    return this.#read('findActorCoverage', [nameOrKey, limit ?? null, offset ?? null], () =>
      this.#reader.findActorCoverage(nameOrKey, limit, offset),
    );
  }

  countActorArticles(name: string): Promise<number> {
    return this.#read('countActorArticles', [name], () => this.#reader.countActorArticles(name));
  }

  findIdentities(name: string, limit?: number): Promise<IdentityMatch[]> {
    return this.#read('findIdentities', [name, limit ?? null], () =>
      this.#reader.findIdentities(name, limit),
    );
  }

  identityCoverage(identity: string, limit?: number, offset?: number): Promise<ActorCoverage[]> {
    return this.#read('identityCoverage', [identity, limit ?? null, offset ?? null], () =>
      this.#reader.identityCoverage(identity, limit, offset),
    );
  }

  listActorNames(prefix?: string, limit?: number): Promise<ActorName[]> {
    return this.#read('listActorNames', [prefix ?? null, limit ?? null], () =>
      this.#reader.listActorNames(prefix, limit),
    );
  }
}
