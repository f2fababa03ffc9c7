// The jobs of the thread-pool benchmarks, as plain JavaScript so that every pool's threads load
// them without a TypeScript loader. `run` is the entry piscina and tinypool call.

/** The empty job: measures a pool's round trip. */
export function empty() {
  return 0;
}

/** `ms` milliseconds of CPU work (a busy loop over the clock and some arithmetic). */
export function cpu(ms) {
  const end = performance.now() + ms;
  let x = 0;
  while (performance.now() < end) for (let i = 0; i < 1000; i++) x = (x * 31 + i) | 0;
  return x;
}

/** piscina / tinypool: one function taking one argument. */
export default function run({ kind, ms }) {
  return kind === 'cpu' ? cpu(ms) : empty();
}

/** The channel benchmarks' receiver: sums numbers until the channel is closed (blocking the thread). */
export function sumNumbers(ch) {
  let sum = 0;
  for (let [v, ok] = ch.recvSync(); ok; [v, ok] = ch.recvSync()) sum += v;
  return sum;
}

/** Counts objects until the channel is closed; returns the count and the sum of their ids. */
export function countObjects(ch) {
  let count = 0;
  let ids = 0;
  for (let [v, ok] = ch.recvSync(); ok; [v, ok] = ch.recvSync()) {
    count++;
    ids += v.id;
  }
  return [count, ids];
}
