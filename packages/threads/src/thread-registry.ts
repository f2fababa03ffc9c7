/**
 * Which of the process's pool threads are alive, in shared memory that every one of them holds.
 * A receive parked in a thread records the thread's number in its slot; a sender never hands a
 * value to a receiver whose thread the pool has terminated (the value would be lost), and treats
 * its slot as given up instead.
 *
 * @module
 */

/** Numbers of threads that can be told apart; later threads get 0, "unknown, alive". */
const SIZE = 1 << 16;
const Alive = 1;
const Dead = 2;

/** Word 0: the last number given; word n: thread n's state. */
let registry: Int32Array | null = null;
/** This thread's number; 0 for the main thread and threads not started by a pool. */
let self = 0;

/** The registry's memory, created by the first pool of the process. */
export function registryBuffer(): SharedArrayBuffer {
  registry ??= new Int32Array(new SharedArrayBuffer(SIZE * 4));
  return registry.buffer as SharedArrayBuffer;
}

/** Gives a number to a thread about to start, alive. */
export function registerThread(): number {
  const words = (registry ??= new Int32Array(registryBuffer()));
  const number = Atomics.add(words, 0, 1) + 1;
  if (number >= SIZE) return 0;
  Atomics.store(words, number, Alive);
  return number;
}

/** Records that thread `number` is dead (or about to be terminated, outside any lock). */
export function markDead(number: number): void {
  if (registry !== null && number !== 0) Atomics.store(registry, number, Dead);
}

/** In a pool's thread: joins the registry as thread `number`. */
export function joinRegistry(buffer: SharedArrayBuffer, number: number): void {
  registry = new Int32Array(buffer);
  self = number;
}

/** This thread's number. */
export function currentThread(): number {
  return self;
}

/** Whether thread `number` is known to be dead. */
export function isDead(number: number): boolean {
  return registry !== null && number !== 0 && Atomics.load(registry, number) === Dead;
}
