import pino, { type Logger } from 'pino';

/** The process's structured logger; writes JSON lines to stderr so stdout stays the console channel. */
export type { Logger };

/** Creates the logger of one newsdesk process. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'newsdesk' } }, pino.destination(2));
}
