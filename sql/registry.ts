import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

const REGIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'regions');

const OfficeSchema = z.object({
  code: z.string().regex(/^[A-Z]{2,6}$/),
  kind: z.enum(['district', 'city', 'other']),
  ru: z.string().min(1),
  kk: z.string().min(1),
  en: z.string().min(1),
  centre: z.string().min(1),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** Extra spellings the resolver should accept (old names, abbreviations). */
  aliases: z.array(z.string()).default([]),
});

const RegionSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]+$/),
  name: z.object({ ru: z.string(), kk: z.string(), en: z.string() }),
  offices: z.array(OfficeSchema).min(1),
});

export type RegistryOffice = z.infer<typeof OfficeSchema> & { region: string };
export type RegistryRegion = z.infer<typeof RegionSchema>;

/** Reads registry files by name (sql/regions/<name>.json) or path; a bad file names what is wrong. */
export function readRegistry(names: readonly string[]): RegistryRegion[] {
  return names.map((name) => {
    const file = name.endsWith('.json') ? path.resolve(name) : path.join(REGIONS_DIR, `${name}.json`);
    const parsed = RegionSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) {
      throw new Error(`Registry file ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return parsed.data;
  });
}

export function registryOffices(regions: readonly RegistryRegion[]): RegistryOffice[] {
  return regions.flatMap((r) => r.offices.map((o) => ({ ...o, region: r.code })));
}

/** Upserts the registry into regions/offices; offices are never deleted (visits reference them). */
export async function syncRegistry(db: Kysely<Database>, regions: readonly RegistryRegion[]): Promise<void> {
  for (const r of regions) {
    await db.insertInto('regions')
      .values({ code: r.code, name_ru: r.name.ru, name_kk: r.name.kk, name_en: r.name.en })
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({
        name_ru: eb.ref('excluded.name_ru'), name_kk: eb.ref('excluded.name_kk'), name_en: eb.ref('excluded.name_en'),
      })))
      .execute();
    await db.insertInto('offices')
      .values(r.offices.map((o) => ({
        code: o.code, region_code: r.code, kind: o.kind, name_ru: o.ru, name_kk: o.kk, name_en: o.en,
        centre: o.centre, lat: o.lat, lon: o.lon,
      })))
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({
        region_code: eb.ref('excluded.region_code'), kind: eb.ref('excluded.kind'),
        name_ru: eb.ref('excluded.name_ru'), name_kk: eb.ref('excluded.name_kk'), name_en: eb.ref('excluded.name_en'),
        centre: eb.ref('excluded.centre'), lat: eb.ref('excluded.lat'), lon: eb.ref('excluded.lon'),
      })))
      .execute();
  }
}
