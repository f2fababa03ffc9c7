// Exercise 01: your first channel. Make the tests pass: `pnpm workshop 01`.
import { Chan } from '@csp/channel';

/**
 * Greets every name: sends `hello, <name>` for each name on an unbuffered channel, and
 * receives them in order. Resolves with the greetings.
 */
export async function greet(names: readonly string[]): Promise<string[]> {
  const greetings = new Chan<string>(0, { name: 'greetings' });
  // TODO: an unbuffered send waits until someone receives. Who receives while this loop sends?
  for (const name of names) await greetings.send(`hello, ${name}`);
  const received: string[] = [];
  for (let i = 0; i < names.length; i++) received.push((await greetings.recv())!);
  return received;
}

/** The program `pnpm workshop 01 --main` runs, with the deadlock report on. */
export async function main(): Promise<void> {
  console.log(await greet(['gopher', 'node']));
}
