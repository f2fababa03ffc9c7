// What `@csp/trace` costs: the same channel workloads with tracing off (the hooks' `null`
// checks only) and on (every event recorded, logical clock, no live output), in CPU time.
// Prints ns per operation both ways and, from the events each run records, ns per event.
//
//   pnpm --filter @csp/bench exec node --conditions=@csp/source --import=tsx/esm src/trace-overhead.ts
//
// With tracing off the difference against a build without the hooks is below this machine's
// noise; see bench/README.md (Tracer overhead) for how that was measured.
import { Chan, go } from '@csp/channel';
import { Mutex } from '@csp/sync';
import { startTracing } from '@csp/trace';

interface Workload {
  readonly name: string;
  readonly ops: number;
  run(ops: number): Promise<void>;
}

const workloads: Workload[] = [
  {
    name: 'pingpong (unbuffered round trip)',
    ops: 50_000,
    async run(ops) {
      const ping = new Chan<number>();
      const pong = new Chan<number>();
      go(async () => {
        for (let i = 0; i < ops; i++) await pong.send((await ping.recv())!);
      });
      for (let i = 0; i < ops; i++) {
        await ping.send(i);
        await pong.recv();
      }
    },
  },
  {
    name: 'spsc-buffered (cap 128, one value)',
    ops: 100_000,
    async run(ops) {
      const ch = new Chan<number>(128);
      go(async () => {
        for (let i = 0; i < ops; i++) await ch.send(i);
        ch.close();
      });
      for await (const v of ch) void v;
    },
  },
  {
    name: 'mutex (8 tasks: lock, await, unlock)',
    ops: 50_000,
    async run(ops) {
      const mu = new Mutex();
      const done = new Chan<void>(8);
      for (let t = 0; t < 8; t++) {
        go(async () => {
          for (let i = 0; i < ops / 8; i++) {
            await mu.lock();
            await null;
            mu.unlock();
          }
          await done.send();
        });
      }
      for (let t = 0; t < 8; t++) await done.recv();
    },
  },
];

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function measure(workload: Workload, traced: boolean): Promise<{ nsPerOp: number; events: number }> {
  const tracing = traced ? startTracing({ clock: 'logical', waitForGraph: false }) : null;
  const start = cpuMs();
  await workload.run(workload.ops);
  const ms = cpuMs() - start;
  const events = tracing === null ? 0 : tracing.stop().events.length;
  return { nsPerOp: (ms * 1e6) / workload.ops, events };
}

const rows: string[] = ['| workload | off: ns/op | on: ns/op | events/op | on: ns/event (extra) |', '|---|---|---|---|---|'];
for (const workload of workloads) {
  await workload.run(workload.ops); // warm up
  const offs: number[] = [];
  const ons: { nsPerOp: number; events: number }[] = [];
  for (let round = 0; round < 3; round++) {
    offs.push((await measure(workload, false)).nsPerOp);
    ons.push(await measure(workload, true));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[1]!;
  const off = median(offs);
  const on = median(ons.map((r) => r.nsPerOp));
  const eventsPerOp = ons[0]!.events / workload.ops;
  const perEvent = (on - off) / eventsPerOp;
  rows.push(`| ${workload.name} | ${off.toFixed(0)} | ${on.toFixed(0)} | ${eventsPerOp.toFixed(1)} | ${perEvent.toFixed(0)} |`);
}
console.log(rows.join('\n'));
