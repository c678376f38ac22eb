import type { Selectable } from 'kysely';

/** Tables of migration 0001. */
export interface RegistryTables {
  regions: RegionTable;
  offices: OfficeTable;
}

export interface RegionTable {
  code: string;
  name_ru: string;
  name_kk: string;
  name_en: string;
}

export interface OfficeTable {
  code: string;
  region_code: string;
  kind: 'district' | 'city' | 'other';
  name_ru: string;
  name_kk: string;
  name_en: string;
  centre: string;
  lat: number;
  lon: number;
}

export type OfficeRow = Selectable<OfficeTable>;
export type RegionRow = Selectable<RegionTable>;
