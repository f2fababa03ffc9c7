/**
 * The heap key of a prioritised entry, with optional aging: a waiting entry gains one priority
 * point every `aging` milliseconds, so a low priority cannot starve forever. Since every entry
 * ages at the same rate, `priority - enqueuedAt / aging` ranks entries exactly as their aged
 * priorities do at any later moment, so keys never change and the heap stays valid.
 *
 * @module
 */
import { currentClock } from '@csp/channel/internal';
import { finiteNumber, positiveDuration } from '../settings.js';

/** Computes heap keys for one queue. */
export class PriorityKeys {
  private readonly origin = currentClock().monotonic();
  private readonly aging: number;

  /** @throws RangeError naming `aging` unless it is a positive number of milliseconds. */
  constructor(
    private readonly owner: string,
    aging: number | undefined,
  ) {
    this.aging = aging === undefined ? Number.POSITIVE_INFINITY : positiveDuration(owner, 'aging', aging);
  }

  /** The key of an entry enqueued now with `priority`. @throws RangeError naming `priority` unless finite. */
  key(priority: number): number {
    finiteNumber(this.owner, 'priority', priority);
    if (this.aging === Number.POSITIVE_INFINITY) return priority;
    return priority - (currentClock().monotonic() - this.origin) / this.aging;
  }
}
