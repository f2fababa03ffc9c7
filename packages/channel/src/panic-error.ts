/**
 * The base of every error thrown where Go panics.
 *
 * @module
 */

/**
 * An error thrown where Go panics: its `message` is Go's panic text (`send on closed channel`,
 * `sync: unlock of unlocked mutex`, ...) and its `name` is the subclass's name, so a ported
 * program fails with the words its Go original would print. Every such error class of the three
 * packages extends it; `error instanceof GoPanicError` tells a Go panic from other failures.
 */
export class GoPanicError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
