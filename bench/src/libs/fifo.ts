/**
 * The queue behind the hand-written floors: a ring buffer that doubles when full, so `push` and
 * `shift` are O(1) and allocate nothing once it has grown (no `Array.shift`).
 *
 * @module
 */
export class Fifo<T> {
  private items: (T | undefined)[] = new Array<T | undefined>(8);
  private head = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count++) & (this.items.length - 1)] = item;
  }

  /** Removes and returns the oldest item, or `undefined` when empty. */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.count--;
    return item;
  }

  private grow(): void {
    const items = new Array<T | undefined>(this.items.length * 2);
    for (let i = 0; i < this.count; i++) items[i] = this.items[(this.head + i) & (this.items.length - 1)];
    this.items = items;
    this.head = 0;
  }
}
