// The deadlock picture: a traced program that deadlocks prints Go's report, then its wait-for
// graph with the cycle, and exits with code 2.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'lock-order-deadlock.ts');

describe('@csp/trace deadlock picture', function () {
  this.timeout(30_000);

  it('prints the wait-for graph after the deadlock report', async () => {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--conditions=@csp/source', '--import=tsx/esm', fixture],
        { timeout: 20_000, encoding: 'utf8' },
        (error, _stdout, stderr) =>
          resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stderr }),
      );
    });
    expect(code).to.equal(2);
    const report = stderr.indexOf('fatal error: all goroutines are asleep - deadlock!');
    const graph = stderr.indexOf('wait-for graph (who waits on what, who holds it):');
    expect(report).to.be.at.least(0);
    expect(graph).to.be.greaterThan(report);
    expect(stderr.slice(graph)).to.equal(
      [
        'wait-for graph (who waits on what, who holds it):',
        '  goroutine 2 left --[sync.Mutex.Lock]--> sync.Mutex b, held by goroutine 3 right',
        '  goroutine 3 right --[sync.Mutex.Lock]--> sync.Mutex a, held by goroutine 2 left',
        '  cycle: goroutine 2 → goroutine 3 → goroutine 2',
        '',
      ].join('\n'),
    );
  });
});
