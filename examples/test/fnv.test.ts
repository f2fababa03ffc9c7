// The partitioned-queue example's FNV-1a matches Go's hash/fnv New32a on Go's own test vectors.
import { expect } from 'chai';
import * as fnv from '../partitioned-queue/fnv.js';

describe('fnv.new32a (Go hash/fnv New32a)', () => {
  // golden32a from Go's src/hash/fnv/fnv_test.go
  const golden: [text: string, sum: number][] = [
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['ab', 0x4d2505ca],
    ['abc', 0x1a47e90b],
  ];
  for (const [text, sum] of golden) {
    it(`hashes "${text}" to 0x${sum.toString(16)}`, () => {
      const h = fnv.new32a();
      h.write(new TextEncoder().encode(text));
      expect(h.sum32()).to.equal(sum);
    });
  }

  it('hashes in pieces as in one write', () => {
    const h = fnv.new32a();
    h.write(new TextEncoder().encode('a'));
    h.write(new TextEncoder().encode('bc'));
    expect(h.sum32()).to.equal(0x1a47e90b);
  });
});
