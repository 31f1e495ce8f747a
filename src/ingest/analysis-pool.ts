import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Analysis } from '../core/analysis/types.ts';
import type { Article, ScrapedArticle } from '../core/article/article.ts';
import { err, ok, type Result } from '../core/result.ts';
import type {
  AnalysedArticle,
  AnalysisTask,
  AnalysisTaskResults,
  ArticleText,
  TaskFailure,
} from './analysis-tasks.ts';
import type { TaskEnvelope } from './analysis-worker.ts';
import type { ParsedFeed } from './feed-parse.ts';

/** Default time budget of one article (parse, clean and analyse), `ANALYSIS_TIMEOUT_MS`. */
export const DEFAULT_ANALYSIS_TIMEOUT_MS = 3000;
/** Heap cap of one worker: the 5 MB article cap analyses in well under this, and no input gets more. */
export const DEFAULT_ANALYSIS_HEAP_MB = 512;
/** Niceness added to worker threads (Linux, 0-19 scale): low enough that commands win the cores. */
const WORKER_NICE_INCREMENT = 10;

/**
 * Why the pool could not give an answer: `refused` is the analysis's own expected answer (no
 * article in the page), `unanalysable` an input over its time or memory budget, over the
 * analysis's size limits, or one the analysis fails on (worth recording, so it is not tried
 * again), `stopped` the pool closing meanwhile or no worker starting (nothing to hold against
 * the input).
 */
export type PoolFailure =
  | { kind: 'refused'; reason: string }
  | { kind: 'unanalysable'; reason: string }
  | { kind: 'stopped'; reason: string };

/** A pool's answer: the value, or why there is none. */
export type PoolResult<T> = Result<T, PoolFailure>;

/** Parsing, cleaning and analysis off the event loop, each input within a time and memory budget. */
export interface AnalysisPool {
  /** How many worker threads the pool runs. */
  readonly threads: number;
  /** Parses an article's text, cleans and analyses it. */
  read(input: ArticleText, summarySentences?: number): Promise<PoolResult<AnalysedArticle>>;
  /** Parses an article's text (a page, a file) into blocks and metadata. */
  parse(input: ArticleText): Promise<PoolResult<ScrapedArticle>>;
  /** Cleans and analyses a scraped article. */
  analyze(scraped: ScrapedArticle, summarySentences?: number): Promise<PoolResult<AnalysedArticle>>;
  /** Analyses an article that is already clean (a stored one, under new rules). */
  reanalyze(article: Article, summarySentences?: number): Promise<PoolResult<Analysis>>;
  /** Parses an RSS or Atom document. */
  parseFeed(xml: string, url: string): Promise<PoolResult<ParsedFeed>>;
  /** The text blocks of an HTML fragment (a feed item's content). */
  blocks(html: string): Promise<PoolResult<string[]>>;
  /** Stops the workers; tasks still running end as `stopped`. */
  close(): Promise<void>;
}

/** How the pool is sized and budgeted. */
export interface AnalysisPoolOptions {
  /** Time one task may run before its worker is terminated (default 3000 ms). */
  timeoutMs?: number;
  /** Worker threads (default: the cores less one, at least one). */
  threads?: number;
  /** Heap cap of each worker in MB (default 512). */
  heapMb?: number;
  /** Told of a worker that failed outside any task (it is replaced); default: ignored. */
  onWorkerError?: (error: Error) => void;
}

/** The worker module beside this one, with this module's extension: `.ts` under tsx, `.js` when built. */
function workerModule(): { filename: string; execArgv: string[] } {
  const extension = extname(fileURLToPath(import.meta.url));
  const filename = new URL(`./analysis-worker${extension}`, import.meta.url).href;
  // A TypeScript worker needs tsx's loader: inherited under the tsx CLI, added elsewhere (vitest).
  const needsLoader = extension === '.ts' && !process.execArgv.some((arg) => arg.includes('tsx'));
  return { filename, execArgv: needsLoader ? [...process.execArgv, '--import', 'tsx'] : process.execArgv };
}

/** `Atomics.waitAsync` (ES2024, in Node.js since 16), typed here as the project's lib is ES2023. */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(array: Int32Array, index: number, value: number): { async: boolean; value: unknown };
  }
).waitAsync;

/** Resolves once a worker has set the task's `started` flag. */
async function whenStarted(started: Int32Array): Promise<void> {
  const wait = waitAsync(started, 0, 0);
  if (wait.async) await wait.value;
}

/** The first line of a thrown value's message. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? '';
}

/** Lets at most `limit` tasks run at once, the rest waiting in order. */
class Gate {
  readonly #limit: number;
  readonly #waiting: (() => void)[] = [];
  #running = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  async enter(): Promise<void> {
    if (this.#running < this.#limit) {
      this.#running++;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  leave(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running--;
  }
}

/**
 * Starts the analysis pool: piscina worker threads, each capped at `heapMb`; a task over
 * `timeoutMs` has its worker terminated (piscina starts a fresh one) and ends `unanalysable`.
 * Tasks are let into the pool only as workers are free, so the budget counts running time, not
 * time spent queued behind another article.
 */
export function createAnalysisPool(options: AnalysisPoolOptions = {}): AnalysisPool {
  const timeoutMs = options.timeoutMs ?? DEFAULT_ANALYSIS_TIMEOUT_MS;
  const heapMb = options.heapMb ?? DEFAULT_ANALYSIS_HEAP_MB;
  const threads = Math.max(1, options.threads ?? availableParallelism() - 1);
  // Started at the first task, so a command that analyses nothing starts no thread.
  let piscina: Piscina | undefined;
  const workers = (): Piscina => {
    if (piscina) return piscina;
    piscina = new Piscina({
      ...workerModule(),
      minThreads: threads,
      maxThreads: threads,
      // Workers stay up between articles: starting one costs far more than a typical analysis.
      idleTimeout: Number.POSITIVE_INFINITY,
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
      // Lower CPU priority for the workers: on a busy machine the event loop answering commands comes first.
      niceIncrement: WORKER_NICE_INCREMENT,
    });
    // A worker that dies outside a task is replaced by piscina; unheard, the event would end the process.
    piscina.on('error', (error: Error) => options.onWorkerError?.(error));
    return piscina;
  };
  const gate = new Gate(threads);
  let closed = false;

  async function run<K extends AnalysisTask['kind']>(
    task: Extract<AnalysisTask, { kind: K }>,
  ): Promise<PoolResult<AnalysisTaskResults[K]>> {
    if (closed) return err({ kind: 'stopped', reason: 'the analysis pool is closed' });
    await gate.enter();
    if (closed) {
      gate.leave();
      return err({ kind: 'stopped', reason: 'the analysis pool is closed' });
    }
    const controller = new AbortController();
    let overBudget = false;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const started = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const envelope: TaskEnvelope = { task, started };
    // The budget starts when a worker starts the task: a worker's start-up is not the input's fault.
    void whenStarted(started).then(() => {
      if (settled) return;
      timer = setTimeout(() => {
        overBudget = true;
        controller.abort();
      }, timeoutMs);
    });
    try {
      return ok((await workers().run(envelope, { signal: controller.signal })) as AnalysisTaskResults[K]);
    } catch (error) {
      if (overBudget) return err({ kind: 'unanalysable', reason: `analysis took over ${timeoutMs} ms` });
      if (closed) return err({ kind: 'stopped', reason: 'the analysis pool closed' });
      // A worker that failed before starting the task says nothing about the input.
      if (Atomics.load(started, 0) === 0)
        return err({ kind: 'stopped', reason: `no analysis worker could start (${firstLine(error)})` });
      if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY')
        return err({ kind: 'unanalysable', reason: `analysis needed over ${heapMb} MB` });
      return err({ kind: 'unanalysable', reason: `analysis failed (${firstLine(error)})` });
    } finally {
      settled = true;
      clearTimeout(timer);
      // Wakes the start waiter of a task that never started (the pool closing).
      Atomics.store(started, 0, 1);
      Atomics.notify(started, 0);
      gate.leave();
    }
  }

  /** A task whose answer is itself a Result: its failure (refused, or over a size limit) is the pool's. */
  async function runChecked<K extends 'read' | 'parse' | 'analyze' | 'feed'>(
    task: Extract<AnalysisTask, { kind: K }>,
  ): Promise<PoolResult<AnalysisTaskResults[K] extends Result<infer T, TaskFailure> ? T : never>> {
    const answer = await run(task);
    if (!answer.ok) return answer;
    return answer.value as Result<never, TaskFailure>;
  }

  const withSummary = (summarySentences: number | undefined) =>
    summarySentences === undefined ? {} : { summarySentences };

  return {
    threads,
    read: (input, summarySentences) => runChecked({ kind: 'read', input, ...withSummary(summarySentences) }),
    parse: (input) => runChecked({ kind: 'parse', input }),
    analyze: (scraped, summarySentences) =>
      runChecked({ kind: 'analyze', scraped, ...withSummary(summarySentences) }),
    reanalyze: (article, summarySentences) =>
      run({ kind: 'reanalyze', article, ...withSummary(summarySentences) }),
    parseFeed: (xml, url) => runChecked({ kind: 'feed', xml, url }),
    blocks: (html) => run({ kind: 'blocks', html }),
    async close() {
      if (closed) return;
      closed = true;
      await piscina?.destroy();
    },
  };
}
