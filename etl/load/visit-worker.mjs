// A worker thread starts without the tsx loader the CLI registered on the main thread: register it
// here, then run the worker's TypeScript (visit-worker.ts).
import { register } from 'tsx/esm/api';

register();
await import('./visit-worker.ts');
