import { isoWithOffset } from './almaty-time.ts';
import type { FileGroup } from './file-group.ts';
import { plantIndex } from './file-group.ts';
import type { DemoVisit } from './generate-visits.ts';
import type { JsonlPlan } from './office-plan.ts';
import { outcomeText } from './written.ts';

/** Tablet app exports (format C): canonical English keys, ISO 8601 with the Almaty offset of the moment. */
export function writeJsonl(plan: JsonlPlan, group: FileGroup): Buffer {
  const lines: string[] = [];
  const at = plantIndex(group);
  group.visits.forEach((visit, i) => {
    const line = JSON.stringify(visitObject(plan, group, visit));
    // A line cut short when the tablet lost power mid-write.
    if (i === at && group.plant === 'malformed') lines.push(line.slice(0, Math.floor(line.length / 2)));
    lines.push(line);
  });
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

function visitObject(plan: JsonlPlan, group: FileGroup, v: DemoVisit): Record<string, string | boolean | null> {
  const time = (s: number | null): string | null => (s === null ? null : isoWithOffset(group.days, v.dayIndex, s));
  const all: Record<string, string | boolean | null> = {
    ...(plan.office ? { office: plan.office } : {}),
    visit_ref: plan.visitRef ? String(v.ticket) : null,
    arrived_at: time(v.arrived),
    admitted_at: time(v.admitted),
    started_at: time(v.started),
    finished_at: time(v.finished),
    topic_text: v.topic_text,
    service: v.service,
    outcome: v.outcome === null ? null : outcomeText(plan.outcomes, v.outcome),
    iin: v.iin,
    phone_surrendered: v.phone_surrendered,
    checkpoint_questioned: v.checkpoint_questioned,
    specialist_called_at: time(v.specialistCalled),
    specialist_arrived_at: time(v.specialistArrived),
    channel: v.channel,
  };
  if (!plan.omitNulls) return all;
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== null));
}
