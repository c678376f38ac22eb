import type { AuthTables } from './schema/auth.ts';
import type { CategoryCorrectionTables } from './schema/category-corrections.ts';
import type { ComplianceTables } from './schema/compliance.ts';
import type { CountRollupTables } from './schema/count-rollups.ts';
import type { CoverageTables } from './schema/coverage.ts';
import type { IngestTables } from './schema/ingest.ts';
import type { LoginFailureTables } from './schema/login-failures.ts';
import type { RegistryTables } from './schema/registry.ts';
import type { RollupTables } from './schema/rollups.ts';

/** The whole schema, one interface per migration area; each must match its sql/migrations file. */
export interface Database extends RegistryTables, IngestTables, RollupTables, ComplianceTables, AuthTables,
  CountRollupTables, CoverageTables,
  CategoryCorrectionTables, LoginFailureTables {}

export type * from './schema/registry.ts';
export type * from './schema/ingest.ts';
export type * from './schema/rollups.ts';
export type * from './schema/compliance.ts';
export type * from './schema/auth.ts';
export type * from './schema/count-rollups.ts';
export type * from './schema/category-corrections.ts';
export type * from './schema/login-failures.ts';
export type * from './schema/coverage.ts';
export { DURATION_METRICS } from './schema/rollups.ts';
