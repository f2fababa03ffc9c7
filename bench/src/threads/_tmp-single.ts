import { SharedChan } from '@csp/threads';
const ch = new SharedChan<number>(4096, { type: 'number' });
const n = 2_000_000;
for (let round = 0; round < 3; round++) {
  let t = performance.now();
  let sum = 0;
  for (let i = 0; i < n; i++) {
    ch.trySend(i);
    if ((i & 1023) === 1023) for (let j = 0; j < 1024; j++) sum += ch.tryRecv()![0]!;
  }
  console.log('single-thread send+recv ns/op-pair', ((performance.now() - t) * 1e6) / n);
}
