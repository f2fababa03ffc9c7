// Exercise 06: a deadlock. Make the tests pass: `pnpm workshop 06`.
import { time } from '@csp/channel';
import { Mutex } from '@csp/sync';

/** A bank account guarded by its own mutex. */
export class Account {
  readonly mu = new Mutex();
  constructor(
    readonly id: number,
    public balance: number,
  ) {}
}

/**
 * Moves `amount` from `from` to `to`, holding both accounts' locks while it reads, checks (a
 * slow call) and writes the balances. Resolves once both balances are updated.
 */
export async function transfer(from: Account, to: Account, amount: number): Promise<void> {
  // TODO: alice → bob locks alice then waits for bob; bob → alice locks bob then waits for
  // alice. Run `pnpm workshop 06 --main` and read the deadlock report.
  using _from = await from.mu.guard();
  await time.sleep(1); // a fraud check
  using _to = await to.mu.guard();
  from.balance -= amount;
  to.balance += amount;
}

/** The program `pnpm workshop 06 --main` runs, with the deadlock report on. */
export async function main(): Promise<void> {
  const alice = new Account(1, 100);
  const bob = new Account(2, 100);
  await Promise.all([transfer(alice, bob, 10), transfer(bob, alice, 20)]);
  console.log('alice:', alice.balance, 'bob:', bob.balance);
}
