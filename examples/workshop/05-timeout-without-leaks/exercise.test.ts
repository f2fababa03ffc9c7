import { expect } from 'chai';
import { Chan, go, time } from '@csp/channel';
import { implementation, liveTimers, runMain, within } from '../support.js';
import * as solution from './solution.js';
import * as start from './start.js';

const { receiveWithin } = implementation({ start, solution });

describe('workshop 05: a timeout without leaks', () => {
  it('resolves with the value when it comes in time', async () => {
    const ch = new Chan<number>();
    go(() => ch.send(7));
    expect(await receiveWithin(ch, 1000)).to.deep.equal([7, true]);
  });

  it('resolves with [undefined, false] when nothing comes in time', async () => {
    expect(await within(500, receiveWithin(new Chan<number>(), 10), 'the timeout must win')).to.deep.equal([undefined, false]);
  });

  it('leaves no timer running once the value has won', async () => {
    const ch = new Chan<number>(1);
    await ch.send(1);
    const before = liveTimers();
    await receiveWithin(ch, 2 * time.second);
    expect(liveTimers(), 'live timers (a running timer keeps the process alive)').to.be.at.most(before);
  });

  it('loses no value after a timeout: the next receive gets it', async () => {
    const ch = new Chan<number>();
    await receiveWithin(ch, 5);
    go(() => ch.send(42));
    expect(await receiveWithin(ch, 500)).to.deep.equal([42, true]);
  });

  it('leaves no receive behind: main() ends without leaking goroutines', async () => {
    const run = await runMain('05-timeout-without-leaks');
    expect(run.exitCode, run.output).to.equal(0);
    expect(run.output, 'operations left blocked after main() returned').not.to.include('leaked at exit');
    expect(run.output).to.include("reply: [ 'pong', true ]");
  });
});
