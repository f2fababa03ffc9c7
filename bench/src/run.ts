/**
 * The benchmark runner (`pnpm bench`). Runs every (workload, library) pair in its own fresh child
 * process, one after the other, takes the medians of each child's runs, and prints one table with
 * ours compared with every peer and PASS / FAIL for every target. A full, unfiltered run also
 * writes the table into `bench/README.md`.
 *
 *   pnpm bench                          everything (about 10 minutes on 2 cores)
 *   pnpm bench --quick                  smaller sizes, fewer runs (about a minute)
 *   pnpm bench --filter pingpong,mpmc   only the workloads whose id contains one of these (or a group: channel, sync, patterns)
 *   pnpm bench --lib ours,floor         only these libraries
 *   pnpm bench --json out.json          also write every median as JSON
 *
 * @module
 */
import { execFileSync, fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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
  },
});
const list = (value: string | undefined): string[] | undefined => value?.split(',').map((s) => s.trim());
const filters = list(options.filter);
const libFilter = list(options.lib);
const settings: Settings = { quick: options.quick };

const defs = registry.filter(
  (def) => filters === undefined || filters.some((f) => def.id.includes(f) || def.group === f),
);
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
console.error('building the packages and the benchmarks (tsc) ...');
const buildFailed = !tsc(['-b', 'tsconfig.build.json']) || !tsc(['-p', 'bench/tsconfig.json']);
const childScript = new URL('../dist/child.js', import.meta.url);

/** Runs one pair in a fresh process and returns the medians of its runs. */
function runChild(def: WorkloadDef, lib: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = fork(childScript, [def.id, lib, JSON.stringify(settings)], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let outcome: Outcome | undefined;
    const limit = def.timeoutSeconds ?? 120;
    const timer = setTimeout(() => {
      outcome = { kind: 'failed', reason: `timed out after ${limit} s` };
      child.kill('SIGKILL');
    }, limit * 1000);
    child.on('message', (message: ChildReport) => {
      outcome = message.ok ? measured(message.samples) : { kind: 'failed', reason: firstLine(message.error) };
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(outcome ?? { kind: 'failed', reason: `child exited with code ${String(code)} without a result` });
    });
  });
}

function measured(samples: Samples): Outcome {
  const medians = Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, median(values)]));
  const runs = Math.max(0, ...Object.values(samples).map((values) => values.length));
  return { kind: 'measured', medians, runs };
}

const firstLine = (text: string): string => text.split('\n')[0] ?? text;

const pairs = defs.flatMap((def) =>
  def.libs.filter((lib) => libFilter === undefined || libFilter.includes(lib)).map((lib) => [def, lib] as const),
);
const outcomes = new Map<string, Map<string, Outcome>>();
const loadBefore = loadavg()[0]!;
const started = performance.now();
for (const [i, [def, lib]] of pairs.entries()) {
  const t0 = performance.now();
  const outcome = await runChild(def, lib);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const status = outcome.kind === 'measured' ? `${seconds} s` : `${outcome.kind}: ${outcome.reason}`;
  console.error(`[${i + 1}/${pairs.length}] ${def.id} / ${lib}: ${status}`);
  if (!outcomes.has(def.id)) outcomes.set(def.id, new Map());
  outcomes.get(def.id)!.set(lib, outcome);
}
const totalSeconds = (performance.now() - started) / 1000;

const { table, targets } = renderTable(defs, outcomes);
const passed = targets.filter((t) => t.verdict === 'PASS').length;
const cpu = cpus();
const environment =
  `Node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ` +
  `${settings.quick ? '--quick (1 warm-up + 3 runs, small sizes)' : '1 warm-up + 5 runs per process'}, medians; ` +
  `${pairs.length} processes in ${totalSeconds.toFixed(0)} s, ${new Date().toISOString().slice(0, 10)}; ` +
  `load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after` +
  (buildFailed ? '; WARNING: the build had errors, some code may be stale.' : '.');
const summary = `Targets: ${passed} of ${targets.length} PASS` +
  (passed < targets.length
    ? ` (not passed: ${targets.filter((t) => t.verdict !== 'PASS').map((t) => `${t.workload} ${t.label}: ${t.verdict} ${t.measured}`).join('; ')})`
    : '');
const report = `${environment}\n\n${table}\n\n${summary}\n`;
console.log(`\n${report}`);

if (options.json !== undefined) {
  const json = Object.fromEntries([...outcomes].map(([id, byLib]) => [id, Object.fromEntries(byLib)]));
  writeFileSync(options.json, `${JSON.stringify({ environment, targets, results: json }, null, 2)}\n`);
}

if (filters === undefined && libFilter === undefined && !settings.quick) {
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
