import { describe, expect, it } from 'vitest';
import {
  type ActorCandidate,
  ActorIndex,
  editDistance,
  lookupActor,
  nameKey,
} from '../../src/core/commands/lookup.ts';

/** The people of the default article (digests/2021-09-09-biden-xi-call.txt), as its analysis names them. */
const CANDIDATES: ActorCandidate[] = [
  { name: 'Biden', kind: 'person', aliases: ['President Biden'], roles: ['President'], weight: 17 },
  {
    name: 'Xi Jinping',
    kind: 'person',
    aliases: ['Chinese President Xi Jinping', 'Xi'],
    roles: ['Chinese President'],
    weight: 10,
  },
  { name: 'Qin Gang', kind: 'person', aliases: ['Qin'], roles: ['new ambassador to Washington'], weight: 2 },
  {
    name: 'Nicholas Burns',
    kind: 'person',
    aliases: [],
    roles: ['veteran diplomat and academic', 'ambassador to China'],
    weight: 1,
  },
  {
    name: 'Zhao Lijian',
    kind: 'person',
    aliases: [],
    roles: ['Chinese Foreign Ministry spokesman'],
    weight: 1,
  },
  {
    name: 'Donald Trump',
    kind: 'person',
    aliases: ['President Donald Trump', 'Trump'],
    roles: ['President'],
    weight: 3,
  },
  {
    name: 'Antony Blinken',
    kind: 'person',
    aliases: ['Secretary of State Antony Blinken'],
    roles: ['Secretary of State'],
    weight: 1,
  },
  {
    name: 'Wendy Sherman',
    kind: 'person',
    aliases: ['Deputy Secretary of State Wendy Sherman'],
    roles: ['Deputy Secretary of State'],
    weight: 1,
  },
  { name: 'Chinese Foreign Ministry', kind: 'organization', aliases: [], roles: [], weight: 1 },
];

describe('lookupActor', () => {
  it.each([
    ['Xi', 'Xi Jinping', 'exact'],
    ['XI JINPING', 'Xi Jinping', 'exact'],
    ['Zháo Lìjiān', 'Zhao Lijian', 'exact'],
    ['Xi’s', 'Xi Jinping', 'exact'],
    ['Jinping', 'Xi Jinping', 'name-words'],
    ['gang', 'Qin Gang', 'name-words'],
    ['Qin Gnag', 'Qin Gang', 'typo'],
    ['Lijain', 'Zhao Lijian', 'typo'],
    ['Blinkin', 'Antony Blinken', 'typo'],
    ['Bidden', 'Biden', 'typo'],
    ['the spokesman', 'Zhao Lijian', 'role'],
    ['the new ambassador', 'Qin Gang', 'role'],
    ['the veteran diplomat', 'Nicholas Burns', 'role'],
  ])('GIVEN "%s" THEN it finds %s (%s)', (query, name, how) => {
    const found = lookupActor(query, CANDIDATES);
    expect(found).toEqual({ ok: true, value: expect.objectContaining({ name, how }) });
  });

  it.each([
    ['the ambassador', ['Qin Gang', 'Nicholas Burns']],
    ['President', ['Biden', 'Xi Jinping', 'Donald Trump']],
    ['Secretary of State', ['Antony Blinken', 'Wendy Sherman']],
  ])('GIVEN "%s", which fits several actors, THEN it suggests them instead of guessing', (query, names) => {
    const found = lookupActor(query, CANDIDATES);
    expect(found.ok).toBe(false);
    if (found.ok) return;
    expect(found.error.reason).toBe('ambiguous');
    expect([...found.error.suggestions].sort()).toEqual([...names].sort());
  });

  it('GIVEN a name close to a known one but past typo range THEN it is not found and the close name is suggested', () => {
    const found = lookupActor('Qin Gangster', CANDIDATES);
    expect(found).toEqual({ ok: false, error: { reason: 'not_found', suggestions: ['Qin Gang'] } });
  });

  it('GIVEN a name like nobody in the news THEN it is not found, with no suggestions', () => {
    expect(lookupActor('Angela Merkel', CANDIDATES)).toEqual({
      ok: false,
      error: { reason: 'not_found', suggestions: [] },
    });
  });

  it.each(['Xi', 'Jinping', 'Qin Gnag', 'the spokesman', 'the ambassador', 'Qin Gangster', 'Angela Merkel'])(
    'GIVEN the candidates prepared once as an index THEN "%s" is answered as from the candidates themselves',
    (query) => {
      const index = new ActorIndex(CANDIDATES);
      expect(lookupActor(query, index)).toEqual(lookupActor(query, CANDIDATES));
      expect(lookupActor(query, index)).toEqual(lookupActor(query, CANDIDATES));
    },
  );

  it('GIVEN an empty query THEN nothing is found', () => {
    expect(lookupActor('  ', CANDIDATES).ok).toBe(false);
  });

  it('GIVEN the same actor from several articles THEN they merge, and roles from any article count', () => {
    const fromTwoArticles: ActorCandidate[] = [
      {
        name: 'Qin Gang',
        kind: 'person',
        aliases: ['Qin'],
        roles: ['new ambassador to Washington'],
        weight: 1,
      },
      { name: 'Qin Gang', kind: 'person', aliases: [], roles: ['foreign minister'], weight: 1 },
      { name: 'Wang Yi', kind: 'person', aliases: [], roles: [], weight: 1 },
    ];
    expect(lookupActor('the foreign minister', fromTwoArticles)).toEqual({
      ok: true,
      value: { name: 'Qin Gang', kind: 'person', how: 'role' },
    });
  });

  it('GIVEN two actors sharing an alias THEN the one whose own name it is wins', () => {
    const shared: ActorCandidate[] = [
      { name: 'Biden', kind: 'person', aliases: [], roles: [], weight: 1 },
      { name: 'Joe Biden', kind: 'person', aliases: ['Biden'], roles: [], weight: 1 },
    ];
    expect(lookupActor('biden', shared)).toEqual({
      ok: true,
      value: { name: 'Biden', kind: 'person', how: 'exact' },
    });
  });
});

describe('editDistance', () => {
  it.each([
    ['gnag', 'gang', 1],
    ['ab', 'ba', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['lijian', 'lijian', 0],
    // Optimal string alignment edits no substring twice, so this is 3, not 2.
    ['ca', 'abc', 3],
  ])('GIVEN "%s" and "%s" THEN the distance is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('nameKey', () => {
  it.each([
    ['Zhào Lìjiān', 'zhao lijian'],
    ['Xi’s', 'xi'],
    ['U.S. Chamber of Commerce', 'u s chamber of commerce'],
    ['  John F. Kerry ', 'john f kerry'],
  ])('GIVEN "%s" THEN the key is "%s"', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });
});
