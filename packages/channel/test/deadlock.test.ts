// The opt-in deadlock report: `import '@csp/channel/deadlock'` makes a program that would exit with
// operations still parked print Go's report and exit with code 2.
import { expect } from 'chai';
import { formatDeadlockReport, userFrames } from '@csp/channel/internal';
import { fixturePath, runFixture, type ChildResult } from './helpers.js';

const header = 'fatal error: all goroutines are asleep - deadlock!';

describe('deadlock report', () => {
  const runs = new Map<string, ChildResult>();

  before(async function () {
    this.timeout(30_000);
    const names = ['deadlock-send.ts', 'deadlock-many.ts', 'deadlock-clean.ts'];
    const results = await Promise.all(names.map((name) => runFixture(name)));
    names.forEach((name, i) => runs.set(name, results[i]!));
  });

  it('names a parked unbuffered send: operation, channel, and the line where it parked; exit code 2', () => {
    const { code, stderr, stdout } = runs.get('deadlock-send.ts')!;
    expect(code).to.equal(2);
    expect(stdout).to.equal('');
    expect(stderr.startsWith(`${header}\n`), stderr).to.equal(true);
    expect(stderr).to.contain('goroutine 1 [chan send] on jobs:');
    expect(stderr).to.contain(`${fixturePath('deadlock-send.ts')}:6:`);
    expect(stderr).to.not.match(/packages[\\/]channel[\\/]src/);
  });

  it('lists every parked operation of every kind, each at its own line', () => {
    const { code, stderr } = runs.get('deadlock-many.ts')!;
    expect(code).to.equal(2);
    expect(stderr.startsWith(`${header}\n`), stderr).to.equal(true);
    const file = fixturePath('deadlock-many.ts');
    const goroutines = stderr
      .split('\n\n')
      .slice(1)
      .filter((block) => block.trim() !== '');
    expect(goroutines).to.have.length(4);
    expect(goroutines[0]).to.match(/^goroutine 1 \[chan receive\]:\n/);
    expect(goroutines[0]).to.contain(`${file}:9:`);
    expect(goroutines[1]).to.match(/^goroutine 2 \[select\] on <-quit, results<-:\n/);
    expect(goroutines[1]).to.contain(`${file}:10:`);
    expect(goroutines[2]).to.match(/^goroutine 3 \[chan receive \(nil chan\)\] on nil channel:\n/);
    expect(goroutines[2]).to.contain(`${file}:11:`);
    expect(goroutines[3]).to.match(/^goroutine 4 \[select \(no cases\)\]:\n/);
    expect(goroutines[3]).to.contain(`${file}:12:`);
  });

  it('stays silent and exits 0 for a program that ends with nothing parked', () => {
    const { code, stderr, stdout } = runs.get('deadlock-clean.ts')!;
    expect(stderr).to.equal('');
    expect(code).to.equal(0);
    expect(stdout).to.equal('job 1\njob 2\njob 3\naborted\nselect 1\n');
  });

  it('formats each operation as Go does', () => {
    const report = formatDeadlockReport([
      { reason: 'chan send', subject: 'jobs', stack: 'at main (/app/main.ts:3:5)\nat start (/app/main.ts:9:1)' },
      { reason: 'sync.WaitGroup.Wait', subject: undefined, stack: '' },
    ]);
    expect(report).to.equal(
      [
        header,
        '',
        'goroutine 1 [chan send] on jobs:',
        '\tat main (/app/main.ts:3:5)',
        '\tat start (/app/main.ts:9:1)',
        '',
        'goroutine 2 [sync.WaitGroup.Wait]:',
        '',
      ].join('\n'),
    );
  });

  it('names the worker thread an operation parked in', () => {
    const report = formatDeadlockReport([
      { reason: 'chan receive', subject: 'results', stack: 'at work (/app/work.ts:4:9)', thread: 2 },
      { reason: 'chan send', subject: undefined, stack: '', thread: 1 },
    ]);
    expect(report).to.equal(
      [
        header,
        '',
        'goroutine 1 [chan receive] on results (thread 2):',
        '\tat work (/app/work.ts:4:9)',
        '',
        'goroutine 2 [chan send] (thread 1):',
        '',
      ].join('\n'),
    );
  });

  it("keeps only the program's frames: every @csp/* frame, in this repository or installed, is left out", () => {
    const stack = [
      'Error',
      '    at Chan.send (/repo/packages/channel/src/chan.ts:277:19)',
      '    at RateLimiter.wait (/repo/packages/patterns/dist/resilience/rate-limiter.js:80:5)',
      '    at Mutex.lock (/app/node_modules/@csp/sync/dist/mutex.js:10:3)',
      '    at Chan.recv (/app/node_modules/.pnpm/@csp+channel@0.2.0/node_modules/@csp/channel/dist/chan.js:1:1)',
      '    at WorkerPool.close (/app/node_modules/.pnpm/@csp+patterns@0.2.0/node_modules/@csp/patterns/dist/pool.js:1:1)',
      '    at main (/app/src/main.ts:12:7)',
      '    at new Promise (<anonymous>)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at start (/app/src/packages/channel-like/start.ts:3:1)',
    ].join('\n');
    expect(userFrames(stack)).to.equal('at main (/app/src/main.ts:12:7)\nat start (/app/src/packages/channel-like/start.ts:3:1)');
    expect(
      userFrames(
        'Error\n    at Chan.send (/repo/packages/channel/src/chan.ts:1:1)\n    at run (/repo/packages/patterns/src/x.ts:2:2)',
      ),
    ).to.equal("at run (/repo/packages/patterns/src/x.ts:2:2) (no frame of the program's own code)");
  });
});
