/**
 * The metrics port backed by prom-client: one registry per process with newsdesk's counters,
 * histograms and gauges, plus prom-client's default process metrics (CPU, memory, event loop lag,
 * handles), served as Prometheus text at `/metrics`.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics } from '../core/metrics.ts';

/** Command latency buckets (s): acks must come within 3 s; lookups take milliseconds, digests longer. */
const COMMAND_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Analysis buckets (s): a typical article takes milliseconds, hostile ones seconds. */
const ANALYSIS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5, 10];

/** Live values read when Prometheus scrapes, not pushed. */
export interface LiveReadings {
  /** Scheduled posts waiting for or in a platform call. */
  postQueueDepth(): number;
  /** Each configured platform and whether it is connected. */
  platforms(): { platform: string; connected: boolean }[];
}

/** The prom-client side of newsdesk's metrics. */
export interface PromMetrics {
  metrics: Metrics;
  registry: Registry;
  /** Connects the gauges to their live values (once main.ts has built the parts they read). */
  readFrom(readings: LiveReadings): void;
}

/** Builds the registry and the {@link Metrics} that write into it. */
export function createPromMetrics(): PromMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const commands = new Counter({
    name: 'newsdesk_commands_total',
    help: 'Commands answered, by command and outcome (ok or the error code).',
    labelNames: ['command', 'outcome'] as const,
    registers,
  });
  const commandSeconds = new Histogram({
    name: 'newsdesk_command_duration_seconds',
    help: 'Time from a command to its answer, by command.',
    labelNames: ['command'] as const,
    buckets: COMMAND_BUCKETS,
    registers,
  });
  const posts = new Counter({
    name: 'newsdesk_posts_total',
    help: 'Scheduled digest posts by platform and outcome: delivered, retried, failed, paused.',
    labelNames: ['platform', 'outcome'] as const,
    registers,
  });
  const slots = new Counter({
    name: 'newsdesk_slots_claimed_total',
    help: 'Delivery slots this process claimed, by platform.',
    labelNames: ['platform'] as const,
    registers,
  });
  const feedPolls = new Counter({
    name: 'newsdesk_feed_polls_total',
    help: 'Feed polls by outcome: ok, not-modified, failed, disabled, error.',
    labelNames: ['outcome'] as const,
    registers,
  });
  const ingested = new Counter({
    name: 'newsdesk_articles_ingested_total',
    help: 'Articles through ingest, by source (folder, feed, url) and outcome.',
    labelNames: ['source', 'outcome'] as const,
    registers,
  });
  const analysisSeconds = new Histogram({
    name: 'newsdesk_analysis_duration_seconds',
    help: 'Time to clean and analyse one article.',
    buckets: ANALYSIS_BUCKETS,
    registers,
  });
  let readings: LiveReadings | undefined;
  new Gauge({
    name: 'newsdesk_post_queue_depth',
    help: 'Scheduled posts waiting for or in a platform call.',
    registers,
    collect() {
      this.set(readings?.postQueueDepth() ?? 0);
    },
  });
  new Gauge({
    name: 'newsdesk_platform_connected',
    help: '1 while a configured chat platform is connected, else 0.',
    labelNames: ['platform'] as const,
    registers,
    collect() {
      for (const { platform, connected } of readings?.platforms() ?? [])
        this.set({ platform }, connected ? 1 : 0);
    },
  });
  const metrics: Metrics = {
    commandAnswered(command, outcome, seconds) {
      commands.inc({ command, outcome });
      commandSeconds.observe({ command }, seconds);
    },
    postFinished: (platform, outcome) => posts.inc({ platform, outcome }),
    slotClaimed: (platform) => slots.inc({ platform }),
    feedPolled: (outcome) => feedPolls.inc({ outcome }),
    articleIngested: (source, outcome) => ingested.inc({ source, outcome }),
    articleAnalysed: (seconds) => analysisSeconds.observe(seconds),
  };
  return {
    metrics,
    registry,
    readFrom(live) {
      readings = live;
    },
  };
}
