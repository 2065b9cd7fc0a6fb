import { randomInt } from 'node:crypto';

/**
 * A uniformly random permutation of 0..n-1 (Fisher–Yates with the operating system's
 * cryptographic generator, whose `randomInt` has no modulo bias): no one can predict or
 * reproduce the opening order of a pre-queue.
 */
export function randomPermutation(n: number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}
