import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { CommandRequest } from '../../src/core/commands/types.ts';
import { SLACK_COMMAND, stripBotMention } from '../../src/platforms/slack/app.ts';
import { ChannelPacer, classifySlackError } from '../../src/platforms/slack/channel.ts';
import { parseUmbrellaText } from '../../src/platforms/slack/command-text.ts';
import { SeenEvents } from '../../src/platforms/slack/event-dedupe.ts';

describe('parseUmbrellaText', () => {
  const table: [string, CommandRequest][] = [
    ['quotes Xi', { name: 'quotes', options: { actor: 'Xi' } }],
    ['background Qin Gang', { name: 'background', options: { actor: 'Qin Gang' } }],
    [
      'subscribe "0 8 * * 1-5" Europe/Berlin',
      { name: 'subscribe', options: { schedule: '0 8 * * 1-5', timezone: 'Europe/Berlin' } },
    ],
    ['subscribe 30 17 * * *', { name: 'subscribe', options: { schedule: '30 17 * * *' } }],
    ['digest biden xi', { name: 'digest', options: { article: 'biden xi' } }],
    [
      'quotes actor:"Qin Gang" article:latest',
      { name: 'quotes', options: { actor: 'Qin Gang', article: 'latest' } },
    ],
    ['/actors latest', { name: 'actors', options: { article: 'latest' } }],
    ['HELP', { name: 'help', options: {} }],
    ['', { name: 'help', options: {} }],
  ];
  it.each(table)('GIVEN "/newsdesk %s" THEN it reads as the core command', (text, request) => {
    expect(parseUmbrellaText(text)).toEqual({ ok: true, request });
  });

  it.each([
    ['qoutes Xi', ['quotes']],
    ['sub', ['subscribe', 'subscriptions']],
    ['weather Berlin', []],
  ])('GIVEN the unknown command word in "%s" THEN the close commands are suggested', (text, suggestions) => {
    expect(parseUmbrellaText(text)).toMatchObject({ ok: false, suggestions });
  });
});

describe('stripBotMention', () => {
  it.each([
    ['<@U0NEWSBOT> who is Qin Gang?', 'who is Qin Gang?'],
    ['<@U0NEWSBOT|newsdesk> what did Xi say?', 'what did Xi say?'],
    ['what did <@U0NEWSBOT> find about <@U0OTHER01>?', 'what did find about <@U0OTHER01>?'],
  ])('GIVEN "%s" THEN the bot’s own mention is removed', (text, expected) => {
    expect(stripBotMention(text, 'U0NEWSBOT')).toBe(expected);
  });
});

describe('classifySlackError', () => {
  const platformError = (error: string) => ({
    code: 'slack_webapi_platform_error',
    data: { ok: false, error },
  });
  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'channel_is_archived', 'account_inactive'])(
    'GIVEN Slack says %s THEN the post failed for good, and the reason names it',
    (error) => {
      const outcome = classifySlackError(platformError(error));
      expect(outcome.permanent).toBe(true);
      expect(outcome.reason).toContain(error);
    },
  );

  it('GIVEN a rate-limited call with Retry-After 30 THEN it is transient, retried after 30 s', () => {
    expect(classifySlackError({ code: 'slack_webapi_rate_limited_error', retryAfter: 30 })).toMatchObject({
      permanent: false,
      retryAfterMs: 30_000,
    });
  });

  it.each([
    ['a 503', { code: 'slack_webapi_http_error', statusCode: 503 }],
    ['a refused connection', { code: 'slack_webapi_request_error', original: new Error('ECONNREFUSED') }],
    ['an internal_error from Slack', platformError('internal_error')],
  ])('GIVEN %s THEN it is transient', (_name, error) => {
    expect(classifySlackError(error).permanent).toBe(false);
  });
});

describe('ChannelPacer', () => {
  function fakeClock() {
    let now = 0;
    /** When each waiting message goes out. */
    const wakes: number[] = [];
    return {
      now: () => now,
      sleep: async (ms: number) => {
        wakes.push(now + ms);
      },
      wakes,
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  it('GIVEN three messages to one channel at once THEN they go out a second apart', async () => {
    const clock = fakeClock();
    const pacer = new ChannelPacer(1000, clock.now, clock.sleep);
    await Promise.all([pacer.turn('C1'), pacer.turn('C1'), pacer.turn('C1')]);
    expect(clock.wakes).toEqual([1000, 2000]);
  });

  it('GIVEN messages to different channels THEN none waits for another', async () => {
    const clock = fakeClock();
    const pacer = new ChannelPacer(1000, clock.now, clock.sleep);
    await Promise.all([pacer.turn('C1'), pacer.turn('C2'), pacer.turn('C3')]);
    expect(clock.wakes).toEqual([]);
  });

  it('GIVEN a second message after more than the interval THEN it does not wait', async () => {
    const clock = fakeClock();
    const pacer = new ChannelPacer(1000, clock.now, clock.sleep);
    await pacer.turn('C1');
    clock.advance(1500);
    await pacer.turn('C1');
    expect(clock.wakes).toEqual([]);
  });
});

describe('SeenEvents', () => {
  it('GIVEN an event id seen before within the TTL THEN it is a redelivery; after the TTL it is new again', () => {
    let now = 0;
    const seen = new SeenEvents(60_000, 100, () => now);
    expect(seen.firstSighting('Ev01')).toBe(true);
    expect(seen.firstSighting('Ev01')).toBe(false);
    expect(seen.firstSighting('Ev02')).toBe(true);
    now = 61_000;
    expect(seen.firstSighting('Ev01')).toBe(true);
  });

  it('GIVEN more ids than the cap THEN the oldest are forgotten first', () => {
    const seen = new SeenEvents(60_000, 2, () => 0);
    for (const id of ['Ev1', 'Ev2', 'Ev3']) seen.firstSighting(id);
    expect(seen.firstSighting('Ev3')).toBe(false);
    expect(seen.firstSighting('Ev1')).toBe(true);
  });
});

describe('slack-manifest.yml', () => {
  const manifest = parseYaml(readFileSync('slack-manifest.yml', 'utf8')) as {
    features: { slash_commands: { command: string; should_escape: boolean }[] };
    oauth_config: { scopes: { bot: string[] } };
    settings: { event_subscriptions: { bot_events: string[] }; socket_mode_enabled: boolean };
  };

  it('GIVEN the manifest THEN it declares the one umbrella command the app listens to, unescaped', () => {
    expect(manifest.features.slash_commands).toMatchObject([
      { command: SLACK_COMMAND, should_escape: false },
    ]);
  });

  it('GIVEN the manifest THEN it subscribes to mentions and DMs, in Socket Mode by default', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'message.im']);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('GIVEN the manifest THEN it asks for exactly the scopes of the Web API methods and events the bot uses', () => {
    // commands: /newsdesk; app_mentions:read + im:history: the two events; chat:write: chat.postMessage;
    // users:read: users.info; channels:read + groups:read: conversations.info (public, private);
    // channels:history + groups:history: conversations.history, to finish a delivery after a crash.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      [
        'app_mentions:read',
        'channels:history',
        'channels:read',
        'groups:history',
        'chat:write',
        'commands',
        'groups:read',
        'im:history',
        'users:read',
      ].sort(),
    );
  });
});
