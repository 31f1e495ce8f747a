import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/core/analysis/sentences.ts';

const DEFAULT_ARTICLE = resolve(import.meta.dirname, '../../digests/2021-09-09-biden-xi-call.txt');

function textsOf(paragraph: string): string[] {
  return splitSentences([paragraph]).map((sentence) => sentence.text);
}

describe('splitSentences: where a sentence ends', () => {
  const cases: Array<{ name: string; paragraph: string; sentences: string[] }> = [
    {
      name: 'two plain sentences',
      paragraph:
        'Chinese official statements have hardened in recent months. The new ambassador to Washington, Qin Gang, said Tuesday that the United States persists in “wrong beliefs” about China.',
      sentences: [
        'Chinese official statements have hardened in recent months.',
        'The new ambassador to Washington, Qin Gang, said Tuesday that the United States persists in “wrong beliefs” about China.',
      ],
    },
    {
      name: '"U.S." inside a sentence',
      paragraph:
        'Biden’s attempt to make a clean break was complicated by a deadly attack in which 13 U.S. troops were killed in the waning days of the U.S. exit last month. China is already moving to establish a foothold.',
      sentences: [
        'Biden’s attempt to make a clean break was complicated by a deadly attack in which 13 U.S. troops were killed in the waning days of the U.S. exit last month.',
        'China is already moving to establish a foothold.',
      ],
    },
    {
      name: 'a nickname in quote marks after an initial',
      paragraph: 'Rep. Margaret A. “Peggy” Tate opened her garden. Hundreds came.',
      sentences: ['Rep. Margaret A. “Peggy” Tate opened her garden.', 'Hundreds came.'],
    },
    {
      name: '"U.S." ending a sentence before "He"',
      paragraph:
        'The ambassador said the pressure was coming from the U.S. He did not say which officials he meant.',
      sentences: [
        'The ambassador said the pressure was coming from the U.S.',
        'He did not say which officials he meant.',
      ],
    },
    {
      name: '"U.N." and "Sept." before names and numbers',
      paragraph:
        'The U.N. Security Council met on Sept. 14 to discuss the crisis. Diplomats said no vote was expected.',
      sentences: [
        'The U.N. Security Council met on Sept. 14 to discuss the crisis.',
        'Diplomats said no vote was expected.',
      ],
    },
    {
      name: 'titles before names: Gov., Dr., Mr.',
      paragraph:
        'Gov. Tomas M. Brenner said Dr. Ines S. Ferrante had briefed him. Mr. Brenner did not elaborate.',
      sentences: [
        'Gov. Tomas M. Brenner said Dr. Ines S. Ferrante had briefed him.',
        'Mr. Brenner did not elaborate.',
      ],
    },
    {
      name: 'a title right after an opening quote',
      paragraph: "'Mr. Varoufakis was not consulted,' the minister said. 'Mr. Tsipras was.'",
      sentences: ["'Mr. Varoufakis was not consulted,' the minister said.", "'Mr. Tsipras was.'"],
    },
    {
      name: 'middle initials',
      paragraph:
        'The call follows trips to China by Deputy Secretary of State Wendy Sherman in July, and climate envoy John F. Kerry last week. David J. Lynch reported from Washington.',
      sentences: [
        'The call follows trips to China by Deputy Secretary of State Wendy Sherman in July, and climate envoy John F. Kerry last week.',
        'David J. Lynch reported from Washington.',
      ],
    },
    {
      name: 'a month abbreviation before a date and "No." before a number',
      paragraph:
        'The Jan. 6 committee subpoenaed the No. 3 House Republican on Thursday. She said she would comply.',
      sentences: [
        'The Jan. 6 committee subpoenaed the No. 3 House Republican on Thursday.',
        'She said she would comply.',
      ],
    },
    {
      name: '"p.m." inside and at the end of a sentence',
      paragraph:
        'The polls close at 8 p.m. Eastern time in most states. Results are expected after 11 p.m. The count may take days.',
      sentences: [
        'The polls close at 8 p.m. Eastern time in most states.',
        'Results are expected after 11 p.m.',
        'The count may take days.',
      ],
    },
    {
      name: 'decimals and money',
      paragraph: 'The company agreed to pay $31.5 million, or 2.5 percent of its revenue. Shares rose 4.2%.',
      sentences: [
        'The company agreed to pay $31.5 million, or 2.5 percent of its revenue.',
        'Shares rose 4.2%.',
      ],
    },
    {
      name: 'a quote that closes after the period',
      paragraph:
        'Confrontation would only “bring disaster to both countries and the world.” He called for the relations to be put back on track.',
      sentences: [
        'Confrontation would only “bring disaster to both countries and the world.”',
        'He called for the relations to be put back on track.',
      ],
    },
    {
      name: 'a quote that spans two sentences',
      paragraph:
        '“That would be a difference. One challenge we’ve had in interactions over the last few months was the sense that they were playing for the press,” the official said.',
      sentences: [
        '“That would be a difference.',
        'One challenge we’ve had in interactions over the last few months was the sense that they were playing for the press,” the official said.',
      ],
    },
    {
      name: 'a question inside quotes followed by its attribution',
      paragraph: '“Why now?” she asked. “Because the numbers finally add up.”',
      sentences: ['“Why now?” she asked.', '“Because the numbers finally add up.”'],
    },
    {
      name: "a sentence ending in ?” and one ending in !'",
      paragraph:
        "He asked, “Who is going to pay for it?” Nobody answered. 'We will not back down!' The crowd cheered.",
      sentences: [
        'He asked, “Who is going to pay for it?”',
        'Nobody answered.',
        "'We will not back down!'",
        'The crowd cheered.',
      ],
    },
    {
      name: 'a spaced ellipsis with thin spaces opening a quote',
      paragraph:
        '“The U.S. left a trail of destruction in Afghanistan,” Zhao Lijian said Thursday. “.\u2009.\u2009. The U.S. asks others to respect basic human rights.”',
      sentences: [
        '“The U.S. left a trail of destruction in Afghanistan,” Zhao Lijian said Thursday.',
        '“.\u2009.\u2009. The U.S. asks others to respect basic human rights.”',
      ],
    },
    {
      name: 'a spaced ellipsis with no-break spaces inside a sentence',
      paragraph:
        'The statement said the two sides would “continue to communicate .\u00a0.\u00a0. on issues of mutual concern.” Talks resume next week.',
      sentences: [
        'The statement said the two sides would “continue to communicate .\u00a0.\u00a0. on issues of mutual concern.”',
        'Talks resume next week.',
      ],
    },
    {
      name: 'an ellipsis before a name is an omission, not an ending',
      paragraph: 'The memo warned that the country . . . China would respond in kind. Officials denied it.',
      sentences: [
        'The memo warned that the country . . . China would respond in kind.',
        'Officials denied it.',
      ],
    },
    {
      name: 'an ellipsis character ending a sentence before "But"',
      paragraph: 'We waited and waited… But nobody came to help us.',
      sentences: ['We waited and waited…', 'But nobody came to help us.'],
    },
    {
      name: 'curly single quotes used as quote marks (Daily Mail style)',
      paragraph:
        '‘I spent a season at Rovers and loved every minute. It’s a big step up.’ Okafor was appointed on Friday. ‘That’s how the game goes,’ he said.',
      sentences: [
        '‘I spent a season at Rovers and loved every minute.',
        'It’s a big step up.’',
        'Okafor was appointed on Friday.',
        '‘That’s how the game goes,’ he said.',
      ],
    },
    {
      name: 'a headline with no terminal punctuation',
      paragraph: 'China’s crackdown on everything is affecting everything in China',
      sentences: ['China’s crackdown on everything is affecting everything in China'],
    },
    {
      name: 'a web address is not split',
      paragraph: 'More details are available at whitehouse.gov. The briefing starts at noon.',
      sentences: ['More details are available at whitehouse.gov.', 'The briefing starts at noon.'],
    },
  ];

  it.each(cases)('GIVEN $name THEN it splits where a reader would', ({ paragraph, sentences }) => {
    expect(textsOf(paragraph)).toEqual(sentences);
  });
});

describe('splitSentences: positions', () => {
  it('GIVEN paragraphs with surrounding spaces THEN each sentence is its paragraph slice, trimmed', () => {
    const paragraphs = [
      '  Xi named climate change as an area of cooperation.   He called for regular contact. ',
      '',
      'Biden recommitted this week to attend that November climate session.',
    ];
    const sentences = splitSentences(paragraphs);
    expect(sentences.map((s) => [s.index, s.paragraph, s.text])).toEqual([
      [0, 1, 'Xi named climate change as an area of cooperation.'],
      [1, 1, 'He called for regular contact.'],
      [2, 3, 'Biden recommitted this week to attend that November climate session.'],
    ]);
    for (const sentence of sentences) {
      expect(paragraphs[sentence.paragraph - 1]?.slice(sentence.start, sentence.end)).toBe(sentence.text);
    }
  });

  it('GIVEN no paragraphs or only blank ones THEN there are no sentences', () => {
    expect(splitSentences([])).toEqual([]);
    expect(splitSentences(['', '   '])).toEqual([]);
  });

  it('GIVEN the default article THEN every sentence maps back to its paragraph and none is a fragment', () => {
    const paragraphs = readFileSync(DEFAULT_ARTICLE, 'utf8')
      .split(/\n\s*\n/)
      .map((block) => block.trim())
      .filter((block) => block.length > 0);
    const sentences = splitSentences(paragraphs);
    for (const sentence of sentences) {
      expect(paragraphs[sentence.paragraph - 1]?.slice(sentence.start, sentence.end)).toBe(sentence.text);
      expect(sentence.text).not.toMatch(/^(?:U\.S\.|F\.|J\.)$/);
    }
    const texts = sentences.map((s) => s.text);
    expect(texts).toContain(
      'The call follows disappointing or inconclusive trips to China by Deputy Secretary of State Wendy Sherman in July, and climate envoy John F. Kerry last week, and it comes ahead of what the Biden administration hopes will be a deeper commitment to Chinese climate initiatives in November at a global climate summit backed by the United Nations.',
    );
  });
});

describe('splitSentences: articles without paragraph breaks', () => {
  const oneParagraph =
    'LONDON, England (Reuters) -- Harry Potter star Daniel Radcliffe gains access to a reported £20 million ($41.1 million) fortune as he turns 18 on Monday, but he insists the money won’t cast a spell on him. ' +
    '“I don’t plan to be one of those people who, as soon as they turn 18, suddenly buy themselves a massive sports car collection or something similar,” he told an Australian interviewer earlier this month. ' +
    '“I don’t think I’ll be particularly extravagant.” ' +
    'At 18, Radcliffe will be able to gamble in a casino, buy a drink in a pub or see the horror film “Hostel: Part II,” currently six places below his number one movie on the U.K. box office chart. ' +
    'Details of how he’ll mark his landmark birthday are under wraps.';

  it('GIVEN a whole article as one paragraph THEN it still splits into its sentences', () => {
    expect(textsOf(oneParagraph)).toEqual([
      'LONDON, England (Reuters) -- Harry Potter star Daniel Radcliffe gains access to a reported £20 million ($41.1 million) fortune as he turns 18 on Monday, but he insists the money won’t cast a spell on him.',
      '“I don’t plan to be one of those people who, as soon as they turn 18, suddenly buy themselves a massive sports car collection or something similar,” he told an Australian interviewer earlier this month.',
      '“I don’t think I’ll be particularly extravagant.”',
      'At 18, Radcliffe will be able to gamble in a casino, buy a drink in a pub or see the horror film “Hostel: Part II,” currently six places below his number one movie on the U.K. box office chart.',
      'Details of how he’ll mark his landmark birthday are under wraps.',
    ]);
  });

  it('GIVEN a very long single paragraph THEN splitting is linear and fast', () => {
    const huge = Array.from({ length: 4000 }, () => oneParagraph).join(' ');
    const started = performance.now();
    const sentences = splitSentences([huge]);
    const elapsed = performance.now() - started;
    expect(sentences).toHaveLength(4000 * 5);
    expect(elapsed).toBeLessThan(1000);
  });
});
