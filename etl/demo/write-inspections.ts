import type { DemoDay } from './almaty-time.ts';
import { createRng, deriveSeed } from './prng.ts';
import { DEMO_OFFICES, DEMO_SCENARIO, type DemoOffice } from './scenario.ts';
import { pad2 } from './written.ts';

/**
 * inspections.csv (contract §3): one or two inspection visits per office over the period, the
 * scenario's offices showing their problems, the silent office never inspected.
 */
const HEADER = [
  'office', 'inspected_at', 'inspector', 'bars_on_windows', 'bars_on_doors', 'inside_secured_perimeter',
  'phones_collected_at_entrance', 'guard_questions_visitors', 'signage_present', 'notes',
];
const INSPECTORS = ['Ахметов Е.С.', 'Смагулова А.К.', 'Нурланов Д.Б.', 'Ким О.В.', 'Жумабекова Г.Т.'];

interface Findings {
  barsWindows: boolean;
  barsDoors: boolean;
  perimeter: boolean;
  phones: boolean;
  guard: boolean;
  notes: string;
}

const CLEAN: Findings = { barsWindows: false, barsDoors: false, perimeter: false, phones: false, guard: false, notes: 'Нарушений не выявлено' };

export function officeFindings(office: DemoOffice): Findings {
  if (office === DEMO_SCENARIO.guardPostOffice) {
    return { ...CLEAN, perimeter: true, phones: true, guard: true, notes: 'Фронт-офис за КПП, телефоны сдаются на посту, постовой опрашивает о цели визита' };
  }
  if (office === 'ALK') return { ...CLEAN, barsWindows: true, notes: 'Решётки на окнах первого этажа' };
  if (office === 'KEG') return { ...CLEAN, barsWindows: true, barsDoors: true, notes: 'Решётки на окнах и на входной двери' };
  return CLEAN;
}

export function inspectionsCsv(days: readonly DemoDay[], dayCount: number, seed: number): Buffer {
  const rng = createRng(deriveSeed(seed, 'inspections'));
  const lines = [HEADER.join(',')];
  for (const office of DEMO_OFFICES) {
    if (office === DEMO_SCENARIO.silentOffice) continue;
    const visits = rng.chance(0.5) ? [0.2, 0.7] : [rng.next() * 0.2 + 0.3];
    for (const share of visits) {
      const index = Math.floor(share * dayCount) + rng.int(-Math.floor(dayCount / 20), Math.floor(dayCount / 20));
      const day = days[Math.max(0, Math.min(dayCount - 1, index))]!;
      const at = `${day.iso} ${pad2(rng.int(9, 16))}:${pad2(rng.int(0, 59))}`;
      const f = officeFindings(office);
      const yes = (b: boolean): string => (b ? 'true' : 'false');
      lines.push([
        office, at, rng.pick(INSPECTORS), yes(f.barsWindows), yes(f.barsDoors), yes(f.perimeter), yes(f.phones),
        yes(f.guard), 'true', `"${f.notes}"`,
      ].join(','));
    }
  }
  return Buffer.from(`\uFEFF${lines.join('\n')}\n`, 'utf8');
}
