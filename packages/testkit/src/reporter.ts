// The node:test reporter every runner of ours uses (scripts/test.ts, test/e2e/run.ts): spec's output, then
// every skipped or todo test and suite by name with its reason and a count. node:test counts a skipped describe
// as 0 tests, so a whole file could skip unseen; here it is one named skip. It fails the run when no test ran,
// and under CI=true when anything skipped that packages/testkit/src/allowedSkips.ts does not list.
import { Transform, type TransformCallback } from 'node:stream';
import type { TestEvent } from 'node:test/reporters';
import { spec } from 'node:test/reporters';
import { type Skip, verdict } from './skipVerdict.ts';

/** `node --test` arguments that report through this reporter on stdout. */
export const reporterArgs = [`--test-reporter=${import.meta.filename}`, '--test-reporter-destination=stdout'];

type Passed = Extract<TestEvent, { type: 'test:pass' | 'test:fail' }>['data'];

/** spec's Transform, driven directly so its lines and ours come out in one stream, in order. */
interface SpecTransform {
  _transform(event: TestEvent, encoding: BufferEncoding, callback: TransformCallback): void;
  _flush(callback: TransformCallback): void;
}

export default class SkipTallyReporter extends Transform {
  readonly #spec = new (spec as unknown as new () => SpecTransform)();
  readonly #skips: Skip[] = [];
  #ran = 0;

  constructor() {
    super({ writableObjectMode: true });
  }

  override _transform(event: TestEvent, encoding: BufferEncoding, callback: TransformCallback) {
    if (event.type === 'test:pass' || event.type === 'test:fail') this.#tally(event.data);
    this.#spec._transform(event, encoding, callback);
  }

  override _flush(callback: TransformCallback) {
    this.#spec._flush((error, output) => {
      const { lines, fails } = verdict(this.#skips, this.#ran, process.env.CI === 'true');
      if (fails) process.exitCode = 1;
      callback(error, `${output ?? ''}${lines.join('\n')}\n`);
    });
  }

  #tally(data: Passed) {
    const kind = data.todo !== undefined && data.todo !== false ? 'todo' : data.skip ? 'skip' : undefined;
    if (kind === undefined) {
      if (data.details.type === 'test') this.#ran += 1;
      return;
    }
    const reason = kind === 'todo' ? data.todo : data.skip;
    this.#skips.push({
      kind,
      name: data.name,
      file: data.file ?? '',
      suite: data.details.type === 'suite',
      reason: typeof reason === 'string' && reason !== '' ? reason : '(no reason given)',
    });
  }
}
