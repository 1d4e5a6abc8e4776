// The workflows install the same tool versions the tests here build and pin, so CI on GitHub and `npm test`
// exercise one helm, one Go and a Terraform the roots accept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { helmVersion } from '../../deploy/tools/helm.ts';
import { googleProvider, terraformCli } from '../../infra/test/versions.ts';
import { actionFiles, workflowFiles } from './workflowFiles.ts';

const files = [...workflowFiles(), ...actionFiles()];
/** Every value given to `key` (a `with:` input or an input default) in the workflows and actions. */
function valuesOf(key: string): string[] {
  return files.flatMap((file) =>
    [...file.text.matchAll(new RegExp(`^\\s*${key}:\\s*(\\S+)`, 'gm'))].map((match) => String(match[1])),
  );
}
function defaultOf(input: string): string[] {
  return files.flatMap((file) =>
    [...file.text.matchAll(new RegExp(`^  ${input}:\\n(?:    .*\\n)*?    default:\\s*(\\S+)`, 'gm'))].map(
      (match) => String(match[1]),
    ),
  );
}

describe('tool versions', () => {
  it('installs the helm that deploy/tools/helm.ts builds', () => {
    const setupHelm = files.flatMap((file) =>
      [...file.text.matchAll(/setup-helm@\S+[^\n]*\n\s+with:\n\s+version:\s*(\S+)/g)].map((match) =>
        String(match[1]),
      ),
    );
    assert.ok(setupHelm.length >= 2, 'setup-helm in ci.yml and in connect-environment');
    const versions = [
      ...defaultOf('helm-version'),
      ...setupHelm.filter((version) => !version.startsWith('$')),
    ];
    assert.ok(versions.length >= 2);
    for (const version of versions) assert.equal(version, helmVersion);
  });

  it('sets up the Go toolchain the Terraform provider build pins', () => {
    const versions = valuesOf('go-version');
    assert.ok(versions.length > 0);
    for (const version of versions) assert.equal(`go${version}`, googleProvider.goToolchain);
  });

  it("installs a Terraform the roots' required_version accepts", () => {
    const versions = defaultOf('terraform-version');
    assert.equal(versions.length, 1);
    const [major, minor] = String(versions[0]).split('.').map(Number);
    const [minMajor, minMinor] = terraformCli.minimum.split('.').map(Number);
    assert.ok(
      major === minMajor && (minor ?? 0) >= (minMinor ?? 0) && (major ?? 0) < terraformCli.belowMajor,
    );
  });
});
