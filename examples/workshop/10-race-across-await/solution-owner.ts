// Exercise 10, the other solution: one goroutine owns the balance, and nobody else touches it
// ("do not communicate by sharing memory; share memory by communicating"). A withdrawal is a
// request on a channel; the owner serves them one at a time, so no check and update can
// interleave, with no lock at all.
import { Chan, go } from '@csp/channel';
import type { Ledger } from './solution.js';

/** A withdrawal: how much, and where the owner sends the answer. */
interface Withdrawal {
  readonly amount: number;
  readonly paid: Chan<boolean>;
}

/** A wallet whose balance must never go below zero. */
export class Wallet {
  private readonly requests = new Chan<Withdrawal>(0, { name: 'withdrawals' });
  private owned: number;

  constructor(balance: number, record: Ledger) {
    this.owned = balance;
    go(async () => {
      for await (const { amount, paid } of this.requests) {
        if (this.owned < amount) {
          await paid.send(false);
          continue;
        }
        await record(amount);
        this.owned -= amount;
        await paid.send(true);
      }
    });
  }

  /** The balance now. Never blocks. */
  get balance(): number {
    return this.owned;
  }

  /**
   * Takes `amount` from the balance if it is covered: records the withdrawal in the ledger, then
   * lowers the balance. Resolves with `true`, or with `false` (and nothing recorded) when the
   * balance is too low. Safe to call many times at once. Rejects with `SendOnClosedChannelError`
   * after {@link Wallet.close}.
   */
  async withdraw(amount: number): Promise<boolean> {
    const paid = new Chan<boolean>(1);
    await this.requests.send({ amount, paid });
    return (await paid.recv())!;
  }

  /** Ends the owner goroutine once the withdrawals sent so far are served. Never blocks. */
  close(): void {
    this.requests.close();
  }
}
