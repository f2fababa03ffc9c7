// The error values a port compares against: their names, messages and the fields they carry.
import { expect } from 'chai';
import { context, Group, ModifyLimitWhileActiveError } from '@csp/sync';

describe('sync errors (names and fields)', () => {
  it("context.Canceled and context.DeadlineExceeded carry Go's messages and their class names", () => {
    expect(context.Canceled.name).to.equal('CanceledError');
    expect(context.Canceled.message).to.equal('context canceled');
    expect(context.DeadlineExceeded.name).to.equal('DeadlineExceededError');
    expect(context.DeadlineExceeded.message).to.equal('context deadline exceeded');
  });

  it('ModifyLimitWhileActiveError says how many functions were still running', async () => {
    const g = new Group();
    g.setLimit(2);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await g.go(() => gate);
    let caught: unknown;
    try {
      g.setLimit(3);
    } catch (error) {
      caught = error;
    }
    release();
    await g.wait();
    expect(caught).to.be.instanceOf(ModifyLimitWhileActiveError);
    expect((caught as ModifyLimitWhileActiveError).active).to.equal(1);
  });
});
