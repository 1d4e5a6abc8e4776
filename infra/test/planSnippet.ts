// Plans a throw-away configuration (module calls written as HCL) inside the session's workspace copy: how the
// checks show what a user's input does at `terraform plan`, refused or accepted, without touching the modules.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initDir } from './planRoot.ts';
import type { RunResult } from './run.ts';
import type { CheckSession } from './session.ts';
import { terraformResult } from './terraform.ts';

let counter = 0;

/** `terraform plan` of the snippet; the result carries the exit code and the CLI's own message. */
export async function planSnippet(session: CheckSession, hcl: string): Promise<RunResult> {
  counter += 1;
  const dir = session.dir(`snippets/case${counter}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.tf'), `${hcl}\n`);
  await initDir(session.cli, dir, session.env, { backend: false, root: false });
  return terraformResult(session.cli, dir, ['plan', '-input=false', '-no-color', '-lock=false'], session.env);
}

/** The error text of a refused plan on one line, without the box-drawing frame of the CLI's diagnostics. */
export function refusalText(result: RunResult): string {
  return result.stderr
    .replaceAll(/\s*│\s*/g, ' ')
    .replaceAll(/[╷╵]/g, ' ')
    .replaceAll(/\s+/g, ' ')
    .trim();
}
