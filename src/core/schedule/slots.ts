/**
 * Delivery slots: the instants a five-field cron expression is due in an IANA time zone.
 *
 * DST rule (RFC 5545 and Temporal's "compatible" disambiguation):
 * - A local time that happens twice on a fall-back day (Europe/Berlin 2024-10-27 02:30) is due
 *   once, at its first occurrence (02:30 CEST = 00:30 UTC).
 * - A local time that does not exist on a spring-forward day (Europe/Berlin 2024-03-31 02:30) is
 *   due once, read with the offset in force before the jump: 02:30 CET = 01:30 UTC = 03:30 CEST.
 * A slot is an instant (ISO-8601 UTC), so two local times that land on the same instant (02:30
 * shifted to 03:30 while 03:30 is also scheduled) are one slot: a slot never fires twice.
 */
import { type CronSchedule, parseCron } from '../commands/cron.ts';
import { err, ok, type Result } from '../result.ts';

/** A validated cron expression read in one IANA time zone: what a subscription's slots come from. */
export interface Schedule {
  cron: string;
  timezone: string;
  fields: CronSchedule;
  /** The allowed hours and minutes, ascending, so a day's local times come out in order. */
  hours: readonly number[];
  minutes: readonly number[];
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Validates a cron expression and a time zone into a {@link Schedule}; the error is one sentence
 * naming the bad part ("minute field '61' is out of range 0-59", "time zone 'Europe/Berln' …").
 */
export function compileSchedule(cron: string, timezone: string): Result<Schedule, string> {
  const parsed = parseCron(cron);
  if (!parsed.ok) return parsed;
  if (!isTimeZone(timezone)) {
    return err(`time zone '${timezone}' is not an IANA time zone name (such as Europe/Berlin or UTC)`);
  }
  return ok({
    cron: cron.trim(),
    timezone,
    fields: parsed.value,
    hours: [...parsed.value.hours].sort((a, b) => a - b),
    minutes: [...parsed.value.minutes].sort((a, b) => a - b),
  });
}

/** The slots of `schedule` in the window (`after`, `until`], oldest first. */
export function slotsBetween(schedule: Schedule, after: Date, until: Date): Date[] {
  const from = after.getTime();
  const to = until.getTime();
  if (!(to > from)) return [];
  const zone = schedule.timezone;
  // Local wall times (as "naive" UTC milliseconds) that can resolve into the window: a wall time w
  // resolves to w - offset for one of the offsets in force around the window.
  const offsets = [from - DAY_MS, from, to, to + DAY_MS].map((at) => offsetAt(at, zone));
  const wallFrom = from + Math.min(...offsets);
  const wallTo = to + Math.max(...offsets);
  const found = new Set<number>();
  for (let day = Math.floor(wallFrom / DAY_MS) * DAY_MS; day <= wallTo; day += DAY_MS) {
    if (!dayMatches(schedule.fields, new Date(day))) continue;
    for (const hour of schedule.hours) {
      for (const minute of schedule.minutes) {
        const wall = day + hour * HOUR_MS + minute * MINUTE_MS;
        if (wall <= wallFrom || wall > wallTo) continue;
        const instant = resolveWallTime(wall, zone);
        if (instant > from && instant <= to) found.add(instant);
      }
    }
  }
  return [...found].sort((a, b) => a - b).map((ms) => new Date(ms));
}

/** The latest slot in (`after`, `until`], if any: the one slot to post after a gap, never the backlog. */
export function latestSlot(schedule: Schedule, after: Date, until: Date): Date | undefined {
  return slotsBetween(schedule, after, until).at(-1);
}

/** The next `count` slots after `from` (searching at most five years ahead). */
export function nextSlots(schedule: Schedule, from: Date, count: number): Date[] {
  const found: Date[] = [];
  let after = from.getTime();
  // Widening windows: a minute schedule is answered from the first day, "0 0 29 2 *" within years.
  for (const span of [DAY_MS, 32 * DAY_MS, 366 * DAY_MS, 5 * 366 * DAY_MS]) {
    const slots = slotsBetween(schedule, new Date(after), new Date(after + span));
    found.push(...slots.slice(0, count - found.length));
    if (found.length >= count) break;
    after += span;
  }
  return found;
}

/** Whether a day (a naive UTC midnight of a local date) is one the schedule runs on; cron's day rule. */
function dayMatches(fields: CronSchedule, day: Date): boolean {
  if (!fields.months.has(day.getUTCMonth() + 1)) return false;
  const byMonthDay = fields.daysOfMonth.has(day.getUTCDate());
  const byWeekDay = fields.daysOfWeek.has(day.getUTCDay());
  if (fields.anyDayOfMonth) return byWeekDay;
  if (fields.anyDayOfWeek) return byMonthDay;
  // Both restricted: classic cron runs when either matches.
  return byMonthDay || byWeekDay;
}

/**
 * The instant of a local wall time (naive UTC ms) in `zone`: the earlier one when it happens twice,
 * the offset before the jump when it does not exist (see the DST rule above).
 */
export function resolveWallTime(wall: number, zone: string): number {
  // At most one offset change within a day of any instant holds for every zone in use today.
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const valid = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => wall - instant === offsetAt(instant, zone));
  if (valid.length === 0) return wall - before;
  return Math.min(...valid);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** The zone's UTC offset at an instant, in ms (Berlin in summer: +7,200,000). */
export function offsetAt(instant: number, zone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(whole))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    (parts.hour ?? 0) % 24,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - whole;
}

/** Whether `name` is an IANA time zone this runtime knows. */
function isTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
