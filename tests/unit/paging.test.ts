import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  MAX_MORE_TOKEN,
  moreToken,
  nextPageRequest,
  requestedPage,
  requestOfMoreToken,
} from '../../src/core/commands/paging.ts';
import type { CommandReply, CommandRequest } from '../../src/core/commands/types.ts';
import { readConsoleLine, startConsolePrompt } from '../../src/platforms/console/prompt.ts';

describe('page option', () => {
  it.each([
    [undefined, 1],
    ['', 1],
    [' 3 ', 3],
    ['50', 50],
  ])('GIVEN page %j THEN page %d', (page, expected) => {
    const options = page === undefined ? {} : { page };
    expect(requestedPage(options)).toEqual({ ok: true, value: expected });
  });

  it.each(['0', '51', '-1', '2.5', 'two', '1e1'])('GIVEN page %j THEN a short error', (page) => {
    const read = requestedPage({ page });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toBe('The page must be a whole number from 1 to 50.');
  });
});

describe('More tokens', () => {
  it.each<CommandRequest>([
    { name: 'quotes', options: { actor: 'Edda Marrow', page: '2' } },
    { name: 'background', options: { actor: 'the transport director', article: 'latest', page: '7' } },
    { name: 'articles', options: { page: '2' } },
    { name: 'quotes', options: { actor: 'Ana', topic: 'bridge', page: '3' } },
  ])('GIVEN the next page of $name THEN its token reads back as the same request', (request) => {
    const token = moreToken(request);
    expect(token?.length).toBeLessThanOrEqual(MAX_MORE_TOKEN);
    expect(requestOfMoreToken(token ?? '')).toEqual(request);
  });

  it('GIVEN a request too long for a button THEN there is no token', () => {
    expect(moreToken({ name: 'quotes', options: { actor: 'A'.repeat(90), page: '2' } })).toBeUndefined();
  });

  it.each([
    ['another button', 'subscribe-confirm'],
    ['not JSON', 'more:{quotes'],
    ['a command that is not paged', 'more:["subscribe",{"schedule":"* * * * *"}]'],
    ['an unknown command', 'more:["drop",{}]'],
    ['an option a page cannot carry', 'more:["quotes",{"url":"http://127.0.0.1/"}]'],
    ['a value that is not text', 'more:["quotes",{"page":2}]'],
    ['options that are a list', 'more:["quotes",["page"]]'],
    ['three parts', 'more:["quotes",{},{}]'],
  ])('GIVEN %s THEN the token carries no request', (_what, token) => {
    expect(requestOfMoreToken(token)).toBeUndefined();
  });

  it('GIVEN page 4 of a request THEN the next request asks for page 5 with the same options', () => {
    expect(nextPageRequest('background', { actor: 'Xi', page: '4' }, 4)).toEqual({
      name: 'background',
      options: { actor: 'Xi', page: '5' },
    });
  });
});

describe('console "more"', () => {
  it.each(['more', 'MORE', '/more', 'next'])('GIVEN the line %j THEN it asks for the next page', (line) => {
    expect(readConsoleLine(line, ['newsdesk'])).toEqual({ kind: 'more' });
  });

  it('GIVEN a paged reply THEN "more" runs its next page, and "more" after the last page says there is nothing more', async () => {
    const asked: CommandRequest[] = [];
    const articlesPage = (page: number, more: CommandRequest | null): CommandReply => ({
      kind: 'articles',
      ephemeral: false,
      page,
      more,
      articles: [
        {
          id: `story-${page}`,
          title: `Harbour ferry story ${page}`,
          source: null,
          url: null,
          publishedAt: null,
          ingestedAt: '2024-03-01T00:00:00.000Z',
        },
      ],
    });
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk) => {
      written += String(chunk);
    });
    const prompt = startConsolePrompt({
      input,
      output,
      interactive: false,
      botNames: ['newsdesk'],
      answer: async (request) => {
        asked.push(request);
        const page = Number(request.options.page ?? '1');
        return articlesPage(page, page < 2 ? nextPageRequest('articles', request.options, page) : null);
      },
    });
    input.end('/articles\nmore\nmore\n');
    await prompt.done;
    expect(asked).toEqual([
      { name: 'articles', options: {} },
      { name: 'articles', options: { page: '2' } },
    ]);
    expect(written).toContain('Page 1. Type “more” for the next page.');
    expect(written).toContain('Page 2, the last.');
    expect(written).toContain('Nothing more to show.');
  });
});
