import { type FSWatcher, watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type IngestDeps, type IngestResult, ingestArticle } from './ingest.ts';
import { articleFormatOf, listArticleFiles, loadArticleFile } from './load-file.ts';

/** How the digests folder watcher behaves, and whom it tells. */
export interface DigestsWatcherDeps extends IngestDeps {
  /** Quiet time after the last change to a file before it is read (default 300 ms). */
  debounceMs?: number;
  /** Interval of the full rescan that catches what file events miss (default 5 s; 0 turns it off). */
  rescanMs?: number;
  /** Ingest the files already there at start (default false: the start-up ingest did). */
  ingestExisting?: boolean;
  onIngested?: (file: string, result: IngestResult) => void;
  onError?: (file: string, error: string) => void;
}

/** A running watcher of the digests folder. */
export interface DigestsWatcher {
  /** Resolves once the folder's current files are known (and ingested, with `ingestExisting`). */
  ready: Promise<void>;
  /** Stops watching and waits for an ingest in progress to finish. */
  stop(): Promise<void>;
}

/** A file's identity for change detection: modification time and size. */
async function signatureOf(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? `${info.mtimeMs}:${info.size}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Watches a folder of article files: a new or changed .txt/.md/.html file is loaded, cleaned,
 * analysed and stored within about `debounceMs` (file events) or `rescanMs` (the rescan); the
 * store keeps the same content once.
 */
export function watchDigestsFolder(dir: string, deps: DigestsWatcherDeps): DigestsWatcher {
  const debounceMs = deps.debounceMs ?? 300;
  const rescanMs = deps.rescanMs ?? 5000;
  const seen = new Map<string, string>();
  const timers = new Map<string, NodeJS.Timeout>();
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  let watcher: FSWatcher | undefined;

  const ingestFile = async (path: string) => {
    const signature = await signatureOf(path);
    if (signature === undefined) {
      seen.delete(path);
      return;
    }
    if (seen.get(path) === signature) return;
    seen.set(path, signature);
    const loaded = await loadArticleFile(path);
    if (!loaded.ok) {
      deps.onError?.(path, loaded.error);
      return;
    }
    try {
      const result = await ingestArticle(loaded.value, deps);
      if (result.ok) deps.onIngested?.(path, result.value);
      else deps.onError?.(path, result.error);
    } catch (error) {
      // One file the pipeline or the store cannot take must not stop the watcher.
      deps.onError?.(path, `could not be ingested (${(error as Error).message.split('\n')[0]})`);
    }
  };

  const enqueue = (path: string) => {
    chain = chain.then(() => (stopped ? undefined : ingestFile(path)));
  };

  const schedule = (path: string) => {
    if (stopped) return;
    clearTimeout(timers.get(path));
    timers.set(
      path,
      setTimeout(() => {
        timers.delete(path);
        enqueue(path);
      }, debounceMs),
    );
  };

  const rescan = async (initial: boolean) => {
    const files = await listArticleFiles(dir);
    if (!files.ok) {
      if (initial) deps.onError?.(dir, files.error);
      return;
    }
    for (const file of files.value) {
      if (initial && !deps.ingestExisting) {
        const signature = await signatureOf(file);
        if (signature !== undefined) seen.set(file, signature);
      } else if (seen.get(file) !== (await signatureOf(file))) {
        if (initial) enqueue(file);
        else schedule(file);
      }
    }
  };

  const ready = rescan(true).then(() => chain);
  try {
    watcher = watch(dir, (_event, filename) => {
      if (filename && articleFormatOf(filename.toString()) !== undefined)
        schedule(join(dir, filename.toString()));
    });
    watcher.on('error', (error) =>
      deps.onError?.(dir, `watching stopped (${error.message}); rescanning only`),
    );
  } catch (error) {
    deps.onError?.(
      dir,
      `cannot watch (${(error as NodeJS.ErrnoException).code ?? 'error'}); rescanning only`,
    );
  }
  const interval =
    rescanMs > 0 ? setInterval(() => void ready.then(() => rescan(false)), rescanMs) : undefined;
  interval?.unref();

  return {
    ready,
    async stop() {
      stopped = true;
      watcher?.close();
      clearInterval(interval);
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await chain;
    },
  };
}
