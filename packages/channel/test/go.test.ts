// go(fn, ...args): Go's `go` statement, including the panic that crashes the program.
import { expect } from 'chai';
import { Chan, go, panic } from '@csp/channel';
import { assertType, type Equal } from './types/assert-type.js';
import { runFixture, type ChildResult } from './helpers.js';

describe('go', () => {
  it('starts fn with its arguments after the caller’s synchronous code, without waiting', async () => {
    const order: string[] = [];
    const done = new Chan<number>(1);
    const returned: unknown = go(
      async (a: number, b: string) => {
        order.push(`goroutine ${a} ${b}`);
        await done.send(a);
      },
      1,
      'x',
    );
    order.push('caller');
    expect(returned).to.equal(undefined);
    expect(await done.recv()).to.equal(1);
    expect(order).to.deep.equal(['caller', 'goroutine 1 x']);
  });

  it('runs goroutines in the order they were started', async () => {
    const results = new Chan<number>(3);
    for (const i of [1, 2, 3]) go((n: number) => results.trySend(n), i);
    expect([await results.recv(), await results.recv(), await results.recv()]).to.deep.equal([1, 2, 3]);
  });

  describe('a panic inside a goroutine crashes the process with exit code 2', () => {
    const modes = ['sync', 'async', 'value', 'none'] as const;
    const runs = new Map<string, ChildResult>();

    before(async function () {
      this.timeout(30_000);
      const results = await Promise.all(modes.map((mode) => runFixture('go-panic.ts', [mode])));
      modes.forEach((mode, i) => runs.set(mode, results[i]!));
    });

    for (const [mode, how, message] of [
      ['sync', 'throws', 'boom sync'],
      ['async', 'rejects', 'boom async'],
      ['value', 'throws a non-Error', 'a plain string'],
    ] as const) {
      it(`when fn ${how}`, () => {
        const result = runs.get(mode)!;
        expect(result.code).to.equal(2);
        expect(result.stderr.startsWith(`panic: ${message}\n`), result.stderr).to.equal(true);
        expect(result.stdout).to.equal('');
      });
    }

    it('and does not crash when nothing fails', () => {
      const result = runs.get('none')!;
      expect(result.code).to.equal(0);
      expect(result.stdout).to.equal('no panic\n');
      expect(result.stderr).to.equal('');
    });
  });

  describe("panic(value): Go's panic crashes the process with exit code 2", () => {
    for (const [mode, message] of [
      ['error', 'boom'],
      ['string', 'a plain string'],
      ['caught', 'not recoverable'],
    ] as const) {
      it(`panic(${mode})`, async () => {
        const result = await runFixture('panic.ts', [mode]);
        expect(result.code).to.equal(2);
        expect(result.stderr.startsWith(`panic: ${message}\n`), result.stderr).to.equal(true);
        expect(result.stdout).to.equal('');
      });
    }

    it('is typed as never returning', () => {
      assertType<Equal<ReturnType<typeof panic>, never>>();
    });
  });
});
