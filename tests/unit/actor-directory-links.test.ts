import { describe, expect, it } from 'vitest';
import { identityKeyOf, linkSightings, type Sighting } from '../../src/core/actors/directory.ts';
import { isCleanRole, rolesAcrossCoverage } from '../../src/core/actors/roles.ts';
import type { ActorKind } from '../../src/core/analysis/types.ts';
import { pickIdentity } from '../../src/core/commands/identity-lookup.ts';
import type { IdentityMatch } from '../../src/core/ports.ts';

let next = 0;
function sighting(articleId: string, name: string, date: string, aliases: string[] = []): Sighting {
  return { articleId, actorId: `a${next++}`, name, kind: 'person', aliases, date };
}

function identityOf(links: ReturnType<typeof linkSightings>, s: Sighting): string | undefined {
  return links.find((link) => link.articleId === s.articleId && link.actorId === s.actorId)?.identity;
}

describe('identityKeyOf', () => {
  const cases: Array<[string, string]> = [
    ['Margaret A. Okonkwo', 'margaret okonkwo'],
    ['Margaret Okonkwo', 'margaret okonkwo'],
    ['Daniel Okonkwo Jr.', 'daniel okonkwo jr'],
    ['Mr. Okonkwo', 'okonkwo'],
    ['Okonkwo', 'okonkwo'],
    ['Ana Ruiz-Okonkwo', 'ana ruizokonkwo'],
    ['Ruiz-Okonkwo', 'ruizokonkwo'],
    ['Bashar al-Okonkwo', 'bashar okonkwo'],
    ['Reno Mayor Ana Okonkwo', 'ana okonkwo'],
    ['Christian Rev. Daniel Okonkwo', 'daniel okonkwo'],
    ['Howard Dean', 'howard dean'],
    ['Dean Okonkwo', 'dean okonkwo'],
    ['Ana King Okonkwo', 'ana okonkwo'],
  ];
  it.each(cases)('GIVEN %s THEN the key is %s', (name, key) => {
    expect(identityKeyOf(name)).toBe(key);
  });
});

describe('linkSightings: one identity per person across articles', () => {
  it('GIVEN "Mr. X" in an article that never names him in full THEN it links to the man of that surname', () => {
    const wife = sighting('a1', 'Margaret Okonkwo', '2024-03-01');
    const husband = sighting('a2', 'Daniel Okonkwo', '2024-03-02');
    const titled = sighting('a3', 'Okonkwo', '2024-03-03', ['Mr. Okonkwo']);
    const links = linkSightings([wife, husband, titled]);
    expect(identityOf(links, titled)).toBe('daniel okonkwo');
    expect(links.find((link) => link.actorId === titled.actorId)?.evidence).toBe('coverage');
  });

  it('GIVEN "Mrs. X" THEN it links to the woman of that surname', () => {
    const wife = sighting('a1', 'Margaret Okonkwo', '2024-03-01');
    const husband = sighting('a2', 'Daniel Okonkwo', '2024-03-02');
    const other = sighting('a4', 'Daniel Okonkwo', '2024-03-05');
    const titled = sighting('a3', 'Okonkwo', '2024-03-03', ['Mrs. Okonkwo']);
    expect(identityOf(linkSightings([wife, husband, other, titled]), titled)).toBe('margaret okonkwo');
  });

  it('GIVEN a bare surname THEN it links to the namesake the coverage of that period is about', () => {
    const early = [1, 2, 3].map((d) => sighting(`e${d}`, 'Margaret Okonkwo', `2020-01-0${d}`));
    const late = [1, 2].map((d) => sighting(`l${d}`, 'Daniel Okonkwo', `2024-06-0${d}`));
    const bare = sighting('b1', 'Okonkwo', '2024-06-04');
    expect(identityOf(linkSightings([...early, ...late, bare]), bare)).toBe('daniel okonkwo');
  });

  it('GIVEN a double-barrelled surname alone THEN it links to the full name that bears it, not to a given name', () => {
    const full = sighting('a1', 'Ana Ruiz-Okonkwo', '2024-03-01');
    const bare = sighting('a2', 'Ruiz-Okonkwo', '2024-03-02');
    const links = linkSightings([full, bare]);
    expect(identityOf(links, bare)).toBe(identityOf(links, full));
  });

  it('GIVEN full names with and without a middle initial THEN they are one identity', () => {
    const a = sighting('a1', 'Margaret A. Okonkwo', '2024-03-01');
    const b = sighting('a2', 'Margaret Okonkwo', '2024-03-02');
    const links = linkSightings([a, b]);
    expect(identityOf(links, a)).toBe(identityOf(links, b));
  });

  it('GIVEN two people sharing a surname THEN they stay two identities', () => {
    const a = sighting('a1', 'Margaret Okonkwo', '2024-03-01');
    const b = sighting('a2', 'Daniel Okonkwo', '2024-03-02');
    const links = linkSightings([a, b]);
    expect(identityOf(links, a)).not.toBe(identityOf(links, b));
  });

  it('GIVEN an operator split of a surname THEN its sightings keep their own identity', () => {
    const full = sighting('a1', 'Daniel Okonkwo', '2024-03-01');
    const bare = sighting('a2', 'Okonkwo', '2024-03-02');
    const links = linkSightings([full, bare], [{ kind: 'split', name: 'Okonkwo' }]);
    expect(identityOf(links, bare)).toBe('okonkwo');
  });

  it('GIVEN an operator merge THEN the merged identity becomes the other, chains followed', () => {
    const a = sighting('a1', 'Dan Okonkwo', '2024-03-01');
    const b = sighting('a2', 'Daniel Okonkwo', '2024-03-02');
    const links = linkSightings(
      [a, b],
      [
        { kind: 'merge', from: 'Dan Okonkwo', into: 'Daniel Okonkwo' },
        { kind: 'merge', from: 'Daniel Okonkwo', into: 'Dan Okonkwo' },
      ],
    );
    expect(identityOf(links, a)).toBe(identityOf(links, b));
  });
});

describe('roles across coverage', () => {
  it.each([
    ['State Senator', true],
    ['ambassador to Washington', true],
    ['executive vice president of the U.S. Chamber of Commerce', true],
    ['Republican', false],
    ['Democrats', false],
    ['clear lead over Democratic candidate', false],
  ])('GIVEN the role %s THEN clean is %s', (role, clean) => {
    expect(isCleanRole(role)).toBe(clean);
  });

  it('GIVEN roles of several articles THEN the newest leads, then the most frequent, each once with its newest article', () => {
    const roles = rolesAcrossCoverage([
      { role: 'memoirist', article: 'a4' },
      { role: 'Republican', article: 'a4' },
      { role: 'former governor', article: 'a3' },
      { role: 'mayor', article: 'a2' },
      { role: 'Former Governor', article: 'a1' },
    ]);
    expect(roles).toEqual([
      { role: 'memoirist', article: 'a4', articles: 1 },
      { role: 'former governor', article: 'a3', articles: 2 },
      { role: 'mayor', article: 'a2', articles: 1 },
    ]);
  });
});

describe('pickIdentity: which person a name asked about means', () => {
  const match = (key: string, name: string, named: number, kind: ActorKind = 'person'): IdentityMatch => ({
    key,
    name,
    kind,
    articles: named,
    named,
  });
  const daniel = match('daniel okonkwo', 'Daniel Okonkwo', 2);
  const margaret = match('margaret okonkwo', 'Margaret Okonkwo', 10);

  it('GIVEN a full name THEN it is that person, with no one else named', () => {
    expect(pickIdentity('Daniel Okonkwo', [margaret, daniel])).toEqual({
      kind: 'one',
      identity: daniel,
      also: [],
    });
  });

  it('GIVEN a surname with one far stronger namesake THEN she answers and he is named beside her', () => {
    expect(pickIdentity('Okonkwo', [daniel, margaret])).toEqual({
      kind: 'one',
      identity: margaret,
      also: [daniel],
    });
  });

  it('GIVEN two namesakes about as strong THEN the user is asked, the stronger first', () => {
    const close = { ...daniel, named: 8, articles: 8 };
    expect(pickIdentity('Okonkwo', [close, margaret])).toEqual({ kind: 'ask', options: [margaret, close] });
  });

  it('GIVEN a one-article actor of another kind with the name THEN it is not offered', () => {
    const place = match('okonkwo', 'Okonkwo', 1, 'place');
    expect(pickIdentity('Okonkwo', [margaret, place])).toEqual({ kind: 'one', identity: margaret, also: [] });
  });

  it('GIVEN no match THEN nothing is picked', () => {
    expect(pickIdentity('Okonkwo', [])).toBeNull();
  });
});
