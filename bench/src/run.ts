/**
 * The benchmark runner (`pnpm bench`). Runs every (workload, library) pair in its own fresh child
 * process, one after the other, once per round (3 rounds, the libraries of a workload in a
 * rotating order, so a burst of load on a shared machine does not hit one library only), takes
 * the medians of all the runs of each pair, and prints one table with ours compared with every
 * peer and PASS / FAIL for every target. A full, unfiltered run also writes the table into
 * `bench/README.md`.
 *
 *   pnpm bench                          everything (about 10 minutes on 2 cores)
 *   pnpm bench --quick                  smaller sizes, 1 round (about a minute)
 *   pnpm bench --filter pingpong,mpmc   only the workloads whose id contains one of these (or a group: channel, sync, patterns)
 *   pnpm bench --lib ours,floor         only these libraries
 *   pnpm bench --rounds 5               more rounds (default 3, 1 with --quick)
 *   pnpm bench --json out.json          also write every median as JSON
 *
 * @module
 */
import { execFileSync, fork } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { median } from './harness/measure.js';
import { registry, type WorkloadDef } from './harness/registry.js';
import { renderTable, type Outcome } from './harness/report.js';
import type { ChildReport, Samples, Settings } from './harness/workload.js';

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    filter: { type: 'string' },
    lib: { type: 'string' },
    json: { type: 'string' },
    rounds: { type: 'string' },
  },
});
const list = (value: string | undefined): string[] | undefined => value?.split(',').map((s) => s.trim());
const filters = list(options.filter);
const libFilter = list(options.lib);
const rounds = Number(options.rounds ?? (options.quick ? 1 : 3));
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`--rounds must be a positive integer, got ${options.rounds ?? ''}`);
  process.exit(1);
}

const defs = registry.filter((def) => filters === undefined || filters.some((f) => def.id.includes(f) || def.group === f));
if (defs.length === 0) {
  console.error(`no workload matches --filter ${options.filter ?? ''}; ids: ${registry.map((d) => d.id).join(', ')}`);
  process.exit(1);
}

// Measure the packages as published: build their `dist/`, compile the benchmarks next to it
// (`bench/dist/`), and run the children on plain JavaScript. (Through tsx, every named closure
// created would also pay for tsx's `keepNames` helper, an `Object.defineProperty`: up to a fifth
// of some workloads' time, which no user pays. Plain JavaScript also starts 4x faster.)
const tsc = (args: string[]): boolean => {
  try {
    execFileSync(process.execPath, ['node_modules/typescript7/bin/tsc', ...args], {
      cwd: new URL('../../', import.meta.url),
      stdio: 'inherit',
    });
    return true;
  } catch {
    console.error(`WARNING: tsc ${args.join(' ')} reported errors (above); measuring whatever it emitted.`);
    return false;
  }
};
// Each run compiles into its own directory, so two runs at once cannot overwrite each other's files.
const outDir = `bench/dist/run-${process.pid}`;
console.error('building the packages and the benchmarks (tsc) ...');
const buildFailed = !tsc(['-b', 'tsconfig.build.json']) || !tsc(['-p', 'bench/tsconfig.json', '--outDir', outDir]);
const childScript = new URL(`../../${outDir}/child.js`, import.meta.url);
process.on('exit', () => rmSync(fileURLToPath(new URL('.', childScript)), { recursive: true, force: true }));

/** Runs one pair in a fresh process and returns its samples, or why it failed. */
function runChild(def: WorkloadDef, lib: string, settings: Settings): Promise<Samples | { failed: string }> {
  return new Promise((resolve) => {
    const child = fork(childScript, [def.id, lib, JSON.stringify(settings)], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: Samples | { failed: string } | undefined;
    const limit = def.timeoutSeconds ?? 120;
    const timer = setTimeout(() => {
      result = { failed: `timed out after ${limit} s` };
      child.kill('SIGKILL');
    }, limit * 1000);
    child.on('message', (message: ChildReport) => {
      result = message.ok ? message.samples : { failed: firstLine(message.error) };
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(result ?? { failed: `child exited with code ${String(code)} without a result` });
    });
  });
}

const firstLine = (text: string): string => text.split('\n')[0] ?? text;

/** Every pair's samples so far, or the first failure. */
const collected = new Map<string, Map<string, Samples | { failed: string }>>();
const libsOf = (def: WorkloadDef): string[] => def.libs.filter((lib) => libFilter === undefined || libFilter.includes(lib));
const total = rounds * defs.reduce((n, def) => n + libsOf(def).length, 0);
const loadBefore = loadavg()[0]!;
const started = performance.now();
let done = 0;
for (let round = 0; round < rounds; round++) {
  for (const def of defs) {
    const libs = libsOf(def);
    if (!collected.has(def.id)) collected.set(def.id, new Map());
    const byLib = collected.get(def.id)!;
    for (let k = 0; k < libs.length; k++) {
      const lib = libs[(k + round) % libs.length]!;
      const previous = byLib.get(lib);
      const t0 = performance.now();
      const result =
        previous !== undefined && 'failed' in previous ? previous : await runChild(def, lib, { quick: options.quick, round });
      const seconds = ((performance.now() - t0) / 1000).toFixed(1);
      console.error(
        `[${++done}/${total}] round ${round + 1}: ${def.id} / ${lib}: ${'failed' in result ? `failed: ${String(result.failed)}` : `${seconds} s`}`,
      );
      if ('failed' in result || previous === undefined || 'failed' in previous) byLib.set(lib, result);
      else for (const [key, values] of Object.entries(result)) (previous[key] ??= []).push(...values);
    }
  }
}
const outcomes = new Map<string, Map<string, Outcome>>(
  defs.map((def) => [def.id, new Map(libsOf(def).map((lib) => [lib, outcome(collected.get(def.id)!.get(lib)!)] as const))]),
);

function outcome(result: Samples | { failed: string }): Outcome {
  if ('failed' in result) return { kind: 'failed', reason: String(result.failed) };
  const medians = Object.fromEntries(Object.entries(result).map(([key, values]) => [key, median(values)]));
  const runs = Math.max(0, ...Object.values(result).map((values) => values.length));
  return { kind: 'measured', medians, runs };
}
const totalSeconds = (performance.now() - started) / 1000;

const { table, targets } = renderTable(defs, outcomes);
const passed = targets.filter((t) => t.verdict === 'PASS').length;
const cpu = cpus();
const environment =
  `Node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ` +
  `${options.quick ? '--quick (small sizes)' : 'full sizes'}, ${rounds} round${rounds > 1 ? 's' : ''} of one process per pair, ` +
  `each warming up then measuring 2 runs (memory: 1 run); medians of all runs, CPU time; ` +
  `${total} processes in ${totalSeconds.toFixed(0)} s, ${new Date().toISOString().slice(0, 10)}; ` +
  `load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after` +
  (buildFailed ? '; WARNING: the build had errors, some code may be stale.' : '.');
const summary =
  `Targets: ${passed} of ${targets.length} PASS` +
  (passed < targets.length
    ? ` (not passed: ${targets
        .filter((t) => t.verdict !== 'PASS')
        .map((t) => `${t.workload} ${t.label}: ${t.verdict} ${t.measured}`)
        .join('; ')})`
    : '');
const report = `${environment}\n\n${table}\n\n${summary}\n`;
console.log(`\n${report}`);

if (options.json !== undefined) {
  const json = Object.fromEntries([...outcomes].map(([id, byLib]) => [id, Object.fromEntries(byLib)]));
  writeFileSync(options.json, `${JSON.stringify({ environment, targets, results: json }, null, 2)}\n`);
}

if (filters === undefined && libFilter === undefined && !options.quick) {
  const readme = new URL('../README.md', import.meta.url);
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  const text = readFileSync(readme, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`bench/README.md lacks the ${start} ... ${end} markers`);
  writeFileSync(readme, `${text.slice(0, from + start.length)}\n${report}${text.slice(to)}`);
  console.error('results written to bench/README.md');
}
