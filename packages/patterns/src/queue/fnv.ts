/**
 * 32-bit FNV-1a, exactly Go's `hash/fnv` `New32a()` followed by `Sum32()`, so a program ported
 * from Go sends each key to the same partition number.
 *
 * @module
 */

const offset32 = 0x811c9dc5;
const prime32 = 0x01000193;

/** One FNV-1a step: xor the byte in, multiply by the prime modulo 2^32. */
function mix(hash: number, byte: number): number {
  return Math.imul(hash ^ byte, prime32);
}

/**
 * Go's `h := fnv.New32a(); h.Write(data); h.Sum32()`: the 32-bit FNV-1a hash of `data` as an
 * unsigned integer. A string is hashed as its UTF-8 bytes, which is what Go's `[]byte(s)` gives
 * for the same text (a lone surrogate counts as U+FFFD, as `TextEncoder` encodes it). Never blocks.
 *
 * @example
 * ```ts
 * fnv32a('abc'); // 0x1a47e90b, as in Go's fnv_test.go
 * ```
 */
export function fnv32a(data: string | Uint8Array): number {
  let hash = offset32;
  if (typeof data !== 'string') {
    for (let i = 0; i < data.length; i++) hash = mix(hash, data[i]!);
    return hash >>> 0;
  }
  for (let i = 0; i < data.length; i++) {
    let code = data.charCodeAt(i);
    if (code < 0x80) {
      hash = mix(hash, code);
      continue;
    }
    if (code < 0x800) {
      hash = mix(mix(hash, 0xc0 | (code >> 6)), 0x80 | (code & 0x3f));
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const low = code <= 0xdbff ? data.charCodeAt(i + 1) : Number.NaN;
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
        hash = mix(mix(hash, 0xf0 | (code >> 18)), 0x80 | ((code >> 12) & 0x3f));
        hash = mix(mix(hash, 0x80 | ((code >> 6) & 0x3f)), 0x80 | (code & 0x3f));
        continue;
      }
      code = 0xfffd; // a lone surrogate
    }
    hash = mix(mix(mix(hash, 0xe0 | (code >> 12)), 0x80 | ((code >> 6) & 0x3f)), 0x80 | (code & 0x3f));
  }
  return hash >>> 0;
}
