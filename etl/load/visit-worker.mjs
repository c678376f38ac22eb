// The parse worker run from its TypeScript source (tests, tsx): a worker thread starts without the
// loader the main thread registered, so register it here, then run visit-worker.ts. An ingest started
// by the CLI runs that module's build instead.
import { register } from 'tsx/esm/api';

register();
await import('./visit-worker.ts');
