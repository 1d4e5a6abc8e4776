// The tests allowed to skip under CI=true, each by name with the reason it cannot run there. Keep it empty:
// a test that cannot run in CI is a test nobody runs (allowedSkips.test.ts keeps the list short).
export interface AllowedSkip {
  /** the test's or suite's name as node:test reports it */
  name: string;
  /** the file it lives in, relative to the repository root */
  file: string;
  reason: string;
}

export const allowedSkips: readonly AllowedSkip[] = [];
