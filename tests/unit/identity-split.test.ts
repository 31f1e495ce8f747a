import { describe, expect, it } from 'vitest';
import { type Cast, findActors } from '../../src/core/analysis/actors.ts';
import { findQuoteSpans } from '../../src/core/analysis/quote-spans.ts';
import { paragraphsOf } from '../fixtures/sentences.ts';

/** Builds the cast of an article given one paragraph (a list of sentences) at a time. */
function castOf(...paragraphs: string[][]): Cast {
  const { texts, sentences } = paragraphsOf(paragraphs);
  return findActors(sentences, findQuoteSpans(texts));
}

/** Each mention's text with the name of the actor it went to, in article order. */
function mentionsOf(cast: Cast): string[] {
  return cast.mentions.map((mention) => `${mention.text} -> ${cast.byId.get(mention.actorId)?.name}`);
}

const SPOUSES = [
  [
    'Senator Margaret Okonkwo campaigned in Dayton on Tuesday with her husband, former Governor Daniel Okonkwo.',
  ],
  ['Mrs. Okonkwo told supporters that the race would be close.'],
  ['Mr. Okonkwo spoke after her about the state budget.'],
  ['Okonkwo later met with union leaders.'],
];

describe('identity inside an article: a surname two people share', () => {
  it('GIVEN "Mrs." and "Mr." before a shared surname THEN each goes to the person of that sex', () => {
    const cast = castOf(...SPOUSES);
    const mentions = mentionsOf(cast);
    expect(mentions).toContain('Okonkwo -> Margaret Okonkwo');
    expect(cast.members.find((m) => m.name === 'Margaret Okonkwo')?.aliases).toContain('Mrs. Okonkwo');
    expect(cast.members.find((m) => m.name === 'Daniel Okonkwo')?.aliases).toContain('Mr. Okonkwo');
    expect(cast.members.find((m) => m.name === 'Margaret Okonkwo')?.aliases).not.toContain('Mr. Okonkwo');
  });

  it('GIVEN a bare surname after "Mr. X" THEN it goes to the person the surname was last used for', () => {
    const cast = castOf(...SPOUSES);
    const last = cast.mentions.at(-1);
    expect(last?.text).toBe('Okonkwo');
    expect(cast.byId.get(last?.actorId ?? '')?.name).toBe('Daniel Okonkwo');
  });

  it('GIVEN no "Mr. X" actor of its own THEN no actor is named by the bare surname alone', () => {
    const names = castOf(...SPOUSES).members.map((member) => member.name);
    expect(names).not.toContain('Okonkwo');
    expect(names).not.toContain('Mr. Okonkwo');
    expect(names).not.toContain('Mrs. Okonkwo');
  });

  it('GIVEN the pronoun that picks a bare surname up THEN it goes to the person of that sex', () => {
    const cast = castOf(
      ['Daniel Okonkwo and his wife Margaret Okonkwo arrived in the capital on Monday.'],
      ['The two met the mayor at City Hall.'],
      ['Okonkwo said she would return to the city in the spring.'],
    );
    const last = cast.mentions.filter((mention) => mention.text === 'Okonkwo').at(-1);
    expect(cast.byId.get(last?.actorId ?? '')?.name).toBe('Margaret Okonkwo');
  });

  it('GIVEN two namesakes and nothing that tells them apart THEN the bare surname stays unresolved', () => {
    const cast = castOf(
      ['Daniel Okonkwo and Margaret Okonkwo both arrived in the capital on Monday.'],
      ['The two met the mayor at City Hall.'],
      ['The visit was planned months ago by the city council.'],
      ['Okonkwo is expected to return in the spring.'],
    );
    expect(cast.mentions.some((mention) => mention.text === 'Okonkwo')).toBe(false);
    expect(cast.members.map((member) => member.name)).not.toContain('Okonkwo');
  });

  it('GIVEN one person with the surname THEN the bare surname is theirs', () => {
    const cast = castOf(
      ['Governor Daniel Okonkwo signed the budget on Monday.'],
      ['The vote came after weeks of talks.'],
      ['Okonkwo said the state would balance its books.'],
    );
    const bare = cast.mentions.find((mention) => mention.text === 'Okonkwo');
    expect(cast.byId.get(bare?.actorId ?? '')?.name).toBe('Daniel Okonkwo');
  });
});
