// The `Invariants:` of `Chan` and `WaitQueue` (see their header comments), checked through their
// @internal getters. The model and property tests assert them after every step.
import { expect } from 'chai';
import type { WaitNode, WaitQueue } from '@csp/channel/internal';
import { SelectCaseWaiter, WaitKind, type Chan, type ChanWaiter } from '../src/chan.js';

/** The broken invariants of a `WaitQueue`, in words (empty when it is sound). */
export function waitQueueViolations(queue: WaitQueue<WaitNode>): string[] {
  const broken: string[] = [];
  if ((queue.head === null) !== (queue.size === 0) || (queue.tail === null) !== (queue.size === 0)) {
    broken.push(`head/tail null exactly when size is 0 (size ${queue.size})`);
  }
  if (queue.head !== null && queue.head.prev !== null) broken.push('head.prev is null');
  if (queue.tail !== null && queue.tail.next !== null) broken.push('tail.next is null');
  let count = 0;
  let last: WaitNode | null = null;
  for (let node = queue.head; node !== null && count <= queue.size; node = node.next) {
    count++;
    if (node.queue !== queue) broken.push(`node ${count} belongs to this queue`);
    if (node.prev !== last) broken.push(`node ${count}'s prev is the node before it`);
    last = node;
  }
  if (count !== queue.size) broken.push(`size ${queue.size} counts the ${count} nodes from head`);
  if (last !== queue.tail) broken.push('tail is the last node from head');
  return broken;
}

const isSendKind = (waiter: ChanWaiter<unknown>): boolean => waiter.kind === WaitKind.Send || waiter.kind === WaitKind.SelectSend;

/** The waiters of a queue, head first. */
function waitersOf(queue: WaitQueue<ChanWaiter<unknown>>): ChanWaiter<unknown>[] {
  const waiters: ChanWaiter<unknown>[] = [];
  for (let node: WaitNode | null = queue.head; node !== null && waiters.length < queue.size; node = node.next) {
    waiters.push(node as ChanWaiter<unknown>);
  }
  return waiters;
}

/** The broken invariants of a `Chan`, in words (empty when it is sound). */
export function chanViolations(ch: Chan<any>): string[] {
  const broken = [
    ...waitQueueViolations(ch.senders).map((v) => `sendq: ${v}`),
    ...waitQueueViolations(ch.receivers).map((v) => `recvq: ${v}`),
  ];
  const senders = waitersOf(ch.senders);
  const receivers = waitersOf(ch.receivers);
  if (senders.length > 0 && receivers.length > 0) {
    const first = senders[0];
    const group = first instanceof SelectCaseWaiter ? first.group : null;
    const oneSelect = [...senders, ...receivers].every((w) => w instanceof SelectCaseWaiter && w.group === group);
    if (ch.capacity > 0 || !oneSelect) {
      broken.push('sendq or recvq is empty, unless one select waits on an unbuffered channel in both directions');
    }
  }
  if (ch.length > ch.capacity) broken.push(`the buffer holds at most cap (${ch.length} > ${ch.capacity})`);
  if (ch.capacity > 0 && ch.length > 0 && receivers.length > 0) broken.push('a buffered value implies an empty recvq');
  if (ch.capacity > 0 && ch.length < ch.capacity && senders.length > 0) broken.push('room in the buffer implies an empty sendq');
  if (ch.isClosed() && senders.length > 0) broken.push('a closed channel has no parked senders');
  if (ch.isClosed() && receivers.length > 0) broken.push('a closed channel has no parked receivers');
  for (const [queue, waiters, sending] of [
    ['sendq', senders, true],
    ['recvq', receivers, false],
  ] as const) {
    waiters.forEach((waiter, i) => {
      if (waiter.settled) broken.push(`${queue} waiter ${i} is unsettled`);
      if (waiter.chan !== ch) broken.push(`${queue} waiter ${i} waits on this channel`);
      if (isSendKind(waiter) !== sending) broken.push(`${queue} waiter ${i} waits in the queue of its direction`);
    });
  }
  return broken;
}

/** Asserts the invariants of every channel given. */
export function expectChanInvariants(...channels: Chan<any>[]): void {
  channels.forEach((ch, i) => expect(chanViolations(ch), `channel ${i} (${ch.name ?? 'unnamed'})`).to.deep.equal([]));
}
