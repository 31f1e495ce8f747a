import { describe, expect, it } from 'vitest';
import { OUTAGE_REMINDER_MS, OutageLog } from '../../src/platforms/connection.ts';
import { consoleRuns } from '../../src/platforms/console/prompt.ts';

describe('consoleRuns (CONSOLE)', () => {
  it.each([
    ['auto', false, false, true, 'the console is the only platform: it reads piped commands'],
    ['auto', false, true, true, 'the console alone in a terminal'],
    [
      'auto',
      true,
      false,
      false,
      'Discord or Slack under systemd or docker run without -i: stdin is never read',
    ],
    ['auto', true, true, true, 'a developer running Discord from a terminal keeps the prompt'],
    ['off', false, true, false, 'CONSOLE=off never reads stdin'],
    ['on', true, false, true, 'CONSOLE=on reads stdin even beside Discord or Slack'],
  ] as const)(
    'GIVEN CONSOLE=%s, chat platform %s, terminal %s THEN runs: %s (%s)',
    (mode, chat, tty, runs, _case) => {
      expect(consoleRuns(mode, chat, tty)).toBe(runs);
    },
  );
});

describe('OutageLog', () => {
  function harness() {
    let now = 0;
    const lines: { level: string; message: string }[] = [];
    const log = {
      info: (_context: object, message: string) => lines.push({ level: 'info', message }),
      warn: (_context: object, message: string) => lines.push({ level: 'warn', message }),
    };
    const outages = new OutageLog('discord: gateway', log, () => now);
    return { outages, lines, advance: (ms: number) => (now += ms) };
  }

  it('GIVEN a drop with errors every half second for 90 s THEN one warn, one reminder, and one info with the length', () => {
    const { outages, lines, advance } = harness();
    outages.down('closed');
    for (let elapsed = 0; elapsed < 90_000; elapsed += 500) {
      advance(500);
      outages.down('ECONNREFUSED');
    }
    expect(outages.connected).toBe(false);
    outages.up();
    expect(outages.connected).toBe(true);
    expect(lines).toEqual([
      { level: 'warn', message: 'discord: gateway connection lost (closed); reconnecting' },
      {
        level: 'warn',
        message: `discord: gateway still reconnecting after ${OUTAGE_REMINDER_MS / 1000} s (ECONNREFUSED)`,
      },
      { level: 'info', message: 'discord: gateway reconnected after 90.0 s' },
    ]);
  });

  it('GIVEN the first READY of a start THEN nothing is logged', () => {
    const { outages, lines } = harness();
    outages.up();
    expect(lines).toEqual([]);
  });
});
