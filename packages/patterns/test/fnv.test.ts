// fnv32a: exactly Go's hash/fnv New32a().Sum32(), checked against Go's published golden vectors.
import { expect } from 'chai';
import fc from 'fast-check';
import { fnv32a, PartitionedQueue } from '@csp/patterns';

/** Go's `golden32a` table from src/hash/fnv/fnv_test.go: big-endian sum bytes, text. */
const golden32a: [number[], string][] = [
  [[0x81, 0x1c, 0x9d, 0xc5], ''],
  [[0xe4, 0x0c, 0x29, 0x2c], 'a'],
  [[0x4d, 0x25, 0x05, 0xca], 'ab'],
  [[0x1a, 0x47, 0xe9, 0x0b], 'abc'],
];

const bigEndian = (bytes: number[]): number => bytes.reduce((sum, byte) => sum * 256 + byte, 0);

describe('fnv32a', () => {
  for (const [sum, text] of golden32a) {
    it(`matches Go's golden32a vector for ${JSON.stringify(text)}`, () => {
      expect(fnv32a(text)).to.equal(bigEndian(sum));
      expect(fnv32a(new TextEncoder().encode(text))).to.equal(bigEndian(sum));
    });
  }

  it("matches Go's integrity data ('1', '2', 3, 4, 5) as bytes, and is unsigned 32-bit", () => {
    const hash = fnv32a(new Uint8Array([0x31, 0x32, 3, 4, 5]));
    expect(hash)
      .to.be.at.least(0)
      .and.below(2 ** 32);
    expect(Number.isInteger(hash)).to.equal(true);
    // FNV-1a by definition, byte by byte, with BigInt arithmetic as an independent reference.
    let reference = 0x811c9dc5n;
    for (const byte of [0x31, 0x32, 3, 4, 5]) reference = ((reference ^ BigInt(byte)) * 0x01000193n) % 2n ** 32n;
    expect(hash).to.equal(Number(reference));
  });

  it("hashes a string as its UTF-8 bytes, as Go's []byte(s) (incl. astral and lone surrogates)", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(fnv32a(text)).to.equal(fnv32a(new TextEncoder().encode(text)));
      }),
      { numRuns: 300 },
    );
    expect(fnv32a('\ud800x')).to.equal(fnv32a(new Uint8Array([0xef, 0xbf, 0xbd, 0x78])));
  });

  it("routes keys as the seed's partition(): int(h.Sum32()) % numPartitions", () => {
    const queue = new PartitionedQueue<number>({ partitions: 7 });
    for (const key of ['', 'a', 'ab', 'abc', 'user-42', 'ünïcødé', '🙂']) {
      expect(queue.partition(key)).to.equal(fnv32a(key) % 7);
    }
    expect(queue.partition('abc')).to.equal(0x1a47e90b % 7);
  });
});
