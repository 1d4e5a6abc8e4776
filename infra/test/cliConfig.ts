// The CLI configuration of the checks (TF_CLI_CONFIG_FILE): hashicorp/google comes only from the local mirror
// of the source build, and with no `direct {}` block nothing is ever fetched from a registry.
import { writeFileSync } from 'node:fs';
import { cliConfigFile, mirrorDir } from './paths.ts';

export function writeCliConfig(): string {
  const config = `# Written by infra/test/prepare.ts. Offline: providers come from the local mirror or not at all.
disable_checkpoint = true

provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirrorDir())}
    include = ["registry.terraform.io/hashicorp/google", "registry.opentofu.org/hashicorp/google"]
  }
}
`;
  writeFileSync(cliConfigFile(), config);
  return cliConfigFile();
}
