// The metrics histogram: percentiles within its documented 6.25% of the exact values.
import { expect } from 'chai';
import fc from 'fast-check';
import { Histogram } from '../src/metrics/histogram.js';

/** The exact q-quantile by rank, as the histogram defines it (smallest value with rank ≥ q·n). */
function exact(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

describe('Histogram', () => {
  it('summarises within 6.25% (or 1 µs) of the exact percentiles (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 200 }), (values) => {
        const histogram = new Histogram();
        for (const value of values) histogram.record(value);
        const summary = histogram.summary();
        expect(summary.count).to.equal(values.length);
        expect(summary.max).to.equal(Math.max(...values));
        for (const [q, got] of [
          [0.5, summary.p50],
          [0.95, summary.p95],
          [0.99, summary.p99],
        ] as const) {
          const want = exact(values, q);
          expect(got).to.be.at.least(want - 0.001 - 1e-9);
          expect(got).to.be.at.most(Math.max(want * 1.0625, want + 0.001) + 1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is all zeros when empty', () => {
    expect(new Histogram().summary()).to.deep.equal({ count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 });
  });
});
