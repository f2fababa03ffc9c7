// The deadlock detector's wake-up counter (see src/thread-sleep-board.ts): a wake-up counts the
// moment a waiter is notified, so a thread woken but not yet run is never taken for one asleep.
import { expect } from 'chai';
import { wakeCount, wakeWaiters, wakeupsBuffer } from '../src/thread-sleep-board.js';

type WaitAsync = (words: Int32Array, index: number, value: number) => { async: boolean; value: Promise<string> | string };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

describe('thread sleep board: the wake-up counter', () => {
  it('counts a notify that wakes a waiter at once, before the waiter runs; one that wakes nobody does not count', async () => {
    wakeupsBuffer(); // this thread counts from now on
    const words = new Int32Array(new SharedArrayBuffer(4));
    const waiting = waitAsync(words, 0, 0);
    expect(waiting.async).to.equal(true);
    const before = wakeCount();
    expect(wakeWaiters(words, 0)).to.equal(1);
    expect(wakeCount(), 'counted at the notify').to.equal(before + 1);
    expect(await waiting.value).to.equal('ok');
    expect(wakeWaiters(words, 0), 'nobody waits now').to.equal(0);
    expect(wakeCount()).to.equal(before + 1);
  });
});
