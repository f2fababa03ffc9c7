// Runs an example the way `pnpm example <name>` does, as a child process, and captures its output.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Chan } from '@csp/channel';
import { examplesDir } from '../shared/examples.js';

export interface ExampleRun {
  /** The exit code (null when the process was killed). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The stdout lines, without the empty last one. */
  readonly lines: readonly string[];
}

const runTs = join(examplesDir, 'run.ts');
const nodeArgs = ['--conditions=@csp/source', '--import=tsx/esm', runTs];

/** Runs `node run.ts ...args` in examples/, killing it after `timeoutMs`. Never rejects. */
export function runExample(args: readonly string[], timeoutMs = 20_000): Promise<ExampleRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgs, ...args],
      { cwd: examplesDir, timeout: timeoutMs, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        const lines = stdout.endsWith('\n') ? stdout.slice(0, -1).split('\n') : stdout.split('\n');
        resolve({ code, stdout, stderr, lines: stdout === '' ? [] : lines });
      },
    );
  });
}

/**
 * Calls `task` on every item, at most `limit` at once (Go's buffered-channel semaphore); the
 * promises keep `items`' order.
 */
export function limited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R>[] {
  const slots = new Chan<void>(limit);
  return items.map(async (item) => {
    await slots.send();
    try {
      return await task(item);
    } finally {
      await slots.recv();
    }
  });
}
