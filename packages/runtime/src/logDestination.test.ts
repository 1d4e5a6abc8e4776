import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLogDestination } from './logDestination.ts';

const destinationModule = fileURLToPath(new URL('./logDestination.ts', import.meta.url));

/**
 * A child process that logs through the destination onto its stdout: a real pipe (as a container's stdout is)
 * whose reader starts reading only after `readAfterSeconds`. The child's stderr comes here directly.
 */
function childLogging(script: string, readAfterSeconds = 0) {
  const source = `import { createLogDestination } from ${JSON.stringify(destinationModule)};\n${script}`;
  const pipeline = `"$NODE" --input-type=module -e "$SOURCE" | (sleep ${readAfterSeconds}; cat)`;
  return spawn('sh', ['-c', pipeline], {
    env: { ...process.env, NODE: process.execPath, SOURCE: source },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Everything the pipeline's reader passed on, as lines. */
async function linesOf(child: ReturnType<typeof childLogging>): Promise<string[]> {
  const text: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => text.push(chunk));
  await once(child.stdout, 'end');
  return text.join('').trimEnd().split('\n');
}

test('lines gathered for up to batchMs leave together, in order; a big batch leaves at once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'log-destination-'));
  try {
    const file = join(dir, 'out.log');
    const destination = createLogDestination({ fd: openSync(file, 'w'), batchMs: 50, batchBytes: 1000 });
    destination.write('line 0\n');
    await new Promise((resolve) => setTimeout(resolve, 10));
    destination.write('line 1\n');
    assert.equal(readFileSync(file, 'utf8'), '', 'nothing is written inside the batch window');
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(readFileSync(file, 'utf8'), 'line 0\nline 1\n', 'one batch, in order');
    const big = `${'x'.repeat(1200)}\n`;
    destination.write(big);
    assert.equal(readFileSync(file, 'utf8'), `line 0\nline 1\n${big}`, 'a batch of batchBytes goes at once');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A full pipe is met with EAGAIN only on a pipe reopened non-blocking, which only Linux's /proc allows (the
// services run on Linux; on macOS a local run writes to the pipe as it is).
describe('a full pipe (Linux)', {
  skip: process.platform !== 'linux' && 'macOS cannot reopen a pipe non-blocking (no /proc)',
}, () => {
  test('a pipe nobody reads never blocks the event loop; the backlog arrives whole once it is read', async () => {
    // 4 MB of lines into a 64 KB pipe nobody reads for 1.5 s: with blocking writes the child's timer could not tick.
    const child = childLogging(
      `
      const destination = createLogDestination();
      process.on('exit', () => destination.flushSync(10_000)); // waits for the reader, as a service's exit does
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      for (let i = 0; i < 20000; i++) {
        destination.write(JSON.stringify({ i, pad: 'x'.repeat(180) }) + '\\n');
        if (i % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      process.stderr.write('ticks ' + ticks + '\\n');
      clearInterval(timer);
    `,
      1.5,
    );
    let stderr = '';
    let firstLineAt = 0;
    let ticksAt = 0;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      ticksAt ||= Date.now();
    });
    child.stdout.once('data', () => {
      firstLineAt = Date.now();
    });
    const lines = await linesOf(child);
    const ticks = Number(/ticks (\d+)/.exec(stderr)?.[1]);
    assert.ok(ticks >= 10, `the child's timer kept ticking (${stderr})`);
    assert.ok(ticksAt > 0 && ticksAt < firstLineAt, 'all of it happened before anything was read');
    assert.deepEqual(
      lines.map((line) => JSON.parse(line).i),
      Array.from({ length: 20000 }, (_, i) => i),
    );
  });

  test('small batches written while an earlier one waits for the pipe arrive whole and in order', async () => {
    // The batches are encoded into one reused buffer; what a full pipe leaves behind must not be overwritten there.
    const child = childLogging(
      `
      const destination = createLogDestination({ batchBytes: 4096, batchMs: 2, retryMs: 2 });
      process.on('exit', () => destination.flushSync(10_000));
      for (let i = 0; i < 6000; ) {
        for (const end = i + 20; i < end; i++) destination.write(JSON.stringify({ i, pad: 'y'.repeat(60) }) + '\\n');
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    `,
      0.5,
    );
    const lines = await linesOf(child);
    assert.deepEqual(
      lines.map((line) => JSON.parse(line).i),
      Array.from({ length: 6000 }, (_, i) => i),
    );
  });

  test('past the bound, lines are dropped and one line says how many once the pipe drains', async () => {
    const child = childLogging(
      `
      const destination = createLogDestination({ maxBacklogBytes: 200_000, retryMs: 5 });
      for (let i = 0; i < 5000; i++) destination.write(JSON.stringify({ i, pad: 'x'.repeat(80) }) + '\\n');
      setTimeout(() => {}, 1500); // stays up while the reader catches up
    `,
      0.7,
    );
    const lines = (await linesOf(child)).map((line) => JSON.parse(line));
    const warning = lines.find((line) => line.severity === 'WARNING');
    const kept = lines.filter((line) => line.i !== undefined).map((line) => line.i);
    assert.ok(warning, 'a line reports the drop');
    const dropped = Number(/^(\d+) log lines dropped/.exec(warning.message)?.[1]);
    assert.ok(dropped > 0 && kept.length > 0);
    assert.equal(kept.length + dropped, 5000, 'every line is either delivered or counted as dropped');
    assert.deepEqual(
      kept,
      Array.from({ length: kept.length }, (_, i) => i),
      'the first lines are kept, in order',
    );
  });
});

test('lines still pending when the process exits are written before it goes', async () => {
  const child = childLogging(`
    const destination = createLogDestination();
    process.on('exit', () => destination.flushSync());
    for (let i = 0; i < 1000; i++) destination.write('line ' + i + '\\n');
    process.exit(3);
  `);
  const lines = await linesOf(child);
  assert.equal(lines.length, 1000);
  assert.equal(lines.at(-1), 'line 999');
});
