import { Chan } from '@csp/channel';
const N = 100000;
const best: Record<string, number> = {};
async function time(name: string, fn: () => Promise<unknown>) { const t = performance.now(); await fn(); best[name] = Math.min(best[name] ?? Infinity, performance.now() - t); }
function forAwait<A, B>(input: Chan<A>, f: (a: A) => B): Chan<B> {
  const out = new Chan<B>();
  void (async () => { for await (const v of input) await out.send(f(v)); out.close(); })();
  return out;
}
function recvOk<A, B>(input: Chan<A>, f: (a: A) => B): Chan<B> {
  const out = new Chan<B>();
  void (async () => { for (;;) { const [v, ok] = await input.recvOk(); if (!ok) break; await out.send(f(v as A)); } out.close(); })();
  return out;
}
const ac = new AbortController(); const sig = ac.signal;
function checks<A, B>(input: Chan<A>, f: (a: A) => B): Chan<B> {
  const out = new Chan<B>();
  void (async () => { for (;;) { const [v, ok] = await input.recvOk(); if (!ok || sig.aborted) break; let r: any = f(v as A); if (typeof r?.then === 'function') r = await r; await out.send(r); } out.close(); })();
  return out;
}
function indexed<A, B>(input: Chan<A>, f: (a: A) => B): Chan<B> {
  const out = new Chan<B>();
  void (async () => { for (;;) { const r = await input.recvOk(); if (!r[1] || sig.aborted) break; let x: any = f(r[0] as A); if (typeof x?.then === 'function') x = await x; await out.send(x); } out.close(); })();
  return out;
}
const variants: Record<string, any> = { forAwait, recvOk, indexed };
for (let r = 0; r < 8; r++) for (const name of Object.keys(variants)) {
  const stage = variants[name];
  await time(name, async () => {
    const src = new Chan<number>();
    void (async () => { for (let i = 0; i < N; i++) await src.send(i); src.close(); })();
    const out = stage(stage(stage(src, (x: number) => x + 1), (x: number) => x * 2), (x: number) => x - 1);
    let s = 0; for await (const v of out) s += v;
  });
}
console.log(best);
