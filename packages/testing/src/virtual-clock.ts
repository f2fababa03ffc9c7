/**
 * The virtual clock of a test bubble: time stands still until the bubble advances it, which it
 * does only when every goroutine of the bubble is durably blocked (see `bubble.ts`).
 *
 * @module
 */
import type { Clock, TimerHandle } from '@csp/channel/internal';

/** 2000-01-01T00:00:00Z, where every bubble's clock starts (as Go's synctest does). */
export const EPOCH = Date.UTC(2000, 0, 1);

/** One armed virtual timer. */
class VirtualTimer implements TimerHandle {
  declare readonly __timerHandle: true;
  /** Set when cleared, so that the heap skips it (lazy deletion). */
  cleared = false;

  constructor(
    readonly when: number,
    /** Orders timers due at the same instant: a draw of the schedule (0 without one). */
    readonly tie: number,
    /** Creation order: orders timers due at the same instant whose draws are equal. */
    readonly order: number,
    readonly callback: () => void,
  ) {}
}

function earlier(a: VirtualTimer, b: VirtualTimer): boolean {
  if (a.when !== b.when) return a.when < b.when;
  return a.tie < b.tie || (a.tie === b.tie && a.order < b.order);
}

/**
 * A {@link Clock} whose time moves only through {@link VirtualClock.advanceTo}. Its timers are
 * kept in a binary min-heap (O(log n) to arm, to fire and to find the next); a timer of
 * `Infinity` never fires and is not kept at all.
 */
export class VirtualClock implements Clock {
  readonly bubbled = true;
  private current = EPOCH;
  private readonly heap: VirtualTimer[] = [];
  private created = 0;

  /**
   * @param tieBreak draws the order of timers due at the same instant (`null`: creation order;
   *   equal draws keep creation order too).
   */
  constructor(private readonly tieBreak: (() => number) | null) {}

  now(): number {
    return this.current;
  }

  monotonic(): number {
    return this.current - EPOCH;
  }

  setTimer(callback: () => void, delay: number): TimerHandle {
    const when = this.current + (delay > 0 ? delay : 0);
    const tie = this.tieBreak === null ? 0 : this.tieBreak();
    const timer = new VirtualTimer(when, tie, this.created++, callback);
    if (when !== Infinity) this.push(timer);
    return timer;
  }

  clearTimer(handle: TimerHandle): void {
    (handle as VirtualTimer).cleared = true;
  }

  /** When the next live timer is due, or `undefined` when none is armed. */
  next(): number | undefined {
    this.dropCleared();
    return this.heap.length === 0 ? undefined : this.heap[0]!.when;
  }

  /** Takes the next timer due now (its time has come), or `null`. */
  takeDue(): (() => void) | null {
    this.dropCleared();
    const head = this.heap[0];
    if (head === undefined || head.when > this.current) return null;
    this.pop();
    return head.callback;
  }

  /** Moves the time forward to `when` (never backward). */
  advanceTo(when: number): void {
    if (when > this.current) this.current = when;
  }

  private dropCleared(): void {
    while (this.heap.length > 0 && this.heap[0]!.cleared) this.pop();
  }

  private push(timer: VirtualTimer): void {
    const heap = this.heap;
    let i = heap.push(timer) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && earlier(heap[left]!, heap[least]!)) least = left;
      if (right < heap.length && earlier(heap[right]!, heap[least]!)) least = right;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least]!, heap[i]!];
      i = least;
    }
  }
}
