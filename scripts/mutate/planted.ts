// Planted bugs: known concurrency defects patched into the sources one at a time. For each, the
// tests that guard against it run in a child process; every planted bug must be killed (a test
// fails) or the suite has a hole. A patch that no longer applies (the source changed) fails too.
import { readFileSync } from 'node:fs';
import { root, runMocha, withPatchedFile, type TestRun } from './workspace.js';

/** One planted bug: replace `find` by `replace` in `file`, then run `tests`. */
export interface PlantedBug {
  readonly name: string;
  readonly file: string;
  readonly find: string;
  readonly replace: string;
  readonly tests: readonly string[];
}

const syncLocks = [
  'packages/sync/test/mutex.test.ts',
  'packages/sync/test/semaphore.test.ts',
  'packages/sync/test/mutex-semaphore.property.test.ts',
];

export const plantedBugs: readonly PlantedBug[] = [
  {
    name: 'double grant (Mutex): unlock frees the lock even when it hands it to a waiter',
    file: 'packages/sync/src/mutex.ts',
    find: 'if (next === null) this.locked = false;\n    else ',
    replace: 'this.locked = false;\n    if (next !== null) ',
    tests: syncLocks,
  },
  {
    name: 'double grant (Semaphore): a waiter is granted one permit more than is free',
    file: 'packages/sync/src/semaphore.ts',
    find: 'head !== null && this.size - this.held >= head.n',
    replace: 'head !== null && this.size - this.held + 1 >= head.n',
    tests: syncLocks,
  },
  {
    name: 'double grant (RWMutex): a writer is let in while readers hold the lock',
    file: 'packages/sync/src/rw-mutex.ts',
    find: 'if (this.writing || this.readers > 0) return false;',
    replace: 'if (this.writing) return false;',
    tests: ['packages/sync/test/rw-mutex.test.ts', 'packages/sync/test/rw-mutex.property.test.ts'],
  },
  {
    name: 'lost wake-up (Chan): close forgets the parked receivers',
    file: 'packages/channel/src/chan.ts',
    find: 'for (let waiter = recvq && recvq.dequeue(); waiter; waiter = recvq!.dequeue()) {\n      completeReceiver(waiter, undefined, false);\n    }',
    replace: 'for (let waiter = recvq && recvq.dequeue(); waiter; waiter = recvq!.dequeue()) {\n    }',
    tests: ['packages/channel/test/close.test.ts', 'packages/channel/test/chan.test.ts'],
  },
  {
    name: 'lost wake-up (WaitGroup): the counter reaching zero wakes nobody',
    file: 'packages/sync/src/wait-group.ts',
    find: 'if (counter === 0) wakeAll(this.waiters);',
    replace: '',
    tests: ['packages/sync/test/wait-group.test.ts', 'packages/sync/test/wait-group.property.test.ts'],
  },
  {
    name: 'biased select: always the first ready case',
    file: 'packages/channel/src/select.ts',
    find: 'let pick = ready === 1 ? 0 : ',
    replace: 'let pick = 0 * ',
    tests: ['packages/channel/test/select.test.ts', 'packages/channel/test/fairness.test.ts'],
  },
  {
    name: 'lost value on close: receivers stop seeing the buffer once the channel is closed',
    file: 'packages/channel/src/chan.ts',
    find: 'this.buffer.length > 0) return this.buffer.dequeue()',
    replace: 'this.buffer.length > 0 && !this.closed) return this.buffer.dequeue()',
    tests: ['packages/channel/test/close.test.ts', 'packages/channel/test/chan.test.ts'],
  },
  {
    name: 'FIFO swap in the waiter queue: push puts the node at the head (LIFO)',
    file: 'packages/channel/src/wait-queue.ts',
    find: 'node.prev = this.tail;\n    node.next = null;\n    if (this.tail === null) this.head = node;\n    else this.tail.next = node;\n    this.tail = node;',
    replace:
      'node.prev = null;\n    node.next = this.head;\n    if (this.head === null) this.tail = node;\n    else this.head.prev = node;\n    this.head = node;',
    tests: ['packages/sync/test/mutex.test.ts', 'packages/channel/test/chan.test.ts'],
  },
  {
    name: 'permit leak on abort: a lock handed over just before the abort is never given back',
    file: 'packages/sync/src/acquire.ts',
    find: 'giveBack(waiter);\n    throw',
    replace: 'throw',
    tests: syncLocks,
  },
];

/** Applies `bug`, runs its tests, restores the source. Throws when the patch does not apply. */
export async function runPlanted(bug: PlantedBug): Promise<TestRun> {
  const source = readFileSync(`${root}${bug.file}`, 'utf8');
  const at = source.indexOf(bug.find);
  if (at < 0 || source.indexOf(bug.find, at + 1) >= 0) {
    throw new Error(`planted bug "${bug.name}": the patch does not apply exactly once to ${bug.file}`);
  }
  const patched = source.slice(0, at) + bug.replace + source.slice(at + bug.find.length);
  return withPatchedFile(bug.file, patched, () => runMocha(bug.tests, 120_000));
}

/** Runs every planted bug; returns whether all were killed. */
export async function runAllPlanted(): Promise<boolean> {
  const tests = [...new Set(plantedBugs.flatMap((bug) => bug.tests))];
  const baseline = await runMocha(tests, 300_000);
  if (baseline.verdict !== 'survived') throw new Error(`the tests fail without any planted bug:\n${baseline.output}`);
  let allKilled = true;
  console.log('Planted bugs (each must be killed):');
  for (const bug of plantedBugs) {
    const { verdict, output } = await runPlanted(bug);
    if (verdict === 'survived') allKilled = false;
    console.log(`  ${verdict === 'survived' ? 'SURVIVED' : verdict.padEnd(8)}  ${bug.name}`);
    const failure = /^\s*\d+\) (.*)\n\s*(.*)\n\s*(.*)$/m.exec(output);
    if (failure !== null) console.log(`            by: ${failure.slice(1).join(' ').replace(/\s+/g, ' ').slice(0, 200)}`);
  }
  return allKilled;
}
