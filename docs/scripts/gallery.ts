// The gallery of docs/trace.md: one small program per primitive and pattern, traced at docs build
// time by build-traces.ts with the logical clock. The programs' timers are far apart (10 ms or
// more), so that their order, and so the picture, is the same every run.
import { Chan, close, go, recv, select, time, type Receiver } from '@csp/channel';
import { context } from '@csp/sync';
import { WorkerPool } from '@csp/patterns';
import { named, nameResource } from '@csp/trace';

/** `select` over two producers of different speeds, with a timeout. */
async function selectProgram(): Promise<void> {
  const fast = new Chan<string>(0, { name: 'fast' });
  const slow = new Chan<string>(0, { name: 'slow' });
  go(
    async function producer(name: string, ch: Chan<string>, ms: number) {
      for (let i = 1; i <= 2; i++) {
        await time.sleep(ms);
        await ch.send(`${name} ${i}`);
      }
    },
    'fast',
    fast,
    2,
  );
  go(
    async function producer(name: string, ch: Chan<string>, ms: number) {
      await time.sleep(ms);
      await ch.send(`${name} 1`);
    },
    'slow',
    slow,
    30,
  );
  for (let i = 0; i < 4; i++) {
    const r = await select([recv(fast), recv(slow), recv(time.after(100))]);
    if (r.index === 2) break;
  }
}

/** A pipeline: generate → square → sum, each stage a goroutine, unbuffered channels. */
async function pipelineProgram(): Promise<void> {
  const generate = (...nums: number[]): Receiver<number> => {
    const ch = new Chan<number>(0, { name: 'numbers' });
    go(
      named('generate', async () => {
        for (const n of nums) await ch.send(n);
        close(ch);
      }),
    );
    return ch;
  };
  const square = (input: Receiver<number>): Receiver<number> => {
    const ch = new Chan<number>(0, { name: 'squares' });
    go(
      named('square', async () => {
        for await (const n of input) await ch.send(n * n);
        close(ch);
      }),
    );
    return ch;
  };
  let sum = 0;
  for await (const v of square(generate(1, 2, 3, 4))) sum += v;
  if (sum !== 30) throw new Error(`pipeline sum ${sum}`);
}

/** Fan-out to three workers through a buffered channel, fan-in through one results channel. */
async function fanProgram(): Promise<void> {
  const jobs = new Chan<number>(3, { name: 'jobs' });
  const results = new Chan<number>(0, { name: 'results' });
  const done = new Chan<void>(0, { name: 'done' });
  for (let w = 1; w <= 3; w++) {
    go(async function worker(id: number) {
      for await (const j of jobs) {
        await time.sleep(j * 10);
        await results.send(j * 10 + id * 0);
      }
      await done.send();
    }, w);
  }
  go(
    named('closer', async () => {
      for (let w = 0; w < 3; w++) await done.recv();
      close(results);
    }),
  );
  go(
    named('producer', async () => {
      for (let j = 1; j <= 6; j++) await jobs.send(j);
      close(jobs);
    }),
  );
  for await (const r of results) void r;
}

/** A dynamic pool grows under a burst of jobs and shrinks back when idle. */
async function poolProgram(): Promise<void> {
  const pool = new WorkerPool({ min: 1, max: 3, idleTimeout: 30, name: 'pool' });
  const work = (ms: number) => () => time.sleep(ms);
  // Jobs end at 20, 40, 70, 94, 100 and 120 ms, and the idle workers retire 6 ms apart.
  await Promise.all([20, 70, 120, 20, 60, 24].map((ms) => pool.run(work(ms))));
  await time.sleep(250); // idle: the pool retires the workers above min
  await pool.close();
}

/** A context tree: cancelling the root stops both goroutines waiting on their children. */
async function contextProgram(): Promise<void> {
  const [root, cancel] = context.withCancel(context.background());
  nameResource(root, 'root');
  const stopped = new Chan<string>(0, { name: 'stopped' });
  for (const name of ['a', 'b']) {
    const [child] = context.withCancel(root);
    nameResource(child, `child ${name}`);
    go(async function watcher(label: string) {
      await recv(child.done());
      await stopped.send(label);
    }, name);
  }
  await time.sleep(2);
  cancel();
  await stopped.recv();
  await stopped.recv();
}

/** The gallery: each picture's file name (`<name>.svg`), title and program. */
export const gallery: readonly (readonly [name: string, title: string, main: () => Promise<void>])[] = [
  ['select', 'select: two producers and a timeout', selectProgram],
  ['pipeline', 'pipeline: generate → square → sum', pipelineProgram],
  ['fan-out-fan-in', 'fan-out / fan-in: three workers share jobs, one results channel', fanProgram],
  ['worker-pool', 'worker pool: grows from 1 to 3 workers, shrinks back', poolProgram],
  ['context-tree', 'context tree: cancelling the root stops both children', contextProgram],
];
