// The workshop's one command, from the repository root:
//   pnpm workshop                  lists the exercises
//   pnpm workshop 03               runs exercise 03's tests against your start.ts
//   pnpm workshop 03 --solution    runs them against the solution
//   pnpm workshop 03 --hint        shows the exercise's next hint (then the one after; --hint=1
//                                  shows the first again)
//   pnpm workshop 03 --main        runs main() of your start.ts with the deadlock report on
//                                  (add --solution for the solution's, --trace to see the
//                                  goroutines: see docs/trace.md)
// For the workshop's maintainers:
//   pnpm workshop --check          checks every exercise: its start.ts fails its tests, its
//                                  solution passes them, and its page is complete and shows
//                                  start.ts as it is (`pnpm test:workshop`)
//   pnpm workshop --docs           copies every start.ts into its page
//   pnpm workshop --pictures       redraws the before/after pictures of docs/workshop/pictures/

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hintsOf, missingFrom, pageOf, pageProblems, withStart } from './pages.js';

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
/** Which hint each exercise showed last (`pnpm workshop NN --hint`), kept out of git in .tmp/. */
const hintState = process.env.WORKSHOP_HINT_STATE ?? join(workshopDir, '..', '..', '.tmp', 'workshop-hints.json');

function usage(): string {
  return [
    'Usage: pnpm workshop <NN> [--solution] [--main] [--hint]   or   pnpm workshop --check',
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

/** Runs mocha quietly on `tests` against `implementation`; resolves with its exit code (its failures). */
function quietMocha(tests: string[], implementation: 'start' | 'solution'): Promise<number> {
  return new Promise((resolve) => {
    // A start.ts only has to fail one test: stop at the first failure, and do not wait for what
    // a broken start.ts left running (a leaked timer).
    const quick = implementation === 'start' ? ['--bail', '--exit'] : [];
    const child = spawn(process.execPath, [...mochaArgs, '--reporter', 'dot', ...quick, ...tests], {
      stdio: implementation === 'start' ? 'ignore' : ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, WORKSHOP_IMPL: implementation },
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const testsOf = (name: string): string => join(workshopDir, name, 'exercise.test.ts');
const startOf = (name: string): string => readFileSync(join(workshopDir, name, 'start.ts'), 'utf8');

/**
 * Checks every exercise: each start.ts against its tests, a few at a time (a start.ts that passes
 * is a broken exercise), every solution against its tests (one process), and every page.
 */
async function check(): Promise<number> {
  let broken = 0;
  for (const page of ['index.md', 'agenda.md']) {
    const missing = missingFrom(page, exercises);
    if (missing.length > 0) broken++;
    console.log(
      missing.length === 0
        ? `ok   docs/workshop/${page} links every exercise`
        : `FAIL docs/workshop/${page} does not link ${missing.join(', ')}`,
    );
  }
  for (const name of exercises) {
    const problems = pageProblems(name, startOf(name));
    if (problems.length > 0) broken++;
    console.log(problems.length === 0 ? `ok   ${name}: page` : `FAIL ${name}: the page ${problems.join('; ')}`);
  }
  const solutions = quietMocha(exercises.map(testsOf), 'solution');
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < exercises.length) {
      const name = exercises[next++]!;
      const code = await quietMocha([testsOf(name)], 'start');
      if (code === 0) broken++;
      console.log(code === 0 ? `FAIL ${name}: start.ts passes every test` : `ok   ${name}: start.ts fails (exit code ${code})`);
    }
  };
  await Promise.all(Array.from({ length: availableParallelism() }, worker));
  const failures = await solutions;
  if (failures !== 0) broken++;
  console.log(failures === 0 ? 'ok   every solution passes its tests' : `FAIL ${failures} tests fail on the solutions`);
  return broken === 0 ? 0 : 1;
}

/** Prints the exercise's next hint (or hint `tier`, from 1), and remembers which one it showed. */
function hint(name: string, tier: number | undefined): void {
  const hints = hintsOf(readFileSync(pageOf(name), 'utf8'));
  const state = existsSync(hintState) ? (JSON.parse(readFileSync(hintState, 'utf8')) as Record<string, number>) : {};
  const shown = tier ?? Math.min((state[name] ?? 0) + 1, hints.length);
  const chosen = hints[shown - 1];
  if (chosen === undefined) {
    process.stderr.write(`Exercise ${name} has ${hints.length} hints, not a hint ${shown}.\n`);
    process.exitCode = 1;
    return;
  }
  console.log(`${chosen.title} (${shown} of ${hints.length})\n\n${chosen.text}\n`);
  console.log(
    shown < hints.length
      ? `Stuck still? pnpm workshop ${name.slice(0, 2)} --hint shows the next one.`
      : `That was the last hint. One answer is solution.ts; pnpm workshop ${name.slice(0, 2)} --main --solution runs it.`,
  );
  mkdirSync(dirname(hintState), { recursive: true });
  writeFileSync(hintState, `${JSON.stringify({ ...state, [name]: shown })}\n`);
}

const hintFlag = args.find((arg) => arg === '--hint' || arg.startsWith('--hint='));

if (args.includes('--pictures')) {
  const { drawPictures, picturesDir } = await import('./pictures.js');
  await drawPictures(picturesDir);
  console.log(`pictures drawn in ${relative(process.cwd(), picturesDir)}`);
} else if (args.includes('--docs')) {
  for (const name of exercises) {
    try {
      writeFileSync(pageOf(name), withStart(readFileSync(pageOf(name), 'utf8'), startOf(name)));
      console.log(`ok   ${name}: start.ts copied into its page`);
    } catch (error) {
      console.log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  }
} else if (args.includes('--check')) {
  process.exitCode = await check();
} else if (number === undefined) {
  process.stdout.write(usage());
} else if (exercise === undefined) {
  process.stderr.write(`There is no exercise "${number}".\n\n${usage()}`);
  process.exitCode = 1;
} else if (hintFlag !== undefined) {
  hint(exercise, hintFlag === '--hint' ? undefined : Number(hintFlag.slice('--hint='.length)));
} else if (args.includes('--main')) {
  const program = join(workshopDir, 'program.ts');
  const traceArgs = args.filter((arg) => arg.startsWith('--trace'));
  process.exitCode = run(['--conditions=@csp/source', '--import=tsx/esm', program, exercise, impl, ...traceArgs]);
} else {
  const tests = testsOf(exercise);
  if (!existsSync(tests)) throw new Error(`${relative(process.cwd(), tests)} is missing`);
  console.log(`Testing ${exercise}/${impl}.ts`);
  process.exitCode = run([...mochaArgs, tests]);
}
