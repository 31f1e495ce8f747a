import { describe, expect, it } from 'vitest';
import { findActors } from '../../src/core/analysis/actors.ts';
import type { Evidence } from '../../src/core/analysis/attribution/candidates.ts';
import { FEATURE_NAMES } from '../../src/core/analysis/attribution/features.ts';
import { findQuoteSpans } from '../../src/core/analysis/quote-spans.ts';
import { extractAttributions, extractQuotes, type ObservedQuote } from '../../src/core/analysis/quotes.ts';
import type { Quote } from '../../src/core/analysis/types.ts';
import { paragraphsOf } from '../fixtures/sentences.ts';

/** Runs the quote stages over paragraphs given as their sentences. */
function quotesOf(...paragraphs: string[][]): Quote[] {
  const { texts, sentences } = paragraphsOf(paragraphs);
  const spans = findQuoteSpans(texts);
  return extractQuotes(texts, sentences, findActors(sentences, spans), spans);
}

function speakerOf(quotes: readonly Quote[], words: string): string | null | undefined {
  return quotes.find((quote) => quote.text.includes(words))?.speaker;
}

/** Runs the quote stages and keeps what the speaker model saw of each quote. */
function observedQuotes(paragraphs: string[][]): { observed: ObservedQuote[]; quotes: Quote[] } {
  const { texts, sentences } = paragraphsOf(paragraphs);
  const spans = findQuoteSpans(texts);
  const observed: ObservedQuote[] = [];
  const { quotes } = extractAttributions(texts, sentences, findActors(sentences, spans), spans, {
    observe: (quote) => observed.push(quote),
  });
  return { observed, quotes };
}

/** The names of a quote's candidates with evidence that passes `test`. */
function sourcesWith(quote: ObservedQuote | undefined, test: (evidence: Evidence) => boolean): string[] {
  return (quote?.candidates ?? []).flatMap((candidate) =>
    candidate.evidence.some(test) && candidate.source ? [candidate.source.name] : [],
  );
}

describe('extractQuotes: attribution patterns', () => {
  const cases: Array<{ pattern: string; paragraphs: string[][]; quote: string; speaker: string }> = [
    {
      pattern: '“…,” X statement said',
      paragraphs: [
        [
          '“The two leaders had a broad, strategic discussion in which they discussed areas where our interests converge,” a White House statement said.',
        ],
      ],
      quote: 'broad, strategic discussion',
      speaker: 'White House',
    },
    {
      pattern: '“…,” title + name said',
      paragraphs: [
        [
          '“The U.S. left a trail of destruction in Afghanistan,” Chinese Foreign Ministry spokesman Zhao Lijian said Thursday.',
        ],
      ],
      quote: 'trail of destruction',
      speaker: 'Zhao Lijian',
    },
    {
      pattern: '“…,” said X, appositive',
      paragraphs: [
        [
          '“The political will to overcome tensions can only be accomplished at this stage by the two leaders talking,” said Myron Brilliant, executive vice president of the U.S. Chamber of Commerce.',
        ],
      ],
      quote: 'political will',
      speaker: 'Myron Brilliant',
    },
    {
      pattern: 'X said, “…”',
      paragraphs: [['Sen. Nora Lind said, “You should step down.”']],
      quote: 'You should step down',
      speaker: 'Nora Lind',
    },
    {
      pattern: 'according to X, Y told Z that … “…”',
      paragraphs: [
        ['President Biden spoke with Chinese President Xi Jinping for the second time as president.'],
        [
          'According to CCTV, Xi told Biden that U.S. policy toward China had “caused serious difficulties” in ties and that confrontation between the two would only “bring disaster to both countries and the world.”',
        ],
      ],
      quote: 'caused serious difficulties',
      speaker: 'Xi Jinping',
    },
    {
      pattern: 'X described … as “…”',
      paragraphs: [['China’s state-run broadcaster CCTV described the discussion as “candid and in-depth.”']],
      quote: 'candid and in-depth',
      speaker: 'CCTV',
    },
    {
      pattern: 'He called for “…” (pronoun -> last named person)',
      paragraphs: [
        ['President Biden spoke with Chinese President Xi Jinping for the second time as president.'],
        [
          'Xi named climate change and the coronavirus pandemic as potential areas of cooperation.',
          'He called for the two countries to put their “relations back on the right track” as soon as possible.',
        ],
      ],
      quote: 'relations back on the right track',
      speaker: 'Xi Jinping',
    },
    {
      pattern: 'X, appositive in front, said … what he called “…”',
      paragraphs: [
        [
          'The new ambassador to Washington, Qin Gang, said Tuesday that the United States persists in “wrong beliefs” about China and warned of “disastrous consequences” if Washington follows what he called a “Cold War playbook.”',
        ],
      ],
      quote: 'Cold War playbook',
      speaker: 'Qin Gang',
    },
    {
      pattern: '“…,” she said (gender picks the compatible person)',
      paragraphs: [
        ['Tom Hale debated Maria Ruiz on Monday night.'],
        ['“Why won’t he show us his budget?” she said.'],
      ],
      quote: 'show us his budget',
      speaker: 'Maria Ruiz',
    },
    {
      pattern: '“…,” he said (gender picks the compatible person)',
      paragraphs: [
        ['Maria Ruiz debated Tom Hale on Monday night.'],
        ['“We have a plan for every county,” he said.'],
      ],
      quote: 'every county',
      speaker: 'Tom Hale',
    },
    {
      pattern: 'Name (party-state) said',
      paragraphs: [
        ['“Budgets are not suggestions,” panel Chairman Rep. Piet Larkin (R-Idaho) said after the hearing.'],
      ],
      quote: 'Budgets are not',
      speaker: 'Piet Larkin',
    },
    {
      pattern: 'X said: (quote opens the next paragraph)',
      paragraphs: [['Edda Garber continued:'], ['“The road issue is mostly a county issue.”']],
      quote: 'county issue',
      speaker: 'Edda Garber',
    },
    {
      pattern: 'The <newspaper> reports: (quote opens the next paragraph)',
      paragraphs: [
        ['The New York Times reports:'],
        ['“Only a third of the grant money reached the schools it was meant for.”'],
      ],
      quote: 'a third of the grant',
      speaker: 'New York Times',
    },
    {
      pattern: 'The <newspaper> reported that “…”',
      paragraphs: [['The Washington Post reported that “the senator will not run again,” citing aides.']],
      quote: 'will not run again',
      speaker: 'Washington Post',
    },
    {
      pattern: '“…” ― signed vox-pop',
      paragraphs: [['“Maybe, one day, the buses will run on time.” ― Nina Castell.']],
      quote: 'run on time',
      speaker: 'Nina Castell',
    },
    {
      pattern: 'X + a verb that is no speech verb + colon before the quote',
      paragraphs: [
        [
          'After the union warned of a strike at the bus depots, Director Ana Ruiz did not hold back: “Our buses will keep running, strike or no strike.”',
        ],
      ],
      quote: 'keep running',
      speaker: 'Ana Ruiz',
    },
    {
      pattern: '“…,” she said of X (X is spoken of, not the speaker)',
      paragraphs: [
        ['Maria Lopez, a nurse from Dayton, waited three hours to see the candidate, Governor Paul Brandt.'],
        ['“He truly cares about people like us,” she said of Brandt.'],
      ],
      quote: 'truly cares',
      speaker: 'Maria Lopez',
    },
  ];
  it.each(cases)('GIVEN $pattern THEN the quote goes to $speaker', ({ paragraphs, quote, speaker }) => {
    expect(speakerOf(quotesOf(...paragraphs), quote)).toBe(speaker);
  });
});

describe('extractQuotes: attribution across sentences, clauses and descriptions', () => {
  const cases: Array<{ rule: string; paragraphs: string[][]; quote: string; speaker: string }> = [
    {
      rule: 'Name (party-state) said with a middle initial and a weekday',
      paragraphs: [
        [
          '“The vote is a test for all of us,” Rep. Janet R. Molloy (D-Ore.) said Friday. “We will not fold.”',
        ],
      ],
      quote: 'We will not fold',
      speaker: 'Janet R. Molloy',
    },
    {
      rule: 'Of X, Y, a relative clause, said: the name after the preposition is no subject',
      paragraphs: [
        [
          '“He has no plan,” the organizer Ana Quintero said of Mayor Tom Delacroix.',
          'Of Councilman Peter Vasko, Quintero, who once worked for Delacroix, said, “He is worse.”',
        ],
      ],
      quote: 'He is worse',
      speaker: 'Ana Quintero',
    },
    {
      rule: 'X, also doing Y, said Z is …: the name that opens the clause after the verb is not inverted',
      paragraphs: [
        [
          'Independent hopeful Ana Quintero, also touring Ohio, said Tom Delacroix is to blame for the deficit and accused him of “wrecking the budget.”',
          'She praised the volunteers.',
        ],
      ],
      quote: 'wrecking the budget',
      speaker: 'Ana Quintero',
    },
    {
      rule: 'said the Rev. X, of Y',
      paragraphs: [
        ['“The town has to heal first,” said the Rev. Thomas Okafor, of Grace Street Baptist Church.'],
      ],
      quote: 'heal first',
      speaker: 'Thomas Okafor',
    },
    {
      rule: 'said the + place + role (a described source, not the place)',
      paragraphs: [
        ['Senator Maria Delgado toured a tire plant in Dayton on Monday.'],
        ['“We cannot keep shipping these jobs overseas,” said the Ohio senator.'],
      ],
      quote: 'shipping these jobs',
      speaker: 'Maria Delgado',
    },
    {
      rule: 'a possessor ending in s takes the apostrophe alone and is no subject: “Reyes’ wife, Ana, …” then “she”',
      paragraphs: [
        ['Sheriff Dana Holt said the road would reopen on Monday.'],
        ['“I trust the sheriff,” said Tom Reyes, a neighbor.'],
        ['Reyes’ wife, Ana, was less sure. “We will see,” she said.'],
      ],
      quote: 'We will see',
      speaker: 'Ana',
    },
    {
      rule: 'said the + home place + party: the person last made a subject',
      paragraphs: [
        ['Senator Maria Delgado toured a tire plant in Dayton on Monday.'],
        ['“Nobody here wants a handout,” said the Ohio Democrat.'],
      ],
      quote: 'wants a handout',
      speaker: 'Maria Delgado',
    },
    {
      rule: 'The + home place + party opens the sentence, then a pronoun cue',
      paragraphs: [
        ['Senator Maria Delgado toured a tire plant in Dayton on Monday.'],
        ['The Ohio Democrat has long opposed the trade deal. “It was a mistake,” she said.'],
      ],
      quote: 'It was a mistake',
      speaker: 'Maria Delgado',
    },
    {
      rule: 'the + last word of a body named before ("the union")',
      paragraphs: [
        ['The Riverside Teachers Union voted on Monday to strike.'],
        ['The union said the offer was “an insult to every teacher.”'],
      ],
      quote: 'an insult',
      speaker: 'Riverside Teachers Union',
    },
    {
      rule: 'said + lower-case role phrase + name',
      paragraphs: [['“Nobody called us back,” said flood survivor Dana Whitfield.']],
      quote: 'Nobody called',
      speaker: 'Dana Whitfield',
    },
    {
      rule: 'according to + role phrase + name',
      paragraphs: [
        ['According to veteran radio host Glen Marsh, the decision smacks of “panic” at the network.'],
      ],
      quote: 'panic',
      speaker: 'Glen Marsh',
    },
    {
      rule: 'X said. “…” (a quote sentence after the attribution)',
      paragraphs: [
        ['Mayor Carla Ruiz said the budget would pass. “We have the votes, and we have the time.”'],
      ],
      quote: 'We have the votes',
      speaker: 'Carla Ruiz',
    },
    {
      rule: 'subject after an introductory phrase, then a quote sentence',
      paragraphs: [
        ['Mike Pence spoke on Sunday.'],
        [
          'On “Meet the Press,” Sen. Amy Ortega (Minn.), who chairs the panel, pointed to rising rents. “Families are being squeezed out of their own towns.”',
        ],
      ],
      quote: 'squeezed out',
      speaker: 'Amy Ortega',
    },
    {
      rule: 'X said Tuesday. (next paragraph is the quote)',
      paragraphs: [
        [
          'Governor Paul Hendricks announced the plan on Tuesday, aides said, and Hendricks defended it later.',
        ],
        ['The plan would cost $2 billion, Hendricks told reporters.'],
        ['“It pays for itself within a decade.”'],
      ],
      quote: 'pays for itself',
      speaker: 'Paul Hendricks',
    },
    {
      rule: 'participle: X mocked the complaint, saying “…”',
      paragraphs: [
        [
          'Senator Joan Mercer mocked the complaint, saying anyone who blames the weather “has run out of excuses.”',
        ],
      ],
      quote: 'run out of excuses',
      speaker: 'Joan Mercer',
    },
    {
      rule: 'participle: described subject … while chanting “…”',
      paragraphs: [
        ['Small groups of protesters marched past city hall while chanting, “No justice, no peace.”'],
      ],
      quote: 'No justice',
      speaker: 'Small groups',
    },
    {
      rule: 'name, appositive with a name inside, said',
      paragraphs: [
        [
          '“This rule ignores the ranchers,” Ken Duarte, the attorney general of Nevada, one of nine states taking the Interior Department to court, said Monday.',
        ],
      ],
      quote: 'ignores the ranchers',
      speaker: 'Ken Duarte',
    },
    {
      rule: 'a possessive noun is no speech verb: X called Y’s remarks “…”',
      paragraphs: [
        [
          'A week before the vote, Rosa Delgado, a union organiser, called Mr. Hale’s remarks “a warning shot” for members.',
        ],
      ],
      quote: 'warning shot',
      speaker: 'Rosa Delgado',
    },
    {
      rule: 'a country that opens its clause speaks for its government',
      paragraphs: [
        [
          'Norway called the launch a “reckless gamble.” Chile insisted that both sides “lower their voices.”',
        ],
      ],
      quote: 'lower their voices',
      speaker: 'Chile',
    },
    {
      rule: 'a possessive description: my father said',
      paragraphs: [['“Keep your head down and work,” my father often said.']],
      quote: 'head down',
      speaker: 'my father',
    },
    {
      rule: 'a described source that comments',
      paragraphs: [['During dinner, a neighbor commented: “Nobody here trusts the council anymore.”']],
      quote: 'Nobody here',
      speaker: 'a neighbor',
    },
    {
      rule: 'as X put it',
      paragraphs: [['The main test is a “settled home address,” as a county memo put it.']],
      quote: 'settled home address',
      speaker: 'a county memo',
    },
    {
      rule: 'a name with an initial after an introductory phrase, an appositive and an adverb',
      paragraphs: [
        [
          'At a town hall in Denver last week, Laura J. Whitcomb, the president of the Colorado Teachers Union, sharply told a parent who asked about class sizes that “nobody in this building wants thirty kids in a room.”',
        ],
      ],
      quote: 'thirty kids',
      speaker: 'Laura J. Whitcomb',
    },
    {
      rule: 'participle: a described subject … granted Mr. X …, saying “…”',
      paragraphs: [
        [
          'In March, several tenant groups granted Mr. Alvarez more time to repair the boilers, saying his “crews were stretched too thin.”',
        ],
      ],
      quote: 'stretched too thin',
      speaker: 'several tenant groups',
    },
    {
      rule: 'a name that modifies a noun (“the Ruiz campaign”) is no subject for “she”',
      paragraphs: [
        ['Maria Ruiz is running for mayor on a promise to fix the buses.'],
        ['“We are ready for a long night,” said Dana Okoro, a precinct captain.'],
        ['Many residents think the Ruiz campaign took the east side for granted.'],
        ['“Nobody knocked on a single door here,” she said.'],
      ],
      quote: 'single door',
      speaker: 'Dana Okoro',
    },
    {
      rule: '“…,” reported X (a news agency the cast does not know)',
      paragraphs: [
        [
          'The governor leads by six points. That is “about where the race has stood since June,” reported Reuters.',
        ],
      ],
      quote: 'since June',
      speaker: 'Reuters',
    },
    {
      rule: '“…,” The X reported',
      paragraphs: [
        ['The three “exemptions” she listed are “narrow, temporary and reviewable,” The Hill reported.'],
      ],
      quote: 'narrow, temporary',
      speaker: 'The Hill',
    },
    {
      rule: 'a country with an appositive: Even X, its only ally, said it was “…”',
      paragraphs: [
        [
          'Even Russia, Belgrade’s closest partner and its main supplier of gas, said it was “deeply concerned” by the vote.',
        ],
      ],
      quote: 'deeply concerned',
      speaker: 'Russia',
    },
    {
      rule: 'a party tag between commas and a weekday after the verb',
      paragraphs: [
        ['“We have the votes to pass it,” Senate Minority Leader Dana Frye, D-Ore., said Tuesday.'],
      ],
      quote: 'votes to pass',
      speaker: 'Dana Frye',
    },
    {
      rule: 'a family speaks: X’s family has called on … “…”',
      paragraphs: [
        [
          'Okafor’s family has called on the county to release the footage “in the interest of the truth” and asked for calm.',
        ],
      ],
      quote: 'interest of the truth',
      speaker: 'Okafor’s family',
    },
    {
      rule: 'according to a document described at length: its head noun, not the last word',
      paragraphs: [
        [
          'According to a 14-count complaint filed by the state attorney general, the company ran a “deliberate pattern of deception” for years.',
        ],
      ],
      quote: 'pattern of deception',
      speaker: 'a 14-count complaint',
    },
    {
      rule: 'a reader asks: “…”',
      paragraphs: [
        ['In calmer times, a reader would simply ask: “Why is the mayor on that channel at all?”'],
      ],
      quote: 'mayor on that channel',
      speaker: 'a reader',
    },
    {
      rule: 'as an outlet the cast does not know called it, “…”',
      paragraphs: [
        [
          'The two hosts lend the network a familiar face (or, as The Daily Record called them in a column, “borrowed credibility”).',
        ],
      ],
      quote: 'borrowed credibility',
      speaker: 'The Daily Record',
    },
    {
      rule: 'a name inside an introductory phrase is not the subject',
      paragraphs: [
        [
          'With party leaders worried about turnout for Maria Ruiz among young voters, Governor Tom Adeyemi is taking a blunter message on the road: “Stay home and you hand them the state.”',
        ],
      ],
      quote: 'hand them the state',
      speaker: 'Tom Adeyemi',
    },
    {
      rule: 'X’s claim that “…”: the claim’s owner, not the subject who checks it',
      paragraphs: [
        ['Senator Rita Vance spoke at the plant on Monday.'],
        [
          'A watchdog group examined Vance’s claim that the county lost “nine hundred jobs in a year” and found it close.',
        ],
      ],
      quote: 'nine hundred jobs',
      speaker: 'Rita Vance',
    },
    {
      rule: 'X’s accusation that “…”: a reporting noun’s owner',
      paragraphs: [
        ['Senator Rita Vance and Mayor Tom Hale met at the plant on Monday.'],
        ['Hale’s accusation that Vance had “sold out the county” dominated the evening.'],
      ],
      quote: 'sold out the county',
      speaker: 'Tom Hale',
    },
    {
      rule: 'X’s spokesman said that “…”: a speech verb after the owner’s noun is the spokesman’s',
      paragraphs: [
        ['Senator Rita Vance and Mayor Tom Hale met at the plant on Monday.'],
        ['Hale’s spokesman said that the plant was “a sinking ship” under Vance.'],
      ],
      quote: 'sinking ship',
      speaker: 'Hale’s spokesman',
    },
    {
      rule: 'X’s most pointed claim is that “…”: the owner past modifiers and "is that"',
      paragraphs: [
        ['Senator Rita Vance and Mayor Tom Hale met at the plant on Monday.'],
        ['But Hale’s most pointed claim is that the plant is a “sinking ship” that Vance ignored.'],
      ],
      quote: 'sinking ship',
      speaker: 'Tom Hale',
    },
    {
      rule: 'a participle inside the subject of a clause does not attribute the quote after its verb',
      paragraphs: [
        ['Maria Ruiz spoke in Tampa.'],
        ['Tom Adeyemi answered on Twitter.'],
        [
          'She says Adeyemi’s tweets accusing her of fraud and of lying about her record are “cheap and false.”',
        ],
      ],
      quote: 'cheap and false',
      speaker: 'Maria Ruiz',
    },
    {
      rule: '“…!” then a title with a period before the name and the verb',
      paragraphs: [
        ['“We will win in November,” said Governor Tom Hale.'],
        // The splitter ends a sentence after “…!” before a capital, as it must elsewhere.
        [
          '“This is our year!”',
          'Hale’s campaign chair, state Del. Alma Ortiz (D-Norfolk), yelled from the stage.',
        ],
      ],
      quote: 'our year',
      speaker: 'Alma Ortiz',
    },
    {
      rule: 'a name after “of Mr.” before a dash is an object, not the speaker',
      paragraphs: [
        ['“They pay us well,” Mr. Okafor said.'],
        [
          'Mr. Okafor said his co-host had lately seemed supportive of Mr. Hale -- “a completely different man to me.”',
        ],
      ],
      quote: 'completely different',
      speaker: 'Okafor',
    },
    {
      rule: 'a participle phrase and a place before the subject: "Touring a mill in Akron, Ohio, X …, calling him “…”"',
      paragraphs: [
        ['Senator Maria Ruiz spent the day attacking a rival, Governor Tom Adeyemi.'],
        ['Touring a mill in Akron, Ohio, Ruiz went after Adeyemi, calling him “a career politician.”'],
      ],
      quote: 'career politician',
      speaker: 'Maria Ruiz',
    },
    {
      rule: 'a described source in the slot after an inverted verb, whatever its head: “…,” said the 38-year-old',
      paragraphs: [['“She has always been a fighter,” said the 38-year-old.']],
      quote: 'always been a fighter',
      speaker: 'the 38-year-old',
    },
    {
      rule: 'a described source between the quote and its verb, whatever its head: “…,” the plaintiffs wrote',
      paragraphs: [
        ['“The county ignored every warning it was given,” the plaintiffs wrote in a joint letter.'],
      ],
      quote: 'ignored every warning',
      speaker: 'the plaintiffs',
    },
    {
      rule: 'a name that opens a clause after "said" is not an inverted source: X, appositive, said Y was “…”',
      paragraphs: [
        ['Senator Tom Hale fired his aide Victor Osei last week.'],
        ['Hale’s attorney, Ivo Dunmore, said Osei was “chasing headlines.”'],
      ],
      quote: 'chasing headlines',
      speaker: 'Ivo Dunmore',
    },
    {
      rule: 'a name that runs straight into the quote after "said" is its subject: X, appositive, said Y “…”',
      paragraphs: [
        ['Mayor Lena Brandt left office in March.'],
        ['Karl Wendt, a retired county engineer, said Brandt “never once read the flood reports.”'],
      ],
      quote: 'never once read',
      speaker: 'Karl Wendt',
    },
    {
      rule: 'a preposition after "said" opens no inverted source: X, age, long appositive, said in an interview that …',
      paragraphs: [
        [
          'Karl Wendt, 67, a retired county engineer in Dover, Del., said in a radio interview that the levy was “a tax on bread.”',
        ],
      ],
      quote: 'tax on bread',
      speaker: 'Karl Wendt',
    },
    {
      rule: 'a preposition after "said" opens no inverted source: X, party-state, said in a statement that …',
      paragraphs: [['Rep. Lena Brandt, D-Ore., said in a statement that the plan was “dead on arrival.”']],
      quote: 'dead on arrival',
      speaker: 'Lena Brandt',
    },
    {
      rule: 'a name at the end of a participle phrase set off by commas is not the verb’s subject',
      paragraphs: [
        [
          'The row began Friday after Senator Tom Hale, asked about the potholes left under Governor Alan Price, had said, “We all make mistakes.”',
        ],
      ],
      quote: 'make mistakes',
      speaker: 'Tom Hale',
    },
    {
      rule: 'a document that spoke is no one "she" stands for: “…,” a statement said. “…,” she said',
      paragraphs: [
        ['Governor Ana Ruiz spoke in Reno on Monday.'],
        ['“The plan is dead,” a statement said.'],
        ['“We will keep fighting,” she said.'],
      ],
      quote: 'keep fighting',
      speaker: 'Ana Ruiz',
    },
    {
      rule: 'a sentence with no speech verb introduces the next paragraph’s quote with a colon: X issued the following statement:',
      paragraphs: [
        ['Senator Tom Hale spoke in Reno.'],
        ['Governor Ana Ruiz issued the following statement:'],
        ['“Our thoughts are with the families tonight.”'],
      ],
      quote: 'Our thoughts',
      speaker: 'Ana Ruiz',
    },
    {
      rule: 'a quantity before a speech verb is its subject, not a determiner of a noun: “…,” the two said',
      paragraphs: [['“We waited all night for the count,” the two said.']],
      quote: 'waited all night',
      speaker: 'the two',
    },
    {
      rule: 'a participle right after a name has that name as subject, whatever its clause holds: X saying he was “…”',
      paragraphs: [
        [
          'Both sides spoke afterwards, Senator Tom Hale saying he was “quite hopeful” and Governor Ana Ruiz calling it a “useful start.”',
        ],
      ],
      quote: 'quite hopeful',
      speaker: 'Tom Hale',
    },
    {
      rule: 'a coordinate clause with its own subject and verb: its subject holds the quote, not the sentence’s first',
      paragraphs: [
        [
          'Governor Ana Ruiz said she would veto the bill, and Senator Tom Hale vowed to “fight it to the end” in the chamber.',
        ],
      ],
      quote: 'fight it to the end',
      speaker: 'Tom Hale',
    },
    {
      rule: 'an opening clause run past an initialism (“the U.S. grants”) holds its quote: not the main clause’s subject’s',
      paragraphs: [
        ['Mayor Tom Hale and Ellen Vance met tenants in Reno on Monday.'],
        [
          'As the hearing dragged on and Hale stood by his claim that “the plan is dead,” refusing to discuss the U.S. grants, Vance tried again to reach a deal.',
        ],
      ],
      quote: 'the plan is dead',
      speaker: 'Tom Hale',
    },
    {
      rule: 'a quote inside an opening clause is not the main clause’s subject’s',
      paragraphs: [
        ['Mayor Tom Hale and Ellen Vance met tenants in Reno on Monday.'],
        ['While Hale’s remark that the budget was “already spent” drew boos, Vance kept her calm.'],
      ],
      quote: 'already spent',
      speaker: 'Tom Hale',
    },
    {
      rule: 'transcript label in a quoted paragraph',
      paragraphs: [
        ['"MORALES: Senator, will she be at the hearing?'],
        ['"GARBER: She will not be at the hearing on Monday.'],
      ],
      quote: 'not be at the hearing',
      speaker: 'Garber',
    },
  ];
  it.each(cases)('GIVEN $rule THEN the quote goes to $speaker', ({ paragraphs, quote, speaker }) => {
    expect(speakerOf(quotesOf(...paragraphs), quote)).toBe(speaker);
  });
});

describe('extractQuotes: pronouns follow the subject of the sentence', () => {
  it('GIVEN "He notes that X announced …" THEN a later "He says" is still the first man, not X', () => {
    const quotes = quotesOf(
      ['Tom Hale is raising questions about the vote count.'],
      ['He notes that the election board chairman Frank Barlow announced there was a problem.'],
      ['He says, “That count was a disaster.”'],
    );
    expect(speakerOf(quotes, 'disaster')).toBe('Tom Hale');
  });

  it('GIVEN a surname alone with an adverb before its verb ("Okafor openly admitted …") THEN "he" goes to it, not to the last speaker', () => {
    const quotes = quotesOf(
      ['Tom Hale said the vote count was fair. “We checked every ballot,” he said.'],
      ['Okafor openly admitted that the count was close. “It will take a week,” he said.'],
    );
    expect(speakerOf(quotes, 'take a week')).toBe('Okafor');
  });

  it('GIVEN a sentence opening with a clause whose subject is a name ("Though Ruiz has …, the rents …") THEN a "she" after it goes to that name, not to the subject before', () => {
    const quotes = quotesOf(
      ['Dana Ruiz and Ellen Vance met tenants in Reno on Monday.', 'Vance spoke first and left early.'],
      [
        'Though Ruiz has lived in the city for decades, the new rents came as a shock.',
        '“We cannot stay here,” she said.',
      ],
    );
    expect(speakerOf(quotes, 'cannot stay')).toBe('Dana Ruiz');
  });

  it('GIVEN a surname alone with a role set off before its verb ("Okafor, a Democrat, told …") THEN "he" goes to it', () => {
    const quotes = quotesOf(
      ['Ana Reyes said the vote count was fair. “We checked every ballot,” she said.'],
      ['Okafor, a Democrat, told reporters that the count was close. “It will take a week,” he said.'],
    );
    expect(speakerOf(quotes, 'take a week')).toBe('Okafor');
  });

  it('GIVEN names after a preposition THEN "he" goes to the sentence subject', () => {
    const quotes = quotesOf(
      ['During an interview with radio host Ben Garber, Adm. Paul Larkin made no secret of his doubts.'],
      ['“It was exhausting,” he told the host.'],
    );
    expect(speakerOf(quotes, 'exhausting')).toBe('Paul Larkin');
  });

  it('GIVEN a sentence opening with "She" THEN a woman named later in it does not take over "she"', () => {
    const quotes = quotesOf(
      ['Maria Ruiz spoke in Tampa on Friday.'],
      [
        'She says the posts blaming Lena Voss for the deficit are “spin and wishful thinking.”',
        'She wrote: “This is reckless for a mayor.”',
      ],
    );
    expect(speakerOf(quotes, 'reckless for a mayor')).toBe('Maria Ruiz');
  });

  it('GIVEN "She posted a note from her aide, X, that read: “…”" THEN "she", not the aide in apposition, is the subject', () => {
    const { observed, quotes } = observedQuotes([
      ['Senate candidate Maria Okafor called on the board to act.'],
      ['She posted a message from her aide, Tom Reyes, that read: “The board has waited long enough.”'],
    ]);
    const subjects = sourcesWith(observed[0], (e) => e.type === 'subject' && e.scope === 'sentence');
    expect(subjects).toEqual(['Maria Okafor']);
    expect(speakerOf(quotes, 'waited long enough')).toBe('Maria Okafor');
  });

  it('GIVEN "…, like X, who had condemned …" THEN X in the relative clause does not take over "he"', () => {
    const quotes = quotesOf([
      'Tom Brennan defended his sister and refused to criticize local pastors, like Walter Greene, who had condemned the ruling.',
      '“They are not out to hurt anyone,” he said.',
    ]);
    expect(speakerOf(quotes, 'not out to hurt')).toBe('Tom Brennan');
  });
});

describe('extractQuotes: the first name of a sentence whose subject is a pronoun', () => {
  const firstMentions = (...paragraphs: string[][]): string[] => {
    const { observed } = observedQuotes(paragraphs);
    return sourcesWith(observed[observed.length - 1], (e) => e.type === 'mention' && e.first);
  };

  it('GIVEN "He accused X of …" THEN X is no first name standing as the subject', () => {
    expect(
      firstMentions(
        ['Governor Ray Dunmore spoke to farmers in Salina.'],
        ['In 2014, he accused Senator Ada Pruitt of trying to “gut the co-ops.”'],
      ),
    ).toEqual([]);
  });

  it('GIVEN "X accused Y of …" THEN X is the first name', () => {
    expect(
      firstMentions([
        'In 2014, Governor Ray Dunmore accused Senator Ada Pruitt of trying to “gut the co-ops.”',
      ]),
    ).toEqual(['Ray Dunmore']);
  });
});

describe('extractQuotes: "it" for a document the narration named', () => {
  it('GIVEN "The memo ran to nine pages. It says: “…”" THEN the memo is a candidate for "it"', () => {
    const { observed } = observedQuotes([
      ['Mayor Lena Voss sent the council a memo on Monday.'],
      ['The memo ran to nine pages. It says: “The depot must close by spring.”'],
    ]);
    const offered = sourcesWith(observed[0], (e) => e.type === 'antecedent');
    expect(offered).toContain('the memo');
  });

  it('GIVEN a document and then "they said" THEN the document is no candidate for "they"', () => {
    const { observed } = observedQuotes([
      [
        'The Harbor Pilots Association released a report on Friday.',
        '“Pay has fallen for a decade,” they said.',
      ],
    ]);
    const names = sourcesWith(observed[0], () => true);
    expect(names).not.toContain('the report');
  });
});

describe('extractQuotes: a participle whose clause opens with a pronoun', () => {
  it('GIVEN "On Friday, he joined …, saying “…”" THEN every man "he" may stand for is a candidate of the participle', () => {
    const { observed } = observedQuotes([
      ['Senator Tom Hale met Governor Victor Osei in Reno on Thursday.'],
      ['On Friday, he joined the critics of the budget, saying in a post: “The numbers do not add up.”'],
    ]);
    const offered = sourcesWith(
      observed[0],
      (e) => e.type === 'cue' && e.form === 'participle' && e.sourceForm === 'pronoun',
    );
    expect(offered.sort()).toEqual(['Tom Hale', 'Victor Osei']);
  });
});

describe('extractQuotes: anonymous and described sources', () => {
  const article = [
    [
      'It was meant to underscore Biden’s view that the United States and China are now the defining global competitors, a senior U.S. official said before the call.',
    ],
    [
      '“What we’ve gotten is talking points which are more designed for propaganda” and domestic Chinese consumption, the official said.',
    ],
    [
      'Following the approximately 90-minute call, the same senior official described the tone as “familiar” and candid.',
    ],
    [
      '“That would be a difference.',
      'One challenge we’ve had in interactions over the last few months was the sense that they were playing for the press,” the official said.',
    ],
  ];
  const quotes = quotesOf(...article);

  it('GIVEN "the official" after "a senior U.S. official" THEN the quote stays with the anonymous official, not Biden', () => {
    expect(speakerOf(quotes, 'talking points')).toBe('a senior U.S. official');
    expect(quotes.every((quote) => quote.actorId === null)).toBe(true);
  });

  it('GIVEN "the same senior official described … as “familiar”" THEN the partial quote is the official’s', () => {
    const familiar = quotes.find((quote) => quote.text === 'familiar');
    expect(familiar).toMatchObject({ speaker: 'a senior U.S. official', kind: 'partial', paragraph: 3 });
  });

  it('GIVEN a quote that runs over two sentences THEN it is one direct quote with both, verbatim', () => {
    const split = quotes.find((quote) => quote.text.startsWith('That would be a difference.'));
    expect(split?.text).toBe(
      'That would be a difference. One challenge we’ve had in interactions over the last few months was the sense that they were playing for the press,',
    );
    expect(split?.kind).toBe('direct');
    expect(split?.sentence).toBe(article[3]?.join(' '));
  });
});

describe('extractQuotes: a described source before a lead-in verb or a relative clause', () => {
  const cases: Array<{ behaviour: string; paragraphs: string[][]; words: string; speaker: string }> = [
    {
      behaviour: 'GIVEN "The memo goes on to say: “…”" THEN the memo is the source',
      paragraphs: [
        [
          'The city council released a memo on Friday.',
          'The memo goes on to say: “The bridge will stay closed until the inspections are finished.”',
        ],
      ],
      words: 'bridge will stay closed',
      speaker: 'the memo',
    },
    {
      behaviour:
        'GIVEN "The lawsuit, which was filed in …, alleged that … “…”" THEN the lawsuit is the source',
      paragraphs: [
        [
          'The lawsuit, which was filed in state court last month, alleged that the landlord ignored “repeated and urgent warnings” about the heating.',
        ],
      ],
      words: 'repeated and urgent warnings',
      speaker: 'the lawsuit',
    },
  ];
  for (const { behaviour, paragraphs, words, speaker } of cases)
    it(behaviour, () => {
      expect(speakerOf(quotesOf(...paragraphs), words)).toBe(speaker);
    });
});

describe('extractQuotes: an anonymous source after an inverted verb (issue 14)', () => {
  const opening = ['Party leaders met behind closed doors on Tuesday to plan the convention.'];
  const cases: Array<{ behaviour: string; paragraph: string; words: string; speaker: string }> = [
    {
      behaviour: 'GIVEN "“…,” said one lobbyist familiar with the bill" THEN one lobbyist is the source',
      paragraph: '“Nobody wanted to be the first to blink,” said one lobbyist familiar with the bill.',
      words: 'first to blink',
      speaker: 'one lobbyist',
    },
    {
      behaviour:
        'GIVEN "“…,” said a Republican involved in the budget fight, who …" THEN the Republican is the source',
      paragraph:
        '“We have a floor strategy now,” said a Republican involved in the budget fight, who asked not to be named.',
      words: 'floor strategy',
      speaker: 'a Republican',
    },
    {
      behaviour: 'GIVEN "“…,” said one of the three aides who …" THEN one of the three aides is the source',
      paragraph:
        '“The math does not work for the challenger,” said one of the three aides who spoke on the condition of anonymity.',
      words: 'math does not work',
      speaker: 'one of the three aides',
    },
    {
      behaviour: 'GIVEN "“…,” one senior Democrat said" THEN one senior Democrat is the source',
      paragraph: '“The room went quiet after that,” one senior Democrat said.',
      words: 'room went quiet',
      speaker: 'one senior Democrat',
    },
  ];
  for (const { behaviour, paragraph, words, speaker } of cases)
    it(behaviour, () => {
      expect(speakerOf(quotesOf(opening, [paragraph]), words)).toBe(speaker);
    });
});

describe('extractQuotes: speech verbs beyond "said" (issue 14)', () => {
  /** Two council members; the second answers, so a cue the reader misses leaves the quote to the first. */
  const opening = ['Mayor Tom Adeyemi defended the harbour budget at Monday’s council meeting.'];
  const cases: Array<{ rule: string; paragraphs: string[][]; quote: string; speaker: string }> = [
    {
      rule: 'a speech verb that is not usually inverted stands inverted after a quote: “…,” mused X',
      paragraphs: [
        opening,
        ['“We balanced it twice,” Adeyemi said.', '“Only by borrowing,” mused Ruth Okafor.'],
      ],
      quote: 'Only by borrowing',
      speaker: 'Ruth Okafor',
    },
    {
      rule: 'a phrasal speech verb after its source: “…” X shot back',
      paragraphs: [
        opening,
        ['“We balanced it twice,” Adeyemi said.', '“Only by borrowing,” Ruth Okafor shot back.'],
      ],
      quote: 'Only by borrowing',
      speaker: 'Ruth Okafor',
    },
    {
      rule: 'a phrasal speech verb before "that": X pointed out that … “…”',
      paragraphs: [
        opening,
        ['Adeyemi spoke for an hour.', 'Ruth Okafor pointed out that the reserve fund was “nearly empty.”'],
      ],
      quote: 'nearly empty',
      speaker: 'Ruth Okafor',
    },
    {
      rule: 'a verb that reports speech only in the slot beside a quote: “…?” X pressed',
      paragraphs: [
        opening,
        ['“We balanced it twice,” Adeyemi said.', '“Will you sign the audit?” Okafor pressed.'],
      ],
      quote: 'sign the audit',
      speaker: 'Okafor',
    },
  ];
  it.each(cases)('GIVEN $rule THEN the quote goes to $speaker', ({ paragraphs, quote, speaker }) => {
    expect(speakerOf(quotesOf(...paragraphs), quote)).toBe(speaker);
  });
  it('GIVEN "X was quoted as saying … “…”" THEN the cue "saying" names X as its source', () => {
    const { observed } = observedQuotes([
      opening,
      ['Ruth Okafor was quoted as saying she expected “a long fight.”'],
    ]);
    const cued = sourcesWith(observed[0], (e) => e.type === 'cue' && e.form === 'before');
    expect(cued).toEqual(['Ruth Okafor']);
  });
  it('GIVEN "X of an employer said … “…”" THEN the cue names X, not the employer', () => {
    const { observed } = observedQuotes([
      opening,
      ['Ruth Okafor of Acme Freight said the drivers wanted “a fair contract.”'],
      ['Tom Hale of the Reno Ledger wrote that the strike was “long overdue.”'],
    ]);
    const cued = (i: number) =>
      sourcesWith(observed[i], (e) => e.type === 'cue' && e.form === 'before' && e.scope === 'sentence');
    expect(cued(0)).toEqual(['Ruth Okafor']);
    expect(cued(1)).toEqual(['Tom Hale']);
  });
  it('GIVEN a speech verb in its -ing form ("with Hale shouting: “…”") THEN it is a cue', () => {
    const { observed } = observedQuotes([
      opening,
      ['The meeting ended in uproar, with Tom Hale shouting: “Read the budget first!”'],
    ]);
    const cued = sourcesWith(observed[0], (e) => e.type === 'cue' && e.scope === 'sentence');
    expect(cued).toEqual(['Tom Hale']);
  });
  it('GIVEN a title with "of" or a name with "of" before the verb THEN the cue names the whole name', () => {
    const { observed } = observedQuotes([
      opening,
      ['Secretary of State Ruth Okafor said the talks were “going well.”'],
      ['The Bank of Ireland said the rates were “too high.”'],
    ]);
    const cued = (i: number) =>
      sourcesWith(observed[i], (e) => e.type === 'cue' && e.form === 'before' && e.scope === 'sentence');
    expect(cued(0)).toEqual(['Ruth Okafor']);
    expect(cued(1)).toEqual(['Bank of Ireland']);
  });
  it('GIVEN "X did …, while Y said … “…”" THEN Y, the subject of the quote’s clause, is its sentence subject', () => {
    const { observed } = observedQuotes([
      ['Mayor Ellen Vance presented the budget to the council on Tuesday.'],
      [
        'Vance defended the cuts for an hour, while Councillor Tom Hale said the plan “left the parks behind.”',
      ],
    ]);
    const subjects = sourcesWith(observed[0], (e) => e.type === 'subject' && e.scope === 'sentence');
    expect(subjects).toEqual(['Tom Hale']);
  });
  it('GIVEN "Waving banners calling … “…”" THEN the participle and its object are no described source', () => {
    const { observed } = observedQuotes([
      ['Dock workers walked out in Tacoma on Monday.'],
      ['Waving banners calling the port director “a liar,” the strikers marched to the gate.'],
    ]);
    const names = sourcesWith(observed[0], () => true);
    expect(names.some((name) => /banners/iu.test(name))).toBe(false);
  });
  it('GIVEN "X issued a statement saying … “…”" THEN the cue "saying" names X, who issued it, not the statement', () => {
    const { observed } = observedQuotes([
      ['The harbour board met on Thursday.'],
      ['Councillor Ruth Ames issued a statement saying the dredging plan “rests on sand.”'],
    ]);
    const cued = sourcesWith(observed[0], (e) => e.type === 'cue' && e.scope === 'sentence');
    expect(cued).toEqual(['Ruth Ames']);
  });
});

describe("extractQuotes: the pronoun that opens a quote's clause (issue 14)", () => {
  /** The candidates of the first quote that the "she" naming its speaker agrees with. */
  function agreeingWithShe(paragraphs: string[][]): Array<string | undefined> {
    const { texts, sentences } = paragraphsOf(paragraphs);
    const spans = findQuoteSpans(texts);
    const observed: ObservedQuote[] = [];
    extractAttributions(texts, sentences, findActors(sentences, spans), spans, {
      observe: (quote) => observed.push(quote),
    });
    const quote = observed[0];
    return (quote?.candidates ?? []).flatMap((candidate, i) =>
      (quote?.features[i] ?? []).some((f) => FEATURE_NAMES[f]?.startsWith('pronoun-agreement:she:match:'))
        ? [candidate.source?.name]
        : [],
    );
  }
  const hired = ['Mr. Tomas Brell hired Mara Quill as his counsel last spring.'];

  it('GIVEN "She left …, waving the plan: “…”" and no cue THEN a candidate is weighed against "she"', () => {
    const quoted =
      'She left the hearing early, waving a copy of the plan: “This is a gift to developers, and the council knows it.”';
    expect(agreeingWithShe([hired, [quoted]])).toEqual(['Mara Quill']);
  });
  it('GIVEN "She left … early." then “…” opening its sentence, with no cue THEN a candidate is weighed against "she"', () => {
    const quoted = '“The plan is a gift to developers, and everyone on the council knows it.”';
    expect(agreeingWithShe([hired, ['She left the hearing early.', quoted]])).toEqual(['Mara Quill']);
  });
});

describe('extractQuotes: a subject that opens its clause before the speech verb (issue 14)', () => {
  /** A named speaker first, so a subject the reader misses leaves the quote to her. */
  const opening = ['Mayor Tom Adeyemi defended the harbour budget at Monday’s council meeting.'];
  const cases: Array<{ rule: string; paragraphs: string[][]; quote: string; speaker: string }> = [
    {
      rule: 'a quantity standing alone as the subject: Several said … “…”',
      paragraphs: [opening, ['Several said they wanted the ferry to run “every hour, not every two.”']],
      quote: 'every hour',
      speaker: 'several',
    },
    {
      rule: 'a share of people as the subject: Roughly three in 10 said … “…”',
      paragraphs: [opening, ['Roughly three in 10 said the new fees were “far too steep.”']],
      quote: 'far too steep',
      speaker: 'roughly three in 10',
    },
    {
      rule: 'a noun phrase with any head after an introductory clause: After …, the onlookers chanted “…”',
      paragraphs: [opening, ['After the vote was read out, the onlookers chanted “Count again!”']],
      quote: 'Count again',
      speaker: 'the onlookers',
    },
    {
      rule: 'a document with an unlisted head: The flyer accuses … of “…”',
      paragraphs: [opening, ['The flyer accuses the harbour board of “hiding the real costs.”']],
      quote: 'hiding the real costs',
      speaker: 'the flyer',
    },
  ];
  it.each(cases)('GIVEN $rule THEN the quote goes to $speaker', ({ paragraphs, quote, speaker }) => {
    expect(speakerOf(quotesOf(...paragraphs), quote)).toBe(speaker);
  });
  it('GIVEN the subject of a passive speech verb ("the newcomers were told") THEN it is not the speaker', () => {
    const quotes = quotesOf(opening, ['The newcomers were told to “stay home on polling day.”']);
    expect(speakerOf(quotes, 'stay home')).not.toBe('the newcomers');
  });
});

describe('extractQuotes: a role phrase between an inverted verb and a name (issue 14)', () => {
  const opening = ['Mayor Tom Adeyemi defended the harbour budget at Monday’s council meeting.'];
  it.each([
    {
      rule: 'an organisation modifying the role before a name: “…,” said UNICEF regional Director X',
      paragraph:
        '“The clinics are full every night,” said UNICEF regional Director Lena Marsh in a statement.',
      speaker: 'Lena Marsh',
    },
    {
      rule: 'a hyphenated role before a name: “…,” mused radio co-host X',
      paragraph: '“Picture the two of them on one stage,” mused Morning Wire co-host Dev Patel.',
      speaker: 'Dev Patel',
    },
  ])('GIVEN $rule THEN the quote goes to $speaker', ({ paragraph, speaker }) => {
    const quotes = quotesOf(opening, [paragraph]);
    expect(quotes[0]?.speaker).toBe(speaker);
  });
});

describe('extractQuotes: an outlet the cast does not know (issue 14)', () => {
  const opening = ['Mayor Tom Adeyemi defended the harbour budget at Monday’s council meeting.'];
  it.each([
    {
      rule: 'a sentence opening "As X put it," before the quote',
      paragraph: 'As Quillstream put it, “The harbour has never cost this much.”',
      speaker: 'Quillstream',
    },
    {
      rule: '"According to X:" before the quote',
      paragraph: 'According to Newsbeat: “The budget will be revised in June.”',
      speaker: 'Newsbeat',
    },
  ])('GIVEN $rule THEN the quote goes to $speaker', ({ paragraph, speaker }) => {
    const quotes = quotesOf(opening, [paragraph]);
    expect(quotes[0]?.speaker).toBe(speaker);
  });
});

describe('extractQuotes: which spans are quotes', () => {
  it('GIVEN a quote left open at a paragraph end THEN the next paragraph continues it with the same speaker', () => {
    const quotes = quotesOf(
      ['“We will not be intimidated,” Mayor Bill de Blasio said. “The city is safe.'],
      ['“We will find whoever did this.”'],
    );
    expect(quotes.map((quote) => [quote.text, quote.speaker])).toEqual([
      ['We will not be intimidated,', 'Bill de Blasio'],
      ['The city is safe.', 'Bill de Blasio'],
      ['We will find whoever did this.', 'Bill de Blasio'],
    ]);
  });

  const letters: Array<{ rule: string; last: string; kept: string[] }> = [
    {
      rule: 'a name and an organisation',
      last: 'Dana Reyes, Center for Rural Policy.”',
      kept: ['We ask the council to reopen the clinic.', 'It served four towns for thirty years.'],
    },
    {
      rule: 'a role and a name',
      last: 'Former council chair Tom Hale.”',
      kept: ['We ask the council to reopen the clinic.', 'It served four towns for thirty years.'],
    },
    {
      rule: 'a closing sentence, not a signature',
      last: 'Thank you, Mayor Rusk.”',
      kept: [
        'We ask the council to reopen the clinic.',
        'It served four towns for thirty years.',
        'Thank you, Mayor Rusk.',
      ],
    },
    {
      rule: 'a sentence that names the writer',
      last: 'I am Dana Reyes.”',
      kept: [
        'We ask the council to reopen the clinic.',
        'It served four towns for thirty years.',
        'I am Dana Reyes.',
      ],
    },
  ];
  it.each(letters)(
    'GIVEN a letter quoted over paragraphs that closes with $rule THEN the last line is a quote only when it is no signature',
    ({ last, kept }) => {
      const quotes = quotesOf(
        ['The group sent the council a letter on Monday:'],
        ['“We ask the council to reopen the clinic.'],
        ['“It served four towns for thirty years.'],
        [last],
      );
      expect(quotes.map((quote) => quote.text)).toEqual(kept);
    },
  );

  it.each([
    {
      rule: 'a headline and its byline in a reading list',
      paragraph:
        'LONG READS: —“Harbour museum names a new director,” by the Courier’s Ines Ferrante: “The board chose a historian from Leeds.”',
      kept: ['The board chose a historian from Leeds.'],
    },
    {
      rule: 'a book title and its author',
      paragraph:
        'In “The Quiet Harbour: A Family History,” by Ruth Okafor, the mayor’s father appears twice.',
      kept: [],
    },
    {
      rule: 'a passive’s agent, not a byline',
      paragraph: 'The budget was called “a disgrace” by Senator Tom Hale on Monday.',
      kept: ['a disgrace'],
    },
    {
      rule: 'a quote before "by" and a lower-case word',
      paragraph:
        '“We will not close the clinic,” by all accounts, was what Mayor Ines Ferrante told the board.',
      kept: ['We will not close the clinic,'],
    },
  ])('GIVEN $rule THEN the quotes are $kept', ({ paragraph, kept }) => {
    expect(quotesOf([paragraph]).map((quote) => quote.text)).toEqual(kept);
  });

  it('GIVEN a show title in quote marks THEN it is not taken for a quote', () => {
    const quotes = quotesOf([
      'On Sunday’s broadcast of “Valley Week,” Gov. Ana Rusk said her rival wanted “to scare” the voters.',
    ]);
    expect(quotes.map((quote) => quote.text)).toEqual(['to scare']);
    expect(quotes[0]?.speaker).toBe('Ana Rusk');
  });

  it('GIVEN curly quotes nested in a straight-quoted remark THEN they stay inside the one quote', () => {
    const quotes = quotesOf([
      '"They tell me I sound “too blunt” or “too cold,” and I have stopped caring," the senator said.',
    ]);
    expect(quotes.map((quote) => [quote.text, quote.speaker])).toEqual([
      ['They tell me I sound “too blunt” or “too cold,” and I have stopped caring,', 'the senator'],
    ]);
  });

  it('GIVEN a paragraph that opens with a stray straight mark THEN the curly quotes inside are still quotes', () => {
    const quotes = quotesOf(['"On her chart, a nurse had written “acute anxiety.”']);
    expect(quotes.map((quote) => quote.text)).toContain('acute anxiety.');
  });

  it.each([
    ['a verb of complaint', 'Mayor Ana Rusk bemoaned a town in which neighbours “barely speak anymore.”'],
    [
      'a noun that reports a finding',
      'The inspector’s conclusion was that the repairs were “plainly reckless.”',
    ],
    ['a noun that reports a confession', 'By her own admission, the plan was a “blunder.”'],
    ['a verb of echoing', 'The crowd answered by softly echoing “never again.”'],
  ])('GIVEN a few words quoted in reported speech with %s THEN they are a quote', (_rule, sentence) => {
    expect(quotesOf([sentence])).toHaveLength(1);
  });

  it('GIVEN words the narration puts in quote marks as a term THEN they are no quote', () => {
    const quotes = quotesOf(
      ['The closed factories would be moved into a separate “holding fund.”'],
      ['Her plan ends the notorious “midnight rule” clause, unlike her rival’s.'],
      ['Mr. Hale wants to tax so-called “rainy day” savings at a lower rate.'],
    );
    expect(quotes).toEqual([]);
  });

  it('GIVEN a few words in quote marks that a sentence reports or judges THEN they are a quote', () => {
    const quotes = quotesOf(
      ['Governor Ann Hale spoke on Monday.'],
      ['She called the plan “reckless” and the vote “a farce.”'],
    );
    expect(quotes.map((quote) => [quote.text, quote.speaker])).toEqual([
      ['reckless', 'Ann Hale'],
      ['a farce.', 'Ann Hale'],
    ]);
  });

  it('GIVEN a name given in quote marks by a naming verb THEN it is a quote, while a show title is not', () => {
    const quotes = quotesOf(
      ['Senator Joe Marsh spoke on Sunday.'],
      ['On “Meet the Press,” Marsh said his rival had once called the governor “Little Napoleon.”'],
    );
    expect(quotes.map((quote) => [quote.text, quote.speaker])).toEqual([['Little Napoleon.', 'Joe Marsh']]);
  });

  const works: Array<{ sentence: string; quote: string; isQuote: boolean }> = [
    {
      sentence: 'She acted in the cable movie “Tornado Town 2: The Reckoning!” before running for mayor.',
      quote: 'Tornado Town',
      isQuote: false,
    },
    {
      sentence:
        'Reviewers have been reading his new book, “Broken Roads: How to Fix a County, One Mile at a Time,” for clues.',
      quote: 'Broken Roads',
      isQuote: false,
    },
    {
      sentence: 'The campaign released a memo titled “What the Polls Miss, and Why.”',
      quote: 'What the Polls Miss',
      isQuote: false,
    },
    {
      sentence: 'The group runs a weekly show called “Ask, Then Vote!” on local radio.',
      quote: 'Ask, Then Vote',
      isQuote: false,
    },
    {
      sentence: 'Senator Joe Marsh told the show, “We will not give up on this bill.”',
      quote: 'not give up',
      isQuote: true,
    },
    {
      sentence: 'Senator Joe Marsh said on his podcast, “Nobody reads these bills.”',
      quote: 'Nobody reads',
      isQuote: true,
    },
  ];
  it.each(works)(
    'GIVEN "$sentence" THEN “$quote…” is a quote: $isQuote (a work’s title after its noun is none)',
    (c) => {
      const quotes = quotesOf([c.sentence]);
      expect(quotes.some((quote) => quote.text.includes(c.quote))).toBe(c.isQuote);
    },
  );

  it('GIVEN a quote inside a curly quote THEN it stays inside, and the signature names the speaker', () => {
    const quotes = quotesOf([
      '“As a nurse I prefer the noise of what she calls “a circus” to a quiet ward where nobody listens.” ― Dana Reyes',
    ]);
    expect(quotes.map((quote) => [quote.text, quote.speaker])).toEqual([
      [
        'As a nurse I prefer the noise of what she calls “a circus” to a quiet ward where nobody listens.',
        'Dana Reyes',
      ],
    ]);
  });

  it('GIVEN single quotes before a closing mark whose quote opened earlier THEN they are no quote of their own', () => {
    const quotes = quotesOf(
      ['The governor took a question on the new law.'],
      [
        '” … once you start calling them ‘lost causes,’ what people hear is that nobody can change,” he said.',
      ],
    );
    expect(quotes.map((quote) => quote.text)).not.toContain('lost causes,');
  });

  it('GIVEN a capitalised name that is spelled like a verb THEN it reports nothing (“The Post ran its …”)', () => {
    expect(quotesOf(['The Post ran its “weekend politics column” beside a map of western Ohio.'])).toEqual(
      [],
    );
  });

  it('GIVEN a one-word sentence in quote marks after a quote THEN it is still speech', () => {
    const quotes = quotesOf([
      '“We nearly missed the last ferry,” said Dana Reyes, whose brother also spoke.',
      '“Absolutely.”',
    ]);
    expect(quotes.map((quote) => [quote.text, quote.speaker])).toContainEqual(['Absolutely.', 'Dana Reyes']);
  });

  it('GIVEN a few words that the narration reports (“reportedly”) THEN they are a quote', () => {
    const quotes = quotesOf(['Tom Hale spoke to reporters.'], ['Hale was reportedly “in no mood” to talk.']);
    expect(quotes.map((quote) => quote.text)).toEqual(['in no mood']);
  });

  it('GIVEN a function word after a quote and an adverb THEN it names no source (“By quietly writing …”)', () => {
    const quotes = quotesOf(
      ['“Nobody listened,” Dana Reyes said.'],
      ['By quietly writing “Paper Moon,” Reyes kept the town’s story alive.'],
    );
    expect(quotes.every((quote) => quote.speaker !== 'By')).toBe(true);
  });

  it('GIVEN a song title after “the words of” THEN it stays a title', () => {
    expect(
      quotesOf([
        'There is something sad in the tune and words of “Paper Moon,” for its lyrics recall a lost town.',
      ]),
    ).toEqual([]);
  });

  it('GIVEN a nickname in quote marks inside a name THEN it is no quote', () => {
    expect(quotesOf(['Rep. Margaret A. “Peggy” Tate opened her back yard for the annual cookout.'])).toEqual(
      [],
    );
  });

  it('GIVEN a transcript stage direction in quote marks THEN it is no quote', () => {
    expect(quotesOf(['"(CROSSTALK.)'], ['"[APPLAUSE]"'])).toEqual([]);
  });

  it('GIVEN markup attributes left in the text THEN their values are not quotes', () => {
    expect(
      quotesOf(['<tweet pic="pic.twitter.com/" author="danareyes">The red line is the river.</tweet>']),
    ).toEqual([]);
  });
});

describe('extractQuotes: quote marks written as two apostrophes', () => {
  const cases: Array<{ rule: string; paragraph: string; quotes: Array<[string, string]> }> = [
    {
      rule: "''…,'' said X, appositive",
      paragraph:
        "''This isn't a tax cut,'' said Ruth Okafor, an economist who once ran the county budget office.",
      quotes: [["This isn't a tax cut,", 'Ruth Okafor']],
    },
    {
      rule: "X said, ''…'' with an apostrophe inside",
      paragraph: "Mr. Larkin said, ''It doesn't fix our long-term road problems.''",
      quotes: [["It doesn't fix our long-term road problems.", 'Larkin']],
    },
  ];
  it.each(cases)(
    'GIVEN $rule THEN the quote is read between the doubled apostrophes',
    ({ paragraph, quotes }) => {
      expect(quotesOf([paragraph]).map((quote) => [quote.text, quote.speaker])).toEqual(quotes);
    },
  );
});

describe('extractQuotes: descriptions that rename an actor', () => {
  const cases: Array<{ rule: string; paragraphs: string[][]; quote: string; speaker: string }> = [
    {
      rule: 'a definite description joined by "and" resolves through its last role',
      paragraphs: [
        ['Republican gubernatorial nominee Ana Rusk spoke in Elko on Monday.'],
        [
          'The former mayor of Reno and current Republican gubernatorial nominee promised to talk “straight to first-time voters.”',
        ],
      ],
      quote: 'straight to first-time voters',
      speaker: 'Ana Rusk',
    },
    {
      rule: 'a description opening a sentence renames the last subject; "he" then follows it',
      paragraphs: [
        ['Tom Hale says he has “big ideas” for the last weeks of the race.'],
        [
          'The Republican nominee admitted on Friday that his campaign has barely spent on radio.',
          'He said, “Our best ideas are saved for the last weeks.”',
        ],
      ],
      quote: 'Our best ideas',
      speaker: 'Tom Hale',
    },
    {
      rule: 'a description of another party does not resolve to the rival nominee',
      paragraphs: [
        ['Democratic presidential nominee Hillary Clinton spoke first on Monday.'],
        ['The Republican presidential nominee said the debate was “rigged from the start.”'],
      ],
      quote: 'rigged from the start',
      speaker: 'the Republican presidential nominee',
    },
  ];
  it.each(cases)('GIVEN $rule THEN the quote goes to $speaker', ({ paragraphs, quote, speaker }) => {
    expect(speakerOf(quotesOf(...paragraphs), quote)).toBe(speaker);
  });
});

describe('extractQuotes: the sentence a quote carries', () => {
  it('GIVEN a long sentence THEN a quote keeps it whole', () => {
    const sentence =
      'The mayor, speaking at a crowded town hall on Tuesday evening after the budget vote, said the plan was “the best we could do with what we have” and promised a second look in the spring.';
    expect(quotesOf([sentence])[0]?.sentence).toBe(sentence);
  });

  it('GIVEN a run-on text without full stops holding hundreds of quotes THEN each carries at most its quote and 400 characters either side', () => {
    const runOn = Array.from({ length: 400 }, (_, i) => `people shouted “slogan number ${i}” and`).join(' ');
    const quotes = quotesOf([runOn]);
    expect(quotes.length).toBeGreaterThan(300);
    for (const quote of quotes) {
      expect(quote.sentence.length).toBeLessThanOrEqual(quote.text.length + 2 * 400 + 4);
      expect(quote.sentence).toContain(`“${quote.text}”`);
    }
    const middle = quotes[200];
    expect(middle?.sentence.startsWith('…')).toBe(true);
    expect(middle?.sentence.endsWith('…')).toBe(true);
    expect(middle?.sentence).toMatch(/^…\S/);
  });
});
