import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze.ts';
import type { Article } from '../../src/core/article/article.ts';
import { GLOBAL_OWNER } from '../../src/core/ports.ts';
import { relinkIdentities } from '../../src/ingest/identity-linker.ts';
import { FAKE_BOT, type FakeSlack, slackSignature, startFakeSlack } from '../fixtures/fake-slack.ts';
import { type SlackTestBot, startSlackTestBot, TEST_TOKENS } from '../fixtures/fake-slack-bot.ts';
import { NAMESAKE_ARTICLES } from '../fixtures/namesake-articles.ts';

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

/** A click on a button the bot posted, as Slack POSTs it: form-encoded `payload` JSON. */
function buttonForm(actionId: string, value: string, responseId: string): string {
  const payload = {
    type: 'block_actions',
    team: { id: FAKE_BOT.teamId, domain: 'newsdesk-test' },
    user: { id: 'U0READER01', username: 'reader', team_id: FAKE_BOT.teamId },
    api_app_id: FAKE_BOT.appId,
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: '1712000000.000100',
      channel_id: 'C0HTTP0001',
      is_ephemeral: true,
    },
    trigger_id: `trigger-${responseId}`,
    channel: { id: 'C0HTTP0001', name: 'news' },
    response_url: fake.responseUrl(responseId),
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'choice',
        value,
        text: { type: 'plain_text', text: 'choice', emoji: false },
        action_ts: '1712000001.000200',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Two more articles about the senator, written for this test, so she is the stronger of the two. */
const MORE_OF_THE_SENATOR: Article[] = [1, 2].map((n) => ({
  id: `senate-session-${n}`,
  title: `Senate session day ${n}`,
  source: 'Lakeside Ledger',
  url: null,
  publishedAt: `2024-03-0${5 + n}T09:00:00Z`,
  byline: [],
  paragraphs: [
    `Senator Margaret Okonkwo chaired day ${n} of the session on Monday.`,
    `“We will finish on time,” Okonkwo said.`,
  ],
}));

describe('GIVEN two people sharing a surname', () => {
  beforeAll(async () => {
    for (const article of NAMESAKE_ARTICLES)
      await bot.store.saveArticle(article, analyze(article), 1, [GLOBAL_OWNER]);
    await relinkIdentities(bot.store);
  });

  it('WHEN /newsdesk quotes names the surname alone THEN buttons ask which one, and a click answers with that one’s quotes', async () => {
    await deliver({ body: slashForm('quotes Okonkwo', 'choice-1'), contentType: FORM });
    const asked = fake.responses.find((r) => r.responseId === 'choice-1')?.body;
    expect(asked?.response_type).toBe('ephemeral');
    const blocks = (asked?.blocks ?? []) as {
      type: string;
      elements?: { action_id: string; value: string; text: { text: string } }[];
    }[];
    const actions = blocks.find((block) => block.type === 'actions');
    expect(actions?.elements?.map((button) => button.text.text)).toEqual([
      'Daniel Okonkwo',
      'Margaret Okonkwo',
    ]);
    const margaret = actions?.elements?.[1];

    const clicked = await deliver({
      body: buttonForm(margaret?.action_id ?? '', margaret?.value ?? '', 'choice-2'),
      contentType: FORM,
    });
    expect(clicked.status).toBe(200);
    await fake.waitUntil(
      () => fake.responses.some((r) => r.responseId === 'choice-2'),
      5_000,
      'answer to the click',
    );
    const answer = fake.responses.find((r) => r.responseId === 'choice-2')?.body;
    expect(answer?.response_type).toBe('in_channel');
    expect(JSON.stringify(answer?.blocks)).toContain('Quotes of Margaret Okonkwo');
    expect(JSON.stringify(answer?.blocks)).toContain('This budget keeps every school open');
  });

  it('WHEN one namesake is far more covered THEN the answer is hers, naming the other with his command', async () => {
    for (const article of MORE_OF_THE_SENATOR)
      await bot.store.saveArticle(article, analyze(article), 1, [GLOBAL_OWNER]);
    await relinkIdentities(bot.store);
    await deliver({ body: slashForm('quotes Okonkwo', 'also-1'), contentType: FORM });
    const answer = JSON.stringify(fake.responses.find((r) => r.responseId === 'also-1')?.body.blocks);
    expect(answer).toContain('Quotes of Margaret Okonkwo');
    expect(answer).toContain('Also: *Daniel Okonkwo* — `/newsdesk quotes \\"Daniel Okonkwo\\"`');
  });
});
