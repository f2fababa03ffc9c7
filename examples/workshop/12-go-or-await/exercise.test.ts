import { expect } from 'chai';
import { time } from '@csp/channel';
import { context } from '@csp/sync';
import { implementation, runMain, within } from '../support.js';
import * as solution from './solution.js';
import * as start from './start.js';

const { saveAll, countPrimes } = implementation({ start, solution });

/** A fake store: each save takes a millisecond; it counts the saves running at once and fails the items it is told to. */
function store(failing: ReadonlySet<string> = new Set()) {
  const log = { saved: [] as string[], running: 0, most: 0 };
  const save = async (item: string): Promise<void> => {
    log.most = Math.max(log.most, ++log.running);
    try {
      await time.sleep(1);
      if (failing.has(item)) throw new Error(`${item} failed`);
      log.saved.push(item);
    } finally {
      log.running--;
    }
  };
  return { log, save };
}

describe('workshop 12: go or await', () => {
  describe('saveAll', () => {
    it('resolves once every item is saved, one at a time, in order', async () => {
      const { log, save } = store();
      await within(1000, saveAll(['a', 'b', 'c', 'd'], save), 'saveAll never finished');
      expect(log.saved, 'items saved when saveAll resolved').to.deep.equal(['a', 'b', 'c', 'd']);
      expect(log.most, 'saves running at once').to.equal(1);
    });

    it('rejects with the first failure and saves nothing after it', async () => {
      const { log, save } = store(new Set(['b']));
      const outcome = await within(1000, saveAll(['a', 'b', 'c'], save), 'saveAll never finished').then(
        () => 'resolved',
        (error: Error) => error.message,
      );
      await time.sleep(10); // a save still running would finish meanwhile
      expect({ outcome, saved: log.saved }).to.deep.equal({ outcome: 'b failed', saved: ['a'] });
    });
  });

  describe('countPrimes', () => {
    it('counts the primes below a limit', async () => {
      expect(await countPrimes(100, new AbortController().signal)).to.equal(25);
    });

    it('lets a timer fire while it counts', async () => {
      const order: string[] = [];
      const timer = setTimeout(() => order.push('timer'), 1);
      await countPrimes(300_000, new AbortController().signal);
      order.push('count');
      clearTimeout(timer);
      expect(order, 'what happened first: the timer due in 1 ms, or the end of a long count').to.deep.equal(['timer', 'count']);
    });

    it('rejects with DeadlineExceeded soon after the deadline, long before the count would end', async () => {
      const [ctx, cancel] = context.withTimeout(context.background(), 5);
      const outcome = await countPrimes(300_000, ctx.signal).then(
        (count) => `resolved with ${count}`,
        (error: unknown) => error,
      );
      cancel();
      expect(outcome).to.equal(context.DeadlineExceeded);
    });
  });

  it('runs main(): saveAll resolves after the saves, the deadline stops the count', async () => {
    const run = await runMain('12-go-or-await');
    expect(run.exitCode, run.output).to.equal(0);
    expect(run.output).to.include('saved c\nsaveAll resolved');
    expect(run.output).to.include('countPrimes rejected: context deadline exceeded');
  });
});
