import { expect } from 'chai';
import fc from 'fast-check';
import { time } from '@csp/channel';
import { chosenImplementation, runMain, within } from '../support.js';
import * as owner from './solution-owner.js';
import * as solution from './solution.js';
import * as start from './start.js';
import type { Ledger } from './start.js';

/** What the tests use of a wallet (the classes differ in their private fields). */
interface WalletLike {
  readonly balance: number;
  withdraw(amount: number): Promise<boolean>;
}

type WalletConstructor = new (balance: number, record: Ledger) => WalletLike;

/** The wallets under test: start.ts's, or both answers (a Mutex, and a goroutine that owns the balance). */
const wallets: [file: string, Wallet: WalletConstructor][] =
  chosenImplementation() === 'start'
    ? [['start.ts', start.Wallet]]
    : [
        ['solution.ts', solution.Wallet],
        ['solution-owner.ts', owner.Wallet],
      ];
const blocked = 'the withdrawals never finished';

describe('workshop 10: a race across an await', () => {
  for (const [file, Wallet] of wallets) {
    describe(file, () => {
      it('pays a withdrawal that the balance covers, refuses one it does not', async () => {
        const recorded: number[] = [];
        const wallet = new Wallet(100, async (amount) => void recorded.push(amount));
        expect(await within(500, wallet.withdraw(70), blocked)).to.equal(true);
        expect(await within(500, wallet.withdraw(70), blocked)).to.equal(false);
        expect({ balance: wallet.balance, recorded }).to.deep.equal({ balance: 30, recorded: [70] });
      });

      it('never overdraws, whatever withdrawals run at once', async () => {
        await fc.assert(
          fc.asyncProperty(
            // A record, so that a counterexample is labelled: { balance: 10, amounts: [6, 5] }.
            fc.record({
              balance: fc.nat({ max: 100 }),
              amounts: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 8 }),
            }),
            async ({ balance, amounts }) => {
              const recorded: number[] = [];
              const wallet = new Wallet(balance, async (amount) => {
                await time.sleep(1); // the ledger is slow: others run meanwhile
                recorded.push(amount);
              });
              const paid = await within(1000, Promise.all(amounts.map((a) => wallet.withdraw(a))), blocked);
              const total = amounts.filter((_, i) => paid[i]).reduce((sum, a) => sum + a, 0);
              expect(wallet.balance, 'balance after the withdrawals').to.be.at.least(0);
              expect(wallet.balance, 'balance = start - what was paid').to.equal(balance - total);
              expect(
                recorded.reduce((sum, a) => sum + a, 0),
                'total recorded in the ledger',
              ).to.equal(total);
            },
          ),
          { numRuns: 30 },
        );
      });
    });
  }

  it('runs main(): one of two withdrawals of 70 from 100 is refused', async () => {
    const run = await runMain('10-race-across-await');
    expect(run.exitCode, run.output).to.equal(0);
    expect(run.output).to.include('balance: 30');
  });
});
