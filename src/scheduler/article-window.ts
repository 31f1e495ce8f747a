/**
 * The articles one scheduler run reads: per workspace (what its subscriptions may see, filtered
 * by the store's query), pages of "articles since a cursor" shared by every delivery of the run.
 */
import type { ArticleReader, ArticleViews, StoredArticle, WorkspaceKey } from '../core/ports.ts';

/** Articles per page of "since a cursor". */
const PAGE_SIZE = 100;

/** Pages of one workspace's "articles since a cursor", read once per run. */
export class ArticleWindow {
  readonly #pages = new Map<number, Promise<StoredArticle[]>>();
  readonly #digests = new Map<string, Promise<unknown>>();
  readonly #reader: ArticleReader;
  #latest: Promise<number> | undefined;

  constructor(reader: ArticleReader) {
    this.#reader = reader;
  }

  /** The newest article `seq` the workspace sees (read once per run). */
  latestSeq(): Promise<number> {
    this.#latest ??= this.#reader.latestSeq();
    return this.#latest;
  }

  /**
   * What `make` gives for `key`, made once per run: subscriptions of one workspace at the same
   * cursor with the same options share one composed digest (10,000 channels, one digest object).
   */
  once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let made = this.#digests.get(key) as Promise<T> | undefined;
    if (!made) {
      made = make();
      // A failed composition is not kept: the next delivery tries again.
      made.catch(() => this.#digests.delete(key));
      this.#digests.set(key, made);
    }
    return made;
  }

  /** Every article after `cursor` the workspace sees, oldest first. */
  async since(cursor: number): Promise<StoredArticle[]> {
    const all: StoredArticle[] = [];
    let at = cursor;
    for (;;) {
      let page = this.#pages.get(at);
      if (!page) {
        page = this.#reader.articlesSince(at, PAGE_SIZE);
        // A failed read is not kept: the next delivery asks again.
        page.catch(() => this.#pages.delete(at));
        this.#pages.set(at, page);
      }
      const articles = await page;
      all.push(...articles);
      const last = articles.at(-1);
      if (!last || articles.length < PAGE_SIZE) return all;
      at = last.seq;
    }
  }
}

/** One {@link ArticleWindow} per workspace, for one run. */
export class WorkspaceWindows {
  readonly #views: ArticleViews;
  readonly #windows = new Map<WorkspaceKey, ArticleWindow>();

  constructor(views: ArticleViews) {
    this.#views = views;
  }

  /** The window of `workspace`: global articles and its own. */
  of(workspace: WorkspaceKey): ArticleWindow {
    let window = this.#windows.get(workspace);
    if (!window) {
      window = new ArticleWindow(this.#views.visibleTo(workspace));
      this.#windows.set(workspace, window);
    }
    return window;
  }
}
