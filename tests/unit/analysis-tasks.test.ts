import { describe, expect, it } from 'vitest';
import {
  type AnalysisTaskResults,
  type ArticleText,
  MAX_PARAGRAPH_CHARS,
  runAnalysisTask,
} from '../../src/ingest/analysis-tasks.ts';

const STORY = 'The council met on Monday. “We will vote next week,” the mayor said.';

/** A text file of a headline and paragraphs, as the digests folder brings it. */
function textFile(...paragraphs: string[]): ArticleText {
  return {
    id: 'story',
    format: 'text',
    origin: 'story.txt',
    text: ['Council vote', ...paragraphs].join('\n\n'),
  };
}

/** A paragraph of exactly `length` characters: two words far apart, quick to analyse at any length. */
function paragraphOf(length: number): string {
  return `Council${' '.repeat(length - 'Council'.length - 'met'.length)}met`;
}

function read(input: ArticleText): AnalysisTaskResults['read'] {
  return runAnalysisTask({ kind: 'read', input }) as AnalysisTaskResults['read'];
}

describe('runAnalysisTask: what an article may be', () => {
  it('GIVEN an ordinary article THEN it is cleaned and analysed', () => {
    const result = read(textFile(STORY));
    expect(result.ok && result.value.article.paragraphs).toEqual([STORY]);
  });

  it('GIVEN a paragraph of exactly the limit THEN the article is analysed', () => {
    const result = read(textFile(STORY, paragraphOf(MAX_PARAGRAPH_CHARS)));
    expect(result.ok && result.value.article.paragraphs.map((paragraph) => paragraph.length)).toEqual([
      STORY.length,
      MAX_PARAGRAPH_CHARS,
    ]);
  });

  it('GIVEN a paragraph one character over the limit THEN the article is unanalysable, the paragraph and the limit named', () => {
    const result = read(textFile(STORY, paragraphOf(MAX_PARAGRAPH_CHARS + 1)));
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'unanalysable',
        reason: `paragraph 2 has 500,001 characters, over the 500,000 a paragraph may have`,
      },
    });
  });

  it('GIVEN a page without article text THEN the analysis’s own answer is a refusal', () => {
    const result = runAnalysisTask({
      kind: 'analyze',
      scraped: {
        id: 'empty',
        meta: { title: 'Empty', source: null, url: null, publishedAt: null },
        blocks: [],
      },
    });
    expect(result).toEqual({ ok: false, error: { kind: 'refused', reason: 'no article text in empty' } });
  });
});
