import { err, ok, type Result } from '../result.ts';

/** A parsed five-field cron expression: the allowed values of each field. */
export interface CronSchedule {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0 = Sunday … 6 = Saturday (7 is read as Sunday). */
  daysOfWeek: ReadonlySet<number>;
  /** Whether day-of-month / day-of-week were `*`: cron matches either day field only when both are restricted. */
  anyDayOfMonth: boolean;
  anyDayOfWeek: boolean;
}

interface FieldRule {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  },
  { name: 'day-of-week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

/**
 * Parses a five-field cron expression ("0 8 * * 1-5"); an error names the bad field, e.g.
 * "minute field '61' is out of range 0-59".
 */
export function parseCron(expression: string): Result<CronSchedule, string> {
  const parts = expression
    .trim()
    .split(/\s+/)
    .filter((part) => part !== '');
  if (parts.length !== 5) {
    return err(
      `a schedule has 5 fields (minute hour day-of-month month day-of-week), "${expression.trim()}" has ${parts.length}`,
    );
  }
  const sets: Set<number>[] = [];
  for (const [index, rule] of FIELDS.entries()) {
    const parsed = parseField(parts[index] ?? '', rule);
    if (!parsed.ok) return parsed;
    sets.push(parsed.value);
  }
  const [minutes, hours, daysOfMonth, months, rawWeek] = sets as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  const daysOfWeek = new Set([...rawWeek].map((day) => day % 7));
  return ok({
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    anyDayOfMonth: parts[2] === '*' || parts[2] === '?',
    anyDayOfWeek: parts[4] === '*' || parts[4] === '?',
  });
}

function parseField(text: string, rule: FieldRule): Result<Set<number>, string> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const bad = (why: string) => err(`${rule.name} field '${item}' ${why}`);
    const [rangeText = '', stepText, extra] = item.split('/');
    if (extra !== undefined || rangeText === '') return bad('is not a value, range or step');
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1)
        return bad('has a step that is not a whole number above 0');
      step = Number(stepText);
    }
    let low: number;
    let high: number;
    if (rangeText === '*' || rangeText === '?') {
      low = rule.min;
      high = rule.name === 'day-of-week' ? 6 : rule.max;
    } else {
      const [lowText = '', highText, more] = rangeText.split('-');
      if (more !== undefined) return bad('is not a value, range or step');
      const lowValue = fieldValue(lowText, rule);
      if (lowValue === undefined) return bad(`is not a number${rule.names ? ' or name' : ''}`);
      const highValue = highText === undefined ? undefined : fieldValue(highText, rule);
      if (highText !== undefined && highValue === undefined) return bad('is not a valid range');
      low = lowValue;
      // "5/15" means from 5 to the end, stepping by 15.
      high = highValue ?? (stepText !== undefined ? rule.max : lowValue);
    }
    if (low < rule.min || high > rule.max || low > rule.max) {
      return bad(`is out of range ${rule.min}-${rule.max}`);
    }
    if (low > high) return bad('is a range that runs backwards');
    for (let value = low; value <= high; value += step) values.add(value);
  }
  return ok(values);
}

function fieldValue(text: string, rule: FieldRule): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = rule.names?.indexOf(text.toLowerCase()) ?? -1;
  if (index < 0) return undefined;
  return rule.name === 'month' ? index + 1 : index;
}

/** Undefined when the expression is a valid five-field cron, else one sentence naming the bad field. */
export function checkCron(expression: string): string | undefined {
  const parsed = parseCron(expression);
  return parsed.ok ? undefined : parsed.error;
}

/** Whether `name` is an IANA time zone this runtime knows (Europe/Berlin, UTC). */
export function isIanaTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
