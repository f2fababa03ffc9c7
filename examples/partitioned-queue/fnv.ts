// Go's hash/fnv New32a (32-bit FNV-1a), as much of it as the partitioned queue uses.

const offset32 = 0x811c9dc5;
const prime32 = 0x01000193;

/** Go's `hash.Hash32` from `fnv.New32a()`: `write` bytes, then read `sum32()`. */
export interface Hash32 {
  write(bytes: Uint8Array): void;
  sum32(): number;
}

/** Go's `fnv.New32a()`. */
export function new32a(): Hash32 {
  let hash = offset32;
  return {
    write(bytes) {
      for (const byte of bytes) hash = Math.imul(hash ^ byte, prime32) >>> 0;
    },
    sum32: () => hash,
  };
}
