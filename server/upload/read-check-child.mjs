// The read-check child runs straight from TypeScript sources, as the CLI does: tsx registers its loader first.
import { register } from 'tsx/esm/api';

register();
const { readCheck } = await import('./read-check.ts');
process.on('message', (message) => {
  void readCheck(message.path).then((rejected) => process.send?.({ path: message.path, rejected }));
});
