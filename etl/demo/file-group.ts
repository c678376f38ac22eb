import type { DemoDay } from './almaty-time.ts';
import type { DemoVisit } from './generate-visits.ts';
import { fileKey, type OfficePlan, type Period, type QuarantinePlant } from './office-plan.ts';
import type { DemoOffice } from './scenario.ts';

/** The visits one file carries, and what a writer needs to know to write them. */
export interface FileGroup {
  office: DemoOffice;
  /** The first month the file covers (its name is made from it). */
  period: Period;
  visits: DemoVisit[];
  days: readonly DemoDay[];
  /** A bad row to plant in this file, if any. */
  plant: QuarantinePlant | null;
}

/** Splits an office's visits (in arrival order) into its files; the first file gets the planted row. */
export function groupIntoFiles(office: DemoOffice, plan: OfficePlan, visits: Iterable<DemoVisit>, days: readonly DemoDay[]): FileGroup[] {
  const groups = new Map<string, FileGroup>();
  for (const visit of visits) {
    const day = days[visit.dayIndex]!;
    const period = { year: day.year, month: day.month };
    const key = fileKey(plan, period);
    let group = groups.get(key);
    if (!group) {
      group = { office, period, visits: [], days, plant: groups.size === 0 ? plan.plant ?? null : null };
      groups.set(key, group);
    }
    group.visits.push(visit);
  }
  return [...groups.values()];
}

/** Where in a file the planted row goes: a third of the way in, like a slip in the middle of a month. */
export function plantIndex(group: FileGroup): number {
  return Math.floor(group.visits.length / 3);
}
