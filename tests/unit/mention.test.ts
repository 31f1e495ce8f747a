import { describe, expect, it } from 'vitest';
import { parseMention } from '../../src/core/commands/mention.ts';
import type { CommandRequest } from '../../src/core/commands/types.ts';

const BOT = ['newsdesk'];

describe('parseMention', () => {
  it.each<[string, CommandRequest]>([
    ['<@123> who is Qin Gang?', { name: 'background', options: { actor: 'Qin Gang' } }],
    ['@newsdesk who is Qin Gang?', { name: 'background', options: { actor: 'Qin Gang' } }],
    ['@NewsDesk who’s Qin Gang', { name: 'background', options: { actor: 'Qin Gang' } }],
    ['@newsdesk who is “Qin Gang”?', { name: 'background', options: { actor: 'Qin Gang' } }],
    ['newsdesk, who is the ambassador?', { name: 'background', options: { actor: 'the ambassador' } }],
    ['<@!884422> tell me about Xi Jinping', { name: 'background', options: { actor: 'Xi Jinping' } }],
    ['@newsdesk background on Zhao Lijian', { name: 'background', options: { actor: 'Zhao Lijian' } }],
    ['@newsdesk background Qin Gnag', { name: 'background', options: { actor: 'Qin Gnag' } }],
    ['<@U024BE7LH> what did Xi say?', { name: 'quotes', options: { actor: 'Xi' } }],
    [
      '@newsdesk what did Xi say about Afghanistan?',
      { name: 'quotes', options: { actor: 'Xi', topic: 'Afghanistan' } },
    ],
    [
      '@newsdesk What has the senior official said about the call?',
      { name: 'quotes', options: { actor: 'the senior official', topic: 'the call' } },
    ],
    ['@newsdesk quotes from Myron Brilliant', { name: 'quotes', options: { actor: 'Myron Brilliant' } }],
    ['@newsdesk quotes by Zhao Lijian.', { name: 'quotes', options: { actor: 'Zhao Lijian' } }],
    ['@newsdesk quotes Xi', { name: 'quotes', options: { actor: 'Xi' } }],
    ['@newsdesk key quotes', { name: 'quotes', options: {} }],
    ['@newsdesk summary', { name: 'digest', options: {} }],
    ['<@123> digest', { name: 'digest', options: {} }],
    ["@newsdesk what's new?", { name: 'digest', options: {} }],
    ['@newsdesk summary of biden xi call', { name: 'digest', options: { article: 'biden xi call' } }],
    ['@newsdesk actors', { name: 'actors', options: {} }],
    ['@newsdesk digest-now', { name: 'digest-now', options: {} }],
    ['@newsdesk resume 3f9c2a1b7d4e', { name: 'resume', options: { id: '3f9c2a1b7d4e' } }],
    ['@newsdesk who is in the news?', { name: 'actors', options: {} }],
    ['@newsdesk articles', { name: 'articles', options: {} }],
    ['@newsdesk subscriptions', { name: 'subscriptions', options: {} }],
    ['@newsdesk help', { name: 'help', options: {} }],
    ['@newsdesk', { name: 'help', options: {} }],
    ['<@123>', { name: 'help', options: {} }],
    [
      '@newsdesk subscribe "0 8 * * 1-5" Europe/Berlin',
      { name: 'subscribe', options: { schedule: '0 8 * * 1-5', timezone: 'Europe/Berlin' } },
    ],
    [
      "@newsdesk what's the weather like?",
      { name: 'help', options: {}, unrecognized: "what's the weather like?" },
    ],
    ['@newsdesk thanks!', { name: 'help', options: {}, unrecognized: 'thanks!' }],
  ])('GIVEN "%s" THEN it asks for %j', (text, expected) => {
    expect(parseMention(text, BOT)).toEqual(expected);
  });

  it('GIVEN a mention that names no one ("who is ?") THEN it gets help rather than an empty actor', () => {
    expect(parseMention('@newsdesk who is ?', BOT).name).toBe('help');
  });
});
