/** Go's `rand.Intn(n)`: a pseudo-random integer in [0, n). */
export function intn(n: number): number {
  if (!(n > 0)) throw new RangeError('invalid argument to Intn');
  return Math.floor(Math.random() * n);
}
