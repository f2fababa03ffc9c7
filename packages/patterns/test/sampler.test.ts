// The pool's timing sampler: every job while jobs are few or slow, a thinning uniform sample
// (down to 1 in 64) in a sustained flood, and back to every job when the flood ends.
import { expect } from 'chai';
import { Sampler } from '../src/metrics/sampler.js';

/** Feeds jobs 1..count spaced `spacing` ms apart from `start`; returns the timed ids. */
function feed(sampler: Sampler, from: number, count: number, spacing: number, start = 0): number[] {
  const timed: number[] = [];
  for (let id = from; id < from + count; id++) {
    if (!sampler.picks(id)) continue;
    timed.push(id);
    sampler.adapt(id, start + (id - from) * spacing);
  }
  return timed;
}

describe('Sampler', () => {
  it('times every job of a small burst and of a slow stream', () => {
    expect(feed(new Sampler(false), 1, 60, 0.001)).to.have.length(60);
    expect(feed(new Sampler(false), 1, 5000, 1)).to.have.length(5000);
  });

  it('thins a sustained flood down to 1 in 64, uniformly by job number, then recovers', () => {
    const sampler = new Sampler(false);
    const flood = feed(sampler, 1, 200_000, 0.001);
    expect(flood.length).to.be.below(200_000 / 64 + 64 * 7);
    const tail = flood.filter((id) => id > 100_000);
    expect(tail.every((id) => id % 64 === 0)).to.equal(true);
    const calm = feed(sampler, 200_001, 300, 1, 1000);
    expect(calm.slice(-100)).to.deep.equal(Array.from({ length: 100 }, (_, i) => 200_201 + i));
  });

  it('times every job when asked to (a results channel needs every job’s timings)', () => {
    expect(feed(new Sampler(true), 1, 10_000, 0.001)).to.have.length(10_000);
  });
});
