import { describe, expect, it } from 'vitest';
import { type Cast, findActors } from '../../src/core/analysis/actors.ts';
import { findQuoteSpans } from '../../src/core/analysis/quote-spans.ts';
import { paragraphsOf } from '../fixtures/sentences.ts';

function castOf(...paragraphs: string[][]): Cast {
  const { texts, sentences } = paragraphsOf(paragraphs);
  return findActors(sentences, findQuoteSpans(texts));
}

function genderOf(cast: Cast, name: string): 'male' | 'female' | null | undefined {
  return cast.members.find((member) => member.name === name)?.gender;
}

describe('findActors: gender read from a role phrase', () => {
  const cases: Array<{
    behaviour: string;
    sentence: string;
    name: string;
    gender: 'male' | 'female' | null;
  }> = [
    {
      behaviour: 'GIVEN "Miss" inside the name of a thing the person owns THEN it tells nothing of their sex',
      sentence:
        'Pat Whitfield, for two decades the owner of the Miss Pacific beauty contest, said the show would go on.',
      name: 'Pat Whitfield',
      gender: null,
    },
    {
      behaviour: 'GIVEN "a spokeswoman for the congressman" THEN the head of the role tells her sex',
      sentence: 'Jordan Whitfield, a spokeswoman for the congressman, said the vote would come soon.',
      name: 'Jordan Whitfield',
      gender: 'female',
    },
  ];
  for (const { behaviour, sentence, name, gender } of cases)
    it(behaviour, () => {
      expect(genderOf(castOf([sentence]), name)).toBe(gender);
    });
});

describe('findActors: gender read from the article’s pronouns', () => {
  const cases: Array<{
    behaviour: string;
    paragraphs: string[][];
    name: string;
    gender: 'male' | 'female' | null;
  }> = [
    {
      behaviour:
        'GIVEN a name both sexes bear, alone in its sentence and picked up by "her" THEN she is a woman',
      paragraphs: [['Jordan Whitfield, the county’s chief auditor, presented her findings on Tuesday.']],
      name: 'Jordan Whitfield',
      gender: 'female',
    },
    {
      behaviour: 'GIVEN a given name no list knows and "He" opening the next sentence THEN he is a man',
      paragraphs: [['Ikemefuna Okoro, 52, chaired the hearing on Monday.', 'He said the budget was late.']],
      name: 'Ikemefuna Okoro',
      gender: 'male',
    },
    {
      behaviour: 'GIVEN two people in the sentence THEN its pronoun decides neither',
      paragraphs: [['Jordan Whitfield met Taylor Brennan and praised his plan.']],
      name: 'Jordan Whitfield',
      gender: null,
    },
    {
      behaviour: 'GIVEN pronouns that split evenly THEN the gender stays unknown',
      paragraphs: [['Ikemefuna Okoro, 52, spoke after his lunch.'], ['Okoro later left with her coat on.']],
      name: 'Ikemefuna Okoro',
      gender: null,
    },
    {
      behaviour: 'GIVEN a first name of one sex THEN a stray pronoun of the other does not overrule it',
      paragraphs: [['Maria Okafor thanked the voters of his district.']],
      name: 'Maria Okafor',
      gender: 'female',
    },
    {
      behaviour: 'GIVEN a pronoun inside quote marks THEN it is someone else’s word and decides nothing',
      paragraphs: [['Jordan Whitfield said “he will not be back” and left.']],
      name: 'Jordan Whitfield',
      gender: null,
    },
    {
      behaviour: 'GIVEN "her" as the object of the verb THEN it is someone else and decides nothing',
      paragraphs: [['Governor Ikemefuna Okoro backed her up at a rally on Sunday.']],
      name: 'Ikemefuna Okoro',
      gender: null,
    },
    {
      behaviour: 'GIVEN "him" after the name THEN it is someone else and decides nothing',
      paragraphs: [['Ikemefuna Okoro, 52, told him to leave the hearing.']],
      name: 'Ikemefuna Okoro',
      gender: null,
    },
    {
      behaviour: 'GIVEN "her" before a noun, a possessive THEN she is a woman',
      paragraphs: [['Ikemefuna Okoro, 52, read out her statement in the hall.']],
      name: 'Ikemefuna Okoro',
      gender: 'female',
    },
  ];
  for (const { behaviour, paragraphs, name, gender } of cases)
    it(behaviour, () => {
      expect(genderOf(castOf(...paragraphs), name)).toBe(gender);
    });
});
