// Runs a command to completion and keeps its output, so a failure can say what went wrong.
import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to the command's stdin, or a readable stream piped into it. */
  input?: string | NodeJS.ReadableStream;
  /** Also stream the command's output to this process's stderr (long builds show progress). */
  echo?: boolean;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Resolves with the output whatever the exit code: the caller decides what a failure is. */
export function runResult(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ stdout, stderr, code: code ?? (signal ? 128 : 1) }));
    if (child.stdin) {
      child.stdin.on('error', () => {}); // a command that exits without reading its input is not our failure
      if (typeof options.input === 'object') options.input.pipe(child.stdin);
      else child.stdin.end(options.input);
    }
  });
}

/** Resolves with stdout; rejects with the command, its exit code and the end of its output. */
export async function run(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  const result = await runResult(command, args, options);
  if (result.code !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}\n${output}`);
  }
  return result.stdout;
}
