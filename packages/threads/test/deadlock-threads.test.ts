// The deadlock report covers operations parked in pool threads: when every thread and the main
// thread are asleep for good, the program stops with Go's report instead of hanging; while a
// timer, a running job or another thread can still wake one of them, it does not.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runProgram, type ChildResult } from '../../channel/test/helpers.js';

const program = fileURLToPath(new URL('./fixtures/deadlock-threads.ts', import.meta.url));
const jobs = fileURLToPath(new URL('./fixtures/deadlock-jobs.ts', import.meta.url));

/** `<file>:<line>:` of the first line of `file` that contains `code`. */
function lineOf(file: string, code: string): string {
  return `${file}:${
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(code)) + 1
  }:`;
}

const names = [
  'thread-recv',
  'thread-local-recv',
  'thread-recv-sync',
  'two-threads',
  'main-sends-later',
  'thread-timer',
  'idle-thread-timer',
  'cpu',
];
const results = new Map<string, Promise<ChildResult>>();

/** Starts every program, two at a time (each takes a second or two, mostly starting up). */
function startAll(): void {
  const lanes: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()];
  names.forEach((name, i) => {
    const result = lanes[i % 2]!.then(() => runProgram(program, [name], { killAfterMs: 8_000 }));
    lanes[i % 2] = result;
    results.set(name, result);
  });
}

function run(name: string): Promise<ChildResult> {
  return results.get(name)!;
}

function expectDeadlock({ code, stderr }: ChildResult): void {
  expect(code, stderr).to.equal(2);
  expect(stderr).to.contain('fatal error: all goroutines are asleep - deadlock!');
  expect(stderr).to.not.match(/packages[\\/]threads[\\/]src/);
}

describe('deadlock report with operations parked in threads', function () {
  this.timeout(20_000);
  before(startAll);

  it('reports a thread parked on `await ch.recv()` while the main thread waits for its job', async () => {
    const result = await run('thread-recv');
    expectDeadlock(result);
    expect(result.stderr).to.contain('goroutine 1 [thread job] on receive:');
    expect(result.stderr).to.contain(lineOf(program, "await pool.run(jobs, 'receive', [numbers('results')]);"));
    expect(result.stderr).to.match(/goroutine 2 \[chan receive\] on results \(thread \d+\):/);
    expect(result.stderr).to.contain(lineOf(jobs, 'return await ch.recv();'));
  });

  it('reports a thread parked on a channel of its own', async () => {
    const result = await run('thread-local-recv');
    expectDeadlock(result);
    expect(result.stderr).to.contain('goroutine 1 [thread job] on receiveLocal:');
    expect(result.stderr).to.match(/goroutine 2 \[chan receive\] on local \(thread \d+\):/);
    expect(result.stderr).to.contain(lineOf(jobs, 'return await local.recv();'));
  });

  it('reports a thread blocked in recvSync', async () => {
    const result = await run('thread-recv-sync');
    expectDeadlock(result);
    expect(result.stderr).to.match(/goroutine 2 \[chan receive\] on results \(thread \d+\):/);
    expect(result.stderr).to.contain(lineOf(jobs, 'return ch.recvSync()[0];'));
  });

  it('reports two threads each waiting for the other, after the main thread', async () => {
    const result = await run('two-threads');
    expectDeadlock(result);
    expect(result.stderr).to.contain('[chan receive] on done:');
    expect(result.stderr).to.match(/\[chan receive\] on ping \(thread \d+\):/);
    expect(result.stderr).to.match(/\[chan receive\] on pong \(thread \d+\):/);
    const numbers = [...result.stderr.matchAll(/^goroutine (\d+) /gm)].map((match) => Number(match[1]));
    expect(numbers).to.deep.equal(numbers.map((_, i) => i + 1));
  });

  it('does not report a thread that the main thread completes from a timer', async () => {
    const { code, stdout, stderr } = await run('main-sends-later');
    expect(code, stderr).to.equal(0);
    expect(stdout.trim()).to.equal('5');
  });

  it('does not report a thread parked while its own timer is pending', async () => {
    const { code, stdout, stderr } = await run('thread-timer');
    expect(code, stderr).to.equal(0);
    expect(stdout.trim()).to.equal('7');
  });

  it('does not report a thread that an idle thread completes from a timer left by its job', async () => {
    const { code, stdout, stderr } = await run('idle-thread-timer');
    expect(code, stderr).to.equal(0);
    expect(stdout.trim()).to.equal('9');
  });

  it('does not report a long CPU job', async () => {
    const { code, stdout, stderr } = await run('cpu');
    expect(code, stderr).to.equal(0);
    expect(stdout.trim()).to.equal('true');
  });
});
