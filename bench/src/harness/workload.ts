/**
 * What a workload module exports, and what a child process sends back to the runner.
 *
 * @module
 */

/** Settings passed from the runner to a child process. */
export interface Settings {
  /** `--quick`: smaller sizes and fewer runs, for a first look in about a minute. */
  readonly quick: boolean;
  /** Which round this is, from 0 (the runner runs every pair once per round). */
  readonly round: number;
}

/** One measured run: `opsPerSec` plus any workload-specific metric (bytes, shares, ms...). */
export type Sample = Record<string, number>;

/** Every run's samples, metric by metric, as the child reports them. */
export type Samples = Record<string, number[]>;

/** A workload: runs one library (by id) in this process and returns its samples. */
export interface Workload {
  run(lib: string, settings: Settings): Promise<Samples>;
}

/** The message a child sends to the runner. */
export type ChildReport = { ok: true; samples: Samples; note?: string } | { ok: false; error: string };
