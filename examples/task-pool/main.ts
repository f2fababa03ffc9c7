// Task pool: a WorkerPool runs 23 tasks on 3 workers and waits with a WaitGroup (seed 003).
//
// A line-by-line port of main.go (the seed's pool package and main in one file). A task takes
// Go's 3 s divided by `speedup` (20), 150 ms, so that the example runs in about 1.2 s.
import '@csp/channel/deadlock';
import { Chan, close, go, time } from '@csp/channel';
import { WaitGroup } from '@csp/sync';

const speedup = 20;

class Task {
  constructor(readonly id: number) {}

  async execute(): Promise<void> {
    console.log(`processing task id: ${this.id}`);
    await time.sleep((3 * time.second) / speedup);
  }
}

// Go's unexported fields and methods are `#private` here.
class WorkerPool {
  readonly #tasks: Task[];
  readonly #queue: Chan<Task>;
  readonly #count: number;
  readonly #wg = new WaitGroup();

  // Go's pool.New(workerCount, tasks)
  constructor(workerCount: number, tasks: Task[]) {
    this.#tasks = tasks;
    this.#count = workerCount;
    this.#queue = new Chan<Task>(tasks.length, { name: 'queue' });
  }

  async #process(): Promise<void> {
    for await (const task of this.#queue) {
      await task.execute();
      this.#wg.done();
    }
  }

  async start(): Promise<void> {
    for (let i = 0; i < this.#count; i++) {
      go(() => this.#process());
    }

    this.#wg.add(this.#tasks.length);
    for (const task of this.#tasks) {
      await this.#queue.send(task);
    }

    close(this.#queue);

    await this.#wg.wait();
  }
}

async function main(): Promise<void> {
  const tasks = new Array<Task>(23);
  for (let i = 0; i < 23; i++) {
    tasks[i] = new Task(i + 1);
  }

  const p = new WorkerPool(3, tasks);
  await p.start();

  console.log('all task has been proceeed');
}

await main();
