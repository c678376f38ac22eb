// The read-check child run from its TypeScript source (tests, tsx): register tsx's loader, then run
// read-check-child.ts. A server started by the CLI forks that module's build instead.
import { register } from 'tsx/esm/api';

register();
await import('./read-check-child.ts');
