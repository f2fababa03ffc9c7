import { expect } from 'chai';
import fc from 'fast-check';
import { implementation, runMain, within } from '../support.js';
import * as solution from './solution.js';
import * as start from './start.js';

const { Account, transfer } = implementation({ start, solution });
const hint = 'the transfers never finished: `pnpm workshop 06 --main` shows who waits for what';

describe('workshop 06: lock order', () => {
  it('moves money from one account to another', async () => {
    const [a, b] = [new Account(1, 100), new Account(2, 0)];
    await within(500, transfer(a, b, 30), hint);
    expect([a.balance, b.balance]).to.deep.equal([70, 30]);
  });

  it('completes two opposite transfers that run at the same time', async () => {
    const [a, b] = [new Account(1, 100), new Account(2, 100)];
    await within(500, Promise.all([transfer(a, b, 10), transfer(b, a, 20)]), hint);
    expect([a.balance, b.balance]).to.deep.equal([110, 90]);
  });

  it('keeps the total under any mix of concurrent transfers, including to the same account', async () => {
    const transfers = fc.array(fc.record({ from: fc.nat({ max: 3 }), to: fc.nat({ max: 3 }), amount: fc.nat({ max: 50 }) }), {
      maxLength: 12,
    });
    await fc.assert(
      // Records, so that a counterexample is labelled: { moves: [{ from: 0, to: 0, amount: 0 }] }.
      fc.asyncProperty(fc.record({ moves: transfers }), async ({ moves }) => {
        const accounts = [0, 1, 2, 3].map((id) => new Account(id, 100));
        const all = moves.map(({ from, to, amount }) => transfer(accounts[from]!, accounts[to]!, amount));
        await within(1000, Promise.all(all), hint);
        expect(accounts.reduce((sum, account) => sum + account.balance, 0)).to.equal(400);
      }),
      { numRuns: 20 },
    );
  });

  it('runs main() to the end with the deadlock report on', async () => {
    const run = await runMain('06-lock-order');
    expect(run.exitCode, run.output).to.equal(0);
    expect(run.output).to.include('alice: 110 bob: 90');
  });
});
