/**
 * The binary heap behind the priority queue and the pool's priority mode, after Go's
 * `container/heap`: higher `key` first, and among equal keys the lower `seq` (the earlier push)
 * first, so equal priorities come out FIFO. O(log n) push, shift and removal; each entry keeps its
 * own index, so removal needs no search.
 *
 * @module
 */

/** What the heap orders; the heap sets `seq` and `index`. */
export interface HeapEntry {
  /** The priority: higher comes out first. */
  key: number;
  /** The push order, set by the heap; breaks ties FIFO. */
  seq: number;
  /** The position in the heap; -1 when not in it. */
  index: number;
}

/** Whether `a` comes out before `b`. */
function before(a: HeapEntry, b: HeapEntry): boolean {
  return a.key > b.key || (a.key === b.key && a.seq < b.seq);
}

/** A max-heap of entries with FIFO ties. */
export class BinaryHeap<E extends HeapEntry> {
  private readonly items: E[] = [];
  private pushes = 0;

  /** How many entries are in the heap. */
  get size(): number {
    return this.items.length;
  }

  /** The entry that comes out next, or `null` when empty. */
  peek(): E | null {
    return this.items[0] ?? null;
  }

  /** Adds `entry`, stamping it with the next sequence number. */
  push(entry: E): void {
    entry.seq = this.pushes++;
    entry.index = this.items.length;
    this.items.push(entry);
    this.up(entry.index);
  }

  /** Removes and returns the entry that comes out next, or `null` when empty. */
  shift(): E | null {
    const top = this.items[0];
    if (top === undefined) return null;
    this.removeAt(0);
    return top;
  }

  /** Removes `entry` if it is in this heap; returns whether it was. */
  remove(entry: E): boolean {
    if (this.items[entry.index] !== entry) return false;
    this.removeAt(entry.index);
    return true;
  }

  private removeAt(index: number): void {
    const items = this.items;
    const removed = items[index]!;
    const last = items.pop()!;
    removed.index = -1;
    if (last === removed) return;
    items[index] = last;
    last.index = index;
    this.down(index);
    this.up(last.index);
  }

  private up(index: number): void {
    const items = this.items;
    const entry = items[index]!;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex]!;
      if (!before(entry, parent)) break;
      items[index] = parent;
      parent.index = index;
      index = parentIndex;
    }
    items[index] = entry;
    entry.index = index;
  }

  private down(index: number): void {
    const items = this.items;
    const n = items.length;
    const entry = items[index]!;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && before(items[right]!, items[child]!)) child = right;
      const next = items[child]!;
      if (!before(next, entry)) break;
      items[index] = next;
      next.index = index;
      index = child;
    }
    items[index] = entry;
    entry.index = index;
  }
}
