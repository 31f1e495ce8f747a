import { describe, expect, it } from 'vitest';
import { type Cast, findActors } from '../../src/core/analysis/actors.ts';
import { findQuoteSpans } from '../../src/core/analysis/quote-spans.ts';
import { paragraphsOf } from '../fixtures/sentences.ts';

/** Builds paragraphs and their sentences from sentences given one paragraph at a time. */
function castOf(...paragraphs: string[][]): Cast {
  const { texts, sentences } = paragraphsOf(paragraphs);
  return findActors(sentences, findQuoteSpans(texts));
}

function person(cast: Cast, name: string) {
  return cast.members.find((member) => member.name === name);
}

describe('findActors: roles', () => {
  const cases: Array<{ sentence: string; name: string; role: string }> = [
    {
      sentence: 'Nevada Gov. Ana Rusk described the plan as a mistake.',
      name: 'Ana Rusk',
      role: 'Nevada Gov.',
    },
    {
      sentence: 'On Monday, Texas Sen. Maria Okafor voted against the bill.',
      name: 'Maria Okafor',
      role: 'Texas Sen.',
    },
    {
      sentence:
        'Those included a chaotic scene in Alaska in March, when Secretary of State Antony Blinken and his Chinese counterpart publicly rebuked one another.',
      name: 'Antony Blinken',
      role: 'Secretary of State',
    },
    {
      sentence:
        '“The U.S. left a trail of destruction in Afghanistan,” Chinese Foreign Ministry spokesman Zhao Lijian said Thursday.',
      name: 'Zhao Lijian',
      role: 'Chinese Foreign Ministry spokesman',
    },
    {
      sentence:
        'The call follows disappointing or inconclusive trips to China by Deputy Secretary of State Wendy Sherman in July, and climate envoy John F. Kerry last week.',
      name: 'Wendy Sherman',
      role: 'Deputy Secretary of State',
    },
    {
      sentence:
        'The call follows disappointing or inconclusive trips to China by Deputy Secretary of State Wendy Sherman in July, and climate envoy John F. Kerry last week.',
      name: 'John F. Kerry',
      role: 'climate envoy',
    },
    {
      sentence:
        '“It’s encouraging but it needs to be reinforced with concrete steps,” said Myron Brilliant, executive vice president of the U.S. Chamber of Commerce.',
      name: 'Myron Brilliant',
      role: 'executive vice president of the U.S. Chamber of Commerce',
    },
    {
      sentence:
        'The new ambassador to Washington, Qin Gang, said Tuesday that the United States persists in “wrong beliefs” about China.',
      name: 'Qin Gang',
      role: 'new ambassador to Washington',
    },
    {
      sentence:
        'Biden’s choice to be ambassador to China, veteran diplomat and academic Nicholas Burns, has not yet won Senate confirmation.',
      name: 'Nicholas Burns',
      role: 'ambassador to China',
    },
    {
      sentence:
        'Biden’s choice to be ambassador to China, veteran diplomat and academic Nicholas Burns, has not yet won Senate confirmation.',
      name: 'Nicholas Burns',
      role: 'veteran diplomat and academic',
    },
    {
      sentence: 'President Biden spoke with Chinese President Xi Jinping for the second time as president.',
      name: 'Xi Jinping',
      role: 'Chinese President',
    },
    {
      sentence: 'But the mayor’s budget director, Ines Morel, struck a more cautious tone.',
      name: 'Ines Morel',
      role: 'mayor’s budget director',
    },
    {
      sentence: 'Sheriff Dana Holt and her deputy, Marcus Lee, arrived just after midnight.',
      name: 'Marcus Lee',
      role: 'deputy',
    },
    {
      sentence:
        '“The money will arrive by Friday,” the governor’s chief of staff, Omar Reyes, told reporters.',
      name: 'Omar Reyes',
      role: 'governor’s chief of staff',
    },
    {
      sentence: 'Its president, Gloria Banks, called the vote historic.',
      name: 'Gloria Banks',
      role: 'president',
    },
    // General role nouns of a race: front-runner, incumbent, challenger.
    {
      sentence: 'Republican front-runner Dana Whitfield said the race was over.',
      name: 'Dana Whitfield',
      role: 'Republican front-runner',
    },
    { sentence: 'Ruth Okafor, the incumbent, conceded on Tuesday.', name: 'Ruth Okafor', role: 'incumbent' },
    // A title's "of" and portfolio belong to the title, after an institution too.
    {
      sentence: 'White House Chief of Staff Tom Hale pressured them.',
      name: 'Tom Hale',
      role: 'White House Chief of Staff',
    },
    {
      sentence: 'Director of National Intelligence Ann Pike said the threat was real.',
      name: 'Ann Pike',
      role: 'Director of National Intelligence',
    },
    // Titles of a profession and plural titles before a name.
    { sentence: '“It works,” Professor Ruiz told me.', name: 'Ruiz', role: 'Professor' },
    { sentence: 'Among them are Senators Ruth Okafor and Tom Hale.', name: 'Ruth Okafor', role: 'Senators' },
    // A lower-case word that times a capitalised title belongs to the role.
    {
      sentence: 'He met former UN Ambassador Tom Hale on Friday.',
      name: 'Tom Hale',
      role: 'former UN Ambassador',
    },
  ];
  it.each(cases)('GIVEN "$sentence" THEN $name is a person with role "$role"', ({ sentence, name, role }) => {
    const actor = person(castOf([sentence]), name);
    expect(actor?.kind).toBe('person');
    expect(actor?.roles).toContain(role);
  });

  it('GIVEN a relative clause after a name ("Okafor, who has been governor since 2019,") THEN it is no role', () => {
    const cast = castOf(['Governor Nadia Okafor, who has been governor since 2019, said she understood.']);
    expect(person(cast, 'Nadia Okafor')?.roles).toEqual(['Governor']);
  });
});

describe('findActors: aliases', () => {
  it('GIVEN "President Biden", "Biden" and "Joe Biden" THEN they are one actor named Joe Biden', () => {
    const cast = castOf(
      ['President Biden spoke with Chinese President Xi Jinping for the second time as president.'],
      ['Joe Biden initiated the conversation Thursday.'],
      ['Biden recommitted this week to attend that November climate session.'],
    );
    const bidens = cast.members.filter((member) => /Biden/u.test(member.name));
    expect(bidens.map((member) => member.name)).toEqual(['Joe Biden']);
    expect(bidens[0]?.aliases).toEqual(expect.arrayContaining(['President Biden', 'Biden']));
    expect(bidens[0]?.mentions).toHaveLength(3);
  });

  it('GIVEN a nickname of three words after initials THEN the sentence and the name hold together', () => {
    const cast = castOf(['The storm stranded J.P. “The Night Owl” Okafor and two other singers.']);
    expect(cast.members.filter((m) => m.kind === 'person').map((m) => m.name)).toEqual([
      'J.P. “The Night Owl” Okafor',
    ]);
  });

  it('GIVEN a nickname in quote marks inside a name THEN the name and its surname are one actor', () => {
    const cast = castOf(
      ['State Del. Margaret “Peggy” Okoye (D-Norfolk) thanked the crowd.'],
      ['Okoye later thanked the volunteers.'],
    );
    const people = cast.members.filter((member) => member.kind === 'person');
    expect(people.map((member) => member.name)).toEqual(['Margaret “Peggy” Okoye']);
    expect(people[0]?.aliases).toContain('Okoye');
  });

  const pairs: Array<{ paragraphs: string[][]; name: string; alias: string }> = [
    {
      paragraphs: [
        ['President Biden spoke with Chinese President Xi Jinping for the second time as president.'],
        ['Biden and Xi held an approximately two-hour call in February.'],
      ],
      name: 'Xi Jinping',
      alias: 'Xi',
    },
    {
      paragraphs: [
        [
          'The new ambassador to Washington, Qin Gang, said Tuesday that the United States persists in “wrong beliefs.”',
        ],
        ['Qin also warned Washington not to cross a red line of Chinese regional interests.'],
      ],
      name: 'Qin Gang',
      alias: 'Qin',
    },
    {
      paragraphs: [
        [
          'The official used the acronym for the People’s Republic of China, the communist country’s official name.',
        ],
        ['“We have engaged PRC officials in several settings,” the official said.'],
        ['China has committed $31 million in new food aid to Afghanistan.'],
      ],
      name: 'China',
      alias: 'PRC',
    },
    {
      paragraphs: [
        ['The Chinese Communist Party has unleashed a dizzying regulatory crackdown in recent months.'],
        ['The leadership will gather in a run-up to a major Communist Party convocation next year.'],
      ],
      name: 'Chinese Communist Party',
      alias: 'Communist Party',
    },
  ];
  it.each(pairs)('GIVEN "$alias" after "$name" THEN both name one actor', ({ paragraphs, name, alias }) => {
    const cast = castOf(...paragraphs);
    const actor = cast.members.find((member) => member.name === name);
    expect(actor?.aliases).toContain(alias);
    expect(cast.members.filter((member) => member.name === alias)).toHaveLength(0);
  });
});

describe('findActors: one actor per person', () => {
  it('GIVEN a surname alone that speaks in several paragraphs THEN it is one actor with every mention', () => {
    const cast = castOf(
      ['Hendricks spoke about the budget on Monday.'],
      ['Hendricks spoke about the schools on Tuesday.'],
      ['Hendricks spoke about the roads on Wednesday.'],
    );
    expect(cast.members.filter((member) => member.name === 'Hendricks')).toHaveLength(1);
    expect(person(cast, 'Hendricks')?.mentions).toHaveLength(3);
  });

  it('GIVEN an institution’s title before a name THEN the title is the person’s role', () => {
    const cast = castOf(['“We will respond,” White House Press Secretary Dana Price said.']);
    expect(person(cast, 'Dana Price')?.roles).toEqual(['White House Press Secretary']);
  });
});

describe('findActors: a surname alone before its speech verb', () => {
  it.each([
    'Okafor said the count would take a week.',
    'Okafor also said the count would take a week.',
    'Okafor openly admitted that the count would take a week.',
    'Okafor has since told reporters that the count would take a week.',
    'Okafor, a Democrat, told reporters that the count would take a week.',
    'Okafor, 54, said the count would take a week.',
    'Okafor, who chairs the board, said the count would take a week.',
  ])('GIVEN "%s" THEN the surname is a person', (sentence) => {
    const cast = castOf([sentence]);
    expect(person(cast, 'Okafor')?.kind).toBe('person');
  });

  it('GIVEN a passive ("Donations are typically reported …") THEN its subject is no speaker and no actor', () => {
    const cast = castOf(['Donations are typically reported to the county within a week.']);
    expect(cast.members.map((member) => member.name)).not.toContain('Donations');
  });

  it('GIVEN a place and its state set off before the verb ("a farmer from Tullow, Kansas, said") THEN the town is no speaker', () => {
    const cast = castOf(['A farmer from Tullow, Kansas, said the count would take a week.']);
    expect(person(cast, 'Tullow')?.kind).toBe('place');
  });

  it('GIVEN a cue set off after a sentence adverb ("Rather, he said, …") THEN the adverb is no actor', () => {
    const cast = castOf(['Rather, he said, continued delays will cost the county money.']);
    expect(cast.members.map((member) => member.name)).not.toContain('Rather');
  });

  it('GIVEN more than two words between the surname and the verb THEN the verb is not read as its', () => {
    const cast = castOf(['Okafor quietly and firmly told reporters that the count would take a week.']);
    expect(person(cast, 'Okafor')).toBeUndefined();
  });
});

describe('findActors: a clause after a name is no appositive', () => {
  it('GIVEN "Like Governor Tom Hale, the mayor opposed the budget" THEN "mayor opposed the budget" is no role of Hale', () => {
    const cast = castOf(['Like Governor Tom Hale, the mayor opposed the budget.']);
    expect(person(cast, 'Tom Hale')?.roles).toEqual(['Governor']);
  });

  it('GIVEN "Dana Ortiz, a lawyer representing the family" THEN the participle phrase is her role', () => {
    const cast = castOf(['The council hired Dana Ortiz, a lawyer representing the family.']);
    expect(person(cast, 'Dana Ortiz')?.roles).toEqual(['lawyer representing the family']);
  });
});

describe('findActors: a describing word before a name', () => {
  it('GIVEN "Republican Tom Hale" and "Tom Hale" THEN they are one actor with the party as a role', () => {
    const cast = castOf(
      ['Republican Tom Hale leads in the polls.'],
      ['Voters like Tom Hale more than his rival.'],
    );
    const people = cast.members.filter((member) => member.kind === 'person');
    expect(people.map((member) => member.name)).toEqual(['Tom Hale']);
    expect(people[0]?.roles).toContain('Republican');
  });

  it.each([
    ['Senator Marcus Hill of Vermont spoke first.', 'Marcus Hill'],
    ['The union president, Darnell Wayne Brooks, was arrested.', 'Darnell Wayne Brooks'],
    ['Prime Minister Helen May spoke in Leeds on Monday.', 'Helen May'],
    ['Councillor Ruth Might opened the session.', 'Ruth Might'],
  ])('GIVEN "%s" THEN the whole name stays: %s', (sentence, name) => {
    expect(
      castOf([sentence])
        .members.filter((m) => m.kind === 'person')
        .map((m) => m.name),
    ).toEqual([name]);
  });

  it('GIVEN "Former" opening a sentence before a place and a lower-case role THEN neither is an actor, and the person is', () => {
    const cast = castOf(
      ['Former Nevada governor Ana Rusk said the count was fair.'],
      ['Former Senate aide Tom Hale disagreed.'],
    );
    const names = cast.members.map((member) => member.name);
    expect(names).toEqual(expect.arrayContaining(['Ana Rusk', 'Tom Hale']));
    expect(names.filter((name) => name.startsWith('Former'))).toEqual([]);
  });

  it('GIVEN "Former" before a title ("Former Nevada Gov. Ana Rusk") THEN it stays with the title', () => {
    const cast = castOf(['Former Nevada Gov. Ana Rusk said the count was fair.']);
    expect(person(cast, 'Ana Rusk')?.aliases).toContain('Former Nevada Gov. Ana Rusk');
  });

  it('GIVEN a month that is also a given name before a surname ("Jan Okafor", "April Vance") THEN it is the name’s first word', () => {
    const cast = castOf(
      ['Jan Okafor, the county clerk, said the count was fair.'],
      ['On Tuesday, April Vance asked the mayor about the budget.'],
    );
    const names = cast.members.map((member) => member.name);
    expect(names).toEqual(expect.arrayContaining(['Jan Okafor', 'April Vance']));
  });

  it('GIVEN a month after a word that dates it ("In June Hale said", "to June Okafor") THEN it stays a date', () => {
    const cast = castOf(
      ['In June Hale said the count was fair.'],
      ['From January to June Okafor exported most of its output.'],
      ['The August Reno index rose.'],
    );
    const names = cast.members.map((member) => member.name);
    expect(names).toContain('Hale');
    expect(names.filter((name) => /^(?:June|August) /u.test(name))).toEqual([]);
  });

  it('GIVEN a party and home state after a name ("Ana Rusk, Republican of Ohio,") THEN they are no actor', () => {
    const cast = castOf([
      'Senator Ana Rusk, Republican of Ohio, and Representative Tom Hale, Democrat of New Mexico, voted against it.',
    ]);
    expect(cast.members.map((member) => member.name).sort()).toEqual(['Ana Rusk', 'Tom Hale']);
  });

  it('GIVEN a full name, "of" and an employer ("Ruth Okafor of Acme Freight") THEN the person is named without it', () => {
    const cast = castOf(
      ['Ruth Okafor of Acme Freight said the talks went well, and Tom Hale of the Reno Ledger agreed.'],
      ['The Bank of Ireland and the Okafor Institute of Design stayed silent.'],
    );
    const names = cast.members.map((member) => member.name);
    expect(names).toEqual(expect.arrayContaining(['Ruth Okafor', 'Tom Hale', 'Bank of Ireland']));
    expect(names.filter((name) => /(?:Okafor|Hale) of /u.test(name))).toEqual([]);
    // The employer is a body of its own, whatever speech verb follows it.
    expect(cast.members.find((member) => member.name === 'Acme Freight')?.kind).toBe('organization');
  });

  it('GIVEN a gerund opening the sentence before a name THEN it is no part of the name', () => {
    const cast = castOf(['Pulling Hale into the race changed everything for the party.']);
    expect(cast.members.map((member) => member.name)).not.toContain('Pulling Hale');
  });

  it('GIVEN sentences that open with "Speaking at …" THEN the gerund is no actor, however often it opens one', () => {
    const cast = castOf(
      ['Speaking at a mill in Akron, Hale went after his rival.'],
      ['Speaking to reporters on Monday, Ruiz refrained from attacking him.'],
      ['Speaking with voters in Elko, Hale kept his message short.'],
    );
    expect(cast.members.map((member) => member.name)).not.toContain('Speaking');
  });

  it('GIVEN sentences that open with "Nobody", "Everyone" or "Others" THEN those words are no actors', () => {
    const cast = castOf(
      ['Nobody asked about the vote, so Hale raised it himself.'],
      ['Nobody expected the count to take a week.'],
      ['Everyone in the room stood up.', 'Everyone cheered.'],
      ['Others, including two council members, said the count was fair.'],
    );
    const names = cast.members.map((member) => member.name);
    expect(names).not.toContain('Nobody');
    expect(names).not.toContain('Everyone');
    expect(names).not.toContain('Others');
  });

  it('GIVEN a surname ending in -ing before a speech verb THEN it stays a name', () => {
    const cast = castOf(['Ana Manning chairs the board.'], ['Manning said the count would take a week.']);
    expect(cast.members.map((member) => member.name)).toContain('Ana Manning');
    expect(cast.mentions.filter((mention) => mention.text === 'Manning')).toHaveLength(1);
  });
});

describe('findActors: titles inside a longer chunk, and headings', () => {
  it.each([
    ['Interim UAW Chairwoman Dana Ruiz called the meeting.', 'Dana Ruiz', 'Interim UAW Chairwoman'],
    ['The plan was backed by NYPD Commissioner Tom Okafor on Monday.', 'Tom Okafor', 'NYPD Commissioner'],
    ['Retired Lt. Gen. Maria Hale said the army was ready.', 'Maria Hale', 'Retired Lt. Gen.'],
  ])('GIVEN "%s" THEN %s is the person and "%s" the role', (sentence, name, role) => {
    const cast = castOf([sentence]);
    expect(person(cast, name)?.roles).toContain(role);
  });

  it('GIVEN a heading in capitals glued to the first words THEN it is no part of a name', () => {
    const cast = castOf([
      'THE SAVINGS Back when she started her firm, Ms. Okafor said debt was a last resort.',
    ]);
    expect(cast.members.map((member) => member.name)).not.toContain('SAVINGS Back');
  });

  it('GIVEN a label in capitals on a line of its own THEN it is no actor', () => {
    expect(castOf(['FULL TEXT.']).members).toEqual([]);
  });
});

describe('findActors: groups are no persons', () => {
  it('GIVEN "Democrats" and "Americans" THEN the party is an organisation and the nationality no actor', () => {
    const cast = castOf(['Democrats said the bill would fail.'], ['Most Americans watched the debate.']);
    expect(cast.members.map((member) => [member.name, member.kind])).toEqual([['Democrats', 'organization']]);
  });

  it.each([
    'The Ohio Democrat voted against the bill.',
    'She asked the New Mexico Republican about the vote.',
  ])('GIVEN a home place and a party ("%s") THEN they name no one', (sentence) => {
    const cast = castOf(['Senator Lena Marsh spoke on Monday.'], [sentence]);
    expect(cast.members.map((member) => member.name)).toEqual(['Lena Marsh']);
  });

  it('GIVEN "Police said" at a sentence start THEN "Police" is no actor', () => {
    expect(castOf(['Police said the man fled on foot.']).members).toEqual([]);
  });
});

describe('findActors: a preposition that opens the sentence is no part of a name', () => {
  it.each([
    ['Like Governor Tom Hale, the mayor voted against the budget.', 'Tom Hale'],
    ['Unlike Senator Rita Vance, he stayed home.', 'Rita Vance'],
    ['Having Judge Ann Pike on the panel changed the ruling.', 'Ann Pike'],
  ])('GIVEN "%s" THEN the person is %s', (sentence, name) => {
    expect(
      castOf([sentence])
        .members.filter((member) => member.kind === 'person')
        .map((m) => m.name),
    ).toEqual([name]);
  });
});

describe('findActors: an interjection, sentence adverb or auxiliary that opens the sentence is no part of a name', () => {
  it.each([
    ['Thanks Dana Whitfield, the hall was full again.', ['Dana Whitfield']],
    ['Sorry Ruth Okafor, the vote is closed.', ['Ruth Okafor']],
    ['Was Tom Hale right about the levy?', ['Tom Hale']],
    ['Publicly, the mayor said nothing.', []],
    ['Interestingly Ann Pike, a retired nurse, backed the levy.', ['Ann Pike']],
  ])('GIVEN "%s" THEN the actors are %j', (sentence, names) => {
    expect(castOf([sentence]).members.map((m) => m.name)).toEqual(names);
  });
});

describe('findActors: words that only describe or finish a title are no actors', () => {
  it.each([
    // A party or nationality adjective cut off from the role and name it describes.
    ['Presumptive Democratic presidential nominee Dana Whitfield said the plan failed.', ['Dana Whitfield']],
    ['The Middle Eastern nation is angry, Ruth Okafor said.', ['Ruth Okafor']],
    // A portfolio after a title and "of" belongs to the title.
    ['Tom Hale named her Secretary of Defense on Monday.', ['Tom Hale']],
    ['Ann Pike, the former secretary of State, said no.', ['Ann Pike']],
    ['Rita Vance served as his chief of Staff for years.', ['Rita Vance']],
  ])('GIVEN "%s" THEN the actors are %j', (sentence, names) => {
    expect(castOf([sentence]).members.map((m) => m.name)).toEqual(names);
  });

  it.each([
    ['Walter White said the plan failed.', 'Walter White'],
    ['The Department of Defense said the plan failed.', 'Department of Defense'],
  ])('GIVEN "%s" THEN %s is still an actor', (sentence, name) => {
    expect(castOf([sentence]).members.map((m) => m.name)).toContain(name);
  });
});

describe('findActors: a party-and-state tag is no actor', () => {
  it.each([
    'Rep. Will Hurst, R-Texas, said the bill would fail.',
    'Sen. Dana Whitfield, D-Calif., told reporters the bill would fail.',
    'Sen. Tom Hale, I-Vt., said the bill would fail.',
  ])('GIVEN "%s" THEN the tag is no actor and the lawmaker the only person', (sentence) => {
    const cast = castOf([sentence]);
    expect(cast.members.map((member) => member.name).filter((name) => /^[DRI]-/u.test(name))).toEqual([]);
    expect(cast.members.filter((member) => member.kind === 'person')).toHaveLength(1);
  });
});

describe('findActors: kinds and non-actors', () => {
  const kinds: Array<{ sentence: string; name: string; kind: string }> = [
    // A building is a place, however its name opens.
    { sentence: 'Kestrel Tower said the lease would end in May.', name: 'Kestrel Tower', kind: 'place' },
    {
      sentence: 'President Biden spoke with Chinese President Xi Jinping, the White House said Thursday.',
      name: 'White House',
      kind: 'organization',
    },
    {
      sentence: 'China’s state-run broadcaster CCTV described the discussion as “candid and in-depth.”',
      name: 'CCTV',
      kind: 'organization',
    },
    { sentence: 'Those included a chaotic scene in Alaska in March.', name: 'Alaska', kind: 'place' },
    {
      sentence: 'It comes ahead of a global climate summit backed by the United Nations.',
      name: 'United Nations',
      kind: 'organization',
    },
    {
      sentence:
        'Biden is attempting to redirect U.S. foreign policy away from the wars in Afghanistan and Iraq.',
      name: 'Afghanistan',
      kind: 'place',
    },
    {
      sentence:
        'Biden is attempting to redirect U.S. foreign policy away from the wars in Afghanistan and Iraq.',
      name: 'United States',
      kind: 'place',
    },
    {
      sentence: 'PORT KESTREL — The president flew to the remote island on Thursday.',
      name: 'PORT KESTREL',
      kind: 'place',
    },
    {
      sentence: 'Retired U.S. Coast Guard Adm. Paula Garber is touring the flooded towns.',
      name: 'Paula Garber',
      kind: 'person',
    },
    {
      sentence: '“We will respond,” White House Press Secretary Dana Price said.',
      name: 'Dana Price',
      kind: 'person',
    },
    {
      sentence: 'The New York Times reported on Monday that small donors gave less.',
      name: 'New York Times',
      kind: 'organization',
    },
    {
      sentence: 'The New York Times reports:',
      name: 'New York Times',
      kind: 'organization',
    },
  ];
  it.each(kinds)('GIVEN "$sentence" THEN $name is a $kind', ({ sentence, name, kind }) => {
    expect(castOf([sentence]).members.find((member) => member.name === name)?.kind).toBe(kind);
  });

  const none: Array<{ sentence: string; word: string }> = [
    {
      sentence: 'Those discussions were unproductive, according to the senior Biden administration official.',
      word: 'Those',
    },
    {
      sentence:
        'Following the approximately 90-minute call, the same senior official described the tone as candid.',
      word: 'Following',
    },
    { sentence: 'Chinese official statements have hardened in recent months.', word: 'Chinese' },
    {
      sentence:
        'President Biden departs after delivering remarks at the White House on Thursday. (Demetrius Freeman/The Washington Post)',
      word: 'Demetrius Freeman',
    },
    {
      sentence: 'David J. Lynch in Washington and Lily Kuo in Taipei, Taiwan, contributed to this report.',
      word: 'Lily Kuo',
    },
    { sentence: 'The call Thursday evening yielded no specific announcements.', word: 'Thursday' },
    {
      sentence: 'COUNCIL HAS QUESTIONED HIM — His advice drew a public hearing in 2019.',
      word: 'COUNCIL HAS QUESTIONED HIM',
    },
  ];
  it.each(none)('GIVEN "$sentence" THEN "$word" is not an actor', ({ sentence, word }) => {
    expect(castOf([sentence]).members.map((member) => member.name)).not.toContain(word);
  });
});

describe('findActors: honorific and surname', () => {
  const cases: Array<{ sentence: string; name: string | null; absent: string }> = [
    { sentence: '“They treat us fairly,” Mr. King said on Monday.', name: 'King', absent: 'Mr. King' },
    { sentence: 'Mrs. Bishop said the church would reopen.', name: 'Bishop', absent: 'Mrs. Bishop' },
    { sentence: 'Ms. French said the church would reopen.', name: 'French', absent: 'Ms. French' },
    { sentence: '“We are ready,” Mr. Welsh told the board.', name: 'Welsh', absent: 'Mr. Welsh' },
    { sentence: '“Thank you, Mr. President,” the reporter said.', name: null, absent: 'President' },
  ];
  it.each(cases)('GIVEN "$sentence" THEN the honorific names $name', ({ sentence, name, absent }) => {
    const cast = castOf([sentence]);
    if (name) expect(person(cast, name)?.kind).toBe('person');
    expect(person(cast, absent)).toBeUndefined();
  });

  it('GIVEN "Dana French" and later "Ms. French" THEN they are one actor, the nationality word being her surname', () => {
    const cast = castOf(['Dana French chairs the board.'], ['“We are ready,” Ms. French said.']);
    expect(person(cast, 'Dana French')?.aliases).toContain('Ms. French');
  });
});
