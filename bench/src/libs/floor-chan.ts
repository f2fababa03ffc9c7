/**
 * The floor: the least a promise-based channel has to do. A send hands its value to the first
 * parked receiver, else buffers it, else parks; a receive takes from the buffer (refilling it from
 * the first parked sender), else from a parked sender, else parks. No abort, no fairness to the
 * event loop, no deadlock report, and a select leaves its losing cases behind as dead entries that
 * the channel skips later: everything a real library must do costs more than this.
 *
 * @module
 */
import { Fifo } from './fifo.js';

/** A parked receiver: takes the value (`ok` false: closed) and says whether it was still live. */
type Taker<T> = (value: T | undefined, ok: boolean) => boolean;

interface ParkedSender<T> {
  readonly value: T;
  readonly resolve: () => void;
  readonly reject: (reason: Error) => void;
}
const resolvedVoid = Promise.resolve();

export class FloorChan<T> {
  private readonly buffer = new Fifo<T>();
  private readonly receivers = new Fifo<Taker<T>>();
  private readonly senders = new Fifo<ParkedSender<T>>();
  private closed = false;

  constructor(private readonly capacity: number) {}

  send(value: T): Promise<void> {
    if (this.closed) return Promise.reject(new Error('send on closed channel'));
    for (let taker = this.receivers.shift(); taker !== undefined; taker = this.receivers.shift()) {
      if (taker(value, true)) return resolvedVoid;
    }
    if (this.buffer.size < this.capacity) {
      this.buffer.push(value);
      return resolvedVoid;
    }
    return new Promise((resolve, reject) => this.senders.push({ value, resolve, reject }));
  }

  recv(): Promise<T | undefined> {
    if (this.ready()) return Promise.resolve(this.take());
    return new Promise((resolve) =>
      this.receivers.push((value) => {
        resolve(value);
        return true;
      }),
    );
  }

  /** Takes a value now (`undefined` once closed); the caller checked {@link FloorChan.ready}. */
  take(): T | undefined {
    const sender = this.senders.shift();
    if (this.buffer.size > 0) {
      const value = this.buffer.shift();
      if (sender !== undefined) {
        this.buffer.push(sender.value);
        sender.resolve();
      }
      return value;
    }
    if (sender === undefined) return undefined;
    sender.resolve();
    return sender.value;
  }

  /** Whether a receive would complete now. */
  ready(): boolean {
    return this.buffer.size > 0 || this.senders.size > 0 || this.closed;
  }

  /** Parks a receiver (a select case) without a promise of its own. */
  park(taker: Taker<T>): void {
    this.receivers.push(taker);
  }

  close(): void {
    this.closed = true;
    for (let taker = this.receivers.shift(); taker !== undefined; taker = this.receivers.shift()) taker(undefined, false);
    for (let sender = this.senders.shift(); sender !== undefined; sender = this.senders.shift()) {
      sender.reject(new Error('send on closed channel'));
    }
  }
}

/**
 * A receive-only select over `chans`: one ready channel chosen uniformly at random, else one
 * parked taker per channel sharing a `fired` flag. Resolves with the chosen index.
 */
export function floorSelect<T>(chans: readonly FloorChan<T>[]): Promise<number> {
  let ready = 0;
  for (const ch of chans) if (ch.ready()) ready++;
  if (ready > 0) {
    let pick = Math.floor(Math.random() * ready);
    for (let i = 0; i < chans.length; i++) {
      if (chans[i]!.ready() && pick-- === 0) {
        chans[i]!.take();
        return Promise.resolve(i);
      }
    }
  }
  return new Promise((resolve) => {
    let fired = false;
    chans.forEach((ch, i) =>
      ch.park(() => {
        if (fired) return false;
        fired = true;
        resolve(i);
        return true;
      }),
    );
  });
}
