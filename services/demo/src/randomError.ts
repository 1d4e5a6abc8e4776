// /demo/random-error: fails with the configured probability, as the original Go demo app did (there 1 in 10).
import type { Random } from './random.ts';

export const errorBody = 'ERROR: Something, somewhere, went wrong!\n';
export const okBody = 'Everything is still OK\n';

export interface Outcome {
  status: 200 | 500;
  body: string;
}

export function createRandomError(probability: number, random: Random): () => Outcome {
  if (!(probability >= 0 && probability <= 1)) {
    throw new RangeError(`error probability must be between 0 and 1, got ${probability}`);
  }
  // random() is in [0, 1): probability 0 never fails, probability 1 always does.
  return () => (random() < probability ? { status: 500, body: errorBody } : { status: 200, body: okBody });
}
