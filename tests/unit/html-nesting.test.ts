import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { MAX_HTML_DEPTH, parseArticleText } from '../../src/ingest/article-formats.ts';
import { htmlNestingDepth } from '../../src/ingest/html-nesting.ts';

/** The depth of linkedom's own tree: what the linear count must agree with. */
function linkedomDepth(html: string): number {
  const { document } = parseHTML(html);
  type Node = typeof document.documentElement;
  let deepest = 0;
  const stack: [Node, number][] = [[document.documentElement, 1]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [element, depth] = entry;
    deepest = Math.max(deepest, depth);
    for (const child of element.children) stack.push([child, depth + 1]);
  }
  return deepest;
}

const PARAGRAPH =
  'The foreign ministers met in Geneva on Tuesday and agreed to resume the talks, officials said.';

describe('htmlNestingDepth', () => {
  it.each([
    ['nested divs', '<div><div><div><p>x</p></div></div></div>'],
    ['unclosed paragraphs close each other', `${'<p>one'.repeat(50)}`],
    ['unclosed list items close each other', `<ul>${'<li>item'.repeat(50)}</ul>`],
    ['void elements never open', `${'<br><img src="a.png"><hr>'.repeat(50)}`],
    ['a div closes an open paragraph', `${'<p>text<div>block</div>'.repeat(40)}`],
    ['table cells close each other', `<table>${'<tr><td>a<td>b<th>c'.repeat(30)}</table>`],
    ['self-closing syntax closes only inside svg', `<div/><div/><svg>${'<path/>'.repeat(30)}</svg>`],
    ['a title inside svg is not self-closed', `<svg><desc>${'<title/>'.repeat(20)}</desc></svg>`],
    ['a stray close tag closes nothing', `<div><span>a</div></span></b></i>${'<div>'.repeat(5)}`],
    ['script text holds no tags', `<div><script>${'<div>'.repeat(40)}</script></div>`],
    ['comments hold no tags', `<div><!-- ${'<div>'.repeat(40)} --></div>`],
    ['upper-case tags', `<DIV><Div><div>x</DIV></div></div>`],
  ])('GIVEN %s THEN the depth is the one linkedom builds', (_case, body) => {
    const html = `<html><body>${body}</body></html>`;
    expect(htmlNestingDepth(html, 10_000)).toBe(linkedomDepth(html));
  });

  it('GIVEN 5,000 levels of nesting THEN counting stops just past the limit', () => {
    const html = `<html><body>${'<div>'.repeat(5000)}x</body></html>`;
    expect(htmlNestingDepth(html, 100)).toBe(101);
  });
});

describe('parseArticleText: nesting', () => {
  it('GIVEN a page nested far deeper than any article page THEN it is refused with one line', () => {
    const html = `<html><body>${'<div>'.repeat(5000)}<p>${PARAGRAPH.repeat(3)}</p></body></html>`;
    expect(parseArticleText('deep', html, 'html', 'https://example.com/deep')).toEqual({
      ok: false,
      error: `https://example.com/deep: the page nests its elements over ${MAX_HTML_DEPTH} levels deep; no article page does`,
    });
  });

  it('GIVEN an article inside 60 levels of layout THEN it is read', () => {
    const html = `<html><head><title>Talks resume</title></head><body>${'<div class="wrap">'.repeat(60)}<article>${`<p>${PARAGRAPH}</p>`.repeat(4)}</article>${'</div>'.repeat(60)}</body></html>`;
    const parsed = parseArticleText('layout', html, 'html');
    expect(parsed.ok && parsed.value.blocks).toEqual([PARAGRAPH, PARAGRAPH, PARAGRAPH, PARAGRAPH]);
  });
});
