/**
 * Delivery slots: the instants a five-field cron expression is due in an IANA time zone, computed
 * by cron-parser (a pure library: no timers, no I/O), which only this file imports.
 *
 * DST rule (RFC 5545 and Temporal's "compatible" disambiguation), which cron-parser's forward
 * iteration follows and tests/unit/schedule.test.ts pins down:
 * - A local time that happens twice on a fall-back day (Europe/Berlin 2024-10-27 02:30) is due
 *   once, at its first occurrence (02:30 CEST = 00:30 UTC).
 * - A local time that does not exist on a spring-forward day (Europe/Berlin 2024-03-31 02:30) is
 *   due once, read with the offset in force before the jump: 02:30 CET = 01:30 UTC = 03:30 CEST.
 * Only forward iteration is used (cron-parser's `prev()` gets both DST days wrong), and it starts
 * an hour before the window: started inside a repeated hour, cron-parser would fire its times again.
 */
import { type CronExpression, CronExpressionParser } from 'cron-parser';
import { err, ok, type Result } from '../result.ts';
import { isTimeZone } from './time-zone.ts';

/** A validated cron expression read in one IANA time zone: what a subscription's slots come from. */
export interface Schedule {
  readonly cron: string;
  readonly timezone: string;
}

/** The library's iterator of each schedule, kept out of the type so nothing outside this file sees cron-parser. */
const expressions = new WeakMap<Schedule, CronExpression>();

/** The schedule's iterator; only the functions below move it, each resetting it first. */
function expressionOf(schedule: Schedule): CronExpression {
  const found = expressions.get(schedule);
  if (found) return found;
  // A Schedule made by hand rather than by compileSchedule: parse it now (its fields were checked there).
  const parsed = parse(schedule.cron.split(' '), schedule.timezone);
  expressions.set(schedule, parsed);
  return parsed;
}

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;
/** The longest fall-back repeats one hour; iterating from this far back enters it from before. */
const REPEATED_HOUR_LEAD_IN_MS = HOUR_MS + 60_000;
/** A subscription must fire within this span of being made (a year and a leap day). */
export const MUST_FIRE_WITHIN_MS = 366 * DAY_MS;
/** How far `nextSlots` looks: a leap-day schedule may wait eight years (2096 to 2104). */
const NEXT_SLOTS_HORIZON_MS = 8 * 366 * DAY_MS;

/** What each field accepts, for the error that names a bad one. */
const FIELDS = [
  { name: 'minute', values: '0-59' },
  { name: 'hour', values: '0-23' },
  { name: 'day-of-month', values: '1-31' },
  { name: 'month', values: '1-12 or jan-dec' },
  { name: 'day-of-week', values: '0-7 or sun-sat' },
] as const;

/** cron-parser's "H" picks a random value per parse, so the same schedule would move between starts. */
const HASHED_VALUE = /(?<![a-z])h(?![a-z])/i;

function parse(fields: readonly string[], timezone: string): CronExpression {
  return CronExpressionParser.parse(fields.join(' '), { tz: timezone, strict: false });
}

/** The first field that is wrong on its own, as one sentence, or undefined when each is valid alone. */
function badField(fields: readonly string[]): string | undefined {
  for (const [index, rule] of FIELDS.entries()) {
    const text = fields[index] ?? '';
    const alone = FIELDS.map((_, other) => (other === index ? text : '*'));
    let valid = !HASHED_VALUE.test(text);
    try {
      if (valid) parse(alone, 'UTC');
    } catch {
      valid = false;
    }
    if (!valid)
      return `${rule.name} field '${text}' is not valid: use ${rule.values}, a list (1,15), a range (1-5) or a step (*/15)`;
  }
  return undefined;
}

/**
 * Validates a cron expression and a time zone into a {@link Schedule}; the error is one sentence
 * naming the bad part ("minute field '61' is not valid: use 0-59, …", "time zone 'Europe/Berln' …").
 */
export function compileSchedule(cron: string, timezone: string): Result<Schedule, string> {
  const fields = cron.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== FIELDS.length) {
    return err(
      `a schedule has 5 fields (minute hour day-of-month month day-of-week), "${cron.trim()}" has ${fields.length}`,
    );
  }
  const field = badField(fields);
  if (field) return err(field);
  if (!isTimeZone(timezone)) {
    return err(`time zone '${timezone}' is not an IANA time zone name (such as Europe/Berlin or UTC)`);
  }
  try {
    const schedule: Schedule = { cron: fields.join(' '), timezone };
    expressions.set(schedule, parse(fields, timezone));
    return ok(schedule);
  } catch {
    // Each field is valid alone, so only their combination can fail (cron-parser checks the days).
    return err(`"${fields.join(' ')}" never fires: no month has that day (such as 30 February)`);
  }
}

/** The slots of `schedule` in the window (`after`, `until`], oldest first (the first `limit`). */
export function slotsBetween(
  schedule: Schedule,
  after: Date,
  until: Date,
  limit = Number.POSITIVE_INFINITY,
): Date[] {
  const found: Date[] = [];
  if (!(until.getTime() > after.getTime())) return found;
  expressionOf(schedule).reset(new Date(after.getTime() - REPEATED_HOUR_LEAD_IN_MS));
  while (found.length < limit) {
    const next = nextOf(schedule);
    if (!next || next.getTime() > until.getTime()) return found;
    if (next.getTime() > after.getTime()) found.push(next);
  }
  return found;
}

/**
 * The expression's next instant, or undefined where cron-parser gives up (its loop limit; zones
 * with half-hour DST such as Australia/Lord_Howe can reach it).
 */
function nextOf(schedule: Schedule): Date | undefined {
  try {
    return expressionOf(schedule).next().toDate();
  } catch {
    return undefined;
  }
}

/** The latest slot in (`after`, `until`], if any: the one slot to post after a gap, never the backlog. */
export function latestSlot(schedule: Schedule, after: Date, until: Date): Date | undefined {
  // Narrow windows first: a minute schedule over a day's catch-up need not walk 1,440 slots.
  for (const span of [HOUR_MS, DAY_MS, Number.POSITIVE_INFINITY]) {
    const from = Math.max(after.getTime(), until.getTime() - span);
    const last = slotsBetween(schedule, new Date(from), until).at(-1);
    if (last || from === after.getTime()) return last;
  }
  return undefined;
}

/** The next `count` slots after `from`, within eight years. */
export function nextSlots(schedule: Schedule, from: Date, count: number): Date[] {
  const horizon = new Date(from.getTime() + NEXT_SLOTS_HORIZON_MS);
  const found: Date[] = [];
  // Day by day, then year by year, so a minute schedule is not walked for eight years.
  for (let after = from; found.length < count && after < horizon; ) {
    const span = after.getTime() - from.getTime() >= DAY_MS ? 366 * DAY_MS : DAY_MS;
    const until = new Date(Math.min(horizon.getTime(), after.getTime() + span));
    found.push(...slotsBetween(schedule, after, until, count - found.length));
    after = until;
  }
  return found;
}

/**
 * Undefined when `schedule` fires within {@link MUST_FIRE_WITHIN_MS} of `now`, else one sentence
 * saying when it next fires, if ever ("0 0 29 2 *" in March 2024: not before 2028).
 */
export function checkFiresSoon(schedule: Schedule, now: Date): string | undefined {
  const [next] = nextSlots(schedule, now, 1);
  if (next && next.getTime() - now.getTime() <= MUST_FIRE_WITHIN_MS) return undefined;
  const when = next ? `: it next fires on ${next.toISOString().slice(0, 10)}` : '';
  return `"${schedule.cron}" does not fire within a year${when}`;
}
