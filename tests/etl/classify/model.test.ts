import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyTopic, createTopicClassifier, vocabularyDecision } from '../../../etl/classify/classify-topic.ts';
import { generateCorpus, readPhrases } from '../../../etl/classify/corpus/generate.ts';
import { ABBREVIATIONS } from '../../../etl/classify/classify-topic.ts';
import { featurizeTokens, MODEL_FILE, parseModel, predict, predictFeatures, readModel, reportedConfidence, serializeModel } from '../../../etl/classify/ngram-model.ts';
import { readLabeledSet } from '../../../etl/classify/labeled-set.ts';
import { fitIsotonic, trainModel } from '../../../etl/classify/train.ts';
import { tokenize, transliterate } from '../../../etl/classify/normalize.ts';
import { CATEGORIES } from '../../../domain/categories.ts';
import { ROOT } from '../../helpers/cli.ts';

const model = readModel();
const vocabularyOnly = createTopicClassifier(null);

describe('the training corpus', () => {
  const corpus = generateCorpus();

  it('has at least 3,000 labelled texts, every category, Russian, Kazakh in both alphabets, English', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(3000);
    for (const c of CATEGORIES) expect(corpus.filter((t) => t.category === c).length, c).toBeGreaterThanOrEqual(50);
    for (const l of ['ru', 'kk', 'kk-latn', 'en'] as const) expect(corpus.filter((t) => t.language === l).length, l).toBeGreaterThanOrEqual(300);
    expect(corpus.some((t) => /[әғқңөұүі]/i.test(t.text) && t.language === 'kk')).toBe(true);
    expect(corpus.some((t) => /[äğqñöūüış]/.test(t.text) && t.language === 'kk-latn')).toBe(true);
    expect(new Set(corpus.map((t) => t.text.toLowerCase())).size).toBe(corpus.length);
  });

  it('is the same on every run (the model can be retrained to the same bytes)', () => {
    expect(generateCorpus()).toEqual(corpus);
  });

  it('gives every category hand-written phrases in all three languages', () => {
    const phrases = readPhrases();
    for (const c of CATEGORIES) {
      for (const l of ['ru', 'kk', 'en'] as const) expect(phrases.some((p) => p.category === c && p.language === l), `${c} ${l}`).toBe(true);
    }
  });
});

describe('the shipped n-gram model', () => {
  it('is present, readable, and survives a write and a read unchanged', () => {
    if (!model) throw new Error('etl/classify/model/topics.model is missing: run vitrina retrain');
    expect(model.header.categories).toEqual([...CATEGORIES]);
    expect(model.header.calibration.temperature).toBeGreaterThan(0);
    const again = parseModel(serializeModel(model.header, model.weights));
    expect(Buffer.from(again.weights.buffer).equals(Buffer.from(model.weights.buffer))).toBe(true);
    expect(again.digest).toBe(model.digest);
  });

  it('scores the tokens the vocabulary pass kept exactly as it scores the text', () => {
    if (!model) throw new Error('no model');
    for (const text of ['Заявл. о краже сот. тел.', 'telefonymdy ūrlap kettı', 'ugon mashiny u pod\'ezda', 'жол-көлік оқиғасы, в/у']) {
      const fromText = new Float64Array(CATEGORIES.length);
      expect(predict(model, text, ABBREVIATIONS, fromText), text).toBe(true);
      const tokens = tokenize(text, ABBREVIATIONS);
      const latin = Uint8Array.from(tokens, (t) => (t.latin ? 1 : 0));
      // With and without the transliterations the vocabulary may already have made.
      for (const translit of [tokens.map(() => ''), tokens.map((t) => (t.latin ? transliterate(t.text) : ''))]) {
        const fromTokens = new Float64Array(CATEGORIES.length);
        expect(predictFeatures(model, featurizeTokens(tokens.map((t) => t.text), latin, translit, tokens.length), fromTokens)).toBe(true);
        expect([...fromTokens], text).toEqual([...fromText]);
      }
    }
  });

  it('refuses a damaged file', () => {
    if (!model) throw new Error('no model');
    const bytes = serializeModel(model.header, model.weights);
    expect(() => parseModel(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated/);
    const other = serializeModel({ ...model.header, categories: [...CATEGORIES].reverse() }, model.weights);
    expect(() => parseModel(other)).toThrow(/categories/);
  });
});

describe('vocabulary first, the model where the vocabulary is silent', () => {
  it('keeps the vocabulary and its terms where it names a topic, precedence included (§6)', () => {
    for (const [text, category] of [
      ['избили ребенка', 'violence'], ['потерял водительские права', 'traffic'], ['украли аккаунт каспи', 'fraud'],
      ['взятка участковому', 'complaint'], ['сын не вернулся домой, телефон украли', 'missing'],
    ] as const) {
      const r = classifyTopic(text);
      expect(r.category, text).toBe(category);
      expect(r.terms.length, text).toBeGreaterThan(0);
      expect(r.terms, text).not.toContain('model');
      expect(r).toEqual({ ...vocabularyOnly(text), confidence: r.confidence });
    }
  });

  it('decides lines that use none of the vocabulary\'s words, which the vocabulary left unspecified', () => {
    for (const [text, category] of [
      ['как мне оформить дарственную на дом', 'consultation'],
      ['köşı-qon polisiasy', 'migration'],
    ] as const) {
      expect(vocabularyDecision(text), text).toBeNull();
      expect(vocabularyOnly(text).category, text).toBe('unspecified');
      expect(classifyTopic(text), text).toMatchObject({ category, terms: ['model'] });
    }
  });

  it('makes a complaint of a line about an officer whose incident the vocabulary names (complaint comes first, §6)', () => {
    for (const [text, named] of [
      ['участковый избил задержанного', 'violence'],
      ['полицейский украл телефон при обыске', 'theft'],
      ['police officer stole my phone during the search', 'theft'],
    ] as const) {
      expect(vocabularyDecision(text)?.category, text).toBe(named);
      expect(classifyTopic(text), text).toMatchObject({ category: 'complaint', terms: ['model'] });
    }
    // Without an officer in it the incident stays what the vocabulary named.
    expect(classifyTopic('избили в подъезде')).toMatchObject({ category: 'violence', terms: ['избил*'] });
    expect(classifyTopic('украли телефон в автобусе').category).toBe('theft');
  });

  it('reads Kazakh in Cyrillic, in the 2021 Latin alphabet and in chat Latin alike', () => {
    for (const text of ['телефонымды ұрлап кетті', 'телефонымды урлап кетти', 'telefonymdy ūrlap kettı', 'telefonymdy urlap ketti']) {
      expect(classifyTopic(text).category, text).toBe('theft');
    }
    for (const text of ['жеке куәлігімді жоғалттым', 'jeke kuälıgımdı joğalttym', 'zheke kualigimdi zhoghalttym']) {
      expect(classifyTopic(text).category, text).toBe('documents');
    }
  });

  it('tolerates typos and abbreviations', () => {
    expect(classifyTopic('мошеники сняли денги с карты').category).toBe('fraud');
    expect(classifyTopic('заявл. о краже сот. тел.').category).toBe('theft');
    expect(classifyTopic('спр. о несуд.').category).toBe('documents');
  });

  it('leaves only empty or meaningless lines unspecified, and is sure of them', () => {
    expect(classifyTopic('')).toEqual({ category: 'unspecified', confidence: 1, terms: [] });
    for (const text of ['   ', '—', '12345', '???', 'фывфыв', 'asdf', 'пппп', 'zxcvb', 'ЖЖЖЖЖ']) {
      const r = classifyTopic(text);
      expect(r.category, text).toBe('unspecified');
      expect(r.confidence, text).toBeGreaterThanOrEqual(0.9);
    }
    // The service still decides an empty line (contract §6).
    expect(classifyTopic('', 'МП').category).toBe('migration');
  });

  it('answers confidences in [0, 1], the vocabulary\'s from what its paths scored on the calibration split, through the final map', () => {
    if (!model) throw new Error('no model');
    const named = model.header.calibration.vocabulary.named;
    expect(named).toBeGreaterThan(0.9);
    const map = model.header.calibration.isotonic ?? [];
    expect(classifyTopic('кража телефона').confidence).toBe(round2(reportedConfidence(map, round2(named ?? 0))));
    for (const text of ['как мне оформить дарственную на дом', 'парень преследует мою дочь', 'стрелял во дворе']) {
      const c = classifyTopic(text).confidence;
      expect(c, text).toBeGreaterThan(0);
      expect(c, text).toBeLessThanOrEqual(1);
    }
  });
});

const round2 = (x: number): number => Math.round(x * 100) / 100;

describe('the final isotonic map of the confidence', () => {
  it('pools neighbouring confidences until accuracy rises with confidence, blocks of at least 20 texts', () => {
    const outcomes = (confidence: number, n: number, right: number): Array<{ confidence: number; correct: boolean }> =>
      Array.from({ length: n }, (_, i) => ({ confidence, correct: i < right }));
    // 0.6 is right 90 % of the time, 0.8 only 70 %: one block (Laplace-smoothed 65/82), then 0.95.
    const fitted = fitIsotonic([...outcomes(0.8, 40, 28), ...outcomes(0.6, 40, 36), ...outcomes(0.95, 40, 39)]);
    expect(fitted).toEqual([[0, 0.793], [0.95, 0.952]]);
    // Three texts are too few for a block of their own: they join their neighbour.
    expect(fitIsotonic([...outcomes(0.3, 3, 0), ...outcomes(0.9, 40, 36)])).toEqual([[0, 0.822]]); // 37/45
    expect(fitIsotonic([])).toEqual([]);
  });

  it('ships in the model header, monotone, and maps every confidence into [0, 1]', () => {
    if (!model) throw new Error('no model');
    const map = model.header.calibration.isotonic ?? [];
    expect(map.length).toBeGreaterThan(1);
    expect(map[0]?.[0]).toBe(0);
    for (let i = 1; i < map.length; i += 1) {
      expect(map[i]?.[0] ?? 0).toBeGreaterThan(map[i - 1]?.[0] ?? 1);
      expect(map[i]?.[1] ?? 0).toBeGreaterThanOrEqual(map[i - 1]?.[1] ?? 1);
    }
    let previous = 0;
    for (let c = 0; c <= 100; c += 1) {
      const mapped = reportedConfidence(map, c / 100);
      expect(mapped, String(c / 100)).toBeGreaterThanOrEqual(previous);
      expect(mapped).toBeLessThanOrEqual(1);
      previous = mapped;
    }
  });

  it('changes only the confidence: categories and terms are those of the classifier without it', () => {
    if (!model) throw new Error('no model');
    const map = model.header.calibration.isotonic ?? [];
    const { isotonic: _isotonic, ...rest } = model.header.calibration;
    const unmapped = createTopicClassifier({ ...model, header: { ...model.header, calibration: rest } });
    const mapped = createTopicClassifier(model);
    const labeled = readLabeledSet(path.join(ROOT, 'tests/fixtures/topics/labeled.tsv'));
    const lines: Array<[string, string | null]> = [
      ...labeled.map((r) => [r.text, r.service] as [string, string | null]),
      ...generateCorpus().filter((_, i) => i % 3 === 0).map((t) => [t.text, null] as [string, null]),
      ['', null], ['   ', null], ['???', null], ['фывфыв', null], ['', 'МП'], ['-', 'ДП'], ['', 'Дежурная часть'],
    ];
    let moved = 0;
    for (const [text, service] of lines) {
      const before = unmapped(text, service);
      const after = mapped(text, service);
      expect({ ...after, confidence: 0 }, text).toEqual({ ...before, confidence: 0 });
      // An empty line stays certain, the service keeps its own figure; everything else goes through the map.
      const exempt = (text.trim() === '' && before.confidence === 1) || before.terms.some((t) => t.startsWith('service:'));
      expect(after.confidence, text).toBe(exempt ? before.confidence : round2(reportedConfidence(map, before.confidence)));
      if (after.confidence !== before.confidence) moved += 1;
    }
    expect(moved).toBeGreaterThan(lines.length / 2);
    expect(mapped('')).toEqual({ category: 'unspecified', confidence: 1, terms: [] });
  });
});

describe('vitrina retrain on the corpus alone', () => {
  it('gives the shipped model byte for byte, its map calibrated on the calibration split', () => {
    const { bytes, report } = trainModel(generateCorpus(), []);
    expect(bytes.equals(fs.readFileSync(MODEL_FILE)), 'run vitrina retrain --no-corrections').toBe(true);
    expect(report.isotonic).toEqual(model?.header.calibration.isotonic);
    // Fitted there, so in-sample every band of 20 texts or more says what it scores, within 3 points.
    for (const bin of report.reliability.filter((b) => b.texts >= 20)) {
      expect(Math.abs((bin.meanConfidence ?? 0) - (bin.accuracy ?? 0)), `${bin.from}–${bin.to}`).toBeLessThanOrEqual(0.03);
    }
    expect(report.reliability.reduce((a, b) => a + b.texts, 0)).toBe(report.calibrationTexts);
  }, 300_000); // training takes ~10 s of CPU, several times that on a loaded shared machine
});
