// The release workflow's registry steps against a real registry: the CNCF distribution registry on loopback
// (Docker Hub's stand-in), crane and cosign built from the Go module proxy. An image is pushed to the staging
// repository; while it is only staged (a failed scan stops here) no public tag exists; promote-release.sh —
// the script release.yml runs — copies the digest to the public tags; cosign signs it with a key pair made
// here (GitHub signs keylessly) and attaches an SPDX SBOM as a signed attestation; verification passes for
// that key and digest only. The scan itself is Trivy on GitHub and is not run here (docs/delivery.md).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execFileResult } from '../cluster/exec.ts';
import { ensureGoTool } from './goTool.ts';
import { type LoopbackRegistry, startRegistry } from './registry.ts';
import { cosignTool, craneTool, registryTool } from './registryTools.ts';
import { sbomFromLock } from './sbomFromLock.ts';
import { repoRoot } from './workflowFiles.ts';

const work = mkdtempSync(join(tmpdir(), 'podmesh-release-registry-'));
let registry: LoopbackRegistry;
let crane = '';
let cosign = '';
let env: NodeJS.ProcessEnv = {};

const run = (cmd: string, args: string[], extra: Record<string, string> = {}) =>
  execFileResult(cmd, args, { env: { ...env, ...extra }, cwd: work });
async function ok(cmd: string, args: string[], extra: Record<string, string> = {}): Promise<string> {
  const result = await run(cmd, args, extra);
  assert.equal(result.code, 0, `${cmd} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** A small real image (one layer) pushed to `ref`; returns its digest. */
async function pushImage(ref: string, content: string): Promise<string> {
  const dir = mkdtempSync(join(work, 'layer-'));
  writeFileSync(join(dir, 'hello.txt'), content);
  await ok('tar', ['-cf', join(dir, 'layer.tar'), '-C', dir, 'hello.txt']);
  await ok(crane, ['append', '-f', join(dir, 'layer.tar'), '-t', ref]);
  return ok(crane, ['digest', ref]);
}

describe('release registry steps on a loopback registry', () => {
  before(async () => {
    [crane, cosign] = await Promise.all([ensureGoTool(craneTool), ensureGoTool(cosignTool)]).then((r) =>
      r.map((tool) => tool.path),
    );
    registry = await startRegistry((await ensureGoTool(registryTool)).path);
    env = {
      ...process.env,
      PATH: [dirname(crane), dirname(cosign), process.env.PATH].join(':'),
      DOCKER_CONFIG: join(work, 'docker'), // no credentials of this machine's user
      COSIGN_PASSWORD: '',
      COSIGN_YES: 'true',
      SIGSTORE_NO_CACHE: 'true',
      TUF_ROOT: join(work, 'tuf'),
    };
  });
  after(async () => {
    await registry?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  const staging = () => `${registry.host}/podmesh/staging`;
  const publicTags = () => [
    `${registry.host}/podmesh/users:src-0123abcd`,
    `${registry.host}/podmesh/users:edge`,
  ];
  let digest = '';

  it('a staged image (its scan failed, or has not run) has no public tag', async () => {
    digest = await pushImage(`${staging()}:users-1-1`, 'podmesh users, staged\n');
    assert.match(digest, /^sha256:[0-9a-f]{64}$/);
    for (const tag of publicTags()) {
      const found = await run(crane, ['digest', tag]);
      assert.notEqual(found.code, 0, `${tag} must not exist before promotion`);
      assert.match(found.stderr, /MANIFEST_UNKNOWN|NAME_UNKNOWN|not found/i);
    }
  });

  it('promote-release.sh refuses a digest the staging repository does not have, and tags nothing', async () => {
    const missing = `sha256:${'0'.repeat(64)}`;
    const result = await run('bash', [join(repoRoot, '.github/scripts/promote-release.sh')], {
      FROM: staging(),
      DIGEST: missing,
      TAGS: publicTags().join('\n'),
    });
    assert.notEqual(result.code, 0);
    for (const tag of publicTags()) assert.notEqual((await run(crane, ['digest', tag])).code, 0, tag);
  });

  it('promote-release.sh puts exactly the scanned digest on every public tag', async () => {
    const out = await ok('bash', [join(repoRoot, '.github/scripts/promote-release.sh')], {
      FROM: staging(),
      DIGEST: digest,
      TAGS: publicTags().join('\n'),
    });
    for (const tag of publicTags()) {
      assert.equal(await ok(crane, ['digest', tag]), digest, tag);
      assert.match(out, new RegExp(`promoted ${tag.replaceAll('.', '\\.')} = ${digest}`));
    }
  });

  it('signs the public digest and attaches the SBOM; both verify with the key and only with it', async () => {
    await ok(cosign, ['generate-key-pair', '--output-key-prefix', 'release']);
    await ok(cosign, ['generate-key-pair', '--output-key-prefix', 'stranger']);
    const image = `${registry.host}/podmesh/users@${digest}`;
    // No Rekor here: the key's signature alone (GitHub's keyless signing logs to Rekor).
    const offline = ['--use-signing-config=false', '--tlog-upload=false', '--allow-http-registry'];
    await ok(cosign, ['sign', '--key', 'release.key', ...offline, image]);
    writeFileSync(join(work, 'sbom.spdx.json'), JSON.stringify(sbomFromLock(repoRoot, 'podmesh-users')));
    await ok(cosign, [
      'attest',
      '--key',
      'release.key',
      '--type',
      'spdxjson',
      '--predicate',
      'sbom.spdx.json',
      ...offline,
      image,
    ]);

    const verifyFlags = ['--insecure-ignore-tlog=true', '--allow-http-registry'];
    const verified = await ok(cosign, ['verify', '--key', 'release.pub', ...verifyFlags, image]);
    assert.match(verified, new RegExp(digest));
    const attested = await ok(cosign, [
      'verify-attestation',
      '--key',
      'release.pub',
      '--type',
      'spdxjson',
      ...verifyFlags,
      image,
    ]);
    const statement = JSON.parse(
      Buffer.from(JSON.parse(attested.split('\n')[0] ?? '{}').payload, 'base64').toString(),
    );
    assert.equal(statement.predicate.spdxVersion, 'SPDX-2.3');
    assert.ok(statement.predicate.packages.length > 10, 'the SBOM lists the runtime packages');
    assert.equal(statement.subject[0].digest.sha256, digest.slice('sha256:'.length));

    const wrongKey = await run(cosign, ['verify', '--key', 'stranger.pub', ...verifyFlags, image]);
    assert.notEqual(wrongKey.code, 0, 'a signature by another key must not verify');
    const unsigned = await pushImage(`${registry.host}/podmesh/users:unsigned`, 'never signed\n');
    const notSigned = await run(cosign, [
      'verify',
      '--key',
      'release.pub',
      ...verifyFlags,
      `${registry.host}/podmesh/users@${unsigned}`,
    ]);
    assert.notEqual(notSigned.code, 0, 'an unsigned digest must not verify');
  });
});
