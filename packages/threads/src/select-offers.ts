/**
 * `select` cases parked on a {@link SharedChan}. A parked case does not take part in hand-offs:
 * it holds an offer slot in the channel's memory, signaled (by any thread) when its case may
 * proceed; its own thread then tries the case and commits the select in the same synchronous
 * step. So the shared side never consumes a value, nor accepts one, for a select that another
 * case already won: one atomic winner across local and shared cases. A thread that loses the
 * race for its case offers again.
 *
 * @module
 */
import { SendOnClosedChannelError } from '@csp/channel';
import { H, Slot } from './chan-memory.js';
import { CLOSED, NOT_READY, RECEIVED, type ChanSteps } from './chan-steps.js';
import type { ValueSlots } from './value-slots.js';
import { waitAsync } from './wait-word.js';

/** What this module uses of a `select` case waiter. */
export interface SelectCaseLike<T> {
  readonly value: T | undefined;
  readonly group: {
    commit(waiter: SelectCaseLike<T>, value: unknown, ok: boolean): void;
    fail(waiter: SelectCaseLike<T>, error: Error): void;
  };
}

/** A parked `select` case's offer. */
interface Offer {
  /** Its slot; -1 until one is free. */
  slot: number;
  readonly kind: number;
  done: boolean;
}

/** The `select` cases of this thread parked on one channel. */
export class SelectOffers<T> {
  private readonly offers = new Map<object, Offer>();

  constructor(
    private readonly steps: ChanSteps,
    private readonly values: ValueSlots<T>,
  ) {}

  /** Parks a receive case: an offer, tried in this thread when signaled. Does not block. */
  parkReceive(waiter: SelectCaseLike<T>): void {
    this.park(waiter, Slot.RecvOffer);
  }

  /** Parks a send case (see {@link SelectOffers.parkReceive}). */
  parkSend(waiter: SelectCaseLike<T>): void {
    this.park(waiter, Slot.SendOffer);
  }

  /** Withdraws a case that lost or was aborted; nothing happens for a case not parked here. */
  withdraw(waiter: object): void {
    const offer = this.offers.get(waiter);
    if (offer === undefined) return;
    this.offers.delete(waiter);
    offer.done = true;
    if (offer.slot < 0) {
      // Still waiting for a slot: end that wait (the others waiting for room wake and re-check).
      this.steps.wakeRoomWaiters();
    } else {
      this.steps.releaseOffer(offer.slot, offer.kind);
    }
  }

  private park(waiter: SelectCaseLike<T>, kind: number): void {
    const offer: Offer = { slot: -1, kind, done: false };
    this.offers.set(waiter, offer);
    void this.tryOffer(waiter, offer);
  }

  /** Waits for an offer's signal, then tries its case; commits the select when it succeeds. */
  private async tryOffer(waiter: SelectCaseLike<T>, offer: Offer): Promise<void> {
    const steps = this.steps;
    const words = steps.memory.words;
    // Never commit inside `select` itself: it parks every case before it waits for the winner.
    await Promise.resolve();
    while (!offer.done) {
      offer.slot = steps.takeOfferSlot(offer.kind);
      if (offer.slot >= 0) break;
      // Every slot is taken: wait until one is freed (or the select ends: see `withdraw`).
      try {
        await waitAsync(words, H.Room, steps.roomSeq);
      } finally {
        steps.leaveRoomWait();
      }
    }
    const word = steps.memory.slots + offer.slot;
    for (;;) {
      if (offer.done) return;
      const state = Atomics.load(words, word);
      if (state !== Slot.Signaled) {
        await waitAsync(words, word, state);
        continue;
      }
      if (this.tryCase(waiter, offer)) return;
      // Another thread was faster: offer again, unless the case became ready meanwhile.
      steps.renewOffer(offer.slot, offer.kind);
    }
  }

  /** Tries a signaled case once; commits or fails the select and returns `true` when it completed. */
  private tryCase(waiter: SelectCaseLike<T>, offer: Offer): boolean {
    const steps = this.steps;
    if (offer.kind === Slot.RecvOffer) {
      const step = steps.recv(false);
      if (step === NOT_READY) return false;
      this.withdraw(waiter);
      waiter.group.commit(waiter, step === RECEIVED ? this.values.decode(steps.taken) : undefined, step === RECEIVED);
      return true;
    }
    let step: number;
    try {
      step = steps.send(this.values.encode(waiter.value as T, 'select'), false);
    } catch (error) {
      this.withdraw(waiter);
      waiter.group.fail(waiter, error as Error);
      return true;
    }
    if (step === NOT_READY) return false;
    this.withdraw(waiter);
    if (step === CLOSED) waiter.group.fail(waiter, new SendOnClosedChannelError());
    else waiter.group.commit(waiter, undefined, true);
    return true;
  }
}
