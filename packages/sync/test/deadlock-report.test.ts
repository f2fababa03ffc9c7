// The deadlock report of @csp/channel lists operations parked on @csp/sync primitives.
import { expect } from 'chai';
import { runFixture } from './helpers.js';

describe('deadlock report', function () {
  this.timeout(30_000);

  it("lists every parked sync operation with Go's wait reason and exits with 2", async () => {
    const { code, stderr } = await runFixture('deadlock-sync.ts');
    expect(code).to.equal(2);
    expect(stderr).to.match(/^fatal error: all goroutines are asleep - deadlock!/);
    for (const reason of [
      '[sync.Mutex.Lock]',
      '[sync.RWMutex.Lock]',
      '[sync.RWMutex.RLock]',
      '[sync.WaitGroup.Wait]',
      '[sync.Cond.Wait]',
      '[semacquire]',
      '[chan receive] on ctx.done()',
    ]) {
      expect(stderr).to.include(reason);
    }
    expect(stderr).to.include('deadlock-sync.ts');
  });

  it('names the named primitives', async () => {
    const { stderr } = await runFixture('deadlock-sync.ts');
    for (const line of ['[sync.Mutex.Lock] on accounts:', '[sync.RWMutex.RLock] on table:', '[semacquire] on db:']) {
      expect(stderr).to.include(line);
    }
  });
});
