import { Chan } from '@csp/channel';
const w = new Int32Array(new SharedArrayBuffer(1024));
const n = 10_000_000;
for (let r = 0; r < 2; r++) {
  let t = performance.now();
  for (let i = 0; i < n; i++) { const x = Atomics.load(w, 0); Atomics.compareExchange(w, 0, x, x + 1); Atomics.store(w, 16, i); }
  console.log('load+cas+store ns', ((performance.now() - t) * 1e6) / n);
  const ch = new Chan<number>(4096);
  t = performance.now();
  let s = 0;
  for (let i = 0; i < n / 5; i++) { ch.trySend(i); if ((i & 1023) === 1023) for (let j = 0; j < 1024; j++) s += ch.tryRecv()![0]!; }
  console.log('Chan pair ns', ((performance.now() - t) * 1e6) / (n / 5));
}
