import { Chan } from '@csp/channel';
const N = 100000;
const best: Record<string, number> = {};
async function time(name: string, fn: () => Promise<unknown>) { const t = performance.now(); await fn(); best[name] = Math.min(best[name] ?? Infinity, performance.now() - t); }
const skip = Symbol('skip');
const frozen = Object.freeze({});
function mk(kind: number) {
  return function <A, B>(input: Chan<A>, f: (a: A, c?: any) => B): Chan<B> {
    const out = new Chan<B>();
    const ac = new AbortController(); const run = { signal: ac.signal, receiving: frozen };
    const body = async (run: any, receiving = run.receiving) => {
      const { signal } = run;
      for (;;) { const [v, ok] = await input.recvOk(kind & 1 ? receiving : undefined); if (!ok || signal.aborted) return; let r: any = kind & 2 ? f(v as A, run) : f(v as A); if (typeof r?.then === 'function') r = await r; if (r !== skip) await out.send(r); }
    };
    if (kind & 4) void (async () => { try { await body(run); } finally { out.close(); } })();
    else void body(run).then(() => out.close());
    return out;
  };
}
const variants: Record<string, any> = { k0: mk(0), k1: mk(1), k2: mk(2), k4: mk(4), k7: mk(7) };
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
