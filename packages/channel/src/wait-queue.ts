/**
 * An intrusive doubly linked FIFO of parked waiters: O(1) push, dequeue and removal from the
 * middle (an aborted waiter or a select case that lost), with no array shifting or splicing.
 *
 * @module
 */

/**
 * A node that can sit in at most one {@link WaitQueue} at a time (start with all three fields
 * `null`). `Waiter` is one.
 */
export interface WaitNode {
  prev: WaitNode | null;
  next: WaitNode | null;
  /** The queue this node is in, or `null` when it is in none. */
  queue: WaitQueue<any> | null;
}

/**
 * FIFO of {@link WaitNode}s; the head is the waiter that parked first.
 *
 * Invariants (checked by the channel model tests, `test/invariants.ts`):
 *  - `size` is the number of nodes reachable from `head` through `next`; `head` and `tail` are
 *    `null` exactly when `size` is 0.
 *  - `head.prev` and `tail.next` are `null`; for every node but the head, `node.prev.next` is
 *    the node; `tail` is the last node reached from `head`.
 *  - Every node in the queue has `queue` set to it; a node in no queue has `queue` `null`, and
 *    `dequeue` and `remove` reset a node's links.
 */
export class WaitQueue<N extends WaitNode> {
  /** The first node, or `null` when empty. */
  head: N | null = null;
  /** The last node, or `null` when empty. */ tail: N | null = null;
  /** How many nodes are queued. */
  size = 0;

  /** Appends `node` at the tail. The node must not be in any queue. */
  push(node: N): void {
    node.queue = this;
    node.prev = this.tail;
    node.next = null;
    if (this.tail === null) this.head = node;
    else this.tail.next = node;
    this.tail = node;
    this.size++;
  }

  /** Removes and returns the head, or `null` when empty. */
  dequeue(): N | null {
    const node = this.head;
    if (node === null) return null;
    const next = node.next as N | null;
    this.head = next;
    if (next === null) this.tail = null;
    else next.prev = null;
    node.next = null;
    node.queue = null;
    this.size--;
    return node;
  }

  /** Removes `node` if it is in this queue; returns whether it was. */
  remove(node: N): boolean {
    if (node.queue !== this) return false;
    const { prev, next } = node;
    if (prev === null) this.head = next as N | null;
    else prev.next = next;
    if (next === null) this.tail = prev as N | null;
    else next.prev = prev;
    node.prev = node.next = null;
    node.queue = null;
    this.size--;
    return true;
  }
}
