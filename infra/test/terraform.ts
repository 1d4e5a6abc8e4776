// Runs the CLI the way the checks need it: offline CLI config, dummy credentials, and every outbound request
// sent to a loopback sink that refuses it.
import { cliConfigFile } from './paths.ts';
import type { Cli } from './resolveCli.ts';
import { type RunResult, run, runAllowingFailure } from './run.ts';

/** A syntactically valid, worthless token: the provider's configure step needs some credential to start. */
const dummyAccessToken = 'offline-plan-no-real-credential';

export function terraformEnv(proxyUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Real credentials must never reach a check, and no gcloud or ADC lookup may run.
  for (const name of Object.keys(env)) {
    if (/^(GOOGLE_|CLOUDSDK_|TF_|GCLOUD_)/.test(name) || /^(https?|no)_proxy$/i.test(name)) delete env[name];
  }
  return {
    ...env,
    TF_CLI_CONFIG_FILE: cliConfigFile(),
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    GOOGLE_OAUTH_ACCESS_TOKEN: dummyAccessToken,
    HTTPS_PROXY: proxyUrl,
    HTTP_PROXY: proxyUrl,
    https_proxy: proxyUrl,
    http_proxy: proxyUrl,
  };
}

export function terraform(cli: Cli, cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return run(cli.path, args, { cwd, env, timeoutMs: 5 * 60_000 });
}

/** For commands whose non-zero exit still carries a report, such as `validate -json`. */
export function terraformResult(
  cli: Cli,
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<RunResult> {
  return runAllowingFailure(cli.path, args, { cwd, env, timeoutMs: 5 * 60_000 });
}
