import { Bool, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { instantMs } from './almaty-time.ts';
import type { FileGroup } from './file-group.ts';
import type { DemoVisit } from './generate-visits.ts';
import type { ArrowPlan } from './office-plan.ts';

/**
 * Arrow IPC exports from the regional system (format D): canonical column names, typed timestamps.
 * A zoned file carries instants; an unzoned one carries Almaty wall-clock (contract §2), which
 * Arrow stores as milliseconds as if the wall clock were UTC.
 */
export function writeArrow(plan: ArrowPlan, group: FileGroup): Uint8Array {
  const { visits, days } = group;
  const wallClock = (v: DemoVisit, s: number): number =>
    days[v.dayIndex]!.utcMidnight + s * 1000; // seconds past midnight simply run on
  const at = (v: DemoVisit, s: number | null): number | null =>
    s === null ? null : plan.zoned ? instantMs(days, v.dayIndex, s) : wallClock(v, s);
  const timestamp = new TimestampMillisecond(plan.zoned ? 'Asia/Almaty' : null);
  const times = (pick: (v: DemoVisit) => number | null) => vectorFromArray(visits.map((v) => at(v, pick(v))), timestamp);
  const text = (pick: (v: DemoVisit) => string | null) => vectorFromArray(visits.map(pick), new Utf8());
  const flag = (pick: (v: DemoVisit) => boolean) => vectorFromArray(visits.map(pick), new Bool());
  const table = new Table({
    office: text((v) => v.office),
    visit_ref: text((v) => String(v.ticket)),
    arrived_at: times((v) => v.arrived),
    admitted_at: times((v) => v.admitted),
    started_at: times((v) => v.started),
    finished_at: times((v) => v.finished),
    topic_text: text((v) => v.topic_text),
    service: text((v) => v.service),
    outcome: text((v) => v.outcome),
    iin: text((v) => v.iin),
    phone_surrendered: flag((v) => v.phone_surrendered),
    checkpoint_questioned: flag((v) => v.checkpoint_questioned),
    specialist_called_at: times((v) => v.specialistCalled),
    specialist_arrived_at: times((v) => v.specialistArrived),
    channel: text((v) => v.channel),
  });
  return tableToIPC(table, plan.ipc);
}
