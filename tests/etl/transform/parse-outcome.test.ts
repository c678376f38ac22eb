import { describe, expect, it } from 'vitest';
import { parseOutcome } from '../../../etl/transform/parse-outcome.ts';

describe('parseOutcome: a code from a code or the words people write', () => {
  it.each([
    ['consultation', 'consultation'], ['statement_accepted', 'statement_accepted'], ['referred', 'referred'],
    ['refused', 'refused'], ['REFUSED', 'refused'],
    ['консультация', 'consultation'], ['Консультация дана', 'consultation'], ['Разъяснено', 'consultation'],
    ['Кеңес берілді', 'consultation'], ['Кенес берилди', 'consultation'], ['Consultation', 'consultation'],
    ['заявление принято', 'statement_accepted'], ['Принято заявление', 'statement_accepted'],
    ['Заявление', 'statement_accepted'], ['Өтініш қабылданды', 'statement_accepted'],
    ['Отиниш кабылданды', 'statement_accepted'], ['Зарегистрировано в КУИ', 'statement_accepted'],
    ['Statement accepted', 'statement_accepted'],
    ['направлен', 'referred'], ['Направлен в миграционную службу', 'referred'], ['Жіберілді', 'referred'],
    ['Referred', 'referred'],
    ['отказано', 'refused'], ['отказ', 'refused'], ['Отказано в принятии заявления', 'refused'],
    ['Бас тартылды', 'refused'], ['Refused', 'refused'],
  ])('%s → %s', (text, code) => {
    expect(parseOutcome(text)).toEqual({ outcome: code, outcome_text: text });
  });

  it('keeps unknown text as written with a null code', () => {
    expect(parseOutcome('  ушёл, не дождавшись ')).toEqual({ outcome: null, outcome_text: 'ушёл, не дождавшись' });
  });

  it('answers nulls for an empty cell', () => {
    expect(parseOutcome('')).toEqual({ outcome: null, outcome_text: null });
    expect(parseOutcome(null)).toEqual({ outcome: null, outcome_text: null });
  });
});
