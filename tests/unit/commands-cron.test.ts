import { describe, expect, it } from 'vitest';
import { checkFiresSoon, compileSchedule, nextSlots } from '../../src/core/schedule/slots.ts';
import { isTimeZone } from '../../src/core/schedule/time-zone.ts';

/** The error of a schedule in UTC, or "valid". */
function problem(expression: string): string {
  const compiled = compileSchedule(expression, 'UTC');
  return compiled.ok ? 'valid' : compiled.error;
}

const rangeHint = 'a list (1,15), a range (1-5) or a step (*/15)';

describe('checking a schedule', () => {
  it.each([
    '0 8 * * 1-5',
    '*/15 * * * *',
    '0 9 1,15 * *',
    '30 17 * jan-mar mon-fri',
    '0 0 * * 7',
    '5/10 * * * *',
    '0 8 ? * *',
    '  0   8 * *   1-5 ',
  ])('GIVEN "%s" THEN it is a valid schedule', (expression) => {
    expect(problem(expression)).toBe('valid');
  });

  it.each([
    ['61 * * * *', `minute field '61' is not valid: use 0-59, ${rangeHint}`],
    ['0 24 * * *', `hour field '24' is not valid: use 0-23, ${rangeHint}`],
    ['0 8 32 * *', `day-of-month field '32' is not valid: use 1-31, ${rangeHint}`],
    ['0 8 * 13 *', `month field '13' is not valid: use 1-12 or jan-dec, ${rangeHint}`],
    ['0 8 * * 8', `day-of-week field '8' is not valid: use 0-7 or sun-sat, ${rangeHint}`],
    ['0 8 * * mon-fry', `day-of-week field 'mon-fry' is not valid: use 0-7 or sun-sat, ${rangeHint}`],
    ['*/0 * * * *', `minute field '*/0' is not valid: use 0-59, ${rangeHint}`],
    ['a 8 * * *', `minute field 'a' is not valid: use 0-59, ${rangeHint}`],
    ['5-1 * * * *', `minute field '5-1' is not valid: use 0-59, ${rangeHint}`],
    ['H 8 * * *', `minute field 'H' is not valid: use 0-59, ${rangeHint}`],
    [
      '0 8 * * 1-5 *',
      'a schedule has 5 fields (minute hour day-of-month month day-of-week), "0 8 * * 1-5 *" has 6',
    ],
    ['0 8', 'a schedule has 5 fields (minute hour day-of-month month day-of-week), "0 8" has 2'],
    ['0 8 30 2 *', '"0 8 30 2 *" never fires: no month has that day (such as 30 February)'],
    ['0 8 31 4,6 *', '"0 8 31 4,6 *" never fires: no month has that day (such as 30 February)'],
  ])('GIVEN "%s" THEN the error names the bad field: %s', (expression, message) => {
    expect(problem(expression)).toBe(message);
  });

  it.each([
    ['every weekday', '0 8 * * 1-5', '2024-03-01T00:00:00.000Z', undefined],
    [
      'leap days only, in March 2024',
      '0 0 29 2 *',
      '2024-03-01T00:00:00.000Z',
      '"0 0 29 2 *" does not fire within a year: it next fires on 2028-02-29',
    ],
    ['leap days only, in January 2028', '0 0 29 2 *', '2028-01-01T00:00:00.000Z', undefined],
  ])('GIVEN %s WHEN subscribing THEN it must fire within a year', (_case, expression, now, expected) => {
    const compiled = compileSchedule(expression, 'UTC');
    if (!compiled.ok) throw new Error(compiled.error);
    expect(checkFiresSoon(compiled.value, new Date(now))).toBe(expected);
  });
});

describe('the next runs /subscribe and /subscriptions show', () => {
  const next = (expression: string, timezone: string, from: string, count: number) => {
    const compiled = compileSchedule(expression, timezone);
    if (!compiled.ok) throw new Error(compiled.error);
    return nextSlots(compiled.value, new Date(from), count).map((time) => time.toISOString());
  };

  it.each([
    [
      'weekday mornings in Berlin summer time, from a Friday noon',
      '0 8 * * 1-5',
      'Europe/Berlin',
      '2024-05-03T12:00:00.000Z',
      ['2024-05-06T06:00:00.000Z', '2024-05-07T06:00:00.000Z'],
    ],
    [
      'a due time exactly at `from` (it is not repeated)',
      '30 17 * * *',
      'UTC',
      '2024-01-01T17:30:00.000Z',
      ['2024-01-02T17:30:00.000Z'],
    ],
    [
      'New York across the spring DST change',
      '0 9 * * *',
      'America/New_York',
      '2024-03-08T20:00:00.000Z',
      ['2024-03-09T14:00:00.000Z', '2024-03-10T13:00:00.000Z', '2024-03-11T13:00:00.000Z'],
    ],
    [
      'both day fields restricted (the 13th OR a Friday)',
      '0 0 13 * 5',
      'UTC',
      '2024-09-01T00:00:00.000Z',
      ['2024-09-06T00:00:00.000Z', '2024-09-13T00:00:00.000Z', '2024-09-20T00:00:00.000Z'],
    ],
    ['leap days only', '0 0 29 2 *', 'UTC', '2024-03-01T00:00:00.000Z', ['2028-02-29T00:00:00.000Z']],
    [
      'every 15 minutes',
      '*/15 * * * *',
      'UTC',
      '2024-01-01T10:07:00.000Z',
      ['2024-01-01T10:15:00.000Z', '2024-01-01T10:30:00.000Z'],
    ],
  ])('GIVEN %s THEN the next due times are right', (_case, expression, timezone, from, expected) => {
    expect(next(expression, timezone, from, expected.length)).toEqual(expected);
  });
});

describe('isTimeZone', () => {
  it.each([
    ['Europe/Berlin', true],
    ['UTC', true],
    ['America/New_York', true],
    ['Europe/Berln', false],
    ['CEST+2', false],
    ['', false],
  ])('GIVEN "%s" THEN it is %s', (name, known) => {
    expect(isTimeZone(name)).toBe(known);
  });
});
