/**
 * Slack benchmark: 200 `/newsdesk` slash commands sent at once over Socket Mode to the real Bolt app
 * (fake Slack on 127.0.0.1, real SQLite store with the default article). Bar: every command acked
 * within 3 s. Reports ack and `respond` latency (p50/p99/max) from envelope sent to ack / answer.
 */
import { FAKE_BOT, startFakeSlack } from '../tests/fixtures/fake-slack.ts';
import { startSlackTestBot } from '../tests/fixtures/fake-slack-bot.ts';
import { percentile } from './stats.ts';

const COMMANDS = 200;
const ACK_BAR_MS = 3_000;
const MIX = [
  'quotes Xi',
  'background Qin Gang',
  'digest',
  'actors',
  'help',
  'articles',
  'quotes',
  'background Biden',
];

/** Runs the burst and prints one small table. */
export async function run(): Promise<void> {
  const fake = await startFakeSlack();
  const bot = await startSlackTestBot(fake, 'socket');
  try {
    // One warm-up command, so module loading and the first SQLite reads are not measured.
    const warm = fake.pushEnvelope('slash_commands', payload(fake.responseUrl('warm'), 'quotes Xi', 0));
    await fake.waitUntil(
      () => fake.responses.some((r) => r.responseId === 'warm'),
      10_000,
      `warm-up ${warm}`,
    );

    const sent = new Map<string, { envelopeId: string; at: number }>();
    const started = performance.now();
    for (let i = 0; i < COMMANDS; i += 1) {
      const responseId = `bench-${i}`;
      const at = performance.now();
      const envelopeId = fake.pushEnvelope(
        'slash_commands',
        payload(fake.responseUrl(responseId), MIX[i % MIX.length] ?? 'help', i),
      );
      sent.set(responseId, { envelopeId, at });
    }
    await fake.waitUntil(
      () => [...sent.keys()].every((id) => fake.responses.some((r) => r.responseId === id)),
      60_000,
      'every answer',
    );
    const wall = performance.now() - started;

    const acks: number[] = [];
    const answers: number[] = [];
    for (const [responseId, { envelopeId, at }] of sent) {
      const ack = fake.acks.find((a) => a.envelopeId === envelopeId);
      const answer = fake.responses.find((r) => r.responseId === responseId);
      if (ack) acks.push(ack.at - at);
      if (answer) answers.push(answer.at - at);
    }
    acks.sort((a, b) => a - b);
    answers.sort((a, b) => a - b);
    const within = acks.filter((ms) => ms <= ACK_BAR_MS).length;
    const row = (name: string, values: number[]) =>
      `${name.padEnd(20)} ${String(values.length).padStart(5)} ${[50, 99]
        .map((p) => percentile(values, p).toFixed(0).padStart(7))
        .join(' ')} ${(values.at(-1) ?? Number.NaN).toFixed(0).padStart(7)}`;
    process.stdout.write(
      `${'200 at once (ms)'.padEnd(20)} ${'n'.padStart(5)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}\n`,
    );
    process.stdout.write(`${row('ack', acks)}\n${row('respond', answers)}\n`);
    process.stdout.write(
      `acked within ${ACK_BAR_MS} ms: ${within}/${COMMANDS} ${within === COMMANDS ? '(bar met)' : '(BAR MISSED)'}; all answered in ${wall.toFixed(0)} ms\n`,
    );
    if (within !== COMMANDS) process.exitCode = 1;
  } finally {
    await bot.stop();
    await fake.close();
  }
}

function payload(responseUrl: string, text: string, n: number): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_BOT.teamId,
    team_domain: 'newsdesk-bench',
    channel_id: `C0BENCH${String(n % 20).padStart(3, '0')}`,
    channel_name: 'news',
    user_id: `U0BENCH${String(n).padStart(3, '0')}`,
    user_name: 'reader',
    command: '/newsdesk',
    text,
    api_app_id: FAKE_BOT.appId,
    response_url: responseUrl,
    trigger_id: `trigger-${n}`,
  };
}
