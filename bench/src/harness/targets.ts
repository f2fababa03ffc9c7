/**
 * The numbers to reach (issues 2, 3 and 4), checked against the medians of one run of the
 * benchmarks. A target whose inputs are missing (a library not run, a run that failed) is
 * reported as not measured, never as passed.
 *
 * @module
 */

/** Median of each metric, per library id, for one workload. */
export type Results = ReadonlyMap<string, Readonly<Record<string, number>>>;

export interface Verdict {
  readonly pass: boolean;
  /** What was measured, e.g. `0.72x`. */
  readonly measured: string;
}

export interface Target {
  /** e.g. `≥ 0.6x floor`. */
  readonly label: string;
  /** `undefined` when an input is missing. */
  check(results: Results): Verdict | undefined;
}

/** Ours' `key` divided by `peer`'s (for ops/s: how many times faster ours is). */
export function ratio(results: Results, peer: string, key = 'opsPerSec'): number | undefined {
  const ours = results.get('ours')?.[key];
  const theirs = results.get(peer)?.[key];
  return ours === undefined || theirs === undefined ? undefined : ours / theirs;
}

const times = (x: number): string => `${x.toFixed(2)}x`;

/** Ours' ops/s at least `factor` times `peer`'s (`strict`: more than). */
export function fasterThan(peer: string, label: string, factor: number, strict = false): Target {
  return {
    label: `${strict ? '>' : '≥'} ${factor === 1 ? '' : `${factor}x `}${label}`,
    check: (results) => {
      const r = ratio(results, peer);
      return r === undefined ? undefined : { pass: strict ? r > factor : r >= factor, measured: times(r) };
    },
  };
}

/** Ours' ops/s at least `factor` times the fastest of `peers`. */
export function fasterThanAll(peers: readonly string[], factor: number): Target {
  return {
    label: `≥ ${factor}x the fastest peer`,
    check: (results) => {
      const ratios = peers.map((peer) => ratio(results, peer));
      if (ratios.some((r) => r === undefined)) return undefined;
      const worst = Math.min(...(ratios as number[]));
      return { pass: worst >= factor, measured: times(worst) };
    },
  };
}

/** Ours' metric `key` is at most `limit` (`unit` for display). */
export function atMost(key: string, limit: number, label: string, unit = ''): Target {
  return {
    label: `${label} ≤ ${limit}${unit}`,
    check: (results) => {
      const value = results.get('ours')?.[key];
      return value === undefined ? undefined : { pass: value <= limit, measured: `${round(value)}${unit}` };
    },
  };
}

/** A number for a table: 3 significant digits, with k / M suffixes for big ones. */
export function round(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toPrecision(3)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toPrecision(3)}k`;
  if (abs >= 100 || Number.isInteger(value)) return value.toFixed(0);
  return value.toPrecision(3);
}
