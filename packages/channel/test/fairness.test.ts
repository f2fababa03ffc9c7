// Fair to the event loop: a producer and a consumer that never block must not starve timers.
import { expect } from 'chai';
import { Chan, recv, select, send } from '@csp/channel';
import { timerTicksDuring } from './helpers.js';

const count = 200_000;

/** Receives `count` values from `ch` and checks they arrive in order. */
async function consume(ch: Chan<number>): Promise<void> {
  for (let i = 0; i < count; i++) {
    const v = await ch.recv();
    if (v !== i) expect.fail(`received ${String(v)}, expected ${i}`);
  }
}

describe('fairness to the event loop', () => {
  it('lets a setTimeout(0) fire regularly during a long buffered transfer that never blocks', async () => {
    const ch = new Chan<number>(128);
    const ticks = await timerTicksDuring(async () => {
      const produce = async (): Promise<void> => {
        for (let i = 0; i < count; i++) await ch.send(i);
      };
      await Promise.all([produce(), consume(ch)]);
    });
    expect(ticks).to.be.greaterThan(20);
  });

  it('also during an unbuffered transfer', async () => {
    const ch = new Chan<number>();
    const ticks = await timerTicksDuring(async () => {
      const produce = async (): Promise<void> => {
        for (let i = 0; i < count; i++) await ch.send(i);
      };
      await Promise.all([produce(), consume(ch)]);
    });
    expect(ticks).to.be.greaterThan(20);
  });

  it('also during a loop of selects that are always ready', async () => {
    const a = new Chan<number>(1);
    const b = new Chan<number>(1);
    const ticks = await timerTicksDuring(async () => {
      for (let i = 0; i < count; i++) await select([send(a, i), recv(a), send(b, i), recv(b)]);
    });
    expect(ticks).to.be.greaterThan(20);
  });
});
