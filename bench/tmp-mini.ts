let cap: any, cap2: any;
function ex(res: any, rej: any) { cap = res; cap2 = rej; }
class Job { next: Job | null = null; result: Promise<unknown>; resolve: any; reject: any; constructor(public fn: any) { this.result = new Promise(ex); this.resolve = cap; this.reject = cap2; } }
class W { job: Job | null = null; ok = (v: unknown) => this.done(true, v); err = (e: unknown) => this.done(false, e); constructor(public p: Pool) {}
  start(j: Job) { this.job = j; let r; try { r = j.fn(j); } catch (e) { this.done(false, e); return; } r.then(this.ok, this.err); }
  done(ok: boolean, v: unknown) { const j = this.job!; if (ok) j.resolve(v); else j.reject(v); const p = this.p; const n = p.head; if (n === null) { this.job = null; p.idle.push(this); return; } p.head = n.next; if (p.head === null) p.tail = null; this.start(n); }
}
export class Pool { head: Job | null = null; tail: Job | null = null; idle: W[] = [];
  constructor(c: number) { for (let i = 0; i < c; i++) this.idle.push(new W(this)); }
  run(fn: any) { const j = new Job(fn); const w = this.idle.pop(); if (w !== undefined && this.head === null) w.start(j); else { if (this.tail === null) this.head = j; else this.tail.next = j; this.tail = j; } return j.result; }
}
