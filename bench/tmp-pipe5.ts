import { Chan } from '@csp/channel';
import { map, pipeline } from '@csp/patterns';
const N = 100000;
const best: Record<string, number> = {};
async function time(name: string, fn: () => Promise<unknown>) { const t = performance.now(); await fn(); best[name] = Math.min(best[name] ?? Infinity, performance.now() - t); }
function forAwait<A, B>(input: Chan<A>, f: (a: A) => B): Chan<B> {
  const out = new Chan<B>();
  void (async () => { for await (const v of input) await out.send(f(v)); out.close(); })();
  return out;
}
const v2: Record<string, any> = {
  hand: (src: any) => forAwait(forAwait(forAwait(src, (x: number) => x + 1), (x: number) => x * 2), (x: number) => x - 1),
  standalone: (src: any) => map((x: number) => x - 1)(map((x: number) => x * 2)(map((x: number) => x + 1)(src))),
  pipe: (src: any) => pipeline(src, map((x: number) => x + 1), map((x: number) => x * 2), map((x: number) => x - 1)).output,
};
const which = process.argv.slice(2);
for (let r = 0; r < 10; r++) for (const name of which) {
  await time(name, async () => {
    const src = new Chan<number>();
    void (async () => { for (let i = 0; i < N; i++) await src.send(i); src.close(); })();
    const out = v2[name](src);
    let s = 0; for await (const v of out) s += v;
  });
}
console.log(best);
