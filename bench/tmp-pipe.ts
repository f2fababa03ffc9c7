import { Chan } from '@csp/channel';
import { pipeline, map } from '@csp/patterns';
const N = 100000;
const best: Record<string, number> = {};
async function time(name: string, fn: () => Promise<unknown>) { const t = performance.now(); await fn(); best[name] = Math.min(best[name] ?? Infinity, performance.now() - t); }
function stage<A, B>(input: Chan<A>, f: (a: A) => B): Chan<B> {
  const out = new Chan<B>();
  void (async () => { for await (const v of input) await out.send(f(v)); out.close(); })();
  return out;
}
for (let r = 0; r < 6; r++) {
  if (process.argv[2] !== 'ours') await time('hand', async () => {
    const src = new Chan<number>();
    void (async () => { for (let i = 0; i < N; i++) await src.send(i); src.close(); })();
    const out = stage(stage(stage(src, (x) => x + 1), (x) => x * 2), (x) => x - 1);
    let s = 0; for await (const v of out) s += v;
  });
  await time('ours', async () => {
    const src = new Chan<number>();
    void (async () => { for (let i = 0; i < N; i++) await src.send(i); src.close(); })();
    const p = pipeline(src, map((x: number) => x + 1), map((x: number) => x * 2), map((x: number) => x - 1));
    let s = 0; for await (const v of p) s += v;
    await p.wait();
  });
}
console.log(best);
