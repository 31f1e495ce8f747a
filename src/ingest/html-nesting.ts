import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/*
 * The tree-building rules of htmlparser2's Parser (the parser linkedom builds its DOM with), copied
 * so the depth measured here is the depth linkedom would build. The Parser itself keeps its open
 * elements with Array.unshift, which is linear in the depth per element: quadratic on deep input.
 */
const P = ['p'];
const FORM = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const OPEN_IMPLIES_CLOSE: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  (
    [
      ['tr', ['tr', 'th', 'td']],
      ['th', ['th']],
      ['td', ['thead', 'th', 'td']],
      ['body', ['head', 'link', 'script']],
      ['li', ['li']],
      ['option', ['option']],
      ['optgroup', ['optgroup', 'option']],
      ['dd', ['dd', 'dt']],
      ['dt', ['dd', 'dt']],
      ['rt', ['rt', 'rp']],
      ['rp', ['rt', 'rp']],
      ['tbody', ['thead', 'tbody']],
      ['tfoot', ['thead', 'tbody']],
      ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((name) => [name, FORM]),
      ...[
        'p',
        'h1',
        'h2',
        'h3',
        'h4',
        'h5',
        'h6',
        'address',
        'article',
        'aside',
        'blockquote',
        'details',
        'div',
        'dl',
        'fieldset',
        'figcaption',
        'figure',
        'footer',
        'form',
        'header',
        'hr',
        'main',
        'nav',
        'ol',
        'pre',
        'section',
        'table',
        'ul',
      ].map((name) => [name, P]),
    ] as [string, string[]][]
  ).map(([name, closes]) => [name, new Set(closes)]),
);
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const FOREIGN = new Set(['math', 'svg']);
const HTML_INTEGRATION = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignobject',
  'desc',
  'title',
]);

/** The open elements, top last, with a count per name so a close tag finds its match in O(1). */
class OpenElements {
  readonly #names: string[] = [];
  readonly #counts = new Map<string, number>();

  get depth(): number {
    return this.#names.length;
  }

  get top(): string | undefined {
    return this.#names.at(-1);
  }

  push(name: string): void {
    this.#names.push(name);
    this.#counts.set(name, (this.#counts.get(name) ?? 0) + 1);
  }

  pop(): void {
    const name = this.#names.pop();
    if (name !== undefined) this.#counts.set(name, (this.#counts.get(name) ?? 1) - 1);
  }

  /** Closes the innermost open `name` and everything inside it; nothing when none is open. */
  closeThrough(name: string): void {
    if ((this.#counts.get(name) ?? 0) === 0) return;
    while (this.#names.length > 0) {
      const closed = this.top;
      this.pop();
      if (closed === name) return;
    }
  }
}

/**
 * The deepest element nesting linkedom would build from `html`, in time linear in its length.
 * Counting stops once the depth passes `stopAbove` (the answer is then `stopAbove + 1`).
 */
export function htmlNestingDepth(html: string, stopAbove: number): number {
  const open = new OpenElements();
  // Whether self-closing syntax closes an element (inside <svg>/<math>), as the Parser tracks it.
  const foreign: boolean[] = [false];
  let tagName = '';
  let deepest = 0;
  const name = (start: number, end: number) => html.slice(start, end).toLowerCase();

  const openTag = (tag: string) => {
    tagName = tag;
    const closes = OPEN_IMPLIES_CLOSE.get(tag);
    if (closes) while (open.top !== undefined && closes.has(open.top)) open.pop();
    // A void element is a leaf one level below the open ones; it never stays open.
    deepest = Math.max(deepest, open.depth + 1);
    if (deepest > stopAbove) tokenizer.pause();
    if (VOID.has(tag)) return;
    open.push(tag);
    if (FOREIGN.has(tag)) foreign.push(true);
    else if (HTML_INTEGRATION.has(tag)) foreign.push(false);
  };
  const ignore = () => undefined;
  const callbacks: TokenizerCallbacks = {
    onopentagname: (start, end) => openTag(name(start, end)),
    onopentagend: () => {
      tagName = '';
    },
    onselfclosingtag: () => {
      if (foreign.at(-1) === true && open.top === tagName) open.pop();
      tagName = '';
    },
    onclosetag: (start, end) => {
      const tag = name(start, end);
      if (FOREIGN.has(tag) || HTML_INTEGRATION.has(tag)) foreign.pop();
      if (!VOID.has(tag)) open.closeThrough(tag);
    },
    onattribdata: ignore,
    onattribentity: ignore,
    onattribend: ignore,
    onattribname: ignore,
    oncdata: ignore,
    oncomment: ignore,
    ondeclaration: ignore,
    onend: ignore,
    onprocessinginstruction: ignore,
    ontext: ignore,
    ontextentity: ignore,
  };
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, callbacks);
  tokenizer.write(html);
  if (tokenizer.running) tokenizer.end();
  return Math.min(deepest, stopAbove + 1);
}
