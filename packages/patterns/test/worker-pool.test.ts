// WorkerPool: exactly-once processing under random close / abort / timeouts / throwing jobs, the
// concurrency bound, dynamic growth and shrinking, back-pressure, timeouts that keep their slot,
// pause/resume, graceful close, abort, per-job signals, results channel, priorities, settings.
import { expect } from 'chai';
import fc from 'fast-check';
import {
  JobTimeoutError,
  PoolAbortedError,
  SubmitOnClosedPoolError,
  WorkerPool,
  type JobResult,
  type PoolOptions,
} from '@csp/patterns';
import { Chan, close, time } from '@csp/channel';
import { DeadlineExceededError } from '@csp/sync';
import { synctest } from '@csp/testing';
import { collect, deferred, flush, Gauge, thrownBy, track } from './helpers.js';

type Behaviour = { kind: 'ok' | 'throw' | 'reject' | 'slow'; ms: number };

const behaviour: fc.Arbitrary<Behaviour> = fc.record({
  kind: fc.constantFrom<Behaviour['kind']>('ok', 'ok', 'throw', 'reject', 'slow'),
  ms: fc.integer({ min: 0, max: 3 }),
});

const poolShape: fc.Arbitrary<PoolOptions> = fc.oneof(
  fc.record({ concurrency: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ min: fc.integer({ min: 0, max: 2 }), max: fc.integer({ min: 2, max: 4 }), idleTimeout: fc.constant(5) }),
);

/**
 * The invariants in WorkerPool's header comment, read from outside through `metrics()`: returns
 * the ones that do not hold (recorded, then asserted once the schedule has settled).
 */
function invariantViolations(pool: WorkerPool<any>, shape: PoolOptions, queueSize: number | undefined): string[] {
  const m = pool.metrics();
  const max = shape.concurrency ?? shape.max!;
  const min = shape.concurrency ?? shape.min ?? Math.min(1, max);
  const violations: string[] = [];
  if (m.workers > max) violations.push(`workers ${m.workers} > max ${max}`);
  if (m.workers < min) violations.push(`workers ${m.workers} < min ${min}`);
  if (m.busyWorkers > m.workers) violations.push(`running ${m.busyWorkers} > workers ${m.workers}`);
  if (m.queueDepth > (queueSize ?? Number.POSITIVE_INFINITY)) violations.push(`queued ${m.queueDepth} > queueSize ${queueSize}`);
  if (m.waitingSubmitters > 0 && m.queueDepth < (queueSize ?? Number.POSITIVE_INFINITY)) {
    violations.push(`a submit waits while the queue has room (${m.queueDepth} < ${queueSize})`);
  }
  if (m.inFlight < 0 || m.created !== m.processed + m.canceled + m.inFlight)
    violations.push(`job accounting ${JSON.stringify(m)}`);
  return violations;
}

describe('WorkerPool', () => {
  it('processes every accepted job exactly once under random close / abort / timeout / throws (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        poolShape,
        fc.array(behaviour, { maxLength: 20 }),
        fc.constantFrom<number | undefined>(undefined, 0, 2, 5),
        fc.constantFrom('close', 'abort', 'abort-late'),
        fc.boolean(),
        (shape, jobs, queueSize, ending, withResults) =>
          synctest.test(async () => {
            const pool = new WorkerPool<number>({ ...shape, queueSize, timeout: 6, results: withResults ? 4 : undefined });
            const max = shape.concurrency ?? shape.max!;
            const gauge = new Gauge();
            const calls = jobs.map(() => 0);
            const reported: JobResult<number>[] = [];
            const reading =
              pool.results === null ? Promise.resolve() : collect(pool.results).then((all) => reported.push(...all));
            const outcomes: Promise<{ ok: boolean; value: unknown }>[] = [];
            const violations: string[] = [];
            const check = (): void => {
              if (!pool.done().tryRecv()) violations.push(...invariantViolations(pool, shape, queueSize));
            };
            const submitting = (async () => {
              for (const [i, job] of jobs.entries()) {
                const result = pool.run(async ({ signal }) => {
                  calls[i]!++;
                  gauge.enter();
                  check();
                  try {
                    if (job.kind === 'slow') {
                      // Runs until stopped by its timeout (or by the pool's abort), and keeps its slot meanwhile.
                      await new Promise((resolve) => signal.addEventListener('abort', resolve));
                      throw signal.reason;
                    }
                    await time.sleep(job.ms);
                    if (job.kind === 'throw') throw new Error(`job ${i}`);
                    if (job.kind === 'reject') return Promise.reject(new Error(`job ${i}`));
                    return i;
                  } finally {
                    gauge.leave();
                  }
                });
                outcomes.push(
                  result.then(
                    (value) => ({ ok: true, value }),
                    (value: unknown) => ({ ok: false, value }),
                  ),
                );
                check();
                if (i % 3 === 0) await time.sleep(0);
              }
            })();
            if (ending === 'abort') {
              await time.sleep(2);
              await pool.abort(new Error('stop'));
            } else if (ending === 'abort-late') {
              await submitting;
              await time.sleep(4);
              await pool.abort(new Error('stop'));
            } else {
              await submitting;
              await pool.close();
            }
            await submitting;
            const settled = await Promise.all(outcomes);
            await reading;

            expect(violations).to.deep.equal([]);
            expect(gauge.peak).to.be.at.most(max);
            const metrics = pool.metrics();
            for (const [i, outcome] of settled.entries()) {
              expect(calls[i]).to.be.at.most(1);
              if (calls[i] === 0) {
                // Never ran: it was still waiting for room when the pool was closed (never accepted),
                // or the pool was aborted before it started.
                expect(outcome.ok).to.equal(false);
                if (ending === 'close') expect(outcome.value).to.be.instanceOf(SubmitOnClosedPoolError);
                else
                  expect(outcome.value).to.satisfy(
                    (e: unknown) => e instanceof PoolAbortedError || e instanceof SubmitOnClosedPoolError,
                  );
                continue;
              }
              const job = jobs[i]!;
              if (job.kind === 'slow' && ending !== 'close' && (outcome.value as Error).message === 'stop') continue;
              if (job.kind === 'slow') expect(outcome.value).to.be.instanceOf(JobTimeoutError);
              else if (job.kind === 'ok') expect(outcome).to.deep.equal({ ok: true, value: i });
              else expect((outcome.value as Error).message).to.equal(`job ${i}`);
            }
            const ran = calls.filter((n) => n === 1).length;
            if (ending === 'close') expect(ran).to.equal(metrics.created); // graceful close loses nothing accepted
            expect(metrics.processed).to.equal(ran);
            expect(metrics.processed + metrics.canceled).to.equal(metrics.created);
            expect(metrics.inFlight).to.equal(0);
            if (withResults) expect(reported.map((r) => r.id).sort((a, b) => a - b)).to.have.length(ran);
          }),
      ),
      { numRuns: Number(process.env.PATTERNS_RUNS ?? 40) },
    );
  });

  it('never runs more than `concurrency` jobs and reports a thrown job as that job’s error only', () =>
    synctest.test(async () => {
      const pool = new WorkerPool({ concurrency: 3 });
      const gauge = new Gauge();
      const workers = new Set<number>();
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          pool.run(async ({ worker }) => {
            workers.add(worker);
            gauge.enter();
            await time.sleep(1);
            gauge.leave();
            if (i === 4) throw new Error('four');
            if (i === 5) return Promise.reject(new Error('five'));
            return i;
          }),
        ),
      );
      expect(gauge.peak).to.equal(3);
      expect(workers.size).to.equal(3);
      expect(
        results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.message),
      ).to.deep.equal(['four', 'five']);
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(18);
      const syncThrow = pool.run(() => {
        throw new Error('sync');
      });
      await syncThrow.then(
        () => expect.fail('expected a rejection'),
        (error: unknown) => expect((error as Error).message).to.equal('sync'),
      );
      expect(await pool.run(() => 'still working')).to.equal('still working');
      await pool.close();
    }));

  it('a dynamic pool grows to max under backlog and shrinks back to min when idle', () =>
    synctest.test(async () => {
      const pool = new WorkerPool({ min: 1, max: 4, idleTimeout: 15 });
      expect(pool.metrics().workers).to.equal(1);
      const gauge = new Gauge();
      const jobs = Array.from({ length: 16 }, () =>
        pool.run(async () => {
          gauge.enter();
          await time.sleep(4);
          gauge.leave();
        }),
      );
      await synctest.wait();
      expect(pool.metrics().workers).to.equal(4);
      await Promise.all(jobs);
      expect(gauge.peak).to.equal(4);
      await time.sleep(14);
      expect(pool.metrics().workers, 'idle for 14 ms of 15').to.equal(4);
      await time.sleep(1);
      expect(pool.metrics().workers, 'idle for 15 ms').to.equal(1);
      const more = Array.from({ length: 8 }, () => pool.run(() => time.sleep(3)));
      await synctest.wait();
      expect(pool.metrics().workers).to.equal(4);
      await Promise.all(more);
      await pool.close();
    }));

  it('growAt: a dynamic pool starts another worker only once that many jobs wait', async () => {
    const pool = new WorkerPool({ min: 1, max: 3, growAt: 3 });
    const gate = deferred();
    const jobs = [pool.run(() => gate.promise), pool.run(() => gate.promise), pool.run(() => gate.promise)];
    expect(pool.metrics().workers).to.equal(1); // 2 waiting
    jobs.push(pool.run(() => gate.promise));
    expect(pool.metrics().workers).to.equal(2); // the 3rd waiting job started a worker
    gate.resolve();
    await Promise.all(jobs);
    await pool.close();
  });

  it('bounded queue: trySubmit refuses and submit waits while full (back-pressure)', async () => {
    const pool = new WorkerPool({ concurrency: 1, queueSize: 1 });
    const gate = deferred();
    const running = pool.trySubmit(() => gate.promise);
    const queued = pool.trySubmit(() => 'queued');
    expect(running).to.not.equal(undefined);
    expect(queued).to.not.equal(undefined);
    expect(pool.trySubmit(() => 'refused')).to.equal(undefined);
    const waiting = track(pool.submit(() => 'waited'));
    await flush();
    expect(waiting.state).to.equal('pending');
    expect(pool.metrics().waitingSubmitters).to.equal(1);
    gate.resolve();
    await flush();
    expect(waiting.state).to.equal('resolved');
    expect(await waiting.value!.result).to.equal('waited');
    expect(await queued!.result).to.equal('queued');
    await pool.close();
  });

  it('queueSize 0: each submit waits until a worker takes the job (rendezvous)', async () => {
    const pool = new WorkerPool({ concurrency: 1, queueSize: 0 });
    const gate = deferred();
    const first = await pool.submit(() => gate.promise);
    const second = track(pool.submit(() => 2));
    await flush();
    expect(second.state).to.equal('pending');
    gate.resolve();
    await first.result;
    await flush();
    expect(await second.value!.result).to.equal(2);
    await pool.close();
  });

  it('a timed-out job rejects at its deadline but keeps its slot until it settles', () =>
    synctest.test(async () => {
      const pool = new WorkerPool({ concurrency: 1 });
      const gate = new Chan<void>();
      let sawAbort: unknown;
      let secondStarted = false;
      const slow = pool.run(
        async ({ signal }) => {
          await gate.recv(); // ignores its signal
          sawAbort = signal.reason;
          return 'late';
        },
        { timeout: 5 },
      );
      const next = pool.run(() => (secondStarted = true));
      const started = time.now();
      expect(await slow.catch((e: unknown) => e)).to.be.instanceOf(JobTimeoutError);
      expect(time.since(started)).to.equal(5);
      await time.sleep(5);
      expect(secondStarted).to.equal(false); // the slot is still taken by the timed-out job
      expect(pool.metrics().busyWorkers).to.equal(1);
      close(gate);
      await next;
      expect(sawAbort).to.be.instanceOf(JobTimeoutError);
      expect(sawAbort).to.be.instanceOf(DeadlineExceededError); // Go's context.DeadlineExceeded
      expect(pool.metrics().timedOut).to.equal(1);
      await pool.close();
    }));

  it('pause stops starting jobs; resume starts them again', async () => {
    const pool = new WorkerPool({ concurrency: 2 });
    pool.pause();
    expect(pool.paused).to.equal(true);
    let ran = 0;
    const jobs = Array.from({ length: 4 }, () => pool.run(() => ran++));
    await flush();
    expect(ran).to.equal(0);
    expect(pool.metrics().queueDepth).to.equal(4);
    pool.resume();
    await Promise.all(jobs);
    expect(ran).to.equal(4);
    await pool.close();
  });

  it('close refuses new jobs, rejects submits waiting for room, and finishes every accepted job', async () => {
    const pool = new WorkerPool({ concurrency: 1, queueSize: 2 });
    const done: number[] = [];
    const gate = deferred();
    const accepted = await Promise.all(
      [0, 1, 2].map((i) =>
        pool.submit(async () => {
          await gate.promise;
          done.push(i);
        }),
      ),
    );
    const waiting = pool.submit(() => 'never');
    const closing = pool.close();
    gate.resolve();
    expect(await waiting.catch((e: unknown) => e)).to.be.instanceOf(SubmitOnClosedPoolError);
    expect(await pool.run(() => 1).catch((e: unknown) => e)).to.be.instanceOf(SubmitOnClosedPoolError);
    expect(thrownBy(() => pool.trySubmit(() => 1))).to.be.instanceOf(SubmitOnClosedPoolError);
    await closing;
    await Promise.all(accepted.map((job) => job.result));
    expect(done).to.deep.equal([0, 1, 2]);
    expect(await pool.done().recvOk()).to.deep.equal([undefined, false]);
    await pool.close(); // again: the same wait
  });

  it('abort rejects queued jobs with PoolAbortedError and aborts the running ones’ signals', async () => {
    const pool = new WorkerPool({ concurrency: 1 });
    const reason = new Error('shutting down');
    let seen: unknown;
    const running = pool.run(async ({ signal }) => {
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      seen = signal.reason;
      return 'stopped';
    });
    const queued = pool.run(() => 'never');
    const aborting = track(pool.abort(reason));
    const error = await queued.catch((e: unknown) => e);
    expect(error).to.be.instanceOf(PoolAbortedError);
    expect((error as PoolAbortedError).cause).to.equal(reason);
    expect(await running).to.equal('stopped');
    expect(seen).to.equal(reason);
    await flush();
    expect(aborting.state).to.equal('resolved');
    expect(pool.metrics().canceled).to.equal(1);
  });

  it("close({ signal }) turns into abort when the signal fires; the pool's signal option aborts it", async () => {
    const pool = new WorkerPool({ concurrency: 1 });
    const gate = deferred();
    const running = pool.run(({ signal }) =>
      Promise.race([gate.promise, new Promise((r) => signal.addEventListener('abort', r))]),
    );
    const queued = pool.run(() => 1);
    const controller = new AbortController();
    const closing = pool.close({ signal: controller.signal });
    controller.abort(new Error('deadline'));
    expect(((await closing.catch((e: unknown) => e)) as Error).message).to.equal('deadline');
    expect(await queued.catch((e: unknown) => e)).to.be.instanceOf(PoolAbortedError);
    await running;

    const gone = new WorkerPool({ concurrency: 1, signal: AbortSignal.abort(new Error('already')) });
    expect(await gone.run(() => 1).catch((e: unknown) => e)).to.be.instanceOf(SubmitOnClosedPoolError);
    expect(await gone.done().recvOk()).to.deep.equal([undefined, false]);

    const owner = new AbortController();
    const owned = new WorkerPool({ concurrency: 1, signal: owner.signal });
    owned.pause();
    const job = owned.run(() => 1);
    owner.abort(new Error('owner gone'));
    expect(await job.catch((e: unknown) => e)).to.be.instanceOf(PoolAbortedError);
  });

  it("a submitter's signal removes its queued job, or gives up on its running job", async () => {
    const pool = new WorkerPool({ concurrency: 1 });
    const gate = deferred();
    const controller = new AbortController();
    let ranQueued = false;
    let runningSignal: AbortSignal | undefined;
    const running = pool.run(
      ({ signal }) => {
        runningSignal = signal;
        return gate.promise;
      },
      { signal: controller.signal },
    );
    const queued = pool.run(() => (ranQueued = true), { signal: controller.signal });
    controller.abort(new Error('caller left'));
    expect(((await running.catch((e: unknown) => e)) as Error).message).to.equal('caller left');
    expect(((await queued.catch((e: unknown) => e)) as Error).message).to.equal('caller left');
    expect(runningSignal!.aborted).to.equal(true);
    gate.resolve();
    await pool.close();
    expect(ranQueued).to.equal(false);
    const metrics = pool.metrics();
    expect([metrics.canceled, metrics.failed, metrics.processed]).to.deep.equal([1, 1, 1]);
  });

  it('reports every job that ran on the results channel, which closes after close()', async () => {
    const pool = new WorkerPool<number>({ concurrency: 2, results: 1 });
    const results = collect(pool.results!);
    await Promise.allSettled([pool.run(() => 1), pool.run(() => 2), pool.run(() => Promise.reject(new Error('three')))]);
    await pool.close();
    const reported = await results;
    expect(reported.map((r) => (r.ok ? r.value : (r.error as Error).message)).sort()).to.deep.equal([1, 2, 'three']);
    for (const r of reported) expect(r.waited).to.be.at.least(0);
    expect(new WorkerPool({ concurrency: 1 }).results).to.equal(null);
  });

  it('serves queued jobs by priority, FIFO among equals, with priorities: true', async () => {
    const pool = new WorkerPool({ concurrency: 1, priorities: true });
    pool.pause();
    const order: string[] = [];
    const jobs = (
      [
        ['a', 1],
        ['b', 5],
        ['c', 1],
        ['d', 5],
        ['e', -2],
      ] as const
    ).map(([name, priority]) => pool.run(() => void order.push(name), { priority }));
    pool.resume();
    await Promise.all(jobs);
    expect(order).to.deep.equal(['b', 'd', 'a', 'c', 'e']);
    await pool.close();
  });

  it('exposes metrics and a periodic metrics stream that ends with the pool', () =>
    synctest.test(async () => {
      const pool = new WorkerPool({ concurrency: 2 });
      const stream = collect(pool.watch(5));
      await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => pool.run(() => (i === 3 ? Promise.reject(new Error('x')) : time.sleep(2)))),
      );
      await time.sleep(12);
      const metrics = pool.metrics();
      expect(metrics).to.include({ workers: 2, created: 10, processed: 10, succeeded: 9, failed: 1, inFlight: 0, queueDepth: 0 });
      expect(metrics.runTime.count).to.equal(10);
      expect(metrics.runTime.p50).to.be.greaterThan(0.5);
      expect(metrics.runTime.p99).to.be.at.least(metrics.runTime.p50);
      expect(metrics.queueWait.count).to.equal(10);
      expect(metrics.throughput).to.be.greaterThan(0);
      expect(metrics.errorRatio).to.equal(0.1);
      for (const worker of metrics.perWorker) expect(worker.utilisation).to.be.within(0, 1);
      expect(metrics.perWorker.reduce((sum, w) => sum + w.jobs, 0)).to.equal(10);
      await pool.close();
      const snapshots = await stream;
      expect(snapshots.length).to.be.at.least(2);
      expect(snapshots[snapshots.length - 1]!.processed).to.equal(10);
    }));

  it('ends the metrics stream without waiting for a reader: the last snapshot replaces an unread one', () =>
    synctest.test(async () => {
      const pool = new WorkerPool({ concurrency: 1 });
      const stream = pool.watch(2); // never read while the job runs: a stale snapshot stays buffered
      await pool.run(() => time.sleep(10));
      await pool.close();
      await synctest.wait();
      const [last, ok] = stream.tryRecv() ?? [];
      expect(ok, 'a snapshot is buffered').to.equal(true);
      expect(last!.processed, 'it is the last one').to.equal(1);
      expect(stream.tryRecv(), 'then the stream is closed').to.deep.equal([undefined, false]);
    }));

  it('throws a RangeError naming the bad setting', () => {
    const message = (options: PoolOptions): string => (thrownBy(() => new WorkerPool(options)) as Error).message;
    expect(message({ concurrency: 0 })).to.contain('concurrency must be a positive integer');
    expect(message({ min: 3, max: 2 })).to.contain('min must not exceed max');
    expect(message({ max: 0 })).to.contain('max must be a positive integer');
    expect(message({ concurrency: 1, queueSize: -1 })).to.contain('queueSize must be');
    expect(message({ concurrency: 1, timeout: 0 })).to.contain('timeout must be');
    expect(message({})).to.contain('concurrency must be given');
    expect(message({ concurrency: 1, aging: 10 })).to.contain('aging needs a pool created with { priorities: true }');
    expect(message({ concurrency: 1, priorities: true, aging: -1 })).to.contain('aging must be');
    const pool = new WorkerPool({ concurrency: 1, priorities: true });
    expect((thrownBy(() => pool.run(() => 1, { priority: Number.NaN })) as Error).message).to.contain(
      'priority must be a finite number',
    );
    const fifo = new WorkerPool({ concurrency: 1 });
    expect((thrownBy(() => fifo.run(() => 1, { priority: 1 })) as Error).message).to.contain('priorities: true');
  });
});
