// Type tests of the locks: Mutex, RWMutex, Locker, LockGuard and Cond. Checked by `pnpm typecheck`,
// never run; each `@ts-expect-error` line must fail to compile.
import { context, Cond, LockGuard, Mutex, RWMutex, type Locker, type PrimitiveOptions } from '@csp/sync';
import { assertType, type Equal } from '../../../channel/test/types/assert-type.js';

declare const signal: AbortSignal;
const [ctx] = context.withCancel(context.background());

// Mutex
const mu = new Mutex();
new Mutex({ name: 'accounts' });
new Mutex({});
assertType<Equal<Mutex['name'], string | undefined>>();
assertType<Equal<ReturnType<Mutex['lock']>, Promise<void>>>();
assertType<Equal<ReturnType<Mutex['tryLock']>, boolean>>();
assertType<Equal<ReturnType<Mutex['unlock']>, void>>();
assertType<Equal<ReturnType<Mutex['guard']>, Promise<LockGuard>>>();
void mu.lock();
void mu.lock({ signal });
void mu.lock({ signal: ctx.signal });
// @ts-expect-error a context is not a signal: pass ctx.signal
void mu.lock({ signal: ctx });
// @ts-expect-error a signal goes inside the options
void mu.lock(signal);
// @ts-expect-error a name is a string
new Mutex({ name: 42 });
// @ts-expect-error the options are an object
new Mutex('accounts');
// @ts-expect-error read-only
mu.name = 'other';

assertType<Equal<Awaited<ReturnType<typeof withNumber>>, number>>();
function withNumber(): Promise<number> {
  return mu.withLock(async () => 1);
}
assertType<Equal<Awaited<ReturnType<typeof withString>>, string>>();
function withString(): Promise<string> {
  return mu.withLock(() => 'sync', { signal });
}
// @ts-expect-error withLock takes a function
void mu.withLock(42);
// @ts-expect-error the function takes no arguments
void mu.withLock((n: number) => n);

// RWMutex
const rw = new RWMutex({ name: 'table' });
assertType<Equal<ReturnType<RWMutex['rLock']>, Promise<void>>>();
assertType<Equal<ReturnType<RWMutex['tryRLock']>, boolean>>();
assertType<Equal<ReturnType<RWMutex['rUnlock']>, void>>();
assertType<Equal<ReturnType<RWMutex['rLocker']>, Locker>>();
assertType<Equal<ReturnType<RWMutex['rGuard']>, Promise<LockGuard>>>();
void rw.rLock({ signal });
void rw.withRLock(() => 1).then((_n) => assertType<Equal<typeof _n, number>>());
// @ts-expect-error a context is not a signal
void rw.rLock({ signal: ctx });
// @ts-expect-error a context is not a signal
void rw.withRLock(() => 1, { signal: ctx });

// Locker: both locks are lockers, and so is anything with lock/unlock
const lockers: Locker[] = [mu, rw, rw.rLocker(), { lock: () => Promise.resolve(), unlock: () => {} }];
void lockers;
// @ts-expect-error a Locker has unlock
const notALocker: Locker = { lock: () => Promise.resolve() };
void notALocker;

// LockGuard: disposable both ways
async function guarded(): Promise<void> {
  using _ = await mu.guard();
  await using __ = await rw.rGuard({ signal });
}
void guarded;
assertType<Equal<ReturnType<LockGuard[typeof Symbol.dispose]>, void>>();
assertType<Equal<ReturnType<LockGuard[typeof Symbol.asyncDispose]>, Promise<void>>>();

// Cond
const cond = new Cond(mu);
assertType<Equal<Cond['l'], Locker>>();
assertType<Equal<ReturnType<Cond['wait']>, Promise<void>>>();
assertType<Equal<ReturnType<Cond['signal']>, void>>();
assertType<Equal<ReturnType<Cond['broadcast']>, void>>();
void cond.wait({ signal });
new Cond(rw.rLocker());
// @ts-expect-error a Cond needs a Locker
new Cond({});
// @ts-expect-error a Cond needs a Locker
new Cond();
// @ts-expect-error a context is not a signal
void cond.wait({ signal: ctx });

// PrimitiveOptions
const options: PrimitiveOptions = { name: 'x' };
void options;
// @ts-expect-error only a name
const unknownOption: PrimitiveOptions = { label: 'x' };
void unknownOption;

void [withNumber, withString];
