import type { CastMember } from '../actors.ts';
import type { QuoteKind } from '../types.ts';
import type { Candidate, Evidence } from './candidates.ts';
import type { QuoteContext } from './context.ts';
import { isDocument, type Source } from './discourse.ts';
import { FeatureSpace } from './templates.ts';

/** What the features read about the quote itself, the same for all its candidates. */
export interface QuoteFacts {
  context: QuoteContext;
  kind: QuoteKind;
  /** A cue in the quote's own sentence (or a signature) attributes it. */
  attributed: boolean;
  /** Actor ids named inside the quote's own words. */
  namedInside: ReadonlySet<string>;
  /** The pronoun that names the quote's speaker ("…,” she said", "She walked out. “…”"), if any. */
  pronoun: 'he' | 'she' | 'they' | null;
}

const BOOL = ['no', 'yes'] as const;
const SIDES = ['before', 'after'] as const;
const CUE_SCOPES = ['sentence', 'beyond', 'paragraph', 'previous'] as const;
const CUE_FORMS = ['before', 'inverted', 'according', 'participle', 'elided', 'claim'] as const;
const SOURCE_FORMS = ['name', 'pronoun', 'description', 'unlisted', 'relative', 'country', 'none'] as const;
const GAPS = ['adjacent', 'comma', 'colon', 'that', 'words'] as const;
const DISTANCES = ['touching', 'near', 'mid', 'far'] as const;
const SUBJECT_SCOPES = ['sentence', 'previous'] as const;
const SPOKE_SCOPES = ['paragraph', 'previous', 'older'] as const;
const PATTERNS = [
  'label',
  'signed',
  'colon-paragraph',
  'colon-subject',
  'trailing-cue',
  'named-after',
  'named-before-colon',
] as const;
const VIAS = ['before', 'after', 'subject'] as const;
const RANKS = ['1', '2', '3', '4'] as const;
const PARAGRAPHS_BACK = ['0', '1', '2+'] as const;
const SPEAKER_RANKS = ['none', '1', '2', '3+'] as const;
const SALIENCE = ['1', '2-3', '4-9', '10+'] as const;
const KINDS = ['person', 'organization', 'group', 'place'] as const;
const QUOTE_KINDS = ['direct', 'partial'] as const;
const LENGTHS = ['short', 'medium', 'long'] as const;
const COUNTS = ['1', '2', '3', '4+'] as const;
const ATTRIBUTING_PRONOUNS = ['he', 'she', 'they'] as const;
/**
 * How a candidate's known gender or kind stands to the pronoun that names the speaker: it agrees
 * or clashes. An unknown gender gives no feature: it is the level the two are weighed against.
 */
const AGREEMENTS = ['match', 'clash'] as const;
/**
 * How the candidate's gender or kind is known: a title or honorific, a first name alone, its kind
 * (a body, a place), or a document the narration named ("a statement"), which no "he" or "she"
 * stands for, unlike a name typed as a body that may be a person's.
 */
const GENDER_BASES = ['title', 'name', 'kind', 'document'] as const;
/** Whether the pronoun's reading offered the candidate as what it stands for, or the candidate came from elsewhere. */
const REFERENTS = ['referent', 'other'] as const;

/**
 * The feature templates: a name and the values of each slot. Every feature is one template with
 * one value per slot, and all of them are binary.
 */
const TEMPLATES = {
  cue: [SIDES, CUE_SCOPES, BOOL],
  'cue-form': [SIDES, CUE_SCOPES, CUE_FORMS, BOOL],
  'cue-source': [SIDES, CUE_SCOPES, SOURCE_FORMS, BOOL],
  'cue-gap': [SIDES, CUE_SCOPES, GAPS],
  'cue-distance': [SIDES, CUE_SCOPES, DISTANCES],
  'cue-opens-sentence': [SIDES, CUE_SCOPES, BOOL, BOOL],
  'cue-after-colon': [SIDES, BOOL],
  subject: [SUBJECT_SCOPES, BOOL],
  'subject-attributed': [SUBJECT_SCOPES, BOOL],
  mention: [SIDES, BOOL, BOOL],
  'mention-distance': [SIDES, DISTANCES],
  'mention-attributed': [SIDES, BOOL],
  'mention-agent': [SIDES, BOOL],
  'mention-governed': [BOOL],
  spoke: [SPOKE_SCOPES],
  'spoke-continued': [SPOKE_SCOPES, BOOL],
  'spoke-opens-paragraph': [SPOKE_SCOPES, BOOL],
  'spoke-attributed': [SPOKE_SCOPES, BOOL],
  pattern: [PATTERNS],
  antecedent: [VIAS, RANKS, BOOL],
  'antecedent-paragraphs': [VIAS, PARAGRAPHS_BACK],
  'antecedent-gender': [VIAS, BOOL],
  'antecedent-speaker': [VIAS, SPEAKER_RANKS],
  'antecedent-preferred': [VIAS, BOOL],
  'antecedent-preferred-speaker': [VIAS, BOOL, SPEAKER_RANKS],
  'antecedent-salience': [VIAS, ['1', '2', '3+']],
  'antecedent-spoke': [VIAS, SPOKE_SCOPES],
  salience: [SALIENCE],
  'pronoun-agreement': [ATTRIBUTING_PRONOUNS, AGREEMENTS, REFERENTS, GENDER_BASES],
  kind: [KINDS, BOOL],
  described: [BOOL],
  'named-inside': [BOOL],
  evidence: [COUNTS],
  none: [],
  'none-attributed': [BOOL],
  'none-opens-paragraph': [BOOL],
  'none-continued': [BOOL],
  'none-kind': [QUOTE_KINDS],
  'none-length': [LENGTHS],
} as const satisfies Record<string, readonly (readonly string[])[]>;

type Template = keyof typeof TEMPLATES;

/** The speaker model's features. */
const SPACE = new FeatureSpace(TEMPLATES);

/** Every feature the code can compute, in the order of the model's weights. */
export const FEATURE_NAMES: readonly string[] = SPACE.names;

/**
 * Features that can only count against a candidate (their weights are fitted at or below zero): a
 * gender or kind that clashes with the pronoun naming the speaker. Left free, the fit gave them a
 * positive weight that stood in for misread pronouns, and a clashing name won over the referent.
 */
export const AGAINST_ONLY: ReadonlySet<number> = new Set(
  FEATURE_NAMES.flatMap((name, i) =>
    name.startsWith('pronoun-agreement:') && name.includes(':clash:') ? [i] : [],
  ),
);

/** Collects the features of one candidate, each once. */
class FeatureSet {
  readonly indices = new Set<number>();

  /** Adds one feature: a template with one value per slot. */
  add(template: Template, ...values: string[]): void {
    this.indices.add(SPACE.index(template, ...values));
  }
}

function yes(value: boolean): 'yes' | 'no' {
  return value ? 'yes' : 'no';
}

function lengthOf(text: string): (typeof LENGTHS)[number] {
  const words = text.split(/\s+/u).filter((word) => word.length > 0).length;
  if (words <= 3) return 'short';
  return words <= 10 ? 'medium' : 'long';
}

function salienceOf(mentions: number): (typeof SALIENCE)[number] {
  if (mentions <= 1) return '1';
  if (mentions <= 3) return '2-3';
  return mentions <= 9 ? '4-9' : '10+';
}

function opensParagraph(facts: QuoteFacts): boolean {
  const { span, view } = facts.context;
  return span.continued || /^[\s\u2588]*$/u.test(view.masked.slice(0, Math.min(span.outerStart, 40)));
}

function evidenceFeatures(set: FeatureSet, evidence: Evidence, facts: QuoteFacts): void {
  const { context, attributed } = facts;
  switch (evidence.type) {
    case 'cue': {
      const { side, scope } = evidence;
      set.add('cue', side, scope, yes(evidence.nearest));
      set.add('cue-form', side, scope, evidence.form, yes(evidence.nearest));
      set.add('cue-source', side, scope, evidence.sourceForm, yes(evidence.nearest));
      set.add('cue-gap', side, scope, evidence.gap);
      set.add('cue-distance', side, scope, evidence.distance);
      set.add('cue-opens-sentence', side, scope, yes(context.opensSentence), yes(evidence.nearest));
      if (scope === 'sentence') set.add('cue-after-colon', side, yes(context.afterColon));
      return;
    }
    case 'subject':
      set.add('subject', evidence.scope, yes(context.opensSentence));
      set.add('subject-attributed', evidence.scope, yes(attributed));
      return;
    case 'mention':
      set.add('mention', evidence.side, yes(evidence.first), yes(evidence.object));
      set.add('mention-distance', evidence.side, evidence.distance);
      set.add('mention-attributed', evidence.side, yes(attributed));
      set.add('mention-agent', evidence.side, yes(evidence.agent));
      set.add('mention-governed', yes(evidence.governed));
      return;
    case 'spoke':
      set.add('spoke', evidence.scope);
      set.add('spoke-continued', evidence.scope, yes(context.span.continued));
      set.add('spoke-opens-paragraph', evidence.scope, yes(opensParagraph(facts)));
      set.add('spoke-attributed', evidence.scope, yes(attributed));
      return;
    case 'pattern':
      set.add('pattern', evidence.pattern);
      return;
    case 'antecedent':
      set.add(
        'antecedent',
        evidence.via,
        RANKS[Math.min(evidence.rank, RANKS.length) - 1] ?? '4',
        yes(evidence.subject),
      );
      set.add(
        'antecedent-paragraphs',
        evidence.via,
        PARAGRAPHS_BACK[Math.min(evidence.paragraphs, 2)] ?? '2+',
      );
      set.add('antecedent-gender', evidence.via, yes(evidence.agrees));
      set.add('antecedent-preferred', evidence.via, yes(evidence.preferred));
      set.add(
        'antecedent-preferred-speaker',
        evidence.via,
        yes(evidence.preferred),
        SPEAKER_RANKS[Math.min(evidence.speakerRank, 3)] ?? '3+',
      );
      set.add(
        'antecedent-salience',
        evidence.via,
        ['1', '2', '3+'][Math.min(evidence.salienceRank, 3) - 1] ?? '3+',
      );
      set.add('antecedent-speaker', evidence.via, SPEAKER_RANKS[Math.min(evidence.speakerRank, 3)] ?? '3+');
      return;
  }
}

/** Features of two kinds of evidence together: a pronoun's possible source that also spoke the quote before. */
function conjunctions(set: FeatureSet, evidence: readonly Evidence[]): void {
  const spoke = evidence.find((e) => e.type === 'spoke');
  if (!spoke) return;
  for (const e of evidence) if (e.type === 'antecedent') set.add('antecedent-spoke', e.via, spoke.scope);
}

/** The features of "no speaker": how likely the quote is to stand without one. */
function noneFeatures(set: FeatureSet, facts: QuoteFacts): void {
  set.add('none');
  set.add('none-attributed', yes(facts.attributed));
  set.add('none-opens-paragraph', yes(opensParagraph(facts)));
  set.add('none-continued', yes(facts.context.span.continued));
  set.add('none-kind', facts.kind);
  set.add('none-length', lengthOf(facts.context.inner));
}

/**
 * How a source stands to the pronoun that names the speaker: "he" matches a man and clashes with a
 * woman or a body, "they" matches a body and clashes with a man or a woman; null where unknown.
 */
export function pronounAgreement(
  pronoun: 'he' | 'she' | 'they',
  source: Source,
): (typeof AGREEMENTS)[number] | null {
  const body = source.kind === 'organization' || source.kind === 'group';
  if (pronoun === 'they') {
    if (body) return 'match';
    return source.kind === 'person' && source.gender !== null ? 'clash' : null;
  }
  if (body || source.kind === 'place') return 'clash';
  if (source.gender === null) return null;
  return source.gender === (pronoun === 'he' ? 'male' : 'female') ? 'match' : 'clash';
}

/** How a source's gender or kind is known, for weighing its agreement with a pronoun. */
function genderBasis(source: Source, member: CastMember | undefined): (typeof GENDER_BASES)[number] {
  if (isDocument(source)) return 'document';
  if (source.kind !== 'person') return 'kind';
  return member?.genderByTitle === false ? 'name' : 'title';
}

/** True when the candidate came in as a source that the pronoun of a cue attributing the quote may stand for. */
function offeredForPronoun(evidence: readonly Evidence[]): boolean {
  return evidence.some((e) => e.type === 'antecedent' && e.via !== 'subject');
}

/** The indices (into {@link FEATURE_NAMES}) of the features of one candidate. */
export function candidateFeatures(candidate: Candidate, facts: QuoteFacts): number[] {
  const set = new FeatureSet();
  const { source } = candidate;
  if (!source) {
    noneFeatures(set, facts);
    return [...set.indices];
  }
  for (const evidence of candidate.evidence) evidenceFeatures(set, evidence, facts);
  conjunctions(set, candidate.evidence);
  set.add('kind', source.kind, yes(source.actorId !== null));
  set.add('described', yes(source.head !== null));
  set.add('named-inside', yes(source.actorId !== null && facts.namedInside.has(source.actorId)));
  const member = source.actorId ? facts.context.view.cast.byId.get(source.actorId) : undefined;
  if (member) set.add('salience', salienceOf(member.mentions.length));
  set.add('evidence', COUNTS[Math.min(candidate.evidence.length, COUNTS.length) - 1] ?? '4+');
  const agreement = facts.pronoun ? pronounAgreement(facts.pronoun, source) : null;
  if (facts.pronoun && agreement)
    set.add(
      'pronoun-agreement',
      facts.pronoun,
      agreement,
      offeredForPronoun(candidate.evidence) ? 'referent' : 'other',
      genderBasis(source, member),
    );
  return [...set.indices];
}
