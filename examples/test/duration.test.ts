// durationString prints what Go's time.Duration.String() prints (expected texts from Go 1.19).
import { expect } from 'chai';
import fc from 'fast-check';
import { durationString } from '../shared/duration.js';

describe('durationString (Go time.Duration.String)', () => {
  const golden: [ms: number, go: string][] = [
    [0, '0s'],
    [850e-6, '850ns'],
    [1500e-6, '1.5µs'],
    [250, '250ms'],
    [314.253127, '314.253127ms'],
    [2210, '2.21s'],
    [90_000, '1m30s'],
    [3_600_000, '1h0m0s'],
    [61 * 60_000, '1h1m0s'],
    [2 * 3_600_000 + 5500, '2h0m5.5s'],
    [-1.5, '-1.5ms'],
  ];
  for (const [ms, go] of golden) {
    it(`prints ${ms} ms as ${go}`, () => {
      expect(durationString(ms)).to.equal(go);
    });
  }

  it('prints a number in the unit Go picks, which parses back to the same duration', () => {
    const units: Record<string, number> = { ns: 1e-6, µs: 1e-3, ms: 1 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999 }), (ns) => {
        const [, number, unit] = /^([\d.]+)(ns|µs|ms)$/.exec(durationString(ns / 1e6)) ?? [];
        expect(unit, 'unit').to.equal(ns < 1e3 ? 'ns' : ns < 1e6 ? 'µs' : 'ms');
        expect(Math.round(Number(number) * units[unit!]! * 1e6)).to.equal(ns);
        expect(number).to.not.match(/\.\d*0$/); // no trailing zeros
      }),
      { numRuns: 200 },
    );
  });
});
