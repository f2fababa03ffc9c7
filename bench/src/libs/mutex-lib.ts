/**
 * The mutex operations the sync workloads need, once per library: `@csp/sync`'s `Mutex`,
 * `async-mutex`'s `Mutex`, `async-sema`'s `Sema(1)` and the hand-written floor. `T` is what a
 * lock resolves with and unlock needs (async-mutex's releaser).
 *
 * @module
 */
export interface MutexLib<M = any, T = any> {
  make(): M;
  lock(mutex: M): Promise<T>;
  unlock(mutex: M, token: T): void;
}

/** Loads the library `id` (only the child process that runs it does). */
export async function loadMutexLib(id: string): Promise<MutexLib> {
  switch (id) {
    case 'ours': {
      const { Mutex } = await import('@csp/sync');
      return { make: () => new Mutex(), lock: (m: InstanceType<typeof Mutex>) => m.lock(), unlock: (m) => m.unlock() };
    }
    case 'async-mutex': {
      const { Mutex } = await import('async-mutex');
      return {
        make: () => new Mutex(),
        lock: (m: InstanceType<typeof Mutex>) => m.acquire(),
        unlock: (_, release: () => void) => release(),
      };
    }
    case 'async-sema': {
      const { Sema } = await import('async-sema');
      return { make: () => new Sema(1), lock: (s: InstanceType<typeof Sema>) => s.acquire(), unlock: (s) => s.release() };
    }
    case 'floor': {
      const { FloorMutex } = await import('./floor-sync.js');
      return { make: () => new FloorMutex(), lock: (m: InstanceType<typeof FloorMutex>) => m.lock(), unlock: (m) => m.unlock() };
    }
    default:
      throw new Error(`unknown mutex library ${id}`);
  }
}
