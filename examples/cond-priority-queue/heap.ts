/**
 * Go's `container/heap`, for the port of the priority queue: a min-heap (by `less`) over any
 * type that implements {@link Interface}, with `init`, `push`, `pop`, `remove` and `fix`.
 *
 * @module
 */

/** Go's `heap.Interface`: `sort.Interface` plus `push` and `pop` at the end of the collection. */
export interface Interface<T> {
  len(): number;
  less(i: number, j: number): boolean;
  swap(i: number, j: number): void;
  /** Adds `x` as element `len()`. */
  push(x: T): void;
  /** Removes and returns element `len() - 1`. */
  pop(): T;
}

/** Go's `heap.Init(h)`: establishes the heap order. O(n). */
export function init<T>(h: Interface<T>): void {
  const n = h.len();
  for (let i = Math.floor(n / 2) - 1; i >= 0; i--) down(h, i, n);
}

/** Go's `heap.Push(h, x)`. O(log n). */
export function push<T>(h: Interface<T>, x: T): void {
  h.push(x);
  up(h, h.len() - 1);
}

/** Go's `heap.Pop(h)`: removes and returns the minimum element (by `less`). O(log n). */
export function pop<T>(h: Interface<T>): T {
  const n = h.len() - 1;
  h.swap(0, n);
  down(h, 0, n);
  return h.pop();
}

/** Go's `heap.Remove(h, i)`: removes and returns element `i`. O(log n). */
export function remove<T>(h: Interface<T>, i: number): T {
  const n = h.len() - 1;
  if (n !== i) {
    h.swap(i, n);
    if (!down(h, i, n)) up(h, i);
  }
  return h.pop();
}

/** Go's `heap.Fix(h, i)`: re-establishes the order after element `i` changed. O(log n). */
export function fix<T>(h: Interface<T>, i: number): void {
  if (!down(h, i, h.len())) up(h, i);
}

function up<T>(h: Interface<T>, j: number): void {
  for (;;) {
    const i = Math.floor((j - 1) / 2); // parent
    if (i === j || j <= 0 || !h.less(j, i)) break;
    h.swap(i, j);
    j = i;
  }
}

function down<T>(h: Interface<T>, i0: number, n: number): boolean {
  let i = i0;
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n || j1 < 0) break;
    let j = j1; // left child
    const j2 = j1 + 1;
    if (j2 < n && h.less(j2, j1)) j = j2; // right child
    if (!h.less(j, i)) break;
    h.swap(i, j);
    i = j;
  }
  return i > i0;
}
