/**
 * The queue of a pool's waiting jobs: a FIFO, or (with priorities) the binary heap. The FIFO is a
 * singly linked list; a job given up while queued is only counted out and skipped when it reaches
 * the head, which keeps every operation O(1) without the two extra links per job a doubly linked
 * list would cost.
 *
 * @module
 */
import { BinaryHeap } from '../queue/binary-heap.js';
import type { PoolJob, PriorityJob } from './job.js';

/** What the pool needs from its queue. */
export interface JobQueue {
  /** How many live jobs wait. */
  readonly size: number;
  push(job: PoolJob): void;
  /** Removes and returns the next live job, or `null`. */
  shift(): PoolJob | null;
  /** Takes out a queued job whose result has just been settled (given up). */
  remove(job: PoolJob): void;
}

/** FIFO of jobs. */
export class JobFifo implements JobQueue {
  private head: PoolJob | null = null;
  private tail: PoolJob | null = null;
  size = 0;

  push(job: PoolJob): void {
    if (this.tail === null) this.head = job;
    else this.tail.next = job;
    this.tail = job;
    this.size++;
  }

  shift(): PoolJob | null {
    for (let job = this.head; job !== null; job = this.head) {
      this.head = job.next;
      if (this.head === null) this.tail = null;
      job.next = null;
      if (!job.settled) {
        this.size--;
        return job;
      }
    }
    return null;
  }

  remove(_job: PoolJob): void {
    this.size--; // skipped by shift(), since its result has settled
  }
}

/** Jobs by priority, FIFO among equals. */
export class JobHeap implements JobQueue {
  private readonly heap = new BinaryHeap<PriorityJob>();

  get size(): number {
    return this.heap.size;
  }

  push(job: PoolJob): void {
    this.heap.push(job as PriorityJob);
  }

  shift(): PoolJob | null {
    return this.heap.shift();
  }

  remove(job: PoolJob): void {
    this.heap.remove(job as PriorityJob);
  }
}
