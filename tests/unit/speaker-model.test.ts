import { describe, expect, it } from 'vitest';
import type { Source } from '../../src/core/analysis/attribution/discourse.ts';
import {
  AGAINST_ONLY,
  FEATURE_NAMES,
  pronounAgreement,
} from '../../src/core/analysis/attribution/features.ts';
import { fitSpeakerModel, type SpeakerExample } from '../../src/core/analysis/attribution/fit.ts';
import {
  committedSpeakerModel,
  SpeakerModel,
  speakerModelOf,
} from '../../src/core/analysis/attribution/model.ts';
import weightsFile from '../../src/core/analysis/attribution/speaker-weights.json' with { type: 'json' };

describe('speaker model: the committed weights and the feature code agree', () => {
  it('GIVEN the committed weights file THEN it names exactly the features the code computes, in order, one finite weight each', () => {
    expect(weightsFile.model).toBe('speaker-softmax');
    expect(weightsFile.features).toEqual([...FEATURE_NAMES]);
    expect(weightsFile.weights).toHaveLength(FEATURE_NAMES.length);
    expect(weightsFile.weights.every((weight) => Number.isFinite(weight))).toBe(true);
    expect(speakerModelOf(weightsFile).ok).toBe(true);
    expect(committedSpeakerModel().weights).toHaveLength(FEATURE_NAMES.length);
  });

  it('GIVEN the committed weights THEN they were fitted on the training split, not on dev', () => {
    expect(weightsFile.training.data).toBe('polnear-train.jsonl');
  });

  const drifted: Array<{ change: string; file: unknown; error: RegExp }> = [
    {
      change: 'a feature the code no longer computes',
      file: {
        ...weightsFile,
        features: [...weightsFile.features, 'cue:gone'],
        weights: [...weightsFile.weights, 0],
      },
      error: /features, the code computes/u,
    },
    {
      change: 'a renamed feature',
      file: { ...weightsFile, features: ['renamed', ...weightsFile.features.slice(1)] },
      error: /feature 0 is "renamed"/u,
    },
    {
      change: 'a weight that is no number',
      file: { ...weightsFile, weights: [Number.NaN, ...weightsFile.weights.slice(1)] },
      error: /finite weight/u,
    },
    { change: 'another model', file: { ...weightsFile, model: 'perceptron' }, error: /speaker-softmax/u },
  ];
  it.each(drifted)(
    'GIVEN a weights file with $change THEN reading it is an error that says so',
    ({ file, error }) => {
      const read = speakerModelOf(file);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.error).toMatch(error);
    },
  );

  it('GIVEN the feature names THEN none repeats and each is a template with its slot values (no names of people, outlets or places)', () => {
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_NAMES.length);
    for (const name of FEATURE_NAMES) expect(name).toMatch(/^[a-z-]+(?::[a-z0-9+-]+)*$/u);
  });
});

describe('fitSpeakerModel: a conditional logit over candidates', () => {
  // Three candidates per quote: feature 0 marks the speaker, feature 1 is noise on a wrong one, 2 is "no speaker".
  const examples: SpeakerExample[] = Array.from({ length: 40 }, (_, i) => ({
    candidates: i % 2 === 0 ? [[2], [0, 1], [1]] : [[2], [1], [0]],
    correct: i % 2 === 0 ? [1] : [2],
  }));
  const settings = { epochs: 20, learningRate: 0.1, l2: 1e-5, seed: 3 };

  it('GIVEN examples where one feature marks the speaker THEN the fitted model picks the candidate that has it', () => {
    const model = new SpeakerModel(fitSpeakerModel(examples, 3, settings));
    expect(model.choose([[2], [1], [0, 1]])).toBe(2);
    expect(model.choose([[2], [0], [1]])).toBe(1);
  });

  it('GIVEN the same examples and seed THEN two fits give the same weights', () => {
    expect(fitSpeakerModel(examples, 3, settings)).toEqual(fitSpeakerModel(examples, 3, settings));
  });

  it('GIVEN a feature that may only count against a candidate, on the speakers THEN its weight is fitted at zero, not above', () => {
    const free = fitSpeakerModel(examples, 3, settings);
    const capped = fitSpeakerModel(examples, 3, settings, new Set([0]));
    expect(free[0]).toBeGreaterThan(0);
    expect(capped[0]).toBe(0);
  });

  it('GIVEN the committed model THEN no feature that may only count against a candidate has a positive weight', () => {
    expect(AGAINST_ONLY.size).toBeGreaterThan(0);
    for (const index of AGAINST_ONLY) {
      expect(FEATURE_NAMES[index]).toMatch(/:clash:/u);
      expect(committedSpeakerModel().weights[index]).toBeLessThanOrEqual(0);
    }
  });

  it('GIVEN a quote whose candidates are all wrong or all right THEN it teaches nothing', () => {
    const weights = fitSpeakerModel(
      [
        { candidates: [[0], [1]], correct: [] },
        { candidates: [[0], [1]], correct: [0, 1] },
      ],
      2,
      settings,
    );
    expect([...weights]).toEqual([0, 0]);
  });
});

describe('pronounAgreement: how a source stands to the pronoun that names the speaker', () => {
  const source = (kind: Source['kind'], gender: Source['gender']): Source => ({
    name: 'x',
    actorId: null,
    kind,
    gender,
    head: null,
  });
  const cases: Array<{
    pronoun: 'he' | 'she' | 'they';
    source: Source;
    agreement: 'match' | 'clash' | null;
  }> = [
    { pronoun: 'he', source: source('person', 'male'), agreement: 'match' },
    { pronoun: 'he', source: source('person', 'female'), agreement: 'clash' },
    { pronoun: 'he', source: source('person', null), agreement: null },
    { pronoun: 'she', source: source('person', 'female'), agreement: 'match' },
    { pronoun: 'she', source: source('organization', null), agreement: 'clash' },
    { pronoun: 'they', source: source('organization', null), agreement: 'match' },
    { pronoun: 'they', source: source('group', null), agreement: 'match' },
    { pronoun: 'they', source: source('person', 'male'), agreement: 'clash' },
    { pronoun: 'they', source: source('person', null), agreement: null },
  ];
  it.each(cases)(
    'GIVEN "$pronoun" and a $source.kind of gender $source.gender THEN the agreement is $agreement',
    ({ pronoun, source: given, agreement }) => {
      expect(pronounAgreement(pronoun, given)).toBe(agreement);
    },
  );
});
