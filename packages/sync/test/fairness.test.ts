// Fair to the event loop: loops whose every step is a hand-off between parked callers (a lock
// passed from task to task, a wait group joined in a loop, a singleflight of a synchronous
// function) run on promise jobs only and must still let timers and I/O run, through the same
// budget as the channels.
import { expect } from 'chai';
import { spend, TURN_BUDGET } from '@csp/channel/internal';
import { Cond, Group, Mutex, RWMutex, Semaphore, singleflight, WaitGroup } from '@csp/sync';
import { flush, stateOf, track } from './helpers.js';
import { timerTicksDuring as ticksDuring } from '../../channel/test/helpers.js';

/**
 * Steps each loop takes, across its tasks: 256 budgets' worth, so that it goes through 256 forced
 * turns, fast machine or slow (from about 50 ms to a few seconds on a loaded one).
 */
const steps = 256 * TURN_BUDGET;
/** Tasks contending for a lock, each holding it across an `await`: every lock is a hand-off. */
const contenders = 8;
/** Timer turns a fair loop lets through, at the least (a starved one gets 0). */
const minTicks = 10;

/**
 * Runs `tasks` step loops side by side, {@link steps} steps in all, while a `setTimeout(0)` keeps
 * rescheduling itself, and returns how many times that timer fired meanwhile.
 */
async function timerTicksDuring(tasks: number, step: (task: number) => Promise<void>): Promise<number> {
  const loop = async (task: number): Promise<void> => {
    for (let i = 0; i < steps / tasks; i++) await step(task);
  };
  return ticksDuring(async () => {
    await Promise.all(Array.from({ length: tasks }, (_, task) => loop(task)));
  });
}

describe('fairness to the event loop (sync)', () => {
  it('a Mutex handed from task to task lets timers run', async () => {
    const mu = new Mutex();
    const ticks = await timerTicksDuring(contenders, async () => {
      await mu.lock();
      await undefined;
      mu.unlock();
    });
    expect(ticks).to.be.greaterThan(minTicks);
  });

  it('an RWMutex handed between writers lets timers run', async () => {
    const rw = new RWMutex();
    const ticks = await timerTicksDuring(contenders, async () => {
      await rw.lock();
      await undefined;
      rw.unlock();
    });
    expect(ticks).to.be.greaterThan(minTicks);
  });

  it('an RWMutex handed between a writer and readers lets timers run', async () => {
    const rw = new RWMutex();
    const ticks = await timerTicksDuring(contenders, async (task) => {
      if (task % 2 === 0) {
        await rw.lock();
        await undefined;
        rw.unlock();
      } else {
        await rw.rLock();
        await undefined;
        rw.rUnlock();
      }
    });
    expect(ticks).to.be.greaterThan(minTicks);
  });

  it('a Semaphore handing permits from task to task lets timers run', async () => {
    const sem = new Semaphore(1);
    const ticks = await timerTicksDuring(contenders, async () => {
      await sem.acquire();
      await undefined;
      sem.release();
    });
    expect(ticks).to.be.greaterThan(minTicks);
  });

  it('a wg.go + wait loop lets timers run', async () => {
    const wg = new WaitGroup();
    const ticks = await timerTicksDuring(1, async () => {
      wg.go(() => {});
      await wg.wait();
    });
    expect(ticks).to.be.greaterThan(minTicks);
  });

  it('an errgroup go + wait loop lets timers run', async () => {
    const g = new Group();
    const ticks = await timerTicksDuring(1, async () => {
      await g.go(() => {});
      await g.wait();
    });
    expect(ticks).to.be.greaterThan(minTicks);
  });

  it('singleflight.do with a synchronous function lets timers run', async () => {
    const g = new singleflight.Group<number>();
    const ticks = await timerTicksDuring(1, async () => {
      await g.do('key', () => 1);
    });
    expect(ticks).to.be.greaterThan(minTicks);
  });

  it('singleflight.do with a synchronous function that throws lets timers run', async () => {
    const g = new singleflight.Group<number>();
    const boom = new Error('boom');
    const ticks = await timerTicksDuring(1, async () => {
      await g
        .do('key', () => {
          throw boom;
        })
        .catch(() => {});
    });
    expect(ticks).to.be.greaterThan(minTicks);
  });

  it('a Cond ping-pong between two tasks lets timers run', async () => {
    const mu = new Mutex();
    const cond = new Cond(mu);
    let turn = 0;
    // The two tasks take turns, each as many steps: the last step of one lets the other finish.
    const ticks = await timerTicksDuring(2, async (task) => {
      await mu.lock();
      while (turn !== task) {
        cond.broadcast();
        await cond.wait();
      }
      turn = 1 - task;
      cond.broadcast();
      mu.unlock();
    });
    expect(ticks).to.be.greaterThan(minTicks);
  });
});

/** Spends what is left of this turn's budget, so that the next hand-off settles on the next turn. */
function exhaustBudget(): void {
  while (spend());
}

/** Lets the turn that settles put-off hand-offs come, and the promise jobs after it run. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('a hand-off put off to the next turn, aborted before that turn', () => {
  it('Mutex: the aborted waiter holds nothing, the lock passes on', async () => {
    const mu = new Mutex();
    await mu.lock();
    const controller = new AbortController();
    const aborted = track(mu.lock({ signal: controller.signal }));
    const next = track(mu.lock());
    exhaustBudget();
    mu.unlock();
    controller.abort(new Error('stop'));
    await nextTurn();
    await flush();
    expect(stateOf(aborted)).to.equal('rejected');
    expect(stateOf(next)).to.equal('resolved');
    mu.unlock();
    expect(mu.tryLock()).to.equal(true);
  });

  it('Semaphore: the aborted waiter holds nothing, its permits go to the next', async () => {
    const sem = new Semaphore(2);
    await sem.acquire(2);
    const controller = new AbortController();
    const aborted = track(sem.acquire(2, { signal: controller.signal }));
    const next = track(sem.acquire(1));
    exhaustBudget();
    sem.release(2);
    controller.abort(new Error('stop'));
    await nextTurn();
    await flush();
    expect(stateOf(aborted)).to.equal('rejected');
    expect(stateOf(next)).to.equal('resolved');
    expect(sem.tryAcquire(1)).to.equal(true);
    expect(sem.tryAcquire(1)).to.equal(false);
  });

  for (const [who, call] of [
    ['writer', 'lock'],
    ['reader', 'rLock'],
  ] as const) {
    it(`RWMutex: an aborted ${who} holds nothing, a writer gets in after it`, async () => {
      const rw = new RWMutex();
      await rw.lock();
      const controller = new AbortController();
      const aborted = track(rw[call]({ signal: controller.signal }));
      exhaustBudget();
      rw.unlock();
      controller.abort(new Error('stop'));
      await nextTurn();
      await flush();
      expect(stateOf(aborted)).to.equal('rejected');
      expect(rw.tryLock()).to.equal(true);
    });
  }

  it('Cond: a wait woken before the abort completes normally, holding the lock', async () => {
    const mu = new Mutex();
    const cond = new Cond(mu);
    await mu.lock();
    const controller = new AbortController();
    const woken = track(cond.wait({ signal: controller.signal }));
    await mu.lock();
    exhaustBudget();
    cond.signal();
    controller.abort(new Error('stop'));
    mu.unlock();
    await nextTurn();
    await flush();
    expect(stateOf(woken)).to.equal('resolved');
    expect(mu.tryLock()).to.equal(false);
    mu.unlock();
  });

  it('WaitGroup: an aborted wait rejects, the others resolve', async () => {
    const wg = new WaitGroup();
    wg.add(1);
    const controller = new AbortController();
    const aborted = track(wg.wait({ signal: controller.signal }));
    const other = track(wg.wait());
    exhaustBudget();
    wg.done();
    controller.abort(new Error('stop'));
    await nextTurn();
    await flush();
    expect(stateOf(aborted)).to.equal('rejected');
    expect(stateOf(other)).to.equal('resolved');
  });
});
