// What every exercise's tests share: choosing the implementation under test (the learner's
// start.ts or the solution), bounding a wait so that a blocked exercise fails instead of hanging,
// running an exercise's `main()` with the deadlock report on, and counting timers.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workshopDir = dirname(fileURLToPath(import.meta.url));

/** Which file the tests exercise: `WORKSHOP_IMPL=start` (set by `pnpm workshop NN`) or `solution`. */
export type Implementation = 'start' | 'solution';

/** The implementation chosen by `WORKSHOP_IMPL` (default `solution`, what the test suite checks). */
export function chosenImplementation(): Implementation {
  const chosen = process.env.WORKSHOP_IMPL ?? 'solution';
  if (chosen !== 'start' && chosen !== 'solution') {
    throw new Error(`WORKSHOP_IMPL must be "start" or "solution", not "${chosen}"`);
  }
  return chosen;
}

/** Picks the module under test; both must have the same exports, so the tests type-check against both. */
export function implementation<M>(modules: { readonly start: M; readonly solution: M }): M {
  return modules[chosenImplementation()];
}

/**
 * Resolves like `promise`, or rejects with `hint` when it has not settled after `ms`: a blocked
 * exercise then fails instead of waiting forever. The hint says what is blocked, never how to
 * fix it: the fix is the exercise (its page has hints in tiers, `pnpm workshop NN --hint`).
 */
export function within<T>(ms: number, promise: Promise<T>, hint: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still blocked after ${ms} ms: ${hint}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** How a program ended and what it printed (stdout and stderr together). */
export interface ProgramRun {
  readonly exitCode: number | null;
  readonly output: string;
}

/**
 * Runs `main()` of `<exercise>/<implementation>.ts` in a fresh Node process with the deadlock
 * report on (`import '@csp/channel/deadlock'`), as `pnpm workshop NN --main` does.
 */
export function runMain(exercise: string, impl: Implementation = chosenImplementation()): Promise<ProgramRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@csp/source', '--import=tsx/esm', join(workshopDir, 'program.ts'), exercise, impl],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, output }));
  });
}

/** How many `setTimeout`/`setInterval` timers are alive in this process right now. */
export function liveTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}
