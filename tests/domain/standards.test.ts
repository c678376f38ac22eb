import { describe, expect, it } from 'vitest';
import { evidenceEn, evidenceItem } from '../../domain/evidence.ts';
import { OVER_STANDARD_SECONDS, STANDARDS } from '../../domain/standards.ts';
import { STANDARD } from '../../server/routes/durations.ts';
import { evidenceLines } from '../../web/i18n/evidence/index.ts';
import { withLang } from '../../web/i18n/lang.ts';
import { t } from '../../web/i18n/t.ts';

// The 15–20 minute statement standard and the 5 minute admission delay live in domain/standards.ts
// alone; the API, the share over the standard and the evidence text read them from there.
describe('the service standards (contract §8)', () => {
  it('a statement within 15–20 minutes, admission within 5', () => {
    expect(STANDARDS).toEqual({ statementMinMinutes: 15, statementMaxMinutes: 20, admissionDelayMaxMinutes: 5 });
    expect(STANDARD).toEqual({ minMinutes: 15, maxMinutes: 20, admissionDelayMinutes: 5 });
  });

  it('counts a duration over the standard past 5 minutes at the door and past 20 for the other measures', () => {
    expect(OVER_STANDARD_SECONDS).toEqual({ admission_delay: 300, wait_time: 1200, service_time: 1200, application_time: 1200 });
  });

  it('states the statement standard in the evidence in Russian, Kazakh and English', () => {
    const items = [evidenceItem('application_spread', { p50_min: 16, max_min: 48.25 })];
    const en = items.map(evidenceEn);
    expect(en[0]).toBe('p50 16.0 min, max 48.3 min; standard 15–20 min');
    expect(withLang('ru', () => evidenceLines(en, items))[0]).toMatch(/норматив 15–20 мин$/);
    expect(withLang('kk', () => evidenceLines(en, items))[0]).toMatch(/норматив 15–20 мин$/);
    expect(withLang('en', () => evidenceLines(en, items))[0]).toMatch(/standard 15–20 min$/);
  });

  it('names both standards under the office page\'s delays chart in every language', () => {
    expect(withLang('ru', () => t('office.delaysNote'))).toContain('у задержки на входе (5 мин) и приёма заявления (15–20 мин)');
    expect(withLang('kk', () => t('office.delaysNote'))).toContain('кірудегі кідіріске (5 мин) және өтініш қабылдауға (15–20 мин)');
    expect(withLang('en', () => t('office.delaysNote'))).toContain('admission delay (5 min) and filing a statement (15–20 min)');
  });
});
