/**
 * Paged replies through the real clients: the real discord.js bot and the real Bolt app (Socket
 * Mode) against the local fake servers, each with a real SQLite store holding the default article
 * and twelve stories of one official. A long list comes as one page with a "More" button; pressing
 * it answers with the next page, and the last page has none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moreToken } from '../../src/core/commands/paging.ts';
import {
  buttonPayload,
  type FakeDiscord,
  interactionPayload,
  type RestCall,
  startFakeDiscord,
} from '../fixtures/fake-discord.ts';
import { type DiscordTestBot, ingestMarkdown, startDiscordTestBot } from '../fixtures/fake-discord-bot.ts';
import { FAKE_BOT, type FakeSlack, startFakeSlack } from '../fixtures/fake-slack.ts';
import {
  ingestMarkdown as ingestSlackMarkdown,
  type SlackTestBot,
  startSlackTestBot,
} from '../fixtures/fake-slack-bot.ts';
import { PAGED_ACTOR, PAGED_STORIES } from '../fixtures/paged-stories.ts';

interface Button {
  type: number;
  label?: string;
  custom_id?: string;
}

/** The buttons of a message body. */
function buttonsOf(body: unknown): Button[] {
  const rows = (body as { components?: { components: Button[] }[] }).components ?? [];
  return rows.flatMap((row) => row.components);
}

describe('Discord: paged replies', () => {
  let fake: FakeDiscord;
  let bot: DiscordTestBot;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    bot = await startDiscordTestBot(fake);
    for (const story of PAGED_STORIES) await ingestMarkdown(bot.store, story.id, story.markdown);
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  /** Dispatches an interaction and returns the body of its answer (the edit of the deferred reply). */
  async function answerOf(payload: { token: string }): Promise<unknown> {
    fake.dispatch('INTERACTION_CREATE', payload);
    const edit = (call: RestCall) =>
      call.method === 'PATCH' &&
      decodeURIComponent(call.path).includes(`/${payload.token}/messages/@original`);
    await fake.waitUntil(() => fake.calls.some(edit), 10_000, `answer of ${payload.token}`);
    return fake.calls.find(edit)?.body;
  }

  it('GIVEN /quotes of an actor with twelve quotes THEN page 1 shows ten with More, and More shows the other two without', async () => {
    const first = await answerOf(interactionPayload('quotes', [{ name: 'actor', value: PAGED_ACTOR }]));
    const [more] = buttonsOf(first);
    expect(more?.label).toBe('More');
    expect(more?.custom_id).toBe(moreToken({ name: 'quotes', options: { actor: PAGED_ACTOR, page: '2' } }));
    expect(JSON.stringify(first)).toContain('Showing 10 of');

    const second = await answerOf(buttonPayload(more?.custom_id ?? ''));
    const text = JSON.stringify(second);
    expect(buttonsOf(second)).toEqual([]);
    // The two oldest stories' quotes are on page 2, and page 1's newest is not.
    expect(text).toContain('The bridge will reopen before the spring floods arrive');
    expect(text).toContain('Buses are faster now');
    expect(text).not.toContain('Heavy lorries will use the northern route');
    expect((second as { allowed_mentions?: { parse?: unknown } }).allowed_mentions?.parse).toEqual([]);
  });

  it('GIVEN /articles with thirteen stored THEN page 2 (by the page option) lists the last three', async () => {
    const answer = await answerOf(interactionPayload('articles', [{ name: 'page', value: 2, type: 4 }]));
    const text = JSON.stringify(answer);
    expect(buttonsOf(answer)).toEqual([]);
    expect(text).toContain('City transport office answers questions on bus lanes');
    expect(text).toContain('City transport office answers questions on the river bridge');
    expect(text).not.toContain('freight routes');
  });

  it('GIVEN a forged More button (a command that is not paged) THEN the answer is a short error for the asker', async () => {
    const forged = buttonPayload('more:["subscribe",{"schedule":"* * * * *"}]');
    const answer = await answerOf(forged);
    expect(JSON.stringify(answer)).toContain('is not a newsdesk command');
    await expect(bot.store.listSubscriptions()).resolves.toEqual([]);
  });
});

describe('Slack (Socket Mode): paged replies', () => {
  let fake: FakeSlack;
  let bot: SlackTestBot;
  let sent = 0;

  beforeAll(async () => {
    fake = await startFakeSlack();
    bot = await startSlackTestBot(fake, 'socket');
    await fake.waitForSocket();
    for (const story of PAGED_STORIES) await ingestSlackMarkdown(bot.store, story.id, story.markdown);
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  /** Waits for the first message posted to `responseId`'s response URL. */
  async function responseTo(responseId: string): Promise<Record<string, unknown>> {
    await fake.waitUntil(() => fake.responses.some((r) => r.responseId === responseId), 10_000, responseId);
    return fake.responses.find((r) => r.responseId === responseId)?.body as Record<string, unknown>;
  }

  it('GIVEN /newsdesk articles THEN page 1 carries a "more" action, and pressing it answers with page 2', async () => {
    sent += 1;
    const commandResponse = `paging-cmd-${sent}`;
    await fake.sendEnvelope('slash_commands', {
      team_id: FAKE_BOT.teamId,
      channel_id: 'C0NEWS0001',
      user_id: 'U0READER01',
      command: '/newsdesk',
      text: 'articles',
      api_app_id: FAKE_BOT.appId,
      response_url: fake.responseUrl(commandResponse),
      trigger_id: `paging-trigger-${sent}`,
    });
    const first = await responseTo(commandResponse);
    const blocks = first.blocks as { type: string; elements?: { action_id: string; value: string }[] }[];
    const action = blocks.find((block) => block.type === 'actions')?.elements?.[0];
    expect(action?.action_id).toBe('more');
    expect(action?.value).toBe(moreToken({ name: 'articles', options: { page: '2' } }));

    const pressResponse = `paging-press-${sent}`;
    await fake.sendEnvelope('interactive', {
      type: 'block_actions',
      team: { id: FAKE_BOT.teamId, domain: 'newsdesk-test' },
      user: { id: 'U0READER01', username: 'reader', team_id: FAKE_BOT.teamId },
      api_app_id: FAKE_BOT.appId,
      channel: { id: 'C0NEWS0001', name: 'news' },
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0NEWS0001' },
      trigger_id: `paging-trigger-press-${sent}`,
      response_url: fake.responseUrl(pressResponse),
      actions: [
        {
          type: 'button',
          action_id: 'more',
          block_id: 'more',
          value: action?.value,
          text: { type: 'plain_text', text: 'More' },
          action_ts: '1700000001.000200',
        },
      ],
    });
    const second = await responseTo(pressResponse);
    const text = JSON.stringify(second.blocks);
    expect(second.response_type).toBe('in_channel');
    expect(text).toContain('City transport office answers questions on the river bridge');
    expect(text).not.toContain('"actions"');
  });
});
