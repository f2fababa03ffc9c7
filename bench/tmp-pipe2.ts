import { Chan } from '@csp/channel';
const N = 100000;
const best: Record<string, number> = {};
async function time(name: string, fn: () => Promise<unknown>) { const t = performance.now(); await fn(); best[name] = Math.min(best[name] ?? Infinity, performance.now() - t); }
function stage<A, B>(input: Chan<A>, f: (a: A) => B, ro?: any, so?: any): Chan<B> {
  const out = new Chan<B>();
  void (async () => { for (;;) { const [v, ok] = await input.recvOk(ro); if (!ok) break; await out.send(f(v as A), so); } out.close(); })();
  return out;
}
const ac = new AbortController();
const sig = { signal: ac.signal };
for (let r = 0; r < 6; r++) {
  for (const [name, a, b] of [['none', undefined, undefined], ['firstRecv', sig, undefined], ['all', sig, sig]] as const) {
  await time(name, async () => {
    const src = new Chan<number>();
    void (async () => { for (let i = 0; i < N; i++) await src.send(i); src.close(); })();
    const out = stage(stage(stage(src, (x) => x + 1, a, b), (x) => x * 2, b, b), (x) => x - 1, b, b);
    let s = 0; for await (const v of out) s += v;
  });
  }
}
console.log(best);
