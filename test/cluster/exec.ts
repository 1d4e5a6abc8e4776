// Runs a command to completion, keeping its output for the error message when it fails.
import { spawn } from 'node:child_process';

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Also stream the command's output to this process's stderr (long builds). */
  echo?: boolean;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Resolves with the output whatever the exit code; callers decide what a failure is. */
export function execFileResult(
  command: string,
  args: string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ stdout, stderr, code: code ?? (signal ? 128 : 1) }));
    // A command that exits without reading its input (an error, say) must not crash us with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** Resolves with stdout; rejects with the command line, exit code and output when it fails. */
export async function execFile(command: string, args: string[], options: ExecOptions = {}): Promise<string> {
  const result = await execFileResult(command, args, options);
  if (result.code !== 0) {
    const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}\n${output}`);
  }
  return result.stdout;
}
