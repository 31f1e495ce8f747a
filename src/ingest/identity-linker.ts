/**
 * The background linker of the actor directory: relinks every stored sighting to its identity
 * (`core/actors/directory.ts`) when new coverage has arrived, so a surname-only mention follows
 * the coverage of its period as it grows. Saving an article links its own actors at once; this
 * places them among all coverage. The operator's corrections are read at every relink.
 */
import { linkSightings } from '../core/actors/directory.ts';
import type { ArticleReader, IdentityStore } from '../core/ports.ts';

/** How often the linker looks for new coverage by default. */
export const DEFAULT_RELINK_INTERVAL_MS = 30_000;

/** What one relink did. */
export interface RelinkReport {
  sightings: number;
  identities: number;
}

/** What the linker reads and writes. */
export interface IdentityLinkerDeps {
  store: IdentityStore & Pick<ArticleReader, 'latestSeq'>;
  intervalMs?: number;
  onRelinked?: (report: RelinkReport) => void;
  onError?: (error: unknown) => void;
}

/** Relinks every sighting now, with the operator's corrections; returns the counts. */
export async function relinkIdentities(store: IdentityStore): Promise<RelinkReport> {
  const [sightings, corrections] = await Promise.all([
    store.listSightings(),
    store.listIdentityCorrections(),
  ]);
  const links = linkSightings(sightings, corrections);
  await store.replaceSightingLinks(links);
  return { sightings: links.length, identities: new Set(links.map((link) => link.identity)).size };
}

/** The running linker: `start` relinks once and then whenever the newest article changes; `stop` waits for a relink in flight. */
export interface IdentityLinker {
  start(): void;
  /** Settles when the first relink after `start` has finished (or failed). */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
  /** Relinks at the next tick even if no article is new (after a correction). */
  request(): void;
}

/** Creates the background linker (see the file comment). */
export function createIdentityLinker(deps: IdentityLinkerDeps): IdentityLinker {
  const intervalMs = deps.intervalMs ?? DEFAULT_RELINK_INTERVAL_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let linkedSeq = -1;
  let requested = true;
  let stopped = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const tick = async () => {
    const seq = await deps.store.latestSeq();
    if (seq === linkedSeq && !requested) return;
    requested = false;
    const report = await relinkIdentities(deps.store);
    linkedSeq = seq;
    deps.onRelinked?.(report);
  };
  const schedule = () => {
    if (stopped) return;
    running = tick().catch((error: unknown) => deps.onError?.(error));
    void running.then(() => {
      markReady();
      if (!stopped) timer = setTimeout(schedule, intervalMs);
    });
  };
  return {
    ready,
    start: () => {
      stopped = false;
      schedule();
    },
    stop: async () => {
      stopped = true;
      markReady();
      if (timer) clearTimeout(timer);
      await running;
    },
    request: () => {
      requested = true;
    },
  };
}
