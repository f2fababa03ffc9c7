// The recorder: goroutines, message identity through buffers and hand-offs, selects, closes,
// timers, locks, context cancellation, and the wait-for graph of a deadlock.
import { expect } from 'chai';
import { Chan, close, go, recv, select, send, time, trySelect } from '@csp/channel';
import { context, Mutex, RWMutex, Semaphore } from '@csp/sync';
import { filter, generate, map, merge, pipeline, WorkerPool } from '@csp/patterns';
import {
  formatWaitFor,
  named,
  nameResource,
  startTracing,
  traceProgram,
  TracingActiveError,
  toChromeTrace,
  validateChromeTrace,
  type RecvEvent,
  type SendEvent,
  type Trace,
  type TraceEvent,
} from '@csp/trace';

function ofType<T extends TraceEvent['type']>(trace: Trace, type: T): Extract<TraceEvent, { type: T }>[] {
  return trace.events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);
}

function goroutineNamed(trace: Trace, name: string): number {
  const found = trace.goroutines.find((g) => g.name === name);
  if (found === undefined) throw new Error(`no goroutine ${name} in ${trace.goroutines.map((g) => g.name).join(', ')}`);
  return found.id;
}

describe('@csp/trace recorder', () => {
  it('names goroutines, numbers them from 2 and records start, end and parent', async () => {
    const trace = await traceProgram(
      async () => {
        const done = new Chan<void>();
        go(async function worker(id: number) {
          await done.send();
          void id;
        }, 7);
        await done.recv();
      },
      { clock: 'logical' },
    );
    const worker = goroutineNamed(trace, 'worker(7)');
    expect(worker).to.equal(2);
    expect(trace.goroutines.find((g) => g.id === worker)?.parent).to.equal(1);
    const types = trace.events.filter((e) => e.g === worker).map((e) => e.type);
    expect(types[0]).to.equal('start');
    expect(types[types.length - 1]).to.equal('end');
    // The logical clock counts events: 1, 2, 3, ...
    expect(trace.events.map((e) => e.ts)).to.deep.equal(trace.events.map((_, i) => i + 1));
  });

  it('matches each receive to its send through a buffer, FIFO, with the time it sat there', async () => {
    const trace = await traceProgram(
      async () => {
        const jobs = new Chan<number>(3, { name: 'jobs' });
        for (const j of [10, 20, 30]) await jobs.send(j);
        const got: number[] = [];
        go(
          named('consumer', async () => {
            for (let i = 0; i < 3; i++) got.push((await jobs.recv())!);
          }),
        );
        await time.sleep(1);
        expect(got).to.deep.equal([10, 20, 30]);
      },
      { clock: 'logical' },
    );
    const sends = ofType(trace, 'send');
    const recvs = ofType(trace, 'recv');
    expect(sends.map((s) => [s.value, s.to])).to.deep.equal([
      ['10', null],
      ['20', null],
      ['30', null],
    ]);
    const consumer = goroutineNamed(trace, 'consumer');
    expect(recvs.map((r) => [r.msg, r.value, r.from, r.g])).to.deep.equal(sends.map((s) => [s.msg, s.value, 1, consumer]));
    for (const r of recvs) expect(r.ts - r.sentAt!).to.be.greaterThan(0);
    expect(ofType(trace, 'buffer').map((b) => b.length)).to.deep.equal([1, 2, 3, 2, 1, 0]);
  });

  it('records a hand-off to a parked receiver and a parked sender taken through a full buffer', async () => {
    const trace = await traceProgram(
      async () => {
        const ch = new Chan<string>(1, { name: 'ch' });
        go(named('receiver', async () => void (await ch.recv())));
        await time.sleep(1); // the receiver parks
        await ch.send('direct'); // handed to it
        await ch.send('a'); // buffered
        go(named('sender', () => ch.send('b'))); // parks: the buffer is full
        await time.sleep(1);
        expect(await ch.recv()).to.equal('a'); // takes 'a', moves 'b' in
        expect(await ch.recv()).to.equal('b');
      },
      { clock: 'logical' },
    );
    const receiver = goroutineNamed(trace, 'receiver');
    const sender = goroutineNamed(trace, 'sender');
    const sends = ofType(trace, 'send');
    const direct = sends.find((s) => s.value === "'direct'")!;
    expect(direct.to).to.equal(receiver);
    const recvs = ofType(trace, 'recv');
    expect(recvs.find((r) => r.msg === direct.msg)?.g).to.equal(receiver);
    const b = sends.find((s) => s.value === "'b'")!;
    expect(b.g).to.equal(sender);
    const gotB = recvs.find((r) => r.msg === b.msg)!;
    expect([gotB.g, gotB.from, gotB.value]).to.deep.equal([1, sender, "'b'"]);
    const a = sends.find((s) => s.value === "'a'")!;
    expect(recvs.findIndex((r) => r.msg === a.msg)).to.be.lessThan(recvs.findIndex((r) => r.msg === b.msg));
    // The sender parked with Go's wait reason and was woken by main.
    const park = ofType(trace, 'park').find((p) => p.g === sender)!;
    expect([park.reason, park.subject]).to.deep.equal(['chan send', 'ch']);
    expect(ofType(trace, 'unpark').find((u) => u.g === sender)?.by).to.equal(1);
  });

  it('records select: the ready cases, the chosen one, a parked select and default', async () => {
    const trace = await traceProgram(
      async () => {
        const a = new Chan<number>(1, { name: 'a' });
        const b = new Chan<number>(1, { name: 'b' });
        await a.send(1);
        await b.send(2);
        await select([recv(a), recv(b)]);
        expect(trySelect([recv(new Chan<number>(0, { name: 'empty' }))])).to.equal(undefined);
        const quiet = new Chan<number>(0, { name: 'quiet' });
        go(named('late', () => quiet.send(5)));
        const r = await select([recv(quiet), send(new Chan<number>(0, { name: 'nobody' }), 1)]);
        expect(r.index).to.equal(0);
      },
      { clock: 'logical' },
    );
    const selects = ofType(trace, 'select');
    expect(selects[0]!.cases).to.deep.equal(['<-a', '<-b']);
    expect(selects[0]!.ready).to.deep.equal([0, 1]);
    expect(selects[0]!.chosen).to.be.oneOf([0, 1]);
    expect([selects[1]!.cases, selects[1]!.chosen, selects[1]!.blocked]).to.deep.equal([['<-empty'], -1, false]);
    expect([selects[2]!.cases, selects[2]!.chosen, selects[2]!.blocked]).to.deep.equal([['<-quiet', 'nobody<-'], -1, true]);
    expect([selects[3]!.chosen, selects[3]!.g, selects[3]!.cases]).to.deep.equal([0, 1, ['<-quiet', 'nobody<-']]);
    expect(ofType(trace, 'park').find((p) => p.reason === 'select')?.g).to.equal(1);
  });

  it('records close, the zero values it gives parked receivers, timers and cancellations', async () => {
    const trace = await traceProgram(
      async () => {
        const ch = new Chan<number>(0, { name: 'ch' });
        go(named('waiter', () => ch.recv()));
        await time.sleep(1);
        close(ch);
        await time.after(1).recv();
        const [, cancel] = context.withCancel(context.background());
        cancel();
      },
      { clock: 'logical' },
    );
    const waiter = goroutineNamed(trace, 'waiter');
    expect(ofType(trace, 'close')).to.have.length(1);
    const zero = ofType(trace, 'recv').find((r) => r.g === waiter)!;
    expect([zero.msg, zero.value]).to.deep.equal([null, 'closed']);
    const timer = ofType(trace, 'recv').find((r) => r.from === 0)!;
    expect(timer.g).to.equal(1);
    expect(trace.goroutines.find((g) => g.id === 0)?.name).to.equal('timers');
    expect(ofType(trace, 'cancel')).to.have.length(1);
    expect(ofType(trace, 'park').some((p) => p.reason === 'sleep')).to.equal(true);
  });

  it('names timer and ticker channels after their duration, in selects and parks', async () => {
    const trace = await traceProgram(
      async () => {
        const never = new Chan<number>(0, { name: 'never' });
        const r = await select([recv(never), recv(time.after(3))]);
        expect(r.index).to.equal(1);
        const ticker = time.newTicker(2);
        await ticker.c.recv();
        ticker.stop();
        await time.after(0).recv();
      },
      { clock: 'logical' },
    );
    expect(trace.channels.map((c) => c.name)).to.deep.equal(['never', 'timer 3ms', 'ticker 2ms', 'timer 0s']);
    const selects = ofType(trace, 'select');
    expect(selects.map((s) => s.cases)).to.deep.include(['<-never', '<-timer 3ms']);
    expect(ofType(trace, 'park').map((p) => p.subject)).to.include('ticker 2ms');
  });

  it('records who waits for a mutex and who holds it, and semaphore permits', async () => {
    const trace = await traceProgram(
      async () => {
        const mu = nameResource(new Mutex(), 'accounts');
        const sem = new Semaphore(2, { name: 'slots' });
        await mu.lock();
        await sem.acquire(2);
        go(
          named('second', async () => {
            await mu.lock();
            mu.unlock();
          }),
        );
        await time.sleep(1);
        mu.unlock();
        sem.release(2);
        await time.sleep(1);
      },
      { clock: 'logical' },
    );
    const second = goroutineNamed(trace, 'second');
    const accounts = trace.resources.find((r) => r.name === 'accounts')!;
    expect(accounts.kind).to.equal('sync.Mutex');
    const park = ofType(trace, 'park').find((p) => p.g === second)!;
    expect([park.reason, park.subject]).to.deep.equal(['sync.Mutex.Lock', 'accounts']);
    const holds = ofType(trace, 'acquire')
      .filter((e) => e.resource === accounts.id)
      .map((e) => e.g);
    expect(holds).to.deep.equal([1, second]);
    const releases = ofType(trace, 'release')
      .filter((e) => e.resource === accounts.id)
      .map((e) => e.g);
    expect(releases).to.deep.equal([1, second]);
    const slots = trace.resources.find((r) => r.name === 'slots')!;
    expect(
      ofType(trace, 'acquire')
        .filter((e) => e.resource === slots.id)
        .map((e) => e.n),
    ).to.deep.equal([2]);
  });

  it('records RWMutex read and write holds, by name, and who waits for them', async () => {
    const trace = await traceProgram(
      async () => {
        const rw = new RWMutex({ name: 'table' });
        await rw.rLock();
        go(
          named('writer', async () => {
            await rw.lock();
            rw.unlock();
          }),
        );
        await time.sleep(2);
        rw.rUnlock();
        await time.sleep(1);
      },
      { clock: 'logical' },
    );
    const writer = goroutineNamed(trace, 'writer');
    const table = trace.resources.find((r) => r.name === 'table')!;
    expect(table.kind).to.equal('sync.RWMutex');
    const park = ofType(trace, 'park').find((p) => p.g === writer)!;
    expect([park.reason, park.subject]).to.deep.equal(['sync.RWMutex.Lock', 'table']);
    const holds = ofType(trace, 'acquire').filter((e) => e.resource === table.id);
    expect(holds.map((e) => [e.g, e.read === true])).to.deep.equal([
      [1, true],
      [writer, false],
    ]);
    const releases = ofType(trace, 'release').filter((e) => e.resource === table.id);
    expect(releases.map((e) => e.g)).to.deep.equal([1, writer]);
  });

  it('shows readers holding an RWMutex in the wait-for graph of a writer that waits', async () => {
    const tracing = startTracing({ clock: 'logical', waitForGraph: false });
    try {
      const rw = new RWMutex({ name: 'table' });
      const stop = new AbortController();
      go(
        named('reader', async () => {
          await rw.rLock();
          await time.sleep(20);
          rw.rUnlock();
        }),
      );
      go(named('writer', () => rw.lock({ signal: stop.signal }).catch(() => {})));
      await time.sleep(5);
      const text = formatWaitFor(tracing.waitState());
      stop.abort();
      expect(text).to.equal(
        [
          'wait-for graph (who waits on what, who holds it):',
          '  goroutine 3 writer --[sync.RWMutex.Lock]--> sync.RWMutex table, held by goroutine 2 reader (read)',
          '  goroutine 2 reader --[sleep]--> 20ms',
          '',
        ].join('\n'),
      );
    } finally {
      tracing.stop();
    }
  });

  it('records how long time.sleep sleeps, as the subject of its park', async () => {
    const trace = await traceProgram(
      async () => {
        await time.sleep(3);
        await time.sleep(0.25);
        const stop = new AbortController();
        const long = time.sleep(90_500, { signal: stop.signal }).catch(() => {});
        stop.abort();
        await long;
      },
      { clock: 'logical' },
    );
    expect(ofType(trace, 'park').map((p) => [p.reason, p.subject])).to.deep.equal([
      ['sleep', '3ms'],
      ['sleep', '250µs'],
      ['sleep', '1m30.5s'],
    ]);
  });

  it('draws the wait-for graph of a lock-order deadlock, with its cycle', async () => {
    const tracing = startTracing({ clock: 'logical', waitForGraph: false });
    try {
      const a = nameResource(new Mutex(), 'a');
      const b = new Mutex({ name: 'b' });
      const stop = new AbortController();
      go(
        named('left', async () => {
          await a.lock();
          await time.sleep(1);
          await b.lock({ signal: stop.signal }).catch(() => {});
        }),
      );
      go(
        named('right', async () => {
          await b.lock();
          await time.sleep(1);
          await a.lock({ signal: stop.signal }).catch(() => {});
        }),
      );
      await time.sleep(10);
      const text = formatWaitFor(tracing.waitState());
      stop.abort();
      expect(text).to.equal(
        [
          'wait-for graph (who waits on what, who holds it):',
          '  goroutine 2 left --[sync.Mutex.Lock]--> sync.Mutex b, held by goroutine 3 right',
          '  goroutine 3 right --[sync.Mutex.Lock]--> sync.Mutex a, held by goroutine 2 left',
          '  cycle: goroutine 2 → goroutine 3 → goroutine 2',
          '',
        ].join('\n'),
      );
    } finally {
      tracing.stop();
    }
  });

  it('allows one trace at a time and records nothing once stopped', async () => {
    const tracing = startTracing();
    expect(() => startTracing()).to.throw(TracingActiveError);
    const trace = tracing.stop();
    const ch = new Chan<number>(1);
    await ch.send(1);
    expect(tracing.stop().events).to.have.length(trace.events.length);
    const again = startTracing();
    again.stop();
  });

  it('keeps message identity for sends and receives of every kind (send events precede their receive)', async () => {
    const trace = await traceProgram(
      async () => {
        const ch = new Chan<number>(2, { name: 'ch' });
        const out = new Chan<number>(0, { name: 'out' });
        go(
          named('relay', async () => {
            for await (const v of ch) await out.send(v * 10);
            close(out);
          }),
        );
        go(
          named('producer', async () => {
            for (let i = 1; i <= 5; i++) {
              if (!ch.trySend(i)) await ch.send(i);
            }
            close(ch);
          }),
        );
        const got: number[] = [];
        for await (const v of out) got.push(v);
        expect(got).to.deep.equal([10, 20, 30, 40, 50]);
      },
      { clock: 'logical' },
    );
    const sends = new Map(ofType(trace, 'send').map((s): [number, SendEvent] => [s.msg, s]));
    const recvs = ofType(trace, 'recv').filter((r): r is RecvEvent & { msg: number } => r.msg !== null);
    expect(recvs).to.have.length(10);
    for (const r of recvs) {
      const s = sends.get(r.msg)!;
      expect([s.value, s.g, s.ts]).to.deep.equal([r.value, r.from, r.sentAt]);
      expect(s.ts).to.be.at.most(r.ts);
    }
    expect(new Set(recvs.map((r) => r.msg)).size).to.equal(10);
  });
});

describe('@csp/trace pipeline stages', () => {
  it('draws each stage as a goroutine named after it, with its messages', async () => {
    const trace = await traceProgram(
      async () => {
        const out: number[] = [];
        const evens = filter((n: number) => n % 2 === 0);
        const squares = map((n: number) => n * n, { name: 'squares' });
        for await (const n of pipeline(merge([generate(1, 2), generate(3, 4)]), evens, squares)) out.push(n);
        expect(out.sort((a, b) => a - b)).to.deep.equal([4, 16]);
      },
      { clock: 'logical' },
    );
    const names = trace.goroutines.map((g) => g.name).sort();
    expect(names).to.deep.equal(['filter', 'fromIterable', 'fromIterable', 'main', 'map', 'merge']);
    const stages = trace.goroutines.filter((g) => g.name !== 'main');
    for (const stage of stages) {
      const types = trace.events.filter((e) => e.g === stage.id).map((e) => e.type);
      expect([types[0], types[types.length - 1]], stage.name).to.deep.equal(['start', 'end']);
    }
    const map1 = goroutineNamed(trace, 'map');
    const sends = ofType(trace, 'send').filter((e) => e.g === map1);
    expect(sends.map((e) => e.value)).to.deep.equal(['4', '16']);
  });
});

describe('@csp/trace worker pools', () => {
  it('records workers as lanes and each job queued, run and ended, with its outcome', async () => {
    const trace = await traceProgram(
      async () => {
        const pool = new WorkerPool({ concurrency: 2, name: 'images' });
        const results = await Promise.allSettled([
          pool.run(() => time.sleep(2).then(() => 1)),
          pool.run(() => Promise.reject(new Error('bad'))),
          pool.run(() => 3),
        ]);
        expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
        await pool.close();
      },
      { clock: 'logical' },
    );
    const workers = trace.goroutines.filter((g) => g.name.startsWith('images worker'));
    expect(workers.map((g) => g.name)).to.deep.equal(['images worker 1', 'images worker 2']);
    const jobs = ofType(trace, 'job');
    expect(jobs.filter((j) => j.phase === 'queue').map((j) => [j.job, j.g])).to.deep.equal([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    const lanes = new Set(workers.map((g) => g.id));
    for (const j of jobs.filter((j) => j.phase !== 'queue')) expect(lanes.has(j.g)).to.equal(true);
    expect(jobs.filter((j) => j.phase === 'end').map((j) => [j.job, j.ok])).to.have.deep.members([
      [1, true],
      [2, false],
      [3, true],
    ]);
    for (const id of [1, 2, 3]) {
      const phases = jobs.filter((j) => j.job === id).map((j) => j.phase);
      expect(phases).to.deep.equal(['queue', 'run', 'end']);
    }
    const file = toChromeTrace(trace);
    expect(validateChromeTrace(file)).to.deep.equal([]);
    expect(file.traceEvents.filter((e) => e.cat === 'job' && e.ph === 's')).to.have.length(3);
    // Job 1's own code (its sleep) runs on the lane of the worker that runs it, not on main's.
    const sleep = ofType(trace, 'park').find((p) => p.reason === 'sleep')!;
    const run1 = jobs.find((j) => j.job === 1 && j.phase === 'run')!;
    expect(lanes.has(run1.g)).to.equal(true);
    expect(sleep.g).to.equal(run1.g);
    expect(trace.resources.find((r) => r.kind === 'WorkerPool')?.name).to.equal('images');
  });
});
