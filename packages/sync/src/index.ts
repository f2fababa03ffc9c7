/**
 * `@csp/sync`: Go's `sync`, `golang.org/x/sync` and `context` for TypeScript, built on
 * `@csp/channel`.
 *
 * | Go | TypeScript |
 * |---|---|
 * | `var mu sync.Mutex` | `const mu = new Mutex()`: `await mu.lock()`, `mu.unlock()`, `mu.tryLock()` |
 * | `var rw sync.RWMutex` | `new RWMutex()`: `lock`, `unlock`, `rLock`, `rUnlock`, `tryLock`, `tryRLock`, `rLocker()` |
 * | `var wg sync.WaitGroup` | `new WaitGroup()`: `add(n)`, `done()`, `await wait()`, `go(fn)` |
 * | `var once sync.Once` | `new Once()`: `await once.do(fn)`; `onceFunc`, `onceValue`, `onceValues` |
 * | `sync.NewCond(&mu)` | `new Cond(mu)`: `await c.wait()`, `c.signal()`, `c.broadcast()` |
 * | `semaphore.NewWeighted(n)` | `new Semaphore(n)`: `await acquire(n)`, `tryAcquire(n)`, `release(n)` |
 * | `errgroup.WithContext(ctx)` | `Group.withContext(ctx)` → `[g, ctx]`: `await g.go(fn)`, `await g.wait()` |
 * | `singleflight.Group` | `new singleflight.Group<T>()`: `await g.do(key, fn)` |
 * | `context.WithCancel(ctx)` | `context.withCancel(ctx)` → `[ctx, cancel]` |
 *
 * @packageDocumentation
 */
/// <reference lib="esnext.disposable" preserve="true" />
export { Mutex } from './mutex.js';
export { RWMutex } from './rw-mutex.js';
export { LockGuard, type Locker } from './locker.js';
export { WaitGroup } from './wait-group.js';
export { Once } from './once.js';
export { onceFunc, onceValue, onceValues } from './once-func.js';
export { Cond } from './cond.js';
export { Semaphore } from './semaphore.js';
export type { PrimitiveOptions } from './options.js';
export { Group } from './errgroup.js';
export * as singleflight from './singleflight.js';
export * as context from './context/index.js';
export type { CancelCauseFunc, CancelFunc, Context } from './context/context.js';
export { CanceledError, DeadlineExceededError } from './context/errors.js';
export {
  UnlockOfUnlockedMutexError,
  RUnlockOfUnlockedRWMutexError,
  UnlockOfUnlockedRWMutexError,
  NegativeWaitGroupCounterError,
  ReleasedMoreThanHeldError,
  ModifyLimitWhileActiveError,
} from './errors.js';
