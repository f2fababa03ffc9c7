// Defects found by attack (issue 8): each test here failed before its fix.
import { getEventListeners } from 'node:events';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { Chan } from '@csp/channel';
import { spend, TURN_BUDGET } from '@csp/channel/internal';
import {
  fanOut,
  fnv32a,
  map,
  merge,
  orDone,
  PartitionedQueue,
  pipeline,
  type PartitionKey,
  RateLimiter,
  WorkerPool,
} from '@csp/patterns';
import { runProgram, type ChildResult } from '../../channel/test/helpers.js';
import { collect, deferred, thrownBy } from './helpers.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const header = 'fatal error: all goroutines are asleep - deadlock!';

/** Collects the process warnings named `name` emitted while `body` runs (and one turn after). */
async function warningsDuring(name: string, body: () => Promise<void>): Promise<Error[]> {
  const seen: Error[] = [];
  const listener = (warning: Error): void => {
    if (warning.name === name) seen.push(warning);
  };
  process.on('warning', listener);
  try {
    await body();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listener);
  }
  return seen;
}

describe('issue 8 defects in @csp/patterns', () => {
  it('defect 1: a late submit handle never turns a failing job into an unhandled rejection', async function () {
    this.timeout(30_000);
    const { code, stdout, stderr } = await runProgram(fixture('pool-late-handle.ts'), [], {
      nodeArgs: ['--unhandled-rejections=strict'],
    });
    expect(stderr).to.equal('');
    expect(code).to.equal(0);
    expect(stdout).to.equal('6000\n');
  });

  it('defect 1: the result of a job that fails inside submit is held even when only the handle is late', async () => {
    const pool = new WorkerPool({ concurrency: 1 });
    const unhandled: unknown[] = [];
    const record = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      await new Promise((resolve) => setImmediate(resolve)); // a fresh turn: a full budget
      for (let i = 0; i < TURN_BUDGET - 2; i++) spend(); // the worker gets the last unit, the handle does not
      const job = await pool.submit(() => {
        throw new Error('boom');
      });
      const outcome = await job.result.then(
        () => 'resolved',
        (error: Error) => error.message,
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(outcome).to.equal('boom');
      expect(unhandled).to.deep.equal([]);
    } finally {
      process.off('unhandledRejection', record);
    }
    await pool.close();
  });

  it('defect 6: 40k queued jobs sharing one signal keep one abort listener and warn nothing', async () => {
    const controller = new AbortController();
    const { signal } = controller;
    const pool = new WorkerPool<number>({ concurrency: 1 });
    const gate = deferred();
    const warnings = await warningsDuring('MaxListenersExceededWarning', async () => {
      pool.trySubmit(() => gate.promise as Promise<never>);
      const results: Promise<number>[] = [];
      for (let i = 0; i < 40_000; i++) results.push(pool.run(() => i, { signal }));
      expect(getEventListeners(signal, 'abort').length).to.be.at.most(1);
      gate.resolve();
      const values = await Promise.all(results);
      expect(values[39_999]).to.equal(39_999);
    });
    expect(warnings).to.deep.equal([]);
    expect(getEventListeners(signal, 'abort')).to.have.length(0);
    await pool.close();
  });

  it('defect 6: fanOut(…, 16) and a pipeline of stages add at most one listener to the signal', async () => {
    const controller = new AbortController();
    const { signal } = controller;
    const input = new Chan<number>();
    const warnings = await warningsDuring('MaxListenersExceededWarning', async () => {
      const outputs = fanOut(input, 16, (value) => value * 2, { signal });
      const merged = merge(outputs, { signal });
      expect(getEventListeners(signal, 'abort').length).to.be.at.most(1);
      const run = pipeline(
        input,
        map((value: number) => value),
        { signal },
      );
      expect(getEventListeners(signal, 'abort').length).to.be.at.most(1);
      controller.abort(new Error('stop'));
      expect(await collect(merged)).to.deep.equal([]);
      await run.wait().catch(() => {});
    });
    expect(warnings).to.deep.equal([]);
  });

  it('defect 7: number and bigint keys hash as Go formats them; other keys throw a TypeError at the call', () => {
    const queue = new PartitionedQueue<string, PartitionKey>({ partitions: 16 });
    expect(queue.partition(42)).to.equal(fnv32a('42') % 16);
    expect(queue.partition(7)).to.equal(fnv32a('7') % 16);
    expect(queue.partition(42)).to.not.equal(queue.partition(7));
    expect(queue.partition(42n)).to.equal(queue.partition('42'));
    expect(queue.partition(-3)).to.equal(queue.partition('-3'));
    expect(queue.partition(1.5)).to.equal(queue.partition('1.5'));
    expect(queue.partition(2 ** 60)).to.equal(queue.partition('1.152921504606847e+18'));
    expect(queue.partition(1e-7)).to.equal(queue.partition('1e-07'));
    expect(queue.partition(Number.NaN)).to.equal(queue.partition('NaN'));
    expect(queue.partition(Number.POSITIVE_INFINITY)).to.equal(queue.partition('+Inf'));
    for (const bad of [undefined, null, {}, Symbol('k'), true]) {
      const error = thrownBy(() => queue.partition(bad as never));
      expect(error).to.be.instanceOf(TypeError);
      expect((error as Error).message).to.match(/^PartitionedQueue\.partition: key must be a string, number or bigint/);
      expect(thrownBy(() => queue.trySend('x', bad as never))).to.be.instanceOf(TypeError);
      expect(thrownBy(() => void queue.send('x', bad as never))).to.be.instanceOf(TypeError);
    }
  });

  it('defect 9: pattern calls throw a clear TypeError or RangeError at the call', async () => {
    const expectThrow = (fn: () => unknown, type: typeof TypeError, message: RegExp): void => {
      const error = thrownBy(fn);
      expect(error, String(error)).to.be.instanceOf(type);
      expect((error as Error).message).to.match(message);
    };
    expectThrow(() => merge(null as never), TypeError, /^merge: inputs must be an array of channels, got null/);
    expectThrow(() => merge([42] as never), TypeError, /^merge: inputs\[0\] must be a channel, got 42/);
    expectThrow(() => map(42 as never), TypeError, /^map: fn must be a function, got 42/);
    expectThrow(() => orDone(null, 42 as never), TypeError, /^orDone: input must be a channel, got 42/);
    expectThrow(() => orDone(42 as never, new Chan()), TypeError, /^orDone: done must be a channel or null, got 42/);
    expectThrow(() => new WorkerPool(undefined as never), TypeError, /^WorkerPool: options must be given/);
    expectThrow(() => new RateLimiter(undefined as never), TypeError, /^RateLimiter: options must be given/);
    expectThrow(() => new PartitionedQueue(undefined as never), TypeError, /^PartitionedQueue: options must be given/);
    const pool = new WorkerPool({ concurrency: 1 });
    expectThrow(() => pool.run(42 as never), TypeError, /^WorkerPool\.run: fn must be a function, got 42/);
    expectThrow(() => pool.submit('x' as never), TypeError, /^WorkerPool\.submit: fn must be a function, got 'x'/);
    expectThrow(() => pool.trySubmit(null as never), TypeError, /^WorkerPool\.trySubmit: fn must be a function/);
    const notASignal = { signal: new AbortController().signal } as never;
    expectThrow(
      () => pool.submit(() => 1, { signal: notASignal }),
      TypeError,
      /WorkerPool\.submit: \{ signal \} must be an AbortSignal/,
    );
    expectThrow(() => pool.run(() => 1, { signal: notASignal }), TypeError, /WorkerPool\.run: \{ signal \}/);
    expectThrow(() => pool.close({ signal: notASignal }), TypeError, /WorkerPool\.close: \{ signal \}/);
    expectThrow(() => new WorkerPool({ concurrency: 1, signal: notASignal }), TypeError, /WorkerPool: \{ signal \}/);
    expectThrow(() => new RateLimiter({ interval: 1, signal: notASignal }), TypeError, /RateLimiter: \{ signal \}/);
    expectThrow(() => map((v) => v)(new Chan(), { signal: notASignal }), TypeError, /map: \{ signal \}/);
    expectThrow(() => merge([], { signal: notASignal }), TypeError, /merge: \{ signal \}/);
    expectThrow(() => pipeline(new Chan(), { signal: notASignal }), TypeError, /pipeline: \{ signal \}/);
    const queue = new PartitionedQueue<number>({ partitions: 1 });
    expectThrow(() => queue.consume(() => {}, { signal: notASignal }), TypeError, /PartitionedQueue\.consume: \{ signal \}/);
    // Nothing changed: the pool still runs jobs and closes.
    expect(await pool.run(() => 7)).to.equal(7);
    await pool.close();
  });

  describe('defect 8: the deadlock report', () => {
    let copyDir = '';
    const runs = new Map<string, ChildResult>();

    before(async function () {
      this.timeout(40_000);
      copyDir = await mkdtemp(join(tmpdir(), 'csp-channel-copy-'));
      await cp(fileURLToPath(new URL('../../channel/src/', import.meta.url)), join(copyDir, 'src'), { recursive: true });
      await writeFile(join(copyDir, 'package.json'), '{ "type": "module" }\n');
      const programs: [string, string[]][] = [
        ['deadlock-clean-patterns.ts', []],
        ['deadlock-patterns-user.ts', []],
        ['deadlock-second-copy.ts', [join(copyDir, 'src')]],
      ];
      const results = await Promise.all(programs.map(([name, args]) => runProgram(fixture(name), args)));
      programs.forEach(([name], i) => runs.set(name, results[i]!));
    });

    after(async () => {
      if (copyDir !== '') await rm(copyDir, { recursive: true, force: true });
    });

    it("ignores the library's own parked operations (un-stopped RateLimiter, unread PriorityQueue)", () => {
      const { code, stdout, stderr } = runs.get('deadlock-clean-patterns.ts')!;
      expect(stderr).to.equal('');
      expect(code).to.equal(0);
      expect(stdout).to.equal('3\ndone\n');
    });

    it("names the user's line for a wait on a RateLimiter and a PriorityQueue, with no library frame", () => {
      const { code, stderr } = runs.get('deadlock-patterns-user.ts')!;
      expect(code).to.equal(2);
      expect(stderr.startsWith(`${header}\n`), stderr).to.equal(true);
      const goroutines = stderr
        .split('\n\n')
        .slice(1)
        .filter((block) => block.trim() !== '');
      expect(goroutines, stderr).to.have.length(2);
      expect(goroutines[0]).to.match(/^goroutine 1 \[chan receive\] on RateLimiter\.tokens:\n/);
      expect(goroutines[1]).to.match(/^goroutine 2 \[chan receive\] on work:\n/);
      for (const goroutine of goroutines) {
        expect(goroutine.split('\n')[1]).to.contain(`${fixture('deadlock-patterns-user.ts')}:8:`);
      }
      expect(stderr).to.not.match(/packages[\\/](channel|sync|patterns)[\\/]src/);
    });

    it('is shared by two copies of @csp/channel in one process', () => {
      const { code, stderr } = runs.get('deadlock-second-copy.ts')!;
      expect(stderr.startsWith(`${header}\n`), stderr).to.equal(true);
      expect(stderr).to.contain('[sync.Mutex.Lock]');
      expect(stderr).to.contain(`${fixture('deadlock-second-copy.ts')}:11:`);
      expect(code).to.equal(2);
    });
  });
});
