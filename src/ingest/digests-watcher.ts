import { type FSWatcher, watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type IngestDeps, type IngestResult, ingestText } from './ingest.ts';
import { articleFormatOf, listArticleFiles, readArticleFile } from './load-file.ts';

/** How the digests folder watcher behaves, and whom it tells. */
export interface DigestsWatcherDeps extends IngestDeps {
  /** Quiet time after the last change to a file before it is read (default 300 ms). */
  debounceMs?: number;
  /** Interval of the full rescan that catches what file events miss (default 5 s; 0 turns it off). */
  rescanMs?: number;
  /** Called for each file ingested after the start-up ingest (those are counted in the tally). */
  onIngested?: (file: string, result: IngestResult) => void;
  onError?: (file: string, error: string) => void;
}

/** What the start-up ingest of the folder did. */
export interface IngestTally {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

/** A running watcher of the digests folder. */
export interface DigestsWatcher {
  /** Resolves once the files in the folder at start are ingested (the start-up ingest), with its tally. */
  ready: Promise<IngestTally>;
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
 * Watches a folder of article files and ingests them: first every file there at start (the
 * start-up ingest), then each new or changed .txt/.md/.html file within about `debounceMs` (file
 * events) or `rescanMs` (the rescan). The folder is watched before it is first listed, and a file
 * counts as seen only when its ingest starts, so a file dropped during start-up is never missed.
 * The store keeps the same content once.
 */
export function watchDigestsFolder(dir: string, deps: DigestsWatcherDeps): DigestsWatcher {
  const debounceMs = deps.debounceMs ?? 300;
  const rescanMs = deps.rescanMs ?? 5000;
  const seen = new Map<string, string>();
  const timers = new Map<string, NodeJS.Timeout>();
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  let watcher: FSWatcher | undefined;
  let tally: IngestTally | undefined = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  const failed = (path: string, error: string) => {
    if (tally) tally.failed++;
    deps.onError?.(path, error);
  };
  const ingested = (path: string, result: IngestResult) => {
    if (!tally) deps.onIngested?.(path, result);
    else if (result.outcome === 'created') tally.created++;
    else if (result.outcome === 'updated') tally.updated++;
    else tally.unchanged++;
  };

  const ingestFile = async (path: string) => {
    const signature = await signatureOf(path);
    if (signature === undefined) {
      seen.delete(path);
      return;
    }
    if (seen.get(path) === signature) return;
    seen.set(path, signature);
    const read = await readArticleFile(path);
    if (!read.ok) {
      failed(path, read.error);
      return;
    }
    try {
      const result = await ingestText(read.value, deps);
      if (result.ok) ingested(path, result.value);
      else failed(path, result.error);
    } catch (error) {
      // One file the pipeline or the store cannot take must not stop the watcher.
      failed(path, `could not be ingested (${(error as Error).message.split('\n')[0]})`);
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
    const listed = await listArticleFiles(dir);
    if (!listed.ok) {
      if (initial) deps.onError?.(dir, listed.error);
      return;
    }
    if (initial) for (const path of listed.value.skipped) failed(path, 'not a regular file');
    for (const file of listed.value.files) {
      if (initial) enqueue(file);
      else if (seen.get(file) !== (await signatureOf(file))) schedule(file);
    }
  };

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
  const ready = rescan(true)
    .then(() => chain)
    .then(() => {
      const startUp = tally ?? { created: 0, updated: 0, unchanged: 0, failed: 0 };
      tally = undefined;
      return startUp;
    });
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
