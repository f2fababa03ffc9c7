/**
 * The FIFO storage of a buffered channel: a ring that grows by doubling up to the channel's
 * capacity, so a `new Chan(1_000_000)` costs nothing until values arrive. O(1) push and dequeue.
 *
 * @module
 */
export class RingBuffer<T> {
  private items: (T | undefined)[] = new Array(1);
  private head = 0;
  /** How many values are stored. */
  length = 0;

  constructor(
    /** How many values it may hold. */
    readonly capacity: number,
  ) {}

  /** Whether another value fits. */
  hasRoom(): boolean {
    return this.length < this.capacity;
  }

  /** Appends `value`; the caller checks the capacity. */
  push(value: T): void {
    let items = this.items;
    if (this.length === items.length) items = this.grow();
    items[(this.head + this.length) & (items.length - 1)] = value;
    this.length++;
  }

  /** Removes and returns the oldest value; the caller checks that there is one. */
  dequeue(): T {
    const items = this.items;
    const value = items[this.head] as T;
    items[this.head] = undefined;
    this.head = (this.head + 1) & (items.length - 1);
    this.length--;
    return value;
  }

  private grow(): (T | undefined)[] {
    const old = this.items;
    const items: (T | undefined)[] = new Array(old.length * 2);
    for (let i = 0; i < this.length; i++) items[i] = old[(this.head + i) & (old.length - 1)];
    this.head = 0;
    this.items = items;
    return items;
  }
}
