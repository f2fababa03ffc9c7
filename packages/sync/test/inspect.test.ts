// How the primitives show themselves: a tag for Object.prototype.toString, and a one-line
// summary of their public state for console.log / util.inspect, never their private fields.
import { expect } from 'chai';
import { inspect } from 'node:util';
import { Cond, Mutex, Once, RWMutex, Semaphore, WaitGroup, context } from '@csp/sync';
import { flush } from './helpers.js';

/** `Object.prototype.toString` of `value`: `[object Tag]`. */
function tagOf(value: unknown): string {
  return Object.prototype.toString.call(value);
}

describe('inspect and toStringTag', () => {
  it('Mutex: locked and waiting, with its name when it has one', async () => {
    const mu = new Mutex();
    expect(tagOf(mu)).to.equal('[object Mutex]');
    expect(inspect(mu)).to.equal('Mutex { locked: false, waiting: 0 }');
    await mu.lock();
    void mu.lock();
    void mu.lock();
    expect(inspect(mu)).to.equal('Mutex { locked: true, waiting: 2 }');
    const named = new Mutex({ name: 'accounts' });
    expect(named.name).to.equal('accounts');
    expect(inspect(named)).to.equal('Mutex<accounts> { locked: false, waiting: 0 }');
    expect(new Mutex().name).to.equal(undefined);
  });

  it('RWMutex: readers, writing and who waits', async () => {
    const rw = new RWMutex({ name: 'table' });
    expect(tagOf(rw)).to.equal('[object RWMutex]');
    await rw.rLock();
    await rw.rLock();
    void rw.lock();
    void rw.rLock();
    expect(inspect(rw)).to.equal('RWMutex<table> { readers: 2, writing: false, writersWaiting: 1, readersWaiting: 1 }');
  });

  it('Semaphore: size, held and waiting', async () => {
    const sem = new Semaphore(3, { name: 'db' });
    expect(tagOf(sem)).to.equal('[object Semaphore]');
    await sem.acquire(2);
    void sem.acquire(2);
    expect(inspect(sem)).to.equal('Semaphore<db> { size: 3, held: 2, waiting: 1 }');
    expect(inspect(new Semaphore(1))).to.equal('Semaphore { size: 1, held: 0, waiting: 0 }');
  });

  it('WaitGroup: counter and waiting', () => {
    const wg = new WaitGroup();
    expect(tagOf(wg)).to.equal('[object WaitGroup]');
    wg.add(3);
    void wg.wait();
    expect(inspect(wg)).to.equal('WaitGroup { counter: 3, waiting: 1 }');
    wg.add(-3);
  });

  it('Once: done, running and waiting', async () => {
    const once = new Once();
    expect(tagOf(once)).to.equal('[object Once]');
    expect(inspect(once)).to.equal('Once { done: false, running: false, waiting: 0 }');
    let finish = (): void => {};
    const first = once.do(() => new Promise<void>((resolve) => (finish = resolve)));
    const second = once.do(() => {});
    expect(inspect(once)).to.equal('Once { done: false, running: true, waiting: 1 }');
    finish();
    await Promise.all([first, second]);
    expect(inspect(once)).to.equal('Once { done: true, running: false, waiting: 0 }');
  });

  it('Cond: waiting', async () => {
    const mu = new Mutex();
    const cond = new Cond(mu);
    expect(tagOf(cond)).to.equal('[object Cond]');
    await mu.lock();
    void cond.wait();
    expect(inspect(cond)).to.equal('Cond { waiting: 1 }');
  });

  it('contexts: their kind, deadline and err', () => {
    const background = context.background();
    expect(tagOf(background)).to.equal('[object context.Background]');
    expect(inspect(background)).to.equal('context.Background { err: undefined }');
    expect(inspect(context.todo())).to.equal('context.TODO { err: undefined }');
    const [ctx, cancel] = context.withCancel(background);
    expect(tagOf(ctx)).to.equal('[object context.WithCancel]');
    expect(inspect(ctx)).to.equal('context.WithCancel { err: undefined }');
    cancel();
    expect(inspect(ctx)).to.equal("context.WithCancel { err: 'context canceled' }");
    const [caused] = context.withCancelCause(background);
    expect(inspect(caused)).to.equal('context.WithCancel { err: undefined }');
    const deadline = new Date(Date.now() + 60_000);
    const [timed, cancelTimed] = context.withDeadline(background, deadline);
    expect(tagOf(timed)).to.equal('[object context.WithDeadline]');
    expect(inspect(timed)).to.equal(`context.WithDeadline { deadline: '${deadline.toISOString()}', err: undefined }`);
    const valued = context.withValue(timed, Symbol('secret'), 'password');
    expect(tagOf(valued)).to.equal('[object context.WithValue]');
    expect(inspect(valued)).to.equal(`context.WithValue { deadline: '${deadline.toISOString()}', err: undefined }`);
    cancelTimed();
    expect(inspect(valued)).to.equal(`context.WithValue { deadline: '${deadline.toISOString()}', err: 'context canceled' }`);
    expect(inspect(context.withoutCancel(valued))).to.equal('context.WithoutCancel { err: undefined }');
    expect(inspect(context.fromSignal(new AbortController().signal))).to.equal('context.FromSignal { err: undefined }');
  });

  it('no private field shows, also nested in an object', async () => {
    const mu = new Mutex();
    await mu.lock();
    const shown = inspect({ mu, sem: new Semaphore(2) });
    expect(shown).to.equal('{\n  mu: Mutex { locked: true, waiting: 0 },\n  sem: Semaphore { size: 2, held: 0, waiting: 0 }\n}');
    expect(shown).not.to.match(/waiters|WaitQueue/);
    await flush();
  });

  it('a name that is not a string is refused at construction', () => {
    expect(() => new Mutex({ name: 42 } as never)).to.throw(TypeError, /^Mutex name must be a string, got 42/);
    expect(() => new RWMutex({ name: null } as never)).to.throw(TypeError, /^RWMutex name must be a string/);
    expect(() => new Semaphore(1, 'db' as never)).to.throw(TypeError, /^Semaphore: options must be an object/);
  });
});
