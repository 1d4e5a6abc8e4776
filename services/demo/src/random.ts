// A small seedable generator (mulberry32): the same seed gives the same sequence, so tests can pin the
// random-error outcomes; without a seed it starts from a random one. Not for anything security related.
import { randomInt } from 'node:crypto';

export type Random = () => number;

/** Returns numbers in [0, 1). */
export function createRandom(seed: number = randomInt(2 ** 32)): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
