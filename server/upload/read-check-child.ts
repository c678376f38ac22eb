import { readCheck, type ReadCheckReply, type ReadCheckRequest } from './read-check.ts';

/**
 * The read-check child (check-in-child.ts): reads each file the server sends and answers whether
 * it is refused, and why. Runs from the CLI's build, or from source through read-check-child.mjs.
 */
process.on('message', (message: ReadCheckRequest) => {
  void readCheck(message.path).then((rejected) => { const reply: ReadCheckReply = { path: message.path, rejected }; process.send?.(reply); });
});
