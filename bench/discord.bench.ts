/**
 * Discord benchmark: 200 slash commands dispatched at once through the fake gateway to the real
 * discord.js bot (real SQLite store with the default article). Bar: all answered, p99 from dispatch
 * to the interaction callback (the deferral) under 250 ms. Also reports dispatch -> final answer.
 */
import { type FakeOption, interactionPayload, startFakeDiscord } from '../tests/fixtures/fake-discord.ts';
import { startDiscordTestBot } from '../tests/fixtures/fake-discord-bot.ts';
import { percentile } from './stats.ts';

const COMMANDS = 200;
const CALLBACK_BAR_MS = 250;
const MIX: readonly [string, FakeOption[]][] = [
  ['quotes', [{ name: 'actor', value: 'Xi' }]],
  ['background', [{ name: 'actor', value: 'Qin Gang' }]],
  ['digest', []],
  ['actors', []],
  ['help', []],
  ['articles', []],
  ['quotes', []],
  ['background', [{ name: 'actor', value: 'Biden' }]],
];

/** Runs the burst and prints one small table. */
export async function run(): Promise<void> {
  const fake = await startFakeDiscord();
  const bot = await startDiscordTestBot(fake);
  // Answered interaction tokens, updated from the calls not yet seen: the poll must stay cheap, as it
  // shares the event loop with the bot being measured.
  const answeredTokens = new Set<string>();
  let seen = 0;
  const answered = (token: string) => {
    for (; seen < fake.calls.length; seen += 1) {
      const call = fake.calls[seen];
      const edit =
        call?.method === 'PATCH' || (call?.method === 'POST' && call.path.startsWith('/webhooks/'));
      const id = edit ? /\/(interaction-token-\d+)/.exec(call.path)?.[1] : undefined;
      if (id) answeredTokens.add(id);
    }
    return answeredTokens.has(token);
  };
  try {
    // One warm-up command, so module loading and the first SQLite reads are not measured.
    const warm = interactionPayload('quotes', [{ name: 'actor', value: 'Xi' }]);
    fake.dispatch('INTERACTION_CREATE', warm);
    await fake.waitUntil(() => answered(warm.token), 10_000, 'warm-up answer');

    const sent: { token: string; at: number }[] = [];
    const started = performance.now();
    for (let i = 0; i < COMMANDS; i += 1) {
      const [name, options] = MIX[i % MIX.length] ?? ['help', []];
      const payload = interactionPayload(name, options, {
        userId: `9800000000000${String(i).padStart(5, '0')}`,
      });
      sent.push({ token: payload.token, at: fake.dispatch('INTERACTION_CREATE', payload) });
    }
    await fake.waitUntil(() => sent.every(({ token }) => answered(token)), 60_000, 'every answer');
    const wall = performance.now() - started;

    const byToken = new Map<string, { callback?: number; answer?: number }>();
    for (const call of fake.calls) {
      const token = /\/(interaction-token-\d+)/.exec(call.path)?.[1];
      if (!token) continue;
      const entry = byToken.get(token) ?? {};
      if (call.path.endsWith('/callback')) entry.callback ??= call.at;
      else if (call.method === 'PATCH' || call.method === 'POST') entry.answer ??= call.at;
      byToken.set(token, entry);
    }
    const callbacks: number[] = [];
    const answers: number[] = [];
    for (const { token, at } of sent) {
      const entry = byToken.get(token);
      if (entry?.callback !== undefined) callbacks.push(entry.callback - at);
      if (entry?.answer !== undefined) answers.push(entry.answer - at);
    }
    callbacks.sort((a, b) => a - b);
    answers.sort((a, b) => a - b);
    const p99 = percentile(callbacks, 99);
    const met = answers.length === COMMANDS && p99 < CALLBACK_BAR_MS;
    const row = (name: string, values: number[]) =>
      `${name.padEnd(22)} ${String(values.length).padStart(5)} ${[50, 99]
        .map((p) => percentile(values, p).toFixed(0).padStart(7))
        .join(' ')} ${(values.at(-1) ?? Number.NaN).toFixed(0).padStart(7)}`;
    process.stdout.write(
      `${'200 at once (ms)'.padEnd(22)} ${'n'.padStart(5)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}\n`,
    );
    process.stdout.write(
      `${row('dispatch -> callback', callbacks)}\n${row('dispatch -> answer', answers)}\n`,
    );
    process.stdout.write(
      `answered ${answers.length}/${COMMANDS} in ${wall.toFixed(0)} ms; callback p99 ${p99.toFixed(0)} ms < ${CALLBACK_BAR_MS} ms: ${met ? 'bar met' : 'BAR MISSED'}\n`,
    );
    if (!met) process.exitCode = 1;
  } finally {
    await bot.stop();
    await fake.close();
  }
}
