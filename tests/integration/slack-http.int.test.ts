import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_BOT, type FakeSlack, slackSignature, startFakeSlack } from '../fixtures/fake-slack.ts';
import { type SlackTestBot, startSlackTestBot, TEST_TOKENS } from '../fixtures/fake-slack-bot.ts';

let fake: FakeSlack;
let bot: SlackTestBot;
let eventsUrl: string;

beforeAll(async () => {
  fake = await startFakeSlack();
  bot = await startSlackTestBot(fake, 'http', { processBeforeResponse: true });
  eventsUrl = `http://127.0.0.1:${bot.platform.httpPort}/slack/events`;
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const now = (): number => Math.floor(Date.now() / 1000);

interface Delivery {
  body: string;
  contentType: string;
  timestamp?: number;
  signature?: string;
  headers?: Record<string, string>;
}

/** POSTs to the bot's events endpoint as Slack does, signed with the app's signing secret unless told otherwise. */
async function deliver({ body, contentType, timestamp = now(), signature, headers = {} }: Delivery) {
  const response = await fetch(eventsUrl, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature ?? slackSignature(TEST_TOKENS.signingSecret, timestamp, body),
      ...headers,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

function slashForm(text: string, responseId: string, channel = 'C0HTTP0001'): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: FAKE_BOT.teamId,
    team_domain: 'newsdesk-test',
    channel_id: channel,
    channel_name: 'news',
    user_id: 'U0READER01',
    user_name: 'reader',
    command: '/newsdesk',
    text,
    api_app_id: FAKE_BOT.appId,
    response_url: fake.responseUrl(responseId),
    trigger_id: `trigger-${responseId}`,
  }).toString();
}

const FORM = 'application/x-www-form-urlencoded';

describe('GIVEN the real Bolt app in HTTP mode behind a signing secret', () => {
  it('WHEN a signed /newsdesk quotes Xi arrives THEN it is acked with 200 and answered in the channel', async () => {
    const result = await deliver({ body: slashForm('quotes Xi', 'http-1'), contentType: FORM });
    expect(result.status).toBe(200);
    const answers = fake.responses.filter((r) => r.responseId === 'http-1');
    expect(answers).toHaveLength(1);
    expect(answers[0]?.body.response_type).toBe('in_channel');
    expect(JSON.stringify(answers[0]?.body.blocks)).toContain('“caused serious difficulties” — *Xi Jinping*');
  });

  it('WHEN the signature is wrong THEN the request is refused and nothing is answered', async () => {
    const body = slashForm('digest', 'http-forged');
    const forged = slackSignature('not-the-signing-secret', now(), body);
    const result = await deliver({ body, contentType: FORM, signature: forged });
    expect(result.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.responses.filter((r) => r.responseId === 'http-forged')).toEqual([]);
  });

  it('WHEN the timestamp is six minutes old (a replay) THEN the request is refused, even correctly signed', async () => {
    const body = slashForm('digest', 'http-stale');
    const result = await deliver({ body, contentType: FORM, timestamp: now() - 6 * 60 });
    expect(result.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.responses.filter((r) => r.responseId === 'http-stale')).toEqual([]);
  });

  it('WHEN a mention arrives and Slack retries it with X-Slack-Retry-Num THEN it is answered once, in the thread', async () => {
    const body = JSON.stringify({
      token: 'legacy-verification-token',
      team_id: FAKE_BOT.teamId,
      api_app_id: FAKE_BOT.appId,
      type: 'event_callback',
      event_id: 'Ev0HTTPMEN1',
      event_time: 1_710_000_100,
      event: {
        type: 'app_mention',
        user: 'U0READER01',
        text: `<@${FAKE_BOT.userId}> who is Qin Gang?`,
        ts: '1710000100.000100',
        channel: 'C0HTTP0002',
        event_ts: '1710000100.000100',
      },
      authorizations: [{ team_id: FAKE_BOT.teamId, user_id: FAKE_BOT.userId, is_bot: true }],
    });
    const first = await deliver({ body, contentType: 'application/json' });
    const retry = await deliver({
      body,
      contentType: 'application/json',
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect([first.status, retry.status]).toEqual([200, 200]);
    const posts = fake.callsOf('chat.postMessage').filter((c) => c.params.channel === 'C0HTTP0002');
    expect(posts.map((c) => c.params.thread_ts)).toEqual(['1710000100.000100']);
    expect(JSON.stringify(posts[0]?.params.blocks)).toContain('Qin Gang');
  });

  it('WHEN Slack verifies the events URL THEN the challenge is echoed', async () => {
    const body = JSON.stringify({ token: 'legacy', challenge: 'c4a11e7e', type: 'url_verification' });
    const result = await deliver({ body, contentType: 'application/json' });
    expect(result.status).toBe(200);
    expect(result.text).toContain('c4a11e7e');
  });
});
