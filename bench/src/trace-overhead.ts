// What `@csp/trace` costs, in CPU time (`process.cpuUsage()`), two ways. Build first (`pnpm build`):
// run this way, the packages are imported as published (their `dist/`), as `pnpm bench` does.
//
//   cd bench && node --import=tsx/esm src/trace-overhead.ts                           # on
//   cd bench && node --import=tsx/esm src/trace-overhead.ts --off [rounds] [--control] # off
//
// On (the default): W1-W5 (below) with tracing off and on (every event recorded, logical clock,
// no live output); prints ns per operation both ways and, from the events each run records, the
// extra ns per event.
//
// Off (`--off [rounds]`, default 20): what the hooks cost while no tracer is installed, as an A/B
// in one process. It builds the packages (`tsc -b`, as `pnpm bench` does), copies `@csp/channel`'s
// and `@csp/sync`'s `dist/` twice into bench/dist/trace-ab-<pid>/ (`hooks`: as built; `base`:
// every hook statement `if (tracer !== null) tracer.x(...)` removed, "today" before the tracer),
// imports both copies and runs W1-W5 on each, alternating base and hooks run by run. Alternating
// in one process makes both sides see the same load, which separate processes on a shared
// machine do not; each round's ratio hooks/base is one sample. With `--control` both sides are
// the build without hooks (an A/A run): what the method reads when there is no difference.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as channelSource from '@csp/channel';
import * as syncSource from '@csp/sync';
import { startTracing } from '@csp/trace';

/** The parts of `@csp/channel` and `@csp/sync` the workloads use (one copy or another). */
interface Lib {
  readonly Chan: typeof channelSource.Chan;
  readonly go: typeof channelSource.go;
  readonly select: typeof channelSource.select;
  readonly recv: typeof channelSource.recv;
  readonly Mutex: typeof syncSource.Mutex;
}

interface Workload {
  readonly name: string;
  readonly ops: number;
  run(lib: Lib, ops: number): Promise<void>;
}

/** W1-W5: the shapes and sizes of bench/src/workloads' pingpong, spsc-buffered, mpmc, select4, mutex. */
const workloads: Workload[] = [
  {
    name: 'pingpong (unbuffered round trip)',
    ops: 100_000,
    async run({ Chan, go }, ops) {
      const ping = new Chan<number>();
      const pong = new Chan<number>();
      go(async () => {
        for (let i = 0; i < ops; i++) await pong.send((await ping.recv())!);
      });
      for (let i = 0; i < ops; i++) {
        await ping.send(i);
        if ((await pong.recv()) !== i) throw new Error('pingpong: wrong value echoed');
      }
    },
  },
  {
    name: 'spsc-buffered (cap 128, one value)',
    ops: 200_000,
    async run({ Chan, go }, ops) {
      const ch = new Chan<number>(128);
      go(async () => {
        for (let i = 0; i < ops; i++) await ch.send(i);
        ch.close();
      });
      let n = 0;
      for await (const v of ch) if (v !== n++) throw new Error('spsc: out of order');
    },
  },
  {
    name: 'mpmc (8 x 8, cap 64)',
    ops: 320_000,
    async run({ Chan, go }, ops) {
      const ch = new Chan<number>(64);
      const per = ops / 8;
      const seen = new Uint8Array(ops);
      const done = new Chan<void>(16);
      for (let c = 0; c < 8; c++) {
        go(async () => {
          for await (const v of ch) seen[v]!++;
          await done.send();
        });
      }
      for (let p = 0; p < 8; p++) {
        go(async () => {
          for (let k = 0; k < per; k++) await ch.send(p * per + k);
          await done.send();
        });
      }
      for (let p = 0; p < 8; p++) await done.recv();
      ch.close();
      for (let c = 0; c < 8; c++) await done.recv();
      if (seen.some((count) => count !== 1)) throw new Error('mpmc: a value not received exactly once');
    },
  },
  {
    name: 'select4 (4 producers)',
    ops: 200_000,
    async run({ Chan, go, select, recv }, ops) {
      const chans = [new Chan<number>(), new Chan<number>(), new Chan<number>(), new Chan<number>()];
      for (const ch of chans) {
        go(async () => {
          try {
            for (let i = 0; ; i++) await ch.send(i);
          } catch {
            // closed: the run is over
          }
        });
      }
      const cases = chans.map((ch) => recv(ch));
      for (let i = 0; i < ops; i++) await select(cases);
      for (const ch of chans) ch.close();
    },
  },
  {
    name: 'mutex (64 tasks: lock, await, unlock)',
    ops: 192_000,
    async run({ Mutex, go, Chan }, ops) {
      const mu = new Mutex();
      const done = new Chan<void>(64);
      let inside = 0;
      for (let t = 0; t < 64; t++) {
        go(async () => {
          for (let i = 0; i < ops / 64; i++) {
            await mu.lock();
            if (inside++ !== 0) throw new Error('mutex: two holders at once');
            await null;
            inside--;
            mu.unlock();
          }
          await done.send();
        });
      }
      for (let t = 0; t < 64; t++) await done.recv();
    },
  },
];

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** CPU milliseconds of one run of `workload` on `lib`. */
async function timed(workload: Workload, lib: Lib): Promise<number> {
  const start = cpuMs();
  await workload.run(lib, workload.ops);
  return cpuMs() - start;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const percent = (ratio: number): string => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)} %`;

const sourceLib: Lib = { ...channelSource, Mutex: syncSource.Mutex };

/** Tracing on: ns per op off and on, and the extra ns per recorded event. */
async function measureOn(): Promise<void> {
  const rows = ['| workload | off: ns/op | on: ns/op | events/op | on: ns/event (extra) |', '|---|---|---|---|---|'];
  for (const workload of workloads) {
    await workload.run(sourceLib, workload.ops); // warm up
    const offs: number[] = [];
    const ons: number[] = [];
    let events = 0;
    for (let round = 0; round < 3; round++) {
      offs.push(((await timed(workload, sourceLib)) * 1e6) / workload.ops);
      const tracing = startTracing({ clock: 'logical', waitForGraph: false });
      ons.push(((await timed(workload, sourceLib)) * 1e6) / workload.ops);
      events = tracing.stop().events.length;
    }
    const off = median(offs);
    const on = median(ons);
    const eventsPerOp = events / workload.ops;
    rows.push(
      `| ${workload.name} | ${off.toFixed(0)} | ${on.toFixed(0)} | ${eventsPerOp.toFixed(1)} | ${((on - off) / eventsPerOp).toFixed(0)} |`,
    );
  }
  console.log(rows.join('\n'));
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function filesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesIn(path) : [path];
  });
}

/** A hook statement as `tsc` emits it: `if (tracer !== null ...)` and its call on the next line. */
const hookStatement = /^[ \t]*if \(tracer !== null[^\n]*\)\n[^\n]*tracer\.[^\n]*\n/gm;

/**
 * Copies `@csp/channel`'s and `@csp/sync`'s `dist/` into `dir/<variant>/`, the imports between
 * them made relative so each copy uses its own channel package; without the hooks if `strip`.
 */
function makeVariant(dir: string, variant: string, strip: boolean): string {
  let stripped = 0;
  for (const pkg of ['channel', 'sync']) {
    const to = join(dir, variant, pkg);
    cpSync(join(root, 'packages', pkg, 'dist'), to, { recursive: true });
    for (const file of filesIn(to).filter((f) => f.endsWith('.js'))) {
      let text = readFileSync(file, 'utf8');
      const rel = (target: string): string => {
        const path = relative(dirname(file), join(dir, variant, target)).replaceAll('\\', '/');
        return path.startsWith('.') ? path : `./${path}`;
      };
      text = text
        .replaceAll("from '@csp/channel/internal'", `from '${rel('channel/internal.js')}'`)
        .replaceAll("from '@csp/channel'", `from '${rel('channel/index.js')}'`)
        .replaceAll("from '@csp/sync'", `from '${rel('sync/index.js')}'`);
      if (strip) {
        text = text.replace(hookStatement, () => {
          stripped++;
          return '';
        });
        if (/tracer\.\w+\(/.test(text)) throw new Error(`${file}: a hook left that the A/B cannot strip`);
      }
      writeFileSync(file, text);
    }
  }
  if (strip && stripped === 0) throw new Error('no hook found to strip: did the emitted code change shape?');
  if (strip) console.error(`${variant}: ${stripped} hook statements removed`);
  return join(dir, variant);
}

async function loadVariant(dir: string): Promise<Lib> {
  const channel = (await import(pathToFileURL(join(dir, 'channel', 'index.js')).href)) as typeof channelSource;
  const sync = (await import(pathToFileURL(join(dir, 'sync', 'index.js')).href)) as typeof syncSource;
  return { Chan: channel.Chan, go: channel.go, select: channel.select, recv: channel.recv, Mutex: sync.Mutex };
}

/**
 * Tracing off: the hooks' cost against the same build without them, paired run by run. With
 * `control`, both sides are copies of the build without hooks: what the method reads when there
 * is no difference (its own bias and noise on this machine).
 */
async function measureOff(rounds: number, control: boolean): Promise<void> {
  execFileSync(process.execPath, ['node_modules/typescript7/bin/tsc', '-b', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  const dir = join(root, 'bench', 'dist', `trace-ab-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const base = await loadVariant(makeVariant(dir, 'base', true));
  const hooks = await loadVariant(makeVariant(dir, control ? 'base-again' : 'hooks', control));
  if (control) console.log('CONTROL: both sides are the build without hooks (A/A)\n');
  const loads: number[] = [];
  const rows = [
    `| workload | base: ns/op | hooks: ns/op | hooks vs base: median of ${rounds} paired rounds | middle half of the rounds | all rounds |`,
    '|---|---|---|---|---|---|',
  ];
  for (const workload of workloads) {
    for (let i = 0; i < 3; i++) {
      await timed(workload, base); // warm up both copies
      await timed(workload, hooks);
    }
    const ms = { base: [] as number[], hooks: [] as number[] };
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      loads.push(loadavg()[0]!);
      // Alternate which side goes first, so neither always runs right after the other's garbage.
      const first = round % 2 === 0 ? 'base' : 'hooks';
      const a = await timed(workload, first === 'base' ? base : hooks);
      const b = await timed(workload, first === 'base' ? hooks : base);
      const [baseMs, hooksMs] = first === 'base' ? [a, b] : [b, a];
      ms.base.push(baseMs);
      ms.hooks.push(hooksMs);
      ratios.push(hooksMs / baseMs);
    }
    const sorted = [...ratios].sort((x, y) => x - y);
    const quarter = Math.floor(rounds / 4);
    const ns = (xs: number[]): string => ((median(xs) * 1e6) / workload.ops).toFixed(0);
    rows.push(
      `| ${workload.name} | ${ns(ms.base)} | ${ns(ms.hooks)} | ${percent(median(ratios))} | ${percent(sorted[quarter]!)} .. ${percent(sorted[rounds - 1 - quarter]!)} | ${percent(sorted[0]!)} .. ${percent(sorted[rounds - 1]!)} |`,
    );
    console.error(rows[rows.length - 1]);
  }
  console.log(rows.join('\n'));
  console.log(
    `\nload average (1 min) during the rounds: median ${median(loads).toFixed(2)}, min ${Math.min(...loads).toFixed(2)}, max ${Math.max(...loads).toFixed(2)}`,
  );
}

const [mode, roundsArg, controlArg] = process.argv.slice(2);
if (mode === '--off') await measureOff(Number(roundsArg ?? 20), controlArg === '--control');
else await measureOn();
