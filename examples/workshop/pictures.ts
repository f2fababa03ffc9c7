// Draws each exercise's before/after picture: runs main() of start.ts and of solution.ts under
// @csp/trace (logical clock, a fixed seed for `select`), each in its own process, and writes the
// swimlanes to docs/workshop/pictures/<exercise>.start.svg and .solution.svg.
//
//   pnpm workshop --pictures        redraws them (after changing an exercise's main())
//
// examples/test/workshop-pictures.test.ts redraws them into a scratch folder and fails when a
// committed picture differs: the pictures are drawn from the code, never by hand.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workshopDir = dirname(fileURLToPath(import.meta.url));

/** Where the committed pictures are. */
export const picturesDir = join(workshopDir, '..', '..', 'docs', 'workshop', 'pictures');

/** The exercise folders, `01-first-channel` and so on, in order. */
export function exerciseNames(): string[] {
  return readdirSync(workshopDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d\d-/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** The file name of an exercise's picture. */
export function pictureName(exercise: string, impl: 'start' | 'solution'): string {
  return `${exercise}.${impl}.svg`;
}

/** Runs one main() with `--picture`; resolves once the process has ended (its exit code does not matter). */
function draw(exercise: string, impl: 'start' | 'solution', out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=@csp/source',
        '--import=tsx/esm',
        join(workshopDir, 'program.ts'),
        exercise,
        impl,
        `--picture=${join(out, pictureName(exercise, impl))}`,
      ],
      { stdio: 'ignore', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    child.on('error', reject);
    child.on('close', () => resolve());
  });
}

/** Draws every exercise's two pictures into `out`, a few processes at a time. */
export async function drawPictures(out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  const jobs = exerciseNames().flatMap((exercise) => (['start', 'solution'] as const).map((impl) => [exercise, impl] as const));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const [exercise, impl] = jobs[next++]!;
      await draw(exercise, impl, out);
    }
  };
  await Promise.all(Array.from({ length: availableParallelism() }, worker));
}
