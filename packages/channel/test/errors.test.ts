// The channel errors (Go's panics) and the `errors` namespace: Go's errors.Is and errors.As.
import { expect } from 'chai';
import {
  CloseOfClosedChannelError,
  CloseOfNilChannelError,
  NonPositiveIntervalError,
  SendOnClosedChannelError,
  errors,
} from '@csp/channel';
import { GoPanicError } from '@csp/channel/internal';

describe('errors', () => {
  describe('the channel errors are Go panics', () => {
    for (const [make, name, message] of [
      [() => new SendOnClosedChannelError(), 'SendOnClosedChannelError', 'send on closed channel'],
      [() => new CloseOfClosedChannelError(), 'CloseOfClosedChannelError', 'close of closed channel'],
      [() => new CloseOfNilChannelError(), 'CloseOfNilChannelError', 'close of nil channel'],
      [() => new NonPositiveIntervalError(), 'NonPositiveIntervalError', 'non-positive interval for NewTicker'],
    ] as const) {
      it(`${name} extends GoPanicError and keeps its name and message`, () => {
        const error = make();
        expect(error).to.be.instanceOf(GoPanicError);
        expect(error).to.be.instanceOf(Error);
        expect(error.name).to.equal(name);
        expect(error.message).to.equal(message);
      });
    }
  });

  describe("errors.is(err, target): Go's errors.Is", () => {
    const target = new Error('sentinel');

    it('matches the target itself, and nothing else by value', () => {
      expect(errors.is(target, target)).to.equal(true);
      expect(errors.is(new Error('sentinel'), target)).to.equal(false);
      expect(errors.is(undefined, target)).to.equal(false);
      expect(errors.is(null, target)).to.equal(false);
      expect(errors.is('sentinel', 'sentinel')).to.equal(true);
    });

    it('follows the cause chain, as Go follows Unwrap() error', () => {
      const wrapped = new Error('outer', { cause: new Error('middle', { cause: target }) });
      expect(errors.is(wrapped, target)).to.equal(true);
      expect(errors.is(new Error('outer', { cause: new Error('other') }), target)).to.equal(false);
    });

    it('searches every error of an AggregateError, as Go searches Unwrap() []error', () => {
      const joined = new AggregateError([new Error('a'), new Error('b', { cause: target })], 'joined');
      expect(errors.is(joined, target)).to.equal(true);
      expect(errors.is(new Error('outer', { cause: joined }), target)).to.equal(true);
      expect(errors.is(new AggregateError([new Error('a')]), target)).to.equal(false);
    });

    it('with a class as target, matches any error in the tree that is an instance of it', () => {
      const wrapped = new Error('send failed', { cause: new SendOnClosedChannelError() });
      expect(errors.is(wrapped, SendOnClosedChannelError)).to.equal(true);
      expect(errors.is(wrapped, GoPanicError)).to.equal(true);
      expect(errors.is(wrapped, CloseOfClosedChannelError)).to.equal(false);
      expect(errors.is(new AggregateError([new RangeError('x')]), RangeError)).to.equal(true);
    });

    it('ends on cyclic causes', () => {
      const a = new Error('a');
      const b = new Error('b', { cause: a });
      (a as { cause?: unknown }).cause = b;
      expect(errors.is(a, target)).to.equal(false);
      expect(errors.is(a, b)).to.equal(true);
    });
  });

  describe("errors.as(err, Class): Go's errors.As", () => {
    it('returns the first error in the tree that is an instance of the class, depth first', () => {
      const inner = new SendOnClosedChannelError();
      const wrapped = new Error('outer', { cause: new AggregateError([new Error('a'), inner, new SendOnClosedChannelError()]) });
      const found = errors.as(wrapped, SendOnClosedChannelError);
      expect(found).to.equal(inner);
      expect(errors.as(wrapped, RangeError)).to.equal(undefined);
      expect(errors.as(wrapped, Error)).to.equal(wrapped);
    });

    it('throws a TypeError when the target is not a class', () => {
      expect(() => errors.as(new Error('x'), 42 as never)).to.throw(TypeError, /errors\.as: the target must be a class/);
    });
  });
});
