// Exercise 10, solution: the check and the update are one critical section. A Mutex held across
// the `await` keeps every other withdrawal out between the two. (The other Go answer, one
// goroutine that owns the balance and serves requests from a channel, is in the page's hint 3.)
import { time } from '@csp/channel';
import { Mutex, WaitGroup } from '@csp/sync';

/** Records a withdrawal in the bank's ledger (a slow call, e.g. to a database). */
export type Ledger = (amount: number) => Promise<void>;

/** A wallet whose balance must never go below zero. */
export class Wallet {
  private readonly mu = new Mutex();

  constructor(
    public balance: number,
    private readonly record: Ledger,
  ) {}

  /**
   * Takes `amount` from the balance if it is covered: records the withdrawal in the ledger, then
   * lowers the balance. Resolves with `true`, or with `false` (and nothing recorded) when the
   * balance is too low. Safe to call many times at once.
   */
  async withdraw(amount: number): Promise<boolean> {
    using _ = await this.mu.guard();
    if (this.balance < amount) return false;
    await this.record(amount);
    this.balance -= amount;
    return true;
  }
}

/** The program `pnpm workshop 10 --main` runs: Alice and Bob each withdraw 70 from a wallet of 100. */
export async function main(): Promise<void> {
  const wallet = new Wallet(100, () => time.sleep(10));
  const wg = new WaitGroup();
  const paid: Record<string, boolean> = {};
  wg.go(async function alice() {
    paid['alice'] = await wallet.withdraw(70);
  });
  wg.go(async function bob() {
    paid['bob'] = await wallet.withdraw(70);
  });
  await wg.wait();
  console.log('paid:', paid, 'balance:', wallet.balance);
}
