import { describe, expect, it } from 'vitest';
import { checkCron, isIanaTimeZone } from '../../src/core/commands/cron.ts';
import { coreScheduleRules } from '../../src/core/commands/handlers.ts';

describe('checkCron', () => {
  it.each([
    '0 8 * * 1-5',
    '*/15 * * * *',
    '0 9 1,15 * *',
    '30 17 * jan-mar mon-fri',
    '0 0 * * 7',
    '5/10 * * * *',
  ])('GIVEN "%s" THEN it is a valid schedule', (expression) => {
    expect(checkCron(expression)).toBeUndefined();
  });

  it.each([
    ['61 * * * *', "minute field '61' is out of range 0-59"],
    ['0 24 * * *', "hour field '24' is out of range 0-23"],
    ['0 8 32 * *', "day-of-month field '32' is out of range 1-31"],
    ['0 8 * 13 *', "month field '13' is out of range 1-12"],
    ['0 8 * * 8', "day-of-week field '8' is out of range 0-7"],
    ['0 8 * * mon-fry', "day-of-week field 'mon-fry' is not a valid range"],
    ['*/0 * * * *', "minute field '*/0' has a step that is not a whole number above 0"],
    ['a 8 * * *', "minute field 'a' is not a number"],
    ['5-1 * * * *', "minute field '5-1' is a range that runs backwards"],
    [
      '0 8 * * 1-5 *',
      'a schedule has 5 fields (minute hour day-of-month month day-of-week), "0 8 * * 1-5 *" has 6',
    ],
    ['0 8', 'a schedule has 5 fields (minute hour day-of-month month day-of-week), "0 8" has 2'],
  ])('GIVEN "%s" THEN the error names the bad field: %s', (expression, message) => {
    expect(checkCron(expression)).toBe(message);
  });
});

describe('the next runs /subscribe and /subscriptions show', () => {
  const next = (expression: string, timezone: string, from: string, count: number) =>
    coreScheduleRules.nextRuns(expression, timezone, new Date(from), count);

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

describe('isIanaTimeZone', () => {
  it.each([
    ['Europe/Berlin', true],
    ['UTC', true],
    ['America/New_York', true],
    ['Europe/Berln', false],
    ['CEST+2', false],
    ['', false],
  ])('GIVEN "%s" THEN it is %s', (name, known) => {
    expect(isIanaTimeZone(name)).toBe(known);
  });
});
