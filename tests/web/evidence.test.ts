import { describe, expect, it } from 'vitest';
import {
  EVIDENCE_EN, EVIDENCE_KEYS, evidenceEn, evidenceItem, renderEvidence, type EvidenceItem, type EvidenceKey, type EvidenceParams,
} from '../../domain/evidence.ts';
import { LANGS } from '../../domain/labels.ts';
import { evidenceTemplatesIntl } from '../../domain/evidence-text/index.ts';
import { EVIDENCE_TEMPLATES, evidenceLines } from '../../web/i18n/evidence/index.ts';
import { withLang } from '../../web/i18n/lang.ts';

/** One realistic item per key, as the rules build them. */
const SAMPLES: { readonly [K in EvidenceKey]: EvidenceParams[K] } = {
  inspection: { date: '2026-09-26', inspector: 'Ахметов Е.С.', fact: 'perimeter', seen: 'yes' },
  no_inspection: {},
  no_admitted_visits: {},
  pass_delay_p90: { p90_min: 37, visits: 325, threshold_min: 5, max_min: 40 },
  pass_delay_share: { over: 301, visits: 325, threshold_min: 5, share: 301 / 325, threshold_share: 0.04 },
  not_admitted: { count: 36 },
  visits_share: { fact: 'phone', yes: 12, known: 40, share: 0.3, threshold_share: 0.02 },
  visits_unrecorded: { fact: 'questioning' },
  visits_without_field: { count: 7 },
  no_statements: {},
  application_p90: { p90_min: 24.5, statements: 21, threshold_min: 20 },
  application_spread: { p50_min: 16, max_min: 48.25 },
  statements_without_finish: { count: 3 },
  no_past_day: {},
  never_reported: {},
  reporting_not_started: { start: '2019-02-07' },
  no_visit_short: { days: 2 },
  no_visit_at_all: { days: 9, from: '2019-01-01', to: '2019-01-09' },
  longest_gap: { days: 5, from: '2019-01-03', to: '2019-01-07' },
  visit_every_day: {},
  active_days: { active: 20, days: 31 },
};
const sample = (key: EvidenceKey): EvidenceItem => evidenceItem(key, SAMPLES[key] as never);

describe('evidence in the reader’s language', () => {
  it('every evidence key has a template in Russian, Kazakh and English that renders a sample', () => {
    for (const key of EVIDENCE_KEYS) {
      expect(typeof EVIDENCE_EN[key], key).toBe('function');
      for (const lang of LANGS) {
        const [text] = withLang(lang, () => evidenceLines([evidenceEn(sample(key))], [sample(key)]));
        expect(text, `${lang} ${key}`).toMatch(/\S/);
        expect(text, `${lang} ${key}`).not.toMatch(/NaN|undefined|null|\{/);
        if (lang !== 'en') expect(text, `${lang} ${key}`).toMatch(/[а-яёәіңғүұқөһ]/i);
        expect(EVIDENCE_TEMPLATES[lang][key], `${lang} ${key}`).toBeTypeOf('function');
      }
    }
  });

  it('says the admission delay as a Russian or Kazakh reader writes it, numbers in their format', () => {
    const p90 = [sample('pass_delay_p90')];
    const en = p90.map(evidenceEn);
    expect(en[0]).toBe('p90 admission delay 37.0 min over 325 admitted visits (threshold 5 min); max 40.0 min');
    expect(withLang('ru', () => evidenceLines(en, p90))[0])
      .toBe('p90 37 мин при нормативе 5 мин; максимум 40 мин, принято 325 посетителей');
    expect(withLang('kk', () => evidenceLines(en, p90))[0]).toMatch(/^p90 37 мин, норматив 5 мин/);
    const one = [evidenceItem('pass_delay_p90', { p90_min: 6.5, visits: 21, threshold_min: 5, max_min: 6 })];
    expect(withLang('ru', () => evidenceLines(one.map(evidenceEn), one))[0]).toContain('p90 6,5 мин при нормативе 5 мин; максимум 6 мин, принят 21 посетитель');
    const share = [evidenceItem('pass_delay_share', { over: 59, visits: 59, threshold_min: 5, share: 1, threshold_share: 0.1 })];
    expect(withLang('ru', () => evidenceLines(share.map(evidenceEn), share))[0]).toMatch(/^59 из 59 принятых ждали дольше 5 мин — 100\s%\sпри допустимых 10\s%$/);
    const gap = [sample('longest_gap')];
    expect(withLang('ru', () => evidenceLines(gap.map(evidenceEn), gap))[0]).toBe('Самый долгий перерыв без посещений — 5 дней: 03.01.2019 – 07.01.2019');
  });

  it('states an inspection as a finding against the order', () => {
    const bars = [evidenceItem('inspection', { date: '2026-04-23', inspector: 'Ахметов Е.С.', fact: 'bars_windows', seen: 'yes' })];
    const en = bars.map(evidenceEn);
    expect(withLang('ru', () => evidenceLines(en, bars))[0])
      .toBe('Решётки на окнах: есть (проверка 23.04.2026, инспектор Ахметов Е.С.) — по приказу: не допускаются');
    expect(withLang('kk', () => evidenceLines(en, bars))[0])
      .toBe('Терезедегі тор: бар (тексеру 23.04.2026, инспектор Ахметов Е.С.) — бұйрық бойынша: рұқсат етілмейді');
    expect(withLang('en', () => evidenceLines(en, bars))[0]).toMatch(/^Bars on windows: yes \(inspection .*, inspector Ахметов Е\.С\.\) — the order: not allowed$/);
  });

  it('the server writes every line in every language as the page does (exports read as the page)', () => {
    for (const lang of LANGS) {
      for (const key of EVIDENCE_KEYS) {
        const item = sample(key);
        expect(renderEvidence(evidenceTemplatesIntl(lang), item), `${lang} ${key}`)
          .toBe(withLang(lang, () => renderEvidence(EVIDENCE_TEMPLATES[lang], item)));
      }
    }
  });

  it('falls back to the English line for flags stored without items, or with an item it cannot read', () => {
    const lines = ['p90 7.5 min'];
    expect(withLang('ru', () => evidenceLines(lines, undefined))).toEqual(lines);
    const broken = [{ key: 'pass_delay_p90', params: {} }] as EvidenceItem[];
    expect(withLang('ru', () => evidenceLines(lines, broken))).toEqual(lines);
  });
});
