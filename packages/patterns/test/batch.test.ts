// batch: groups by size and by time, flushes a partial batch on close, stops on abort.
import { expect } from 'chai';
import fc from 'fast-check';
import { Chan, time } from '@csp/channel';
import { batch, fromIterable, pipeline } from '@csp/patterns';
import { synctest } from '@csp/testing';
import { collect, thrownBy } from './helpers.js';

describe('batch', () => {
  it('groups by size, keeps order, flushes the partial batch on close (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer(), { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), async (values, size) => {
        const batches = await collect(batch<number>({ size })(fromIterable(values)));
        expect(batches.flat()).to.deep.equal(values);
        for (const [i, group] of batches.entries()) {
          expect(group.length).to.be.greaterThan(0);
          if (i < batches.length - 1) expect(group.length).to.equal(size);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('sends a partial batch once its first value has waited `interval`', () =>
    synctest.test(async () => {
      const input = new Chan<string>();
      const output = batch<string>({ size: 100, interval: 15 })(input);
      const started = time.now();
      await input.send('a');
      await input.send('b');
      expect(await output.recv()).to.deep.equal(['a', 'b']);
      expect(time.since(started)).to.equal(15);
      await input.send('c');
      input.close();
      expect(await collect(output)).to.deep.equal([['c']]);
    }));

  it('stops when its pipeline is cancelled, dropping the batch being gathered', () =>
    synctest.test(async () => {
      const input = new Chan<number>();
      const p = pipeline(input, batch<number>({ size: 10, interval: 1000 }));
      await input.send(1);
      p.cancel();
      expect(await collect(p)).to.deep.equal([]);
      await p.wait().catch(() => {});
      await time.sleep(1);
    }));

  it('throws a RangeError naming size or interval', () => {
    expect((thrownBy(() => batch({ size: 0 })) as Error).message).to.contain('size must be a positive integer');
    expect((thrownBy(() => batch({ size: 2, interval: -5 })) as Error).message).to.contain('interval must be');
  });
});
