import { describe, expect, it } from 'vitest';
import { type Cast, findActors } from '../../src/core/analysis/actors.ts';
import { analyze } from '../../src/core/analysis/analyze.ts';
import { findQuoteSpans } from '../../src/core/analysis/quote-spans.ts';
import { splitSentences } from '../../src/core/analysis/sentences.ts';
import type { Article } from '../../src/core/article/article.ts';

function castOf(paragraphs: string[], header: string[] = [], language = 'en'): Cast {
  return findActors(splitSentences(paragraphs), findQuoteSpans(paragraphs), { header, language });
}

function kindOf(cast: Cast, name: string): string | undefined {
  return cast.members.find((member) => member.name === name || member.aliases.includes(name))?.kind;
}

describe('typing by evidence', () => {
  const cases: Array<{ text: string; name: string; kind: string }> = [
    { text: 'Maria Gonzalez opened the new clinic on Monday.', name: 'Maria Gonzalez', kind: 'person' },
    { text: 'The plan was drawn up by J. Okafor and approved last week.', name: 'J. Okafor', kind: 'person' },
    {
      text: 'The award went to Tomasz Wrobel, 41, who teaches in a village school.',
      name: 'Tomasz Wrobel',
      kind: 'person',
    },
    { text: 'Senator Okonkwo Adeyemi voted against the measure.', name: 'Okonkwo Adeyemi', kind: 'person' },
    {
      text: 'Profits at Harbor Shipping Holdings rose 4 percent.',
      name: 'Harbor Shipping Holdings',
      kind: 'organization',
    },
    {
      text: 'Riverside United were relegated after the defeat.',
      name: 'Riverside United',
      kind: 'organization',
    },
    { text: 'The fire spread across Portugal and reached Spain by Friday.', name: 'Portugal', kind: 'place' },
    { text: 'Flooding closed roads in Nairobi on Sunday.', name: 'Nairobi', kind: 'place' },
    { text: 'Rain is expected across Ohio, forecasters said.', name: 'Ohio', kind: 'place' },
    {
      text: 'Talks between Kettering Vale and Holloway Brook ended without a deal.',
      name: 'Kettering Vale',
      kind: 'unknown',
    },
  ];
  it.each(cases)('GIVEN "$text" THEN $name is a $kind', ({ text, name, kind }) => {
    expect(kindOf(castOf([text]), name)).toBe(kind);
  });

  it('GIVEN a results line THEN the sides followed by their scores are organisations', () => {
    const cast = castOf([
      'Results of matches played on Saturday:',
      'Harbourside Rovers 2 Millbrook Athletic 1',
    ]);
    expect(kindOf(cast, 'Harbourside Rovers')).toBe('organization');
    expect(kindOf(cast, 'Millbrook Athletic')).toBe('organization');
  });

  it.each([
    ['The Italians celebrated long into the night.', 'Italians'],
    ['She watched the World Cup final at home.', 'World Cup'],
    ['Several South Koreans were among the passengers.', 'South Koreans'],
    ['The council met at 10 AM and again at 3 PM ET.', 'AM'],
    ['The council met at 10 AM and again at 3 PM ET.', 'PM ET'],
  ])('GIVEN "%s" THEN %s is no actor', (text, name) => {
    expect(kindOf(castOf([text]), name)).toBeUndefined();
  });
});

describe('people named again', () => {
  const aliasCases: Array<{ paragraphs: string[]; name: string; alias: string }> = [
    {
      paragraphs: [
        'The bill was opposed by the party’s last nominee, Harlan Voss.',
        'Voss said the plan would fail.',
      ],
      name: 'Harlan Voss',
      alias: 'Voss',
    },
    {
      paragraphs: ['Tennis great Maribel King opened the tournament.', 'King won six titles in her career.'],
      name: 'Maribel King',
      alias: 'King',
    },
    {
      paragraphs: ['Polish-born Tadeusz Wrona settled in Ohio.', '"I never looked back," said Wrona, 71.'],
      name: 'Tadeusz Wrona',
      alias: 'Wrona',
    },
  ];
  it.each(aliasCases)('GIVEN $paragraphs THEN $alias is $name', ({ paragraphs, name, alias }) => {
    const person = castOf(paragraphs).members.find((member) => member.name === name);
    expect(person?.kind).toBe('person');
    expect(person?.aliases).toContain(alias);
  });

  it('GIVEN two people who share a surname THEN the he or she after the surname picks the one it agrees with', () => {
    const cast = castOf([
      'Sen. Daniel Ferris spoke first. The crowd then heard from Ruth Ellen Ferris, a nurse.',
      'Later, Ferris said he would keep pressing the bill.',
    ]);
    const daniel = cast.members.find((member) => member.name === 'Daniel Ferris');
    expect(daniel?.mentions.map((mention) => mention.paragraph)).toEqual([1, 2]);
  });

  it.each([
    ['Soon, he felt at home in the valley. He opened a bakery there.', 'Soon'],
    ['Lately, he has stressed his values. He tries to keep it personal.', 'Lately'],
    ['Along with her brother, she volunteered at the shelter. She liked the work.', 'Along'],
    ['The King said nothing about the vote.', 'King'],
    ['Candidates who think the race is over are wrong, she said.', 'Candidates'],
    ['The report ran on the website, the Ledger, and was shared widely.', 'Ledger'],
  ])('GIVEN "%s" THEN %s is no actor', (text, name) => {
    expect(kindOf(castOf([text]), name)).toBeUndefined();
  });
});

describe('titles, given names and pronouns', () => {
  it('GIVEN a person’s title before a given name and a surname that is also a place word THEN it is a person', () => {
    const cast = castOf(['Mayor Ellen Park said on Tuesday that the city would not raise property taxes.']);
    expect(kindOf(cast, 'Ellen Park')).toBe('person');
    expect(cast.members.find((member) => member.name === 'Ellen Park')?.roles).toEqual(['Mayor']);
  });

  it('GIVEN a place word after a given name without a title THEN the place reading is kept', () => {
    expect(kindOf(castOf(['Crowds gathered in Victoria Park on Sunday.']), 'Victoria Park')).toBe('place');
  });

  it.each([
    ['Bill Okonjo, the former senator, told reporters he had doubts.', 'Bill Okonjo', 'male'],
    ['Dean Okafor, a local pastor, led the march on Saturday.', 'Dean Okafor', 'male'],
  ])('GIVEN %s THEN the common-word given name makes %s a person of gender %s', (text, name, gender) => {
    const member = castOf([text]).members.find((m) => m.name === name);
    expect(member?.kind).toBe('person');
    expect(member?.gender).toBe(gender);
  });

  it('GIVEN a first name read as a woman’s and a “he” that picks the name up THEN the name tells nothing and the “he” makes him a man', () => {
    const cast = castOf(['Sen. Lindsey Graham said he would back the measure if it came to a vote.']);
    expect(cast.members.find((m) => m.name === 'Lindsey Graham')?.gender).toBe('male');
  });

  it('GIVEN a surname named once, as the subject of a speech verb THEN it is a person', () => {
    const cast = castOf([
      'The bill passed the Senate on Tuesday after a long debate. Okonjo said the plan was a mistake.',
    ]);
    expect(kindOf(cast, 'Okonjo')).toBe('person');
  });

  it('GIVEN a name of one sex and a pronoun after it for someone else THEN the gender stands', () => {
    const cast = castOf(['Mary Okafor said he had broken every promise he made to the town.']);
    expect(cast.members.find((m) => m.name === 'Mary Okafor')?.gender).toBe('female');
  });

  it('GIVEN a first name and a pronoun that agrees with it THEN the gender stands', () => {
    const cast = castOf(['Nancy Okafor said she would run again next year.']);
    expect(cast.members.find((m) => m.name === 'Nancy Okafor')?.gender).toBe('female');
  });
});

describe('every line counts', () => {
  it('GIVEN a dateline and a headline in capitals THEN the dateline place is an actor and the headline adds no junk', () => {
    const cast = castOf(
      ['Workers at the plant in Porto were told on Friday that 300 jobs would go.'],
      ['RAIL - PLANT TO CUT JOBS AFTER WEAK YEAR', 'LISBON 1996-08-30'],
    );
    expect(cast.members.map((member) => [member.name, member.kind])).toEqual([
      ['Porto', 'place'],
      ['Lisbon', 'place'],
    ]);
  });

  it('GIVEN a name only in a dateline THEN it has no mentions in the body', () => {
    const cast = castOf(['Officials met on Friday to discuss the budget.'], ['LISBON 1996-08-30']);
    const lisbon = cast.members.find((member) => member.name === 'Lisbon');
    expect(lisbon?.kind).toBe('place');
    expect(lisbon?.mentions).toEqual([]);
  });
});

describe('language', () => {
  const article = (title: string, paragraphs: string[]): Article => ({
    id: 'x',
    title,
    source: null,
    url: null,
    publishedAt: null,
    byline: [],
    paragraphs,
  });

  it.each([
    [
      'en',
      'Storm closes schools',
      ['Officials in the capital warned that the storm could bring flooding to coastal towns.'],
    ],
    [
      'fr',
      'La tempête ferme les écoles',
      ['Les responsables de la capitale ont averti que la tempête pourrait provoquer des inondations.'],
    ],
    [
      'de',
      'Sturm schließt Schulen',
      ['Die Behörden in der Hauptstadt warnten, dass der Sturm Überschwemmungen verursachen könnte.'],
    ],
    [
      'es',
      'La tormenta cierra escuelas',
      ['Las autoridades de la capital advirtieron que la tormenta podría provocar inundaciones.'],
    ],
    ['zh', '风暴关闭学校', ['首都官员警告说，风暴可能导致沿海城镇发生洪水。学校已经关闭。']],
    [
      'it',
      'La tempesta chiude le scuole',
      ['Le autorità della capitale hanno avvertito che la tempesta potrebbe causare inondazioni.'],
    ],
    [
      'ru',
      'Шторм закрыл школы',
      ['Власти столицы предупредили, что шторм может вызвать наводнения в прибрежных городах.'],
    ],
    ['ja', '嵐で学校が休校', ['首都の当局は、嵐が沿岸の町に洪水をもたらす可能性があると警告した。']],
    [
      'ar',
      'العاصفة تغلق المدارس',
      ['حذرت السلطات في العاصمة من أن العاصفة قد تتسبب في فيضانات في البلدات الساحلية.'],
    ],
    [
      'en',
      'FOOTBALL - WEEKEND SCORES.',
      [
        'Scores from the county league on Saturday:',
        'Harbourside Rovers 2 Millbrook Athletic 1',
        'Kettle Vale 0 Elmstead Town 0',
      ],
    ],
  ])('GIVEN an article in %s THEN analyze reports that language', (language, title, paragraphs) => {
    expect(analyze(article(title, paragraphs)).article.language).toBe(language);
  });

  it('GIVEN a French article THEN capitalised function words make no actors, a repeated full name does', () => {
    const cast = castOf(
      [
        'Ce matin, Marie Dubois a présenté le projet devant le conseil municipal.',
        'Selon Marie Dubois, les travaux commenceront en mars. Un porte-parole a confirmé la date.',
      ],
      [],
      'fr',
    );
    expect(cast.members.map((member) => member.name)).toEqual(['Marie Dubois']);
  });
});
