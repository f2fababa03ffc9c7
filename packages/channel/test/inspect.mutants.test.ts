// formatState (the one-line summary behind console.log of the primitives) and GoPanicError's
// name: the behaviour mutation testing found no test for (see mutation/README.md).
import { expect } from 'chai';
import { CloseOfClosedChannelError } from '@csp/channel';
import { formatState, GoPanicError } from '@csp/channel/internal';

describe('formatState and GoPanicError (mutants)', () => {
  it('formatState quotes strings only, and shows the name only when there is one', () => {
    expect(formatState('Chan', 'jobs', { len: 3, state: 'open', closed: false })).to.equal(
      "Chan<jobs> { len: 3, state: 'open', closed: false }",
    );
    expect(formatState('Mutex', undefined, { locked: true })).to.equal('Mutex { locked: true }');
  });

  it('a GoPanicError is named after its class', () => {
    const error = new CloseOfClosedChannelError();
    expect(error).to.be.instanceOf(GoPanicError);
    expect(error.name).to.equal('CloseOfClosedChannelError');
    expect(new GoPanicError('boom').name).to.equal('GoPanicError');
  });
});
