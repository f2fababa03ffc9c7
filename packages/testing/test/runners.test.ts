// @csp/testing under node:test (mocha is what runs the rest of this package's tests).
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs a fixture under `node --test`; resolves with its exit code and output. */
function nodeTest(fixture: string): Promise<{ code: number | null; output: string }> {
  const file = fileURLToPath(new URL(`./fixtures/${fixture}`, import.meta.url));
  const child = spawn(process.execPath, ['--conditions=@csp/source', '--import=tsx/esm', '--test', '--test-reporter=tap', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe('test runners', () => {
  it('node:test runs bubbles as tests', async () => {
    const { code, output } = await nodeTest('node-test-pass.ts');
    expect(output).to.match(/# pass 3/);
    expect(code, output).to.equal(0);
  });

  it('node:test reports a deadlocked bubble as a failed test, with the report', async () => {
    const { code, output } = await nodeTest('node-test-deadlock.ts');
    expect(code).to.equal(1);
    expect(output).to.match(/# fail 1/);
    expect(output).to.include('deadlock: all goroutines in bubble are blocked');
    expect(output).to.include('[chan receive] on never');
  });
});
