// The thread pool's job slots (shared memory between the pool and each thread): every job settles
// exactly once whatever carries it, a killed thread loses no queued job, a job taken back before
// its thread started it leaves no trace, and idle threads keep their event loop.
import { expect } from 'chai';
import fc from 'fast-check';
import { JobTimeoutError, PoolAbortedError } from '@csp/patterns';
import { SharedChan, ThreadExitedError, ThreadPool } from '@csp/threads';
import { registryBuffer } from '../src/thread-registry.js';

const jobs = new URL('./fixtures/pool-jobs.ts', import.meta.url);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Threads started in this process so far (the registry numbers every one). */
const threadsStarted = (): number => Atomics.load(new Int32Array(registryBuffer()), 0);
const runCounts = (n: number): Int32Array => new Int32Array(new SharedArrayBuffer(4 * Math.max(1, n)));

/** Waits until `condition` holds (checked every 10 ms), or fails after `ms`. */
async function eventually(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

type Spec =
  | { kind: 'numbers'; values: number[] }
  | { kind: 'codec'; value: unknown }
  | { kind: 'message' }
  | { kind: 'large'; bytes: number }
  | { kind: 'error'; message: string };

const spec: fc.Arbitrary<Spec> = fc.oneof(
  // Up to 8 numbers travel in typed slots; more go through the codec.
  fc.record({ kind: fc.constant('numbers' as const), values: fc.array(fc.double(), { maxLength: 12 }) }),
  fc.record({ kind: fc.constant('codec' as const), value: fc.jsonValue() }),
  // Shared memory in the arguments: by message.
  fc.record({ kind: fc.constant('message' as const) }),
  // A result larger than the slot: by message.
  fc.record({ kind: fc.constant('large' as const), bytes: fc.integer({ min: 16_000, max: 40_000 }) }),
  fc.record({ kind: fc.constant('error' as const), message: fc.string() }),
);

describe('ThreadPool: jobs through shared memory', function () {
  this.timeout(60_000);

  for (const jobsPerThread of [1, 3]) {
    it(`property: every job settles once, with its own result, whatever carries its arguments and result (jobsPerThread ${jobsPerThread})`, async () => {
      const pool = new ThreadPool({ concurrency: 2, jobsPerThread });
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(spec, { maxLength: 60 }), async (specs) => {
            const runs = runCounts(specs.length);
            const outcomes = await Promise.allSettled(
              specs.map((job, i) => {
                switch (job.kind) {
                  case 'numbers':
                    return pool.run(jobs, 'sum', job.values);
                  case 'codec':
                    return pool.run(jobs, 'identity', [job.value]);
                  case 'message':
                    return pool.run(jobs, 'mark', [runs, i]);
                  case 'large':
                    return pool.run(jobs, 'large', [job.bytes]);
                  case 'error':
                    return pool.run(jobs, 'throwTyped', [job.message]);
                }
              }),
            );
            specs.forEach((job, i) => {
              const outcome = outcomes[i]!;
              if (job.kind === 'error') {
                expect(outcome.status).to.equal('rejected');
                const reason = (outcome as PromiseRejectedResult).reason as Error;
                expect(reason).to.be.instanceOf(TypeError).with.property('message', job.message);
                return;
              }
              expect(outcome.status, `job ${i} (${job.kind})`).to.equal('fulfilled');
              const value = (outcome as PromiseFulfilledResult<unknown>).value;
              if (job.kind === 'numbers') expect(value).to.deep.equal(job.values.reduce((a, b) => a + b, 0));
              else if (job.kind === 'codec') expect(value).to.deep.equal([job.value]);
              else if (job.kind === 'message') expect(value).to.equal(i);
              else expect(value).to.equal('x'.repeat(job.bytes));
            });
            // The jobs that count their runs ran exactly once.
            specs.forEach((job, i) => expect(runs[i], `runs of job ${i}`).to.equal(job.kind === 'message' ? 1 : 0));
          }),
          { numRuns: 15 },
        );
        expect(pool.threadCount).to.equal(2);
      } finally {
        await pool.close();
      }
    });

    it(`property: a thread killed mid-job fails that job only; every other accepted job runs exactly once (jobsPerThread ${jobsPerThread})`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 2, max: 40 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
          fc.boolean(),
          async (count, picks, byTimeout) => {
            const pool = new ThreadPool({ concurrency: 2, jobsPerThread });
            const victims = new Set(picks.map((p) => p % count));
            const runs = runCounts(count);
            try {
              const outcomes = await Promise.allSettled(
                Array.from({ length: count }, (_, i) => {
                  if (victims.has(i)) {
                    return byTimeout
                      ? pool.run(jobs, 'markThenSpin', [runs, i, 10_000], { timeout: 30 })
                      : pool.run(jobs, 'markThenDie', [runs, i]);
                  }
                  // Half the jobs go by the typed slots (no run count), half by message.
                  return i % 2 === 0 ? pool.run(jobs, 'sum', [i]) : pool.run(jobs, 'mark', [runs, i]);
                }),
              );
              outcomes.forEach((outcome, i) => {
                if (victims.has(i)) {
                  expect(outcome.status).to.equal('rejected');
                  const reason: unknown = (outcome as PromiseRejectedResult).reason;
                  expect(reason).to.be.instanceOf(byTimeout ? JobTimeoutError : ThreadExitedError);
                  // A job timed out before its thread took it never ran; one that was taken ran once.
                  if (byTimeout) expect(runs[i]).to.be.at.most(1);
                  else expect(runs[i]).to.equal(1);
                } else {
                  expect(outcome).to.deep.equal({ status: 'fulfilled', value: i });
                  if (i % 2 === 1) expect(runs[i], `runs of job ${i}`).to.equal(1);
                }
              });
              expect(pool.metrics().processed).to.equal(count);
              expect(pool.threadCount).to.equal(2);
            } finally {
              await pool.close();
            }
          },
        ),
        { numRuns: 8 },
      );
    });
  }

  it('an own __proto__ key in arguments and results stays a key (as with structured clone)', async () => {
    const pool = new ThreadPool({ concurrency: 1 });
    try {
      const value: unknown = JSON.parse('{"__proto__": {"polluted": true}, "list": [{"__proto__": 1}]}');
      const [back] = (await pool.run(jobs, 'identity', [value])) as [Record<string, unknown>];
      expect(Object.getPrototypeOf(back)).to.equal(Object.prototype);
      expect(Object.keys(back)).to.deep.equal(['__proto__', 'list']);
      expect(back).to.deep.equal(value);
    } finally {
      await pool.close();
    }
  });

  it("keeps the WorkerPool API: bounded queue, trySubmit, submit's back-pressure, pause/resume, results, metrics", async () => {
    const pool = new ThreadPool({ concurrency: 1, queueSize: 1, results: 8 });
    const gate = new Int32Array(new SharedArrayBuffer(4));
    const runs = runCounts(4);
    try {
      const first = await pool.submit(jobs, 'markThenHold', [runs, 0, gate]);
      await eventually(() => Atomics.load(runs, 0) === 1, 5000, 'the first job runs');
      const second = pool.trySubmit(jobs, 'mark', [runs, 1]); // queued
      expect(second).to.not.equal(undefined);
      expect(pool.trySubmit(jobs, 'mark', [runs, 2]), 'the queue is full').to.equal(undefined);
      let accepted = false;
      const third = pool.submit(jobs, 'mark', [runs, 3]).then((job) => ((accepted = true), job));
      await sleep(20);
      expect(accepted, 'submit waits for room').to.equal(false);
      expect(pool.metrics()).to.include({ queueDepth: 1, waitingSubmitters: 1, busyWorkers: 1 });
      pool.pause();
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
      expect(await first.result).to.equal(0);
      await sleep(20);
      expect(runs[1], 'paused: the queued job waits').to.equal(0);
      pool.resume();
      expect(await second!.result).to.equal(1);
      expect(await (await third).result).to.equal(3);
      const reported = [];
      for (let i = 0; i < 3; i++) reported.push((await pool.results!.recv())!);
      expect(reported.map((r) => [r.id, r.ok])).to.deep.equal([
        [1, true],
        [2, true],
        [3, true],
      ]);
      const metrics = pool.metrics();
      expect(metrics).to.include({ processed: 3, succeeded: 3, failed: 0, inFlight: 0 });
      expect(metrics.runTime.count).to.be.above(0);
      expect(metrics.runTime.p99).to.be.at.least(metrics.runTime.p50);
      expect([...runs]).to.deep.equal([1, 1, 0, 1]);
    } finally {
      await pool.close();
    }
  });

  it('a job aborted before its thread took it never runs, and the thread is kept (not terminated)', async () => {
    const started = threadsStarted();
    const pool = new ThreadPool({ concurrency: 1 }); // its thread is still starting: it takes nothing yet
    const runs = runCounts(2);
    try {
      const controller = new AbortController();
      const aborted = pool.run(jobs, 'mark', [runs, 0], { signal: controller.signal }).catch((e: unknown) => e);
      const reason = new Error('changed my mind');
      controller.abort(reason);
      expect(await aborted).to.equal(reason);
      expect(await pool.run(jobs, 'mark', [runs, 1])).to.equal(1);
      expect([...runs]).to.deep.equal([0, 1]);
      expect(threadsStarted() - started, 'threads started').to.equal(1);
      expect(pool.metrics().processed).to.equal(2);
    } finally {
      await pool.close();
    }
  });

  it('an idle thread keeps running what its last job left behind (its event loop turns)', async () => {
    const pool = new ThreadPool({ concurrency: 1 });
    try {
      const flag = new Int32Array(new SharedArrayBuffer(4));
      expect(await pool.run(jobs, 'later', [flag, 30])).to.equal(0);
      await eventually(() => Atomics.load(flag, 0) === 1, 5000, 'the timer left by the job fired in the idle thread');
    } finally {
      await pool.close();
    }
  });

  it('a dynamic pool stops idle threads after idleTimeout and starts them again on demand', async () => {
    const pool = new ThreadPool({ min: 0, max: 2, idleTimeout: 50 });
    try {
      const runs = runCounts(4);
      const gate = new Int32Array(new SharedArrayBuffer(4));
      const both = Promise.all([0, 1].map((i) => pool.run(jobs, 'markThenHold', [runs, i, gate])));
      await eventually(() => Atomics.load(runs, 0) === 1 && Atomics.load(runs, 1) === 1, 5000, 'both jobs run');
      expect(pool.threadCount, 'threads while both jobs run').to.equal(2);
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
      await both;
      await eventually(() => pool.threadCount === 0, 5000, 'the idle threads stopped');
      expect(await Promise.all([2, 3].map((i) => pool.run(jobs, 'mark', [runs, i])))).to.deep.equal([2, 3]);
      expect([...runs]).to.deep.equal([1, 1, 1, 1]);
    } finally {
      await pool.close();
    }
  });

  it("the pool's signal and close's signal stop the running jobs' threads", async () => {
    for (const via of ['pool', 'close'] as const) {
      const controller = new AbortController();
      const pool = new ThreadPool({ concurrency: 1, ...(via === 'pool' ? { signal: controller.signal } : {}) });
      const runs = runCounts(2);
      const running = pool.run(jobs, 'markThenSpin', [runs, 0, 10_000]).catch((e: unknown) => e);
      const queued = pool.run(jobs, 'mark', [runs, 1]).catch((e: unknown) => e);
      await eventually(() => Atomics.load(runs, 0) === 1, 5000, 'the job started');
      const closed = via === 'close' ? pool.close({ signal: controller.signal }).catch((e: unknown) => e) : undefined;
      controller.abort('enough');
      expect(await running, via).to.equal('enough');
      expect(await queued, via).to.be.instanceOf(PoolAbortedError);
      if (closed !== undefined) expect(await closed).to.equal('enough');
      await eventually(() => pool.threadCount === 0, 5000, 'the threads stopped');
      expect(runs[1], via).to.equal(0);
    }
  });

  it('a job aborted while its thread still loads its module never runs, and the thread is kept', async () => {
    const pool = new ThreadPool({ concurrency: 1 });
    try {
      await pool.run(jobs, 'thread', []); // the thread is up
      const started = threadsStarted();
      const controller = new AbortController();
      const slow = new URL('./fixtures/slow-module.ts', import.meta.url);
      const aborted = pool.run(slow, 'countCalls', [], { signal: controller.signal }).catch((e: unknown) => e);
      await sleep(150); // the thread has taken the job and waits for the module
      controller.abort('stop');
      expect(await aborted).to.equal('stop');
      // The next call, on the same thread once the module has loaded, is its first: the aborted job never ran.
      expect(await pool.run(slow, 'countCalls', [])).to.equal(1);
      expect(threadsStarted(), 'no thread was started to replace it').to.equal(started);
    } finally {
      await pool.close();
    }
  });

  it('a job that a signal aborts while its thread runs it has the thread replaced; the next job runs', async () => {
    const pool = new ThreadPool({ concurrency: 1 });
    const runs = runCounts(2);
    try {
      await pool.run(jobs, 'thread', []); // the thread is up
      const controller = new AbortController();
      const running = pool.run(jobs, 'markThenSpin', [runs, 0, 10_000], { signal: controller.signal }).catch((e: unknown) => e);
      await eventually(() => Atomics.load(runs, 0) === 1, 5000, 'the job started');
      controller.abort('stop');
      expect(await running).to.equal('stop');
      expect(await pool.run(jobs, 'mark', [runs, 1])).to.equal(1);
      expect(pool.threadCount).to.equal(1);
    } finally {
      await pool.close();
    }
  });
});

describe('ThreadPool: jobsPerThread', function () {
  this.timeout(30_000);
  const work = new URL('./fixtures/work.ts', import.meta.url);

  it('is checked at construction, and the WorkerPool counts a place per job', async () => {
    for (const bad of [0, 1.5, 65, Number.NaN, '2']) {
      expect(() => new ThreadPool({ jobsPerThread: bad as number }), String(bad)).to.throw(
        RangeError,
        /jobsPerThread must be an integer from 1 to 64/,
      );
    }
    expect(() => new ThreadPool({ concurrency: 0, jobsPerThread: 2 })).to.throw(
      RangeError,
      /ThreadPool: concurrency must be .*got 0/,
    );
    expect(() => new ThreadPool({ max: 2, min: -1, jobsPerThread: 2 })).to.throw(RangeError, /ThreadPool: min must be .*got -1/);
    const pool = new ThreadPool({ concurrency: 2, jobsPerThread: 3 });
    try {
      expect(pool.metrics().workers).to.equal(6);
      expect(pool.threadCount).to.equal(2);
    } finally {
      await pool.close();
    }
  });

  it('a dynamic pool keeps its minimum of whole threads (max only: one), and does not restart it', async () => {
    const pool = new ThreadPool({ max: 2, jobsPerThread: 4, idleTimeout: 30 });
    try {
      await Promise.all(Array.from({ length: 8 }, () => pool.run(jobs, 'sum', [1])));
      await eventually(() => pool.threadCount === 1, 5000, 'the pool shrinks to its minimum');
      const started = threadsStarted();
      await sleep(200);
      expect(pool.threadCount).to.equal(1);
      expect(threadsStarted(), 'no thread was stopped and started again').to.equal(started);
    } finally {
      await pool.close();
    }
  });

  it('runs asynchronous jobs side by side on one thread: a receive parked in one job gets the value another job sends', async () => {
    const pool = new ThreadPool({ concurrency: 1, jobsPerThread: 2 });
    try {
      const ch = new SharedChan<number>(0);
      const received = pool.run(work, 'receiveOnce', [ch, false]);
      const sent = pool.run(work, 'produce', [ch, 7, 1, false]);
      expect(await sent).to.equal(1);
      expect(await received).to.equal(7_000_000);
      expect(pool.threadCount).to.equal(1);
    } finally {
      await pool.close();
    }
  });

  it('runs a pipeline of more waiting stages than threads (with one job per thread, it would stall)', async () => {
    const pool = new ThreadPool({ concurrency: 2, jobsPerThread: 2 });
    const stages = new URL('./fixtures/channel-work.ts', import.meta.url);
    try {
      const squares = new SharedChan<number>(0, { type: 'number' });
      const numbers = new SharedChan<number>(0, { type: 'number' });
      const source = pool.run(stages, 'pipelineSource', [numbers, 100]);
      const square = pool.run(stages, 'pipelineSquare', [numbers, squares]);
      expect(await pool.run(stages, 'pipelineSum', [squares])).to.equal(328_350);
      await Promise.all([source, square]);
    } finally {
      await pool.close();
    }
  });

  it('starts the synchronous jobs given to one thread in the order they were submitted', async () => {
    const pool = new ThreadPool({ concurrency: 1, jobsPerThread: 4 });
    const n = 60;
    const log = runCounts(n + 1);
    try {
      const places = await Promise.all(Array.from({ length: n }, (_, i) => pool.run(jobs, 'logOrder', [log, i])));
      expect(places).to.deep.equal(Array.from({ length: n }, (_, i) => i));
      expect([...log.subarray(1)]).to.deep.equal(Array.from({ length: n }, (_, i) => i));
    } finally {
      await pool.close();
    }
  });

  it('a job that overruns its timeout takes its thread down; the jobs the thread had not started run on another thread', async () => {
    const pool = new ThreadPool({ concurrency: 1, jobsPerThread: 3 });
    const runs = runCounts(3);
    try {
      await pool.run(jobs, 'thread', []); // the thread is up
      const overrun = pool.run(jobs, 'markThenSpin', [runs, 0, 10_000], { timeout: 500 }).catch((e: unknown) => e);
      const queued = [pool.run(jobs, 'mark', [runs, 1]), pool.run(jobs, 'sum', [2])];
      expect(await overrun).to.be.instanceOf(JobTimeoutError);
      expect(await Promise.all(queued)).to.deep.equal([1, 2]);
      expect([...runs]).to.deep.equal([1, 1, 0]);
      expect(pool.threadCount).to.equal(1);
    } finally {
      await pool.close();
    }
  });

  it('a job running beside one that overran its timeout fails with ThreadExitedError (their thread was stopped)', async () => {
    const pool = new ThreadPool({ concurrency: 1, jobsPerThread: 2 });
    const runs = runCounts(1);
    try {
      // Both modules loaded on the thread: the parked job starts as soon as the thread takes it.
      await Promise.all([pool.run(jobs, 'thread', []), pool.run(work, 'add', [1, 2])]);
      const parked = pool.run(work, 'receiveOnce', [new SharedChan<number>(0), false]).catch((e: unknown) => e);
      await sleep(50); // it has started and parked
      const overrun = pool.run(jobs, 'markThenSpin', [runs, 0, 10_000], { timeout: 200 }).catch((e: unknown) => e);
      expect(await overrun).to.be.instanceOf(JobTimeoutError);
      expect(await parked)
        .to.be.instanceOf(ThreadExitedError)
        .with.property('message')
        .that.matches(/overran its timeout/);
      expect(await pool.run(jobs, 'sum', [1, 2])).to.equal(3);
    } finally {
      await pool.close();
    }
  });
});
