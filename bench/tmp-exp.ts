let cap: any, cap2: any;
function ex(res: any, rej: any) { cap = res; cap2 = rej; }
const N = 200000;
async function task() { await null; }
function make(variant: number) {
  class Job { next: Job | null = null; result: Promise<unknown>; resolve: any; reject: any; a: any = null; b = 0; c = 0; t1 = 0; t2 = 0;
    constructor(public fn: any) { this.result = new Promise(ex); this.resolve = cap; this.reject = cap2; } }
  class Small { next: Small | null = null; result: Promise<unknown>; resolve: any; reject: any; t1 = 0; t2 = 0; constructor(public fn: any) { this.result = new Promise(ex); this.resolve = cap; this.reject = cap2; } }
  const J: any = variant === 0 ? Small : Job;
  class W { job: any = null; ok = (v: unknown) => this.done(true, v); err = (e: unknown) => this.done(false, e); constructor(public p: Pool) {}
    start(j: any) { this.job = j; let r; try { r = j.fn(j); } catch (e) { this.done(false, e); return; } r.then(this.ok, this.err); }
    done(ok: boolean, v: unknown) { const j = this.job!; if (ok) j.resolve(v); else j.reject(v); const p = this.p; const n = p.head; if (n === null) { this.job = null; p.idle.push(this); return; } p.head = n.next; if (p.head === null) p.tail = null; this.start(n); }
  }
  class Pool { head: any = null; tail: any = null; idle: W[] = [];
    constructor(c: number) { for (let i = 0; i < c; i++) this.idle.push(new W(this)); }
    run(fn: any) { const j = new J(fn); if (variant === 2) j.t1 = performance.now(); else if (variant===1) j.b = 5; const w = this.idle.pop(); if (w !== undefined && this.head === null) w.start(j); else { if (this.tail === null) this.head = j; else this.tail.next = j; this.tail = j; } return j.result; }
  }
  return Pool;
}
const best: Record<string, number> = {};
for (let r = 0; r < 8; r++) for (const v of [Number(process.argv[2])]) {
  const Pool = make(v);
  const t = performance.now(); const pool = new Pool(8); const ps = []; for (let i = 0; i < N; i++) ps.push(pool.run(task)); await Promise.all(ps);
  const d = performance.now() - t; best[v] = Math.min(best[v] ?? Infinity, d);
}
console.log(best);
