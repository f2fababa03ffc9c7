// The workshop's one command, from the repository root:
//   pnpm workshop                  lists the exercises
//   pnpm workshop 03               runs exercise 03's tests against your start.ts
//   pnpm workshop 03 --solution    runs them against the solution
//   pnpm workshop 03 --main        runs main() of your start.ts with the deadlock report on
//                                  (add --solution for the solution's, --trace to see the
//                                  goroutines: see docs/trace.md)
//   pnpm workshop --check          checks that every exercise's start.ts fails its tests (part
//                                  of `pnpm test`, which also runs the tests on the solutions)
//   pnpm workshop --pictures       redraws the before/after pictures of docs/workshop/pictures/

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const workshopDir = dirname(fileURLToPath(import.meta.url));
const exercises = readdirSync(workshopDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && /^\d\d-/.test(entry.name))
  .map((entry) => entry.name)
  .sort();

const args = process.argv.slice(2);
const number = args.find((arg) => !arg.startsWith('--'));
const impl = args.includes('--solution') ? 'solution' : 'start';
const exercise = exercises.find((name) => number !== undefined && name.startsWith(`${number.padStart(2, '0')}-`));

const mocha = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
const mochaConfig = join(workshopDir, '.mocharc.json');
/** The tests' arguments to mocha: the config, and the summary printed even after a panic. */
const mochaArgs = [mocha, '--config', mochaConfig, '--require', join(workshopDir, 'panic-summary.ts')];

function usage(): string {
  return [
    'Usage: pnpm workshop <NN> [--solution] [--main]   or   pnpm workshop --check',
    '',
    'Exercises (the pages are in docs/workshop/):',
    ...exercises.map((name) => `  ${name}`),
    '',
  ].join('\n');
}

function run(args: readonly string[]): number {
  const result = spawnSync(process.execPath, args, {
    stdio: 'inherit',
    env: { ...process.env, WORKSHOP_IMPL: impl },
  });
  return result.status ?? 1;
}

/** Runs an exercise's tests against start.ts quietly; resolves with mocha's exit code (failures). */
function failuresOfStart(name: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...mochaArgs, '--reporter', 'dot', join(workshopDir, name, 'exercise.test.ts')],
      {
        stdio: 'ignore',
        env: { ...process.env, WORKSHOP_IMPL: 'start' },
      },
    );
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** Checks every start.ts against its tests, a few at a time; a start.ts that passes is a broken exercise. */
async function checkStarts(): Promise<number> {
  let next = 0;
  let broken = 0;
  const worker = async (): Promise<void> => {
    while (next < exercises.length) {
      const name = exercises[next++]!;
      const code = await failuresOfStart(name);
      if (code === 0) broken++;
      console.log(code === 0 ? `FAIL ${name}: start.ts passes every test` : `ok   ${name}: start.ts fails (exit code ${code})`);
    }
  };
  await Promise.all(Array.from({ length: availableParallelism() }, worker));
  return broken === 0 ? 0 : 1;
}

if (args.includes('--pictures')) {
  const { drawPictures, picturesDir } = await import('./pictures.js');
  await drawPictures(picturesDir);
  console.log(`pictures drawn in ${relative(process.cwd(), picturesDir)}`);
} else if (args.includes('--check')) {
  process.exitCode = await checkStarts();
} else if (number === undefined) {
  process.stdout.write(usage());
} else if (exercise === undefined) {
  process.stderr.write(`There is no exercise "${number}".\n\n${usage()}`);
  process.exitCode = 1;
} else if (args.includes('--main')) {
  const program = join(workshopDir, 'program.ts');
  const traceArgs = args.filter((arg) => arg.startsWith('--trace'));
  process.exitCode = run(['--conditions=@csp/source', '--import=tsx/esm', program, exercise, impl, ...traceArgs]);
} else {
  const tests = join(workshopDir, exercise, 'exercise.test.ts');
  if (!existsSync(tests)) throw new Error(`${relative(process.cwd(), tests)} is missing`);
  console.log(`Testing ${exercise}/${impl}.ts`);
  process.exitCode = run([...mochaArgs, tests]);
}
