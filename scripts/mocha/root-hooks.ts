// Root hooks for every mocha run of the workspace: a test must leave the process as it found it.
// The deadlock report's registry of parked operations is process-wide (see
// packages/channel/src/parked-operations.ts); a test that turns it on and leaves it on makes every
// later park capture a stack, which once slowed the sync fairness tests from 0.3 s to over 20 s.
import type { Context } from 'mocha';

const registryKey = Symbol.for('@csp/channel.parkedOperations');

interface Registry {
  readonly enabled: boolean;
  disable(): void;
}

/** The registry, once any copy of `@csp/channel` has been loaded. */
function registry(): Registry | undefined {
  return (globalThis as { [registryKey]?: Registry })[registryKey];
}

export const mochaHooks = {
  afterEach(this: Context): void {
    const parked = registry();
    if (parked?.enabled !== true) return;
    parked.disable();
    throw new Error(
      `"${this.currentTest?.fullTitle() ?? 'a test'}" left the parked-operations registry enabled: ` +
        'call parkedOperations.disable() when it is done, or run the program in a child process.',
    );
  },
};
