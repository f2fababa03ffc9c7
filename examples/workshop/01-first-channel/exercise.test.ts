import { expect } from 'chai';
import fc from 'fast-check';
import { implementation, runMain, within } from '../support.js';
import * as solution from './solution.js';
import * as start from './start.js';

const { greet } = implementation({ start, solution });
const hint = 'greet never finished: `pnpm workshop 01 --main` shows where it waits';

describe('workshop 01: first channel', () => {
  it('greets every name, in order', async () => {
    expect(await within(500, greet(['ada', 'rob', 'ken']), hint)).to.deep.equal(['hello, ada', 'hello, rob', 'hello, ken']);
  });

  it('greets any list of names', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ names: fc.array(fc.string(), { maxLength: 20 }) }), async ({ names }) => {
        const greetings = await within(500, greet(names), hint);
        expect(greetings).to.deep.equal(names.map((name) => `hello, ${name}`));
      }),
      { numRuns: 30 },
    );
  });

  it('runs main() to the end with the deadlock report on', async () => {
    const run = await runMain('01-first-channel');
    expect(run.exitCode, run.output).to.equal(0);
    expect(run.output).to.include('hello, gopher');
  });
});
