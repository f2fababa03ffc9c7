/**
 * One `abort` listener per `AbortSignal`, however many operations wait on it. Node's
 * `EventTarget` scans its listener list on every `addEventListener` and `removeEventListener`,
 * so one listener per parked operation makes N operations sharing a signal cost O(N²). Here each
 * operation is an O(1) node in the signal's own queue, and the one listener is removed as soon as
 * no operation watches the signal any more.
 *
 * @module
 */
import { WaitQueue, type WaitNode } from './wait-queue.js';

/** What an operation does when its signal aborts: undo itself and reject. */
export class AbortLink implements WaitNode {
  prev: WaitNode | null = null;
  next: WaitNode | null = null;
  queue: SignalWatch | null = null;

  constructor(readonly onAbort: (reason: unknown) => void) {}

  /** Stops watching (the operation settled). O(1). */
  unlink(): void {
    const watch = this.queue;
    if (watch === null) return;
    watch.remove(this);
    if (watch.size === 0) watch.stop();
  }
}

/** The operations watching one signal, and the signal's one listener. */
class SignalWatch extends WaitQueue<AbortLink> {
  constructor(private readonly signal: AbortSignal) {
    super();
    watches.set(signal, this);
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  stop(): void {
    watches.delete(this.signal);
    this.signal.removeEventListener('abort', this.onAbort);
  }

  private readonly onAbort = (): void => {
    watches.delete(this.signal);
    for (let link = this.dequeue(); link !== null; link = this.dequeue()) link.onAbort(this.signal.reason);
  };
}

const watches = new WeakMap<AbortSignal, SignalWatch>();

/**
 * Calls `onAbort(signal.reason)` once when `signal` aborts, unless the returned link is
 * unlinked first. The signal must not be aborted yet.
 */
export function watchAbort(signal: AbortSignal, onAbort: (reason: unknown) => void): AbortLink {
  const watch = watches.get(signal) ?? new SignalWatch(signal);
  const link = new AbortLink(onAbort);
  watch.push(link);
  return link;
}
