/**
 * Word lists of English news attribution: titles, role nouns, speech verbs, organisation and place
 * words. Kept as Sets of lower-cased words so every lookup is O(1).
 */

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((word) => word.length > 0));
}

/** Honorifics and titles that stand before a name and are not part of it ("Sen.", "President"). */
export const NAME_TITLES = words(`
  mr mr. mrs mrs. ms ms. miss dr dr. del del. delegate prof prof. sir dame lord lady rev rev. reverend father
  sen sen. senator rep rep. representative gov gov. governor lt lt. gen gen. general col col. maj maj.
  capt capt. sgt sgt. adm adm. admiral cmdr cmdr. lieutenant colonel major captain sergeant commander
  president vice secretary minister premier chancellor ambassador mayor judge justice chief chairman
  chairwoman chair speaker leader director commissioner attorney deputy acting former late king queen
  prince princess pope cardinal bishop rabbi imam sheikh emir sultan crown prime foreign state
  defense defence treasury interior commerce justice health education energy labor labour trade
  finance home homeland security general national ministry department house senate congress majority
  minority whip council city county district assistant press secretary-general undersecretary
  under associate special envoy spokesman spokeswoman spokesperson officer executive managing
  congressman congresswoman councilman councilwoman councillor alderman assemblyman assemblywoman
  superintendent inspector sheriff detective officer trooper coach host anchor correspondent
`);

/** Head nouns of a role phrase ("spokesman", "ambassador"): what makes a phrase say who someone is. */
export const ROLE_NOUNS = words(`
  president vice-president presidents secretary minister premier chancellor ambassador envoy
  diplomat academic spokesman spokeswoman spokesperson senator sen. representative rep. congressman
  congresswoman governor gov. mayor judge justice chairman chairwoman chair chief director
  commissioner attorney lawyer counsel adviser advisor aide official officer executive ceo cfo coo
  founder co-founder owner partner leader head manager general gen. admiral commander colonel
  captain lieutenant sergeant analyst economist strategist pollster professor scholar researcher
  scientist expert fellow author writer editor columnist journalist reporter correspondent anchor
  host commentator activist organizer organiser campaigner lobbyist consultant candidate nominee
  member lawmaker legislator politician councilman councilwoman councillor alderman delegate speaker
  whip king queen prince princess pope cardinal bishop pastor reverend rev. rabbi imam priest monk
  doctor physician surgeon nurse teacher principal superintendent sheriff detective inspector
  trooper prosecutor investigator coach player actor actress singer rapper musician artist star
  comedian producer director filmmaker president-elect emir sultan sheikh dictator monarch
  businessman businesswoman entrepreneur investor banker billionaire millionaire tycoon magnate
  mogul student resident witness victim survivor widow widower mother father son daughter wife
  husband brother sister friend neighbor neighbour veteran soldier marine pilot chef
  narrator announcer questioner organizer governor-elect mayor-elect premier-elect deputy
  undersecretary under-secretary secretary-general administrator regulator negotiator mediator
  trustee treasurer comptroller auditor clerk registrar ombudsman chaplain dean provost chancellor
  rector president's vice spokespeople ministers officials leaders
`);

/** Verbs (in any tense) that introduce speech or writing. */
export const SPEECH_VERBS = words(`
  said says say saying told tells tell telling added adds add asked asks ask wrote writes write
  call describe claim warn urge insist argue accuse deny praise criticize announce predict vow
  complain suggest
  stated states declared declares explained explains noted notes argued argues insisted insists
  claimed claims warned warns replied replies responded responds continued continues remarked
  remarks recalled recalls acknowledged acknowledges admitted admits announced announces tweeted
  tweets posted posts described describes called calls urged urges suggested suggests predicted
  predicts conceded concedes countered counters complained complains joked jokes quipped quips
  emphasized emphasised emphasizes stressed stresses observed observes testified testifies
  reported reports shouted shouts yelled yells whispered cautioned cautions concluded concludes
  contended contends maintained maintains boasted boasts lamented laments vowed vows promised
  promises pledged pledges demanded demands charged charges alleged alleges accused accuses
  blasted slammed criticized criticised praised praises hailed hails denounced denounced
  condemned condemns mused muses sighed added, answered answers agreed agrees disagreed
  confirmed confirms denied denies thundered proclaimed proclaims announced read reads
  reiterated reiterates predicted told explained texted emailed messaged opined
  labeled labelled dubbed termed branded calling labeling describing referring referred
  speaking spoke speaks adding noting explaining warning arguing insisting writing asking urging
  recounted recounts acknowledged stated sings sang ruled rules typed dismissed dismisses promising
  denouncing vowing telling stressing describing calling claiming saying tweeting writing pledging
  demanding insisting arguing suggesting predicting complaining accusing praising slamming blasting
  touting touted touts boasting bragged brags bragging mocked mocks mocking ridiculed decried
  decries dubbing declaring announcing acknowledging admitting reiterating recalling joking
  promised characterized characterised characterizes characterizing deemed deems considers
  considered wondered wonders questioned questions thanked thanks chanted chants chanting
  chimed scolded scolds retorted retorts interjected pleaded pleads commented
`);

/** Speech verbs that put the speaker after them in the inverted "said X" order. */
export const INVERTABLE_VERBS = words(`
  said says added adds asked asks wrote writes explained explains noted notes argued argues insisted
  warned warns replied replies continued remarked recalled admitted declared stated tweeted
  responded countered complained joked quipped observed concluded cautioned read reads reported
  reports shouted retorted
`);

/** Nouns of written or broadcast speech whose speaker is the organisation or person modifying them. */
export const STATEMENT_NOUNS = words(`
  statement statements release report reports letter memo memorandum note notice announcement
  communique communiqué readout transcript filing complaint lawsuit ruling order decision
  editorial editorials post tweet tweets message email article story ad advertisement video
  broadcast document documents indictment affidavit report, analysis study survey poll review
  website blog book bylaws policy platform resolution bill guidance guidelines clip piece brief
  claim remarks comments words tweet message speech interview
`);

/** Nouns of unnamed sources ("a senior U.S. official", "sources familiar with the matter"). */
export const SOURCE_NOUNS = words(`
  official officials source sources spokesman spokeswoman spokesperson spokespeople aide aides
  adviser advisers advisor advisors person people insider insiders diplomat diplomats officer
  officers analyst analysts expert experts executive executives staffer staffers lawmaker lawmakers
  critic critics supporter supporters observer observers witness witnesses resident residents
  member members representative representatives investigator investigators prosecutor
  prosecutors agent agents employee employees worker workers leader leaders administration
  government police authorities authority ministry department agency campaign company spokesmen
  commission committee panel court board council union group firm party organization organisation
  protester protesters demonstrator demonstrators voter voters friend friends family families
  relatives reader readers viewer viewers listener listeners caller callers commenter commenters
`);

/** Words that head an organisation's name ("White House", "Chamber of Commerce"). */
export const ORG_WORDS = words(`
  house party ministry department office commerce chamber council nations union committee commission
  agency administration bank fund times post journal news press tribune herald gazette guardian
  telegraph inc inc. corp corp. corporation company co co. ltd ltd. llc plc group university college
  school institute institution foundation association court congress senate parliament assembly
  service services network broadcasting broadcaster television radio tv channel force forces army
  navy police guard bureau board authority organization organisation federation league alliance
  coalition movement campaign center centre fund reserve exchange church mosque temple hospital
  clinic airlines airways motors bank trust society club academy laboratory labs lab project
  committee, commission, cabinet kremlin pentagon vatican politburo command regime government
  legislature caucus parliament federal national democrats republicans senate media magazine
  institute studies research watch agency corps inc department's tribunal
`);

/** Acronyms of organisations that read like names. */
export const ORG_ACRONYMS = words(`
  cctv cnn bbc nbc abc cbs msnbc fox npr pbs ap afp reuters xinhua fbi cia nsa dhs doj dod nasa nato
  un eu imf who wto opec nypd lapd sec fda epa irs fcc ftc nih cdc gop dnc rnc aclu naacp nra ioc
  fifa uefa nfl nba mlb nhl ncaa ccp kgb fsb mi6 idf pla anc hamas hezbollah isis isil taliban
  afl-cio seiu icc icj wef oecd asean g7 g20 unhcr unicef unesco aarp ibm
`);

/** Country, region and city names treated as places (lower-cased, multi-word names joined by one space). */
export const PLACE_NAMES = words(
  `afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas
  bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil
  brunei bulgaria burkina burundi cambodia cameroon canada chad chile china colombia comoros congo
  croatia cuba cyprus czechia denmark djibouti dominica ecuador egypt eritrea estonia eswatini
  ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada guatemala guinea
  guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan
  jordan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos latvia lebanon lesotho
  liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta
  mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique
  myanmar burma namibia nauru nepal netherlands holland nicaragua niger nigeria macedonia norway oman
  pakistan palau palestine panama paraguay peru philippines poland portugal qatar romania russia
  rwanda samoa senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname
  sweden switzerland syria taiwan tajikistan tanzania thailand togo tonga trinidad tunisia turkey
  turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam yemen zambia
  zimbabwe america britain england scotland wales europe asia africa oceania antarctica arctic
  xinjiang tibet hong kong macau crimea gaza kashmir chechnya kurdistan darfur
  alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho
  illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
  mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas
  utah vermont virginia wisconsin wyoming
  washington beijing moscow london paris berlin rome tokyo taipei seoul pyongyang kabul baghdad
  tehran jerusalem cairo delhi mumbai shanghai brussels geneva vienna madrid lisbon athens ankara
  istanbul kyiv kiev warsaw prague budapest ottawa toronto sydney canberra manila jakarta bangkok
  hanoi damascus beirut riyadh dubai doha islamabad karachi havana caracas bogota lima santiago
  brasilia chicago boston houston dallas atlanta miami seattle denver detroit philadelphia
  baltimore phoenix cleveland pittsburgh minneapolis manhattan brooklyn bronx queens harlem
  charlotte orlando tampa oakland portland sacramento austin nashville memphis milwaukee
  albuquerque tucson honolulu anchorage newark louisville richmond raleigh charleston mayfield
  bagram scotland glasgow edinburgh dublin belfast amsterdam stockholm oslo copenhagen helsinki
  hollywood wall silicon`,
);

/** Multi-word place names, lower-cased. */
export const MULTIWORD_PLACES = new Set([
  'united states',
  'united states of america',
  'united kingdom',
  'new york',
  'new york city',
  'new jersey',
  'new mexico',
  'new hampshire',
  'new orleans',
  'new zealand',
  'north korea',
  'south korea',
  'south africa',
  'north carolina',
  'south carolina',
  'north dakota',
  'south dakota',
  'west virginia',
  'rhode island',
  'los angeles',
  'san francisco',
  'san diego',
  'las vegas',
  'hong kong',
  'saudi arabia',
  'sri lanka',
  'costa rica',
  'puerto rico',
  'el salvador',
  'middle east',
  'latin america',
  'south america',
  'north america',
  'central america',
  'east asia',
  'southeast asia',
  'south china sea',
  'east china sea',
  'west bank',
  'gaza strip',
  'ground zero',
  'capitol hill',
  'wall street',
  'silicon valley',
  'washington, d.c.',
  'washington d.c.',
  'st. louis',
  'kansas city',
  'salt lake city',
  'ivory coast',
]);

/** Words of geography that make a capitalised chunk a place ("South China Sea"). */
export const PLACE_WORDS = words(`
  sea ocean river lake mountain mountains valley island islands bay gulf strait peninsula county
  province state city street avenue square park beach coast desert canyon airport airfield base
  region district village town hills heights falls
`);

/** Aliases of well-known countries, lower-cased, to their canonical name. */
export const PLACE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['u.s.', 'United States'],
  ['us', 'United States'],
  ['u.s.a.', 'United States'],
  ['usa', 'United States'],
  ['america', 'United States'],
  ['united states', 'United States'],
  ['united states of america', 'United States'],
  ['u.k.', 'United Kingdom'],
  ['uk', 'United Kingdom'],
  ['britain', 'United Kingdom'],
  ['great britain', 'United Kingdom'],
  ['united kingdom', 'United Kingdom'],
  ['prc', 'China'],
  ["people's republic of china", 'China'],
  ['people’s republic of china', 'China'],
  ['dprk', 'North Korea'],
  ['uae', 'United Arab Emirates'],
  ['u.n.', 'United Nations'],
  ['un', 'United Nations'],
  ['e.u.', 'European Union'],
  ['eu', 'European Union'],
]);

/** Nationality adjectives: capitalised, but not actors in themselves ("Chinese official statements"). */
export const NATIONALITIES = words(`
  american chinese russian british english french german italian spanish japanese korean indian
  iranian iraqi afghan syrian israeli palestinian saudi egyptian turkish mexican canadian
  brazilian australian ukrainian polish dutch swedish norwegian danish finnish irish scottish
  welsh european asian african arab muslim christian jewish catholic protestant western eastern
  northern southern taiwanese tibetan uighur uyghur pakistani nigerian kenyan cuban venezuelan
  colombian argentine chilean peruvian greek hungarian czech austrian swiss belgian portuguese
  vietnamese thai filipino indonesian malaysian singaporean lebanese jordanian libyan
  democratic republican democrat republican liberal conservative communist socialist
  hispanic latino latina black white asian-american african-american native
`);

/** Capitalised words that are not names: calendar words, function words, common sentence starts. */
export const NOT_NAME_WORDS = words(`
  monday tuesday wednesday thursday friday saturday sunday january february march april may june
  july august september october november december jan jan. feb feb. mar mar. apr apr. jun jun. jul
  jul. aug aug. sep sep. sept sept. oct oct. nov nov. dec dec. today yesterday tomorrow
  the a an this that these those there here it its it's he she they we i you his her their our my
  your who what when where why how which while but and or nor so yet for if then than as at by in
  on of to from with without after before following during since until under over about against
  between among through into onto upon also still even just only already not no yes all some any
  many much more most few several each every both either neither other another such one two three
  four five six seven eight nine ten first second third last next new old good bad great big small
  despite although though because whether however meanwhile instead indeed perhaps maybe now
  later earlier once again still thus therefore according asked said says read watch follow
  subscribe sign share comment comments advertisement photo photos video image getty ap afp reuters
  placeholder loading click tap continue related more story stories opinion analysis
  like unlike having being amid besides beyond behind near toward towards via per except
  should could would must might shall
  mr mrs ms dr sen rep gov gen st
  war act day week year month plan program deal summit agreement treaty accord law rule
  crackdown pandemic coronavirus covid covid-19 tech
`);

/** Subject pronouns that can stand for a speaker, with what they can refer to. */
export const PRONOUNS: ReadonlyMap<string, 'he' | 'she' | 'they' | 'it' | 'i'> = new Map([
  ['he', 'he'],
  ['she', 'she'],
  ['they', 'they'],
  ['it', 'it'],
  ['i', 'i'],
  ['we', 'they'],
]);

/** First names that tell a person's gender, for resolving "he" and "she" to a compatible person. */
export const MALE_FIRST_NAMES = words(`
  joe joseph donald barack bill william george john james robert michael david richard thomas charles
  christopher daniel matthew anthony antony mark paul steven stephen andrew kenneth kevin brian
  edward ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan larry justin scott
  brandon frank benjamin gregory samuel raymond patrick alexander jack dennis jerry tyler aaron
  jose henry adam douglas nathan peter zachary kyle walter harold jeremy ethan carl keith roger
  gerald christian terry sean arthur austin noah lawrence jesse joe bryan billy jordan albert dylan
  bruce willie gabriel alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby
  philip johnny mike mitch chuck ted bernie rudy newt al jim tim tom dan ben sam pat rick rex ron
  vladimir xi emmanuel boris angela olaf narendra recep benjamin kim justin jair mohammed muhammad
  myron lloyd jason rush ed larry marco rand lindsey chris jeb kevin hakeem jeff tom steve greg
  doug howard leonard marc charles mehmet reince sean paul jared eric corey norman dante laurence
  lawrence harry hugh ian neil nick otto karl hans pierre francois jean-marc malcolm shinzo josh
  antonin
`);

/** First names that tell a person is a woman. */
export const FEMALE_FIRST_NAMES = words(`
  hillary chelsea nancy elizabeth kamala michelle melania ivanka sarah mary patricia jennifer linda
  barbara susan jessica karen lisa betty margaret sandra ashley kimberly emily donna carol michelle
  amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley
  anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet
  catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina
  joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison
  frances kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn danielle
  beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori wendy lily
  terry condoleezza madeleine theresa ursula jacinda liz tulsi kirsten dianne maxine debbie
  ilhan alexandria rashida ayanna nikki sheryl oprah beyonce taylor huma donna kellyanne sarah
  gennifer melanie claire gwen stacey debbie wendy lily jessica jennifer jo-renee kathleen
  loretta marcia terry-ann jill hope kate katie jane susie sally nina tina rosa carmen lucia
  yvonne valerie vanessa veronica adriana angelique aparna minyon cia monica erin tara paula
  alicia irene joanna eleanor elaine caroline
`);

/** Honorifics that stand before a name ("Mr. Trump", "Dame Judi Dench"): part of how it is addressed, not a role. */
export const HONORIFICS = words(`
  mr. mr mrs. mrs ms. ms miss sir dame dr. dr
`);

/** Abbreviated titles and suffixes whose full stop ends no sentence or phrase ("state Del. Marcia Price", "Jr."). */
export const NAME_ABBREVIATIONS = words(`
  mr mrs ms dr sen rep del gov gen lt col sgt capt jr sr st rev prof atty amb adm maj det hon
`);

/** A list of base words with their inflections ("rate": rates, rated, rating). */
function inflected(list: string): ReadonlySet<string> {
  const forms = new Set<string>();
  for (const base of list.split(/\s+/u).filter((word) => word.length > 0)) {
    const stem = base.endsWith('e') ? base.slice(0, -1) : base;
    const last = base[base.length - 1] ?? '';
    forms.add(base).add(`${base}s`).add(`${base}es`).add(`${stem}ed`).add(`${stem}ing`);
    if (base.endsWith('y')) forms.add(`${base.slice(0, -1)}ies`).add(`${base.slice(0, -1)}ied`);
    // "admit": admitted, admitting.
    if (/[^aeiou][aeiou][bdgklmnprt]$/u.test(base)) forms.add(`${base}${last}ed`).add(`${base}${last}ing`);
  }
  return forms;
}

/** Verbs and nouns that report or judge what someone said or thinks, beyond the speech verbs. */
export const REPORTING_WORDS: ReadonlySet<string> = new Set([
  ...inflected(`
    admire liken compare consider regard view pound chant refer label brand dub term call describe
    hail praise mock deride ridicule accuse blame denounce condemn warn vow promise pledge urge
    demand insist argue claim assert suggest predict boast brag complain lament tout cite quote
    exhort dismiss slam blast criticize criticise decry reject defend say tell write tweet post read
    announce declare state note add ask answer respond reply explain recall acknowledge admit
    confirm deny swear scream shout yell cry plead beg thank congratulate apologize invite challenge
    encourage remind assure reassure threaten forecast estimate conclude report reveal disclose
    characterize deem judge grade message remark comment statement word phrase slogan headline motto
    nickname epithet insult criticism type
  `),
  ...words(`
    rated referenced reportedly allegedly told said wrote swore written spoken sworn sung
  `),
]);

/** Words that give a capitalised phrase in quote marks as someone's words or name for a thing. */
export const NAMING_WORDS = new Set([
  'call',
  'calls',
  'called',
  'calling',
  'nicknamed',
  'dubbed',
  'labeled',
  'labelled',
  'branded',
  'termed',
  'hailed',
  'proclaimed',
  'chanted',
  'chanting',
  'singing',
  'sang',
  'words',
  'rated',
  'deemed',
  'as',
]);

/** Nouns a name modifies ("the Clinton campaign", "Trump supporters"): the name is then no subject. */
export const MODIFIED_NOUNS = new Set([
  'campaign',
  'administration',
  'camp',
  'team',
  'aides',
  'staff',
  'supporters',
  'voters',
  'foundation',
  'presidency',
  'era',
  'policy',
  'policies',
  'plan',
  'loyalists',
  'allies',
  'surrogates',
  'tweet',
  'tweets',
  'rally',
  'rallies',
  'organization',
  'family',
]);

/** Days and months: when something was said, never who said it. */
export const TIME_WORDS = words(`
  monday tuesday wednesday thursday friday saturday sunday january february march april may june
  july august september october november december today yesterday tonight
`);
