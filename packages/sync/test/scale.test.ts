// Queues are O(1) per operation: 200k queued lockers are served in linear time (async-mutex's
// Array.shift queue takes ~24 s for this). No timing assertion: the suite's timeout is the bound.
// (Aborts are fewer than lockers: Node's AbortSignal listeners cost ~25 µs each by themselves.)
import { expect } from 'chai';
import { Mutex, Semaphore } from '@csp/sync';

const lockers = 200_000;

describe('scale', function () {
  this.timeout(20_000);

  it(`serves ${lockers} queued lockers of a Mutex in order`, async () => {
    const mu = new Mutex();
    await mu.lock();
    let served = 0;
    let inOrder = true;
    const queued = Array.from({ length: lockers }, (_, i) =>
      mu.lock().then(() => {
        if (i !== served) inOrder = false;
        served++;
        mu.unlock();
      }),
    );
    mu.unlock();
    await Promise.all(queued);
    expect(served).to.equal(lockers);
    expect(inOrder).to.equal(true);
    expect(mu.tryLock()).to.equal(true);
  });

  it(`serves ${lockers} queued acquirers of a Semaphore, every 20th aborted while queued`, async () => {
    const sem = new Semaphore(1);
    await sem.acquire();
    let served = 0;
    const controllers: AbortController[] = [];
    const queued = Array.from({ length: lockers }, (_, i) => {
      const controller = i % 20 === 10 ? new AbortController() : null;
      if (controller !== null) controllers.push(controller);
      return sem.acquire(1, { signal: controller?.signal }).then(
        () => {
          served++;
          sem.release();
        },
        () => {},
      );
    });
    for (const controller of controllers) controller.abort();
    sem.release();
    await Promise.all(queued);
    expect(served).to.equal(lockers - controllers.length);
    expect(sem.tryAcquire()).to.equal(true);
  });
});
