import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { err, ok, type Result } from './core/result.ts';
import { isTimeZone } from './core/schedule/time-zone.ts';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** A number of seconds given as text: `0.5`, `10`; bounded so a typo cannot stall a stop or a retry for hours. */
function seconds(defaultValue: number, max: number) {
  return z.coerce.number().positive().max(max).default(defaultValue);
}

/** A TCP port, or unset; 0 asks for any free port (the bound port is logged). */
const optionalPort = optionalText
  .refine((value) => value === undefined || (/^\d{1,5}$/.test(value) && Number(value) <= 65535), {
    message: 'must be a port number from 0 to 65535',
  })
  .transform((value) => (value === undefined ? undefined : Number(value)));

const optionalUrl = optionalText.refine((value) => value === undefined || URL.canParse(value), {
  message: 'must be an absolute URL such as http://127.0.0.1:3000/api',
});

const schema = z.object({
  DATABASE_URL: optionalText.refine(
    (value) => value === undefined || /^(postgres(ql)?:\/\/|sqlite:|file:)/.test(value),
    { message: 'must start with postgres://, postgresql://, sqlite: or file:' },
  ),
  DIGESTS_DIR: z.string().trim().min(1).default('digests'),
  INSTANCE_ID: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SUMMARY_SENTENCES: z.coerce.number().int().min(1).max(10).default(3),
  DEFAULT_TIMEZONE: z
    .string()
    .trim()
    .default('UTC')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin' }),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.refine((value) => value === undefined || /^\d{5,25}$/.test(value), {
    message: 'must be the numeric application id from the Discord developer portal',
  }),
  DISCORD_GUILD_ID: optionalText.refine((value) => value === undefined || /^\d{5,25}$/.test(value), {
    message: 'must be a numeric guild (server) id',
  }),
  DISCORD_API_URL: optionalUrl,
  SLACK_BOT_TOKEN: optionalText.refine((value) => value === undefined || value.startsWith('xoxb-'), {
    message: 'must be a bot token starting with xoxb-',
  }),
  SLACK_APP_TOKEN: optionalText.refine((value) => value === undefined || value.startsWith('xapp-'), {
    message: 'must be an app-level token starting with xapp-',
  }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: optionalUrl,
  SLACK_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  FETCH_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((host) => host.trim())
        .filter((host) => host !== ''),
    )
    .refine(
      (hosts) => hosts.every((host) => /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(host)),
      {
        message: 'must be a comma-separated list of host or host:port, e.g. feeds.lan,127.0.0.1:8080',
      },
    ),
  FEED_POLL_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  // The read cache's budget; 0 turns it off (every command reads the database).
  READ_CACHE_MB: z.coerce.number().int().min(0).max(65_536).default(64),
  CONSOLE: z.enum(['auto', 'on', 'off']).default('auto'),
  SHUTDOWN_GRACE_SECONDS: seconds(10, 600),
  RETRY_BASE_SECONDS: seconds(1, 600),
  RETRY_MAX_SECONDS: seconds(60, 3600),
  HEALTH_PORT: optionalPort,
  HEALTH_HOST: z.string().trim().min(1).default('0.0.0.0'),
  ANALYSIS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(3000),
});

/** Settings that only work together: checked on the raw values so they are listed with every other problem. */
function missingCompanions(
  env: Readonly<Record<string, string | undefined>>,
): { path: string[]; message: string }[] {
  const set = (key: string) => (env[key] ?? '').trim() !== '';
  const issues: { path: string[]; message: string }[] = [];
  if (set('DISCORD_TOKEN') && !set('DISCORD_APPLICATION_ID')) {
    issues.push({ path: ['DISCORD_APPLICATION_ID'], message: 'is required when DISCORD_TOKEN is set' });
  }
  if (set('SLACK_BOT_TOKEN') && !set('SLACK_APP_TOKEN') && !set('SLACK_SIGNING_SECRET')) {
    issues.push({
      path: ['SLACK_APP_TOKEN'],
      message: 'or SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set',
    });
  }
  return issues;
}

/** Settings each valid alone that contradict each other once parsed. */
function conflictingValues(e: z.infer<typeof schema>): { path: string[]; message: string }[] {
  if (e.RETRY_BASE_SECONDS <= e.RETRY_MAX_SECONDS) return [];
  return [{ path: ['RETRY_BASE_SECONDS'], message: 'must not exceed RETRY_MAX_SECONDS' }];
}

/** Slack's connection mode, decided by which tokens are set. */
export type SlackConfig =
  | { mode: 'socket'; botToken: string; appToken: string; apiUrl: string | undefined }
  | { mode: 'http'; botToken: string; signingSecret: string; port: number; apiUrl: string | undefined };

/** Discord's settings, present when DISCORD_TOKEN is set. */
export interface DiscordConfig {
  token: string;
  applicationId: string;
  guildId: string | undefined;
  apiUrl: string | undefined;
}

/** The validated settings of one newsdesk process. */
export interface Config {
  /** `postgres://…` for PostgreSQL; otherwise a SQLite file path. */
  databaseUrl: string | undefined;
  digestsDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  summarySentences: number;
  defaultTimezone: string;
  /** Names this process in the delivery log; stable across restarts, unique among live processes. */
  instanceId: string;
  discord: DiscordConfig | undefined;
  slack: SlackConfig | undefined;
  /** Hosts (host or host:port) fetched even though they resolve to loopback or private addresses. */
  fetchAllowedHosts: string[];
  /** Minutes between two polls of one feed. */
  feedPollMinutes: number;
  /** The read model's cache budget in bytes (0: no cache). */
  readCacheBytes: number;
  /** Whether the console platform runs: `auto` when no chat platform is set or stdin is a terminal. */
  console: ConsoleMode;
  /** How long a stop may take before newsdesk logs what it abandoned and exits anyway. */
  shutdownGraceMs: number;
  /** Backoff of start-up retries (platforms, database) and of Slack reconnects. */
  retry: RetryPolicy;
  /** The health and metrics endpoint, when HEALTH_PORT is set. */
  health: { port: number; host: string } | undefined;
  /** Time one article's parse, clean and analysis may take in its worker before it is given up. */
  analysisTimeoutMs: number;
}

/** CONSOLE: where the console platform runs. */
export type ConsoleMode = 'auto' | 'on' | 'off';

/** Capped exponential backoff: the first wait, and the longest any wait may get. */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * Validates an environment (process.env merged over `.env`) into a {@link Config}, or lists every bad
 * setting at once, one per line.
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Result<Config, string> {
  const parsed = schema.safeParse(env);
  const issues = [
    ...(parsed.success ? conflictingValues(parsed.data) : parsed.error.issues),
    ...missingCompanions(env),
  ];
  if (!parsed.success || issues.length > 0) {
    const lines = issues.map((issue) => `  ${issue.path.join('.') || 'config'} ${issue.message}`);
    return err(`Invalid configuration (.env or environment):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const discord: DiscordConfig | undefined =
    e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID
      ? {
          token: e.DISCORD_TOKEN,
          applicationId: e.DISCORD_APPLICATION_ID,
          guildId: e.DISCORD_GUILD_ID,
          apiUrl: e.DISCORD_API_URL,
        }
      : undefined;
  let slack: SlackConfig | undefined;
  if (e.SLACK_BOT_TOKEN && e.SLACK_APP_TOKEN) {
    slack = {
      mode: 'socket',
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
    };
  } else if (e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET) {
    slack = {
      mode: 'http',
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      port: e.SLACK_PORT,
      apiUrl: e.SLACK_API_URL,
    };
  }
  return ok({
    databaseUrl: e.DATABASE_URL,
    digestsDir: e.DIGESTS_DIR,
    logLevel: e.LOG_LEVEL,
    summarySentences: e.SUMMARY_SENTENCES,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    instanceId: e.INSTANCE_ID ?? hostname(),
    discord,
    slack,
    fetchAllowedHosts: e.FETCH_ALLOWED_HOSTS,
    feedPollMinutes: e.FEED_POLL_MINUTES,
    readCacheBytes: e.READ_CACHE_MB * 1024 * 1024,
    console: e.CONSOLE,
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    retry: { baseMs: e.RETRY_BASE_SECONDS * 1000, maxMs: e.RETRY_MAX_SECONDS * 1000 },
    health: e.HEALTH_PORT === undefined ? undefined : { port: e.HEALTH_PORT, host: e.HEALTH_HOST },
    analysisTimeoutMs: e.ANALYSIS_TIMEOUT_MS,
  });
}

/**
 * Reads `.env` (if present; the process environment wins over it) and validates the result. The
 * only place in newsdesk that reads `process.env`.
 */
export function loadConfig(envFile = '.env'): Result<Config, string> {
  let fromFile: Record<string, string> = {};
  try {
    fromFile = parseDotenv(readFileSync(envFile));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      return err(`Cannot read ${envFile}: ${String(error)}`);
  }
  return parseConfig({ ...fromFile, ...process.env });
}
