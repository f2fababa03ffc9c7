// Bad options and functions are refused at the call, before anything changes: a `signal` that
// is not an AbortSignal (a context passed where its `ctx.signal` belongs, typically) must not
// leave an orphan waiter behind that later swallows the lock, the permits or the result.
import { expect } from 'chai';
import { Cond, Group, Mutex, Once, RWMutex, Semaphore, WaitGroup, context, singleflight } from '@csp/sync';
import { flush, stateOf, track } from './helpers.js';

/** A context where its signal belongs: the mistake this suite is about. */
const ctx = context.background();
const contextAsSignal = { signal: ctx } as never;

/** Expects `call` to throw, synchronously, a TypeError that names `name` and says to pass `ctx.signal`. */
function expectRefused(call: () => unknown, name: string): void {
  expect(call).to.throw(
    TypeError,
    new RegExp(`^${name.replace(/\./g, '\\.')}: \\{ signal \\} must be an AbortSignal.*ctx\\.signal`),
  );
}

describe('a signal that is not an AbortSignal is refused at the call', () => {
  it('Mutex.lock, withLock and guard: the lock is not queued for an orphan', async () => {
    const mu = new Mutex();
    await mu.lock();
    expectRefused(() => mu.lock(contextAsSignal), 'Mutex.lock');
    expectRefused(() => mu.withLock(() => {}, contextAsSignal), 'Mutex.withLock');
    expectRefused(() => mu.guard(contextAsSignal), 'Mutex.guard');
    mu.unlock();
    expect(mu.tryLock()).to.equal(true);
  });

  it('RWMutex.lock, rLock, withLock, withRLock, guard, rGuard and rLocker().lock', async () => {
    const rw = new RWMutex();
    await rw.lock();
    expectRefused(() => rw.lock(contextAsSignal), 'RWMutex.lock');
    expectRefused(() => rw.rLock(contextAsSignal), 'RWMutex.rLock');
    expectRefused(() => rw.withLock(() => {}, contextAsSignal), 'RWMutex.withLock');
    expectRefused(() => rw.withRLock(() => {}, contextAsSignal), 'RWMutex.withRLock');
    expectRefused(() => rw.guard(contextAsSignal), 'RWMutex.guard');
    expectRefused(() => rw.rGuard(contextAsSignal), 'RWMutex.rGuard');
    expectRefused(() => rw.rLocker().lock(contextAsSignal), 'RWMutex.rLock');
    rw.unlock();
    expect(rw.tryLock()).to.equal(true);
  });

  it('Semaphore.acquire: no permits are queued for an orphan', async () => {
    const sem = new Semaphore(1);
    await sem.acquire();
    expectRefused(() => sem.acquire(1, contextAsSignal), 'Semaphore.acquire');
    sem.release();
    expect(sem.tryAcquire()).to.equal(true);
  });

  it('WaitGroup.wait', () => {
    const wg = new WaitGroup();
    wg.add(1);
    expectRefused(() => wg.wait(contextAsSignal), 'WaitGroup.wait');
    expect((wg as unknown as { waiters: { size: number } }).waiters.size).to.equal(0);
  });

  it('Once.do: fn does not run and the Once is not used up', async () => {
    const once = new Once();
    let ran = 0;
    expectRefused(() => once.do(() => ran++, contextAsSignal), 'Once.do');
    expect(ran).to.equal(0);
    await once.do(() => ran++);
    expect(ran).to.equal(1);
  });

  it('Cond.wait: the lock stays held', async () => {
    const mu = new Mutex();
    const cond = new Cond(mu);
    await mu.lock();
    expectRefused(() => cond.wait(contextAsSignal), 'Cond.wait');
    expect(mu.tryLock()).to.equal(false);
    mu.unlock();
  });

  it('Group.go and Group.wait: fn does not run, no slot is taken', async () => {
    const g = new Group();
    g.setLimit(1);
    let ran = 0;
    expectRefused(() => g.go(() => ran++, contextAsSignal), 'Group.go');
    expectRefused(() => g.wait(contextAsSignal), 'Group.wait');
    await flush();
    expect(ran).to.equal(0);
    expect(g.tryGo(() => ran++)).to.equal(true);
    await g.wait();
    expect(ran).to.equal(1);
  });

  it('singleflight.Group.do: fn does not run, no flight is left behind', async () => {
    const g = new singleflight.Group<number>();
    let ran = 0;
    expectRefused(() => g.do('k', () => ++ran, contextAsSignal), 'singleflight.Group.do');
    expect(ran).to.equal(0);
    expect(await g.do('k', () => ++ran)).to.deep.equal([1, false]);
  });

  it('options that are not an object are refused too', () => {
    expect(() => new Mutex().lock(42 as never)).to.throw(TypeError, /^Mutex\.lock: options must be an object/);
    expect(() => new WaitGroup().wait('now' as never)).to.throw(TypeError, /^WaitGroup\.wait: options must be an object/);
  });

  it('a real signal is still accepted', async () => {
    const mu = new Mutex();
    await mu.lock();
    const controller = new AbortController();
    const waiting = track(mu.lock({ signal: controller.signal }));
    controller.abort(new Error('stop'));
    await flush();
    expect(stateOf(waiting)).to.equal('rejected');
    mu.unlock();
    expect(mu.tryLock()).to.equal(true);
  });
});

describe('a function argument that is not a function is refused at the call', () => {
  const notAFunction = 42 as never;

  it('Once.do: the Once is not used up', async () => {
    const once = new Once();
    expect(() => once.do(notAFunction)).to.throw(TypeError, /^Once\.do fn must be a function, got 42/);
    let ran = 0;
    await once.do(() => ran++);
    expect(ran).to.equal(1);
  });

  it('Mutex.withLock and RWMutex.withLock / withRLock: the lock is not taken', () => {
    const mu = new Mutex();
    expect(() => mu.withLock(notAFunction)).to.throw(TypeError, /^Mutex\.withLock fn must be a function/);
    expect(mu.tryLock()).to.equal(true);
    const rw = new RWMutex();
    expect(() => rw.withLock(notAFunction)).to.throw(TypeError, /^RWMutex\.withLock fn must be a function/);
    expect(() => rw.withRLock(notAFunction)).to.throw(TypeError, /^RWMutex\.withRLock fn must be a function/);
    expect(rw.tryLock()).to.equal(true);
  });

  it('WaitGroup.go: the counter is not raised', async () => {
    const wg = new WaitGroup();
    expect(() => wg.go(notAFunction)).to.throw(TypeError, /^WaitGroup\.go fn must be a function/);
    await wg.wait();
  });

  it('Group.go and tryGo: nothing is counted', async () => {
    const g = new Group();
    expect(() => g.go(notAFunction)).to.throw(TypeError, /^Group\.go fn must be a function/);
    expect(() => g.tryGo(notAFunction)).to.throw(TypeError, /^Group\.tryGo fn must be a function/);
    await g.wait();
  });

  it('singleflight.Group.do and doChan: no flight is left behind', async () => {
    const g = new singleflight.Group<number>();
    expect(() => g.do('k', notAFunction)).to.throw(TypeError, /^singleflight\.Group\.do fn must be a function/);
    expect(() => g.doChan('k', notAFunction)).to.throw(TypeError, /^singleflight\.Group\.doChan fn must be a function/);
    expect(await g.do('k', () => 7)).to.deep.equal([7, false]);
  });
});
