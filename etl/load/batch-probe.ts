import { sql, type Kysely } from 'kysely';
import type { Database } from '../../sql/schema.ts';

/** An office's first and last Almaty arrival day among some rows. */
export interface OfficeDays {
  office: string;
  first: string;
  last: string;
}

/**
 * What a batch of visits could collide with, gathered while it is parsed: each office's first and
 * last Almaty arrival day, and whether the batch repeats an identity itself. An identity (contract
 * §5) names the office and either the arrival day or the arrival second, so a stored visit with
 * the same identity arrived at that office on a day within the batch's range.
 */
export class BatchProbe {
  private readonly days = new Map<string, OfficeDays>();
  private readonly keys = new KeyHashes();
  /**
   * The batch may hold the same identity twice: only the merge can keep the first. Keys are
   * remembered by a 32-bit hash, so two different keys can (rarely) look alike; the batch is then
   * merged, which is slower and just as exact. Two equal keys are never missed.
   */
  repeatsItself = false;

  add(office: string, day: string, key: string): void {
    this.addDay(office, day);
    // Keys name their office, so one set serves every office of the batch.
    if (!this.keys.add(key)) this.repeatsItself = true;
  }

  /** Widens the office's range to the day (also the file's coverage, which needs no keys). */
  addDay(office: string, day: string): void {
    const range = this.days.get(office);
    if (range === undefined) this.days.set(office, { office, first: day, last: day });
    else if (day < range.first) range.first = day;
    else if (day > range.last) range.last = day;
  }

  ranges(): OfficeDays[] {
    return [...this.days.values()];
  }
}

/**
 * True when no stored visit can share an identity with a batch, so its rows can be copied straight
 * into visits: each office's day range is one range of the identity index (office_code,
 * arrival_date, visit_key).
 */
export async function batchIsNew(tx: Kysely<Database>, ranges: readonly OfficeDays[], repeatsItself: boolean): Promise<boolean> {
  if (repeatsItself) return false;
  for (const { office, first, last } of ranges) {
    const r = await sql<{ found: boolean }>`select exists (select 1 from visits
      where office_code = ${office} and arrival_date between ${first}::date and ${last}::date) as found`.execute(tx);
    if (r.rows[0]?.found !== false) return false;
  }
  return true;
}

/**
 * A set of string hashes (FNV-1a over UTF-16 units) in one growing open-addressing table. Holding
 * a batch's keys as strings kept 5,000 of them alive until the batch was cut, long enough to be
 * promoted out of the young generation: the collector's work, for a question a hash answers.
 */
class KeyHashes {
  private table = new Int32Array(1 << 14);
  private size = 0;

  /** False when the key's hash was already there. */
  add(key: string): boolean {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    // 0 marks an empty slot.
    if (h === 0) h = 1;
    if (2 * (this.size + 1) > this.table.length) this.grow();
    return this.put(h);
  }

  private put(h: number): boolean {
    const mask = this.table.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const slot = this.table[i]!;
      if (slot === 0) {
        this.table[i] = h;
        this.size++;
        return true;
      }
      if (slot === h) return false;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.size = 0;
    for (const h of old) if (h !== 0) this.put(h);
  }
}
