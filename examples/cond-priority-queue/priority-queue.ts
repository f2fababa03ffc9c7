/**
 * The seed's priority job queue, line by line: a heap ordered by priority (Go's
 * `container/heap` over a slice), guarded by a `Mutex`, with a `Cond` that wakes consumers when
 * a job arrives or the queue closes.
 *
 * @module
 */
import { Cond, Mutex } from '@csp/sync';
import * as heap from './heap.js';

// Job represents work to be done
export interface Job {
  id: number;
  producerID: number;
  data: number;
  createdAt: Date;
}

/** Go's zero `Job{}`. */
const zeroJob: Job = { id: 0, producerID: 0, data: 0, createdAt: new Date(0) };

// PriorityJob wraps a job with priority
export interface PriorityJob {
  job: Job;
  priority: number;
  index: number;
}

// PriorityQueue implements heap.Interface
export class PriorityQueue implements heap.Interface<PriorityJob> {
  private readonly items: PriorityJob[] = [];

  len(): number {
    return this.items.length;
  }
  less(i: number, j: number): boolean {
    return this.items[i]!.priority > this.items[j]!.priority; // Higher priority first
  }
  swap(i: number, j: number): void {
    const items = this.items;
    [items[i], items[j]] = [items[j]!, items[i]!];
    items[i]!.index = i;
    items[j]!.index = j;
  }
  push(item: PriorityJob): void {
    item.index = this.items.length;
    this.items.push(item);
  }
  pop(): PriorityJob {
    return this.items.pop()!;
  }
}

// PriorityJobQueue coordinates priority-based processing
export class PriorityJobQueue {
  private readonly pq = new PriorityQueue();
  private readonly mu = new Mutex();
  private readonly cond = new Cond(this.mu);
  private closed = false;

  constructor() {
    heap.init(this.pq);
  }

  async enqueue(job: Job, priority: number): Promise<void> {
    await this.mu.lock();
    try {
      heap.push(this.pq, { job, priority, index: 0 });
      this.cond.signal();
    } finally {
      this.mu.unlock(); // defer pjq.mu.Unlock()
    }
  }

  async dequeue(): Promise<[job: Job, ok: boolean]> {
    await this.mu.lock();
    try {
      while (this.pq.len() === 0 && !this.closed) {
        await this.cond.wait();
      }

      if (this.pq.len() === 0) {
        return [zeroJob, false];
      }

      const item = heap.pop(this.pq);
      return [item.job, true];
    } finally {
      this.mu.unlock(); // defer pjq.mu.Unlock()
    }
  }

  async close(): Promise<void> {
    await this.mu.lock();
    this.closed = true;
    this.mu.unlock();
    this.cond.broadcast();
  }
}
