// Properties of Mutex and Semaphore under random schedules with random aborts: mutual
// exclusion / the permit limit, FIFO order, no permit leaked or granted twice.
import fc from 'fast-check';
import { Mutex, Semaphore } from '@csp/sync';
import { checkResource, stepsArbitrary, type Resource } from './resource-model.js';

function mutexResource(): Resource {
  const mu = new Mutex();
  return {
    size: 1,
    acquire: (_n, signal) => mu.lock({ signal }),
    tryAcquire: () => mu.tryLock(),
    release: () => mu.unlock(),
  };
}

function semaphoreResource(size: number): Resource {
  const sem = new Semaphore(size);
  return {
    size,
    acquire: (n, signal) => sem.acquire(n, { signal }),
    tryAcquire: (n) => sem.tryAcquire(n),
    release: (n) => sem.release(n),
  };
}

describe('properties: Mutex and Semaphore under random schedules', () => {
  it('Mutex: at most one holder, FIFO, aborted lockers hold nothing, nothing leaks', async () => {
    await fc.assert(
      fc.asyncProperty(stepsArbitrary(1), (steps) => checkResource(mutexResource(), steps)),
      { numRuns: 150 },
    );
  });

  it('Semaphore: permits held never exceed the size, strict FIFO, nothing leaks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }).chain((size) => fc.tuple(fc.constant(size), stepsArbitrary(size + 1))),
        ([size, steps]) => checkResource(semaphoreResource(size), steps),
      ),
      { numRuns: 300 },
    );
  });
});
