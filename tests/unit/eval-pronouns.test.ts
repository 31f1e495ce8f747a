import { describe, expect, it } from 'vitest';
import type { GoldDocument } from '../../eval/gold.ts';
import { type NamedActor, readerReferent } from '../../eval/pronouns.ts';

/** A document whose attributions have the given sources (each as its words and the text they are first found after). */
function documentOf(text: string, sources: Array<[string, number?]>): GoldDocument {
  return {
    id: 'test',
    annotator: 'test',
    text,
    attributions: sources.map(([words, from = 0]) => {
      const start = text.indexOf(words, from);
      return {
        kind: 'Attribution',
        source: [{ start, end: start + words.length, text: words }],
        cue: null,
        content: null,
        has_quote_marks: true,
      };
    }),
  };
}

function person(name: string, ...aliases: string[]): NamedActor {
  return { kind: 'person', name, aliases };
}

describe('eval: what a pronoun source stands for', () => {
  const cases: Array<{
    reading: string;
    text: string;
    sources: Array<[string, number?]>;
    people: NamedActor[];
    pronoun: string;
    reader: string | null;
    annotated: string | null;
  }> = [
    {
      reading: 'a person the narration makes the subject after the last annotated source',
      text: 'Maria Ruiz said the plan was late.\nDavid Okafor, a 52-year-old farmer, drove in from the coast. “We waited all year,” he said.',
      sources: [['Maria Ruiz'], ['he', 60]],
      people: [person('Maria Ruiz', 'Ruiz'), person('David Okafor', 'Okafor')],
      pronoun: 'he',
      reader: 'David Okafor',
      annotated: null,
    },
    {
      reading: 'a subject named with a title, whose own words are attributed to the pronoun',
      text: 'Senator Tom Reilly said the vote would pass.\nGovernor Anna Berg weighed in, telling reporters, “It is a good bill,” she said.',
      sources: [['Senator Tom Reilly'], ['she', 60]],
      people: [person('Tom Reilly', 'Senator Tom Reilly'), person('Anna Berg', 'Governor Anna Berg')],
      pronoun: 'she',
      reader: 'Anna Berg',
      annotated: null,
    },
    {
      reading: 'an annotated source that names a thing, not a person',
      text: 'Tom Reilly spoke first. The result, the agency said, was clear. “It was a long night,” he said.',
      sources: [['Tom Reilly'], ['The result'], ['he', 60]],
      people: [person('Tom Reilly', 'Reilly')],
      pronoun: 'he',
      reader: 'Tom Reilly',
      annotated: 'The result',
    },
    {
      reading: 'a possessive name, which is no subject (the aide it describes is)',
      text: 'Anna Berg said she was tired.\nReilly’s aide, Tom Marsh, said the bill was dead. “We lost,” he said.',
      sources: [['Anna Berg'], ['Reilly’s aide, Tom Marsh,'], ['he', 70]],
      people: [person('Anna Berg', 'Berg'), person('Tom Reilly', 'Reilly'), person('Tom Marsh', 'Marsh')],
      pronoun: 'he',
      reader: 'Tom Marsh',
      annotated: 'Reilly’s aide, Tom Marsh,',
    },
    {
      reading: 'a name after an abbreviated title mid-sentence, which is no subject',
      text: 'Tom Reilly said the race was close. Voters turned out for Sen. Anna Berg in the north. “It was a long night,” he said.',
      sources: [['Tom Reilly'], ['he', 80]],
      people: [person('Tom Reilly', 'Reilly'), person('Anna Berg', 'Sen. Anna Berg')],
      pronoun: 'he',
      reader: 'Tom Reilly',
      annotated: 'Tom Reilly',
    },
    {
      reading: 'a subject whose given name tells no gender, and a woman of the same surname',
      text: 'Senator Maria Lopez spoke first.\nFormer Mayor Sly Lopez agreed with the plan that Tom Reilly wrote. “It works,” he said.',
      sources: [['Senator Maria Lopez'], ['he', 40]],
      people: [
        person('Maria Lopez', 'Senator Maria Lopez'),
        person('Sly Lopez', 'Former Mayor Sly Lopez'),
        person('Tom Reilly', 'Reilly'),
      ],
      pronoun: 'he',
      reader: 'Sly Lopez',
      annotated: null,
    },
    {
      reading: 'a relative "who" after a name and a comma',
      text: 'Tom Reilly said the plant would close.\nThe plan was backed by Mayor Anna Berg, who called it “a fresh start.”',
      sources: [['Tom Reilly'], ['who', 40]],
      people: [person('Tom Reilly', 'Reilly'), person('Anna Berg', 'Mayor Anna Berg')],
      pronoun: 'who',
      reader: 'Anna Berg',
      annotated: 'Tom Reilly',
    },
    {
      reading: 'a relative "who" after a name and where the person is from',
      text: 'Tom Reilly said the plant would close.\nThe plan drew fire from Sen. Anna Berg of Ohio, who called it “a giveaway.”',
      sources: [['Tom Reilly'], ['who', 40]],
      people: [person('Tom Reilly', 'Reilly'), person('Anna Berg', 'Sen. Anna Berg')],
      pronoun: 'who',
      reader: 'Anna Berg',
      annotated: 'Tom Reilly',
    },
    {
      reading: 'a relative clause inside a source span, whose "he" tells nothing of the source',
      text: 'Nora Vale, who worked with him as he rose, said the firm was sound.\nTom Reilly said nothing. “It was a good year,” she said.',
      sources: [['Nora Vale, who worked with him as he rose,'], ['Tom Reilly'], ['she', 80]],
      people: [person('Nora Vale', 'Vale'), person('Tom Reilly', 'Reilly')],
      pronoun: 'she',
      reader: 'Nora Vale, who worked with him as he rose,',
      annotated: null,
    },
    {
      reading: 'a given name after a possessive outlet, which shows a woman',
      text: 'Tom Reilly said the vote was close. Harbor Radio’s Nora Quill reported it. “It was close,” he said.',
      sources: [['Tom Reilly'], ['Harbor Radio’s Nora Quill'], ['he', 80]],
      people: [person('Tom Reilly', 'Reilly'), person('Nora Quill', 'Quill')],
      pronoun: 'he',
      reader: 'Tom Reilly',
      annotated: 'Tom Reilly',
    },
    {
      reading: 'a subject after an opening phrase, past an earlier woman who spoke',
      text: 'Ms. Ortiz said the rink was closing.\nWith one skate on the bench, Ms. Vale looked across the ice. “We will stay,” she said.',
      sources: [['Ms. Ortiz'], ['she', 60]],
      people: [person('Ana Ortiz', 'Ms. Ortiz'), person('Lea Vale', 'Ms. Vale')],
      pronoun: 'she',
      reader: 'Lea Vale',
      annotated: 'Ms. Ortiz',
    },
    {
      reading: 'a subject a describing phrase sets off before its name',
      text: 'Tom Reilly said the plant would close.\nThe agency’s director, Ivo Dunmore, drove in from the coast. “We waited all year,” he said.',
      sources: [['Tom Reilly'], ['he', 60]],
      people: [person('Tom Reilly', 'Reilly'), person('Ivo Dunmore', 'Dunmore')],
      pronoun: 'he',
      reader: 'Ivo Dunmore',
      annotated: 'Tom Reilly',
    },
    {
      reading: 'a group a quantifier opens, which "he" never takes up',
      text: 'Tom Reilly runs the farm.\nSeveral people I met there said the harvest was poor. “It was a bad year,” he said.',
      sources: [['Several people I met there'], ['he', 40]],
      people: [person('Tom Reilly', 'Reilly')],
      pronoun: 'he',
      reader: 'Tom Reilly',
      annotated: null,
    },
    {
      reading: 'a subject named by surname alone, though the cast lists no alias',
      text: 'Ana Ruiz said the deal was fair.\nDunmore also spoke about taxes. “They are too high,” he said.',
      sources: [['Ana Ruiz'], ['he', 50]],
      people: [person('Ana Ruiz'), person('Ivo Dunmore')],
      pronoun: 'he',
      reader: 'Ivo Dunmore',
      annotated: null,
    },
    {
      reading: 'an annotated "who", which stands for the name it hangs on',
      text: 'Tom Reilly said the plan was late.\nThe bill was backed by Sen. Ivo Dunmore, who said it was “overdue.” “We waited too long,” he said.',
      sources: [['Tom Reilly'], ['who', 40], ['he', 100]],
      people: [person('Tom Reilly', 'Reilly'), person('Ivo Dunmore', 'Sen. Ivo Dunmore')],
      pronoun: 'he',
      reader: 'Ivo Dunmore',
      annotated: 'Tom Reilly',
    },
    {
      reading: 'a surname after "Mrs.", which is no man of that surname',
      text: 'Tom Reilly said the plan was late.\nBut Mrs. Berg was not convinced. “We will see,” he said.',
      sources: [['Tom Reilly'], ['he', 40]],
      people: [person('Tom Reilly', 'Reilly'), person('Carl Berg', 'Berg')],
      pronoun: 'he',
      reader: 'Tom Reilly',
      annotated: 'Tom Reilly',
    },
    {
      reading: 'a surname inside another person’s full name, which is no subject',
      text: 'Tom Reilly spoke first.\nAfter Anna Berg left, he turned to the crowd. “We will win,” he said.',
      sources: [['Tom Reilly'], ['he', 40]],
      people: [person('Tom Reilly', 'Reilly'), person('Anna Berg', 'Berg'), person('Carl Berg', 'Berg')],
      pronoun: 'he',
      reader: 'Tom Reilly',
      annotated: 'Tom Reilly',
    },
    {
      reading: 'the subject of a sentence whose opening clause runs long',
      text: 'Ana Ruiz spoke first.\nWhen a reporter later asked Tom Reilly whether the new rules for the harbor would cost the town its summer trade, its ferry and its jobs, Reilly shrugged. “We will manage,” he said.',
      sources: [['Ana Ruiz'], ['a reporter'], ['he', 60]],
      people: [person('Ana Ruiz', 'Ruiz'), person('Tom Reilly', 'Reilly')],
      pronoun: 'he',
      reader: 'Tom Reilly',
      annotated: 'a reporter',
    },
    {
      reading: 'a name after an article, which modifies a noun and is no subject',
      text: 'Tom Reilly spoke first.\nThe Berg campaign answered within the hour. “It was a good night,” he said.',
      sources: [['Tom Reilly'], ['he', 40]],
      people: [person('Tom Reilly', 'Reilly'), person('Carl Berg', 'Berg')],
      pronoun: 'he',
      reader: 'Tom Reilly',
      annotated: 'Tom Reilly',
    },
    {
      reading: 'a "he" that opens the last narration sentence, past a description inside it',
      text: 'Tom Reilly spoke at the hall.\nHe says the plan -- a plan the mayor has since dropped -- was sound. “It would have worked,” he told reporters.',
      sources: [['Tom Reilly'], ['He'], ['the mayor'], ['he', 90]],
      people: [person('Tom Reilly', 'Reilly')],
      pronoun: 'he',
      reader: 'Tom Reilly',
      annotated: 'the mayor',
    },
    {
      reading: 'a group a quantity noun heads, which "she" never takes up',
      text: 'Anna Berg said the vote was late.\nThe plan worried a number of Democrats on the council. “It was rushed,” she said.',
      sources: [['Anna Berg'], ['a number of Democrats on the council'], ['she', 60]],
      people: [person('Anna Berg', 'Berg')],
      pronoun: 'she',
      reader: 'Anna Berg',
      annotated: 'a number of Democrats on the council',
    },
    {
      reading: 'a speaker named after an inverted cue, whom no annotation marks',
      text: 'Anna Berg said the vote was late.\n“It was rushed,” said Tom Reilly, a farmer who works for Carl Marsh. “We had no say,” he said.',
      sources: [['Anna Berg'], ['he', 60]],
      people: [person('Anna Berg', 'Berg'), person('Tom Reilly', 'Reilly'), person('Carl Marsh', 'Marsh')],
      pronoun: 'he',
      reader: 'Tom Reilly',
      annotated: null,
    },
    {
      reading: 'a name a copula presents at the end of an inverted clause',
      text: 'Ana Ruiz spoke first.\nAcross the square, knocking on doors, is Tom Reilly, a retired welder who works for Carl Marsh. “We will win,” he said.',
      sources: [['Ana Ruiz'], ['he', 60]],
      people: [person('Ana Ruiz', 'Ruiz'), person('Tom Reilly', 'Reilly'), person('Carl Marsh', 'Marsh')],
      pronoun: 'he',
      reader: 'Tom Reilly',
      annotated: null,
    },
  ];

  it.each(cases)('GIVEN $reading THEN a reader takes "$pronoun" as $reader', (c) => {
    const document = documentOf(c.text, c.sources);
    const at = c.text.lastIndexOf(` ${c.pronoun} `) + 1;
    expect(readerReferent(document, c.people)(at, c.pronoun)).toBe(c.reader);
  });

  it.each(cases.filter((c) => c.annotated !== null))(
    'GIVEN $reading THEN the annotated reading takes the closest agreeing annotated source',
    (c) => {
      const document = documentOf(c.text, c.sources);
      const at = c.text.lastIndexOf(` ${c.pronoun} `) + 1;
      expect(readerReferent(document, c.people, 'annotated')(at, c.pronoun)).toBe(c.annotated);
    },
  );
});
