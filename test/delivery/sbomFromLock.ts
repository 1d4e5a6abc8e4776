// An SPDX 2.3 JSON SBOM of the runtime packages package-lock.json records (dev-only packages left out): what
// the repository itself knows of an image's dependencies, attached by the release test as a signed attestation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type LockPackage = { version?: string; resolved?: string; dev?: boolean; link?: boolean };

export function sbomFromLock(repoRoot: string, name: string): Record<string, unknown> {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockPackage>;
  };
  const packages = Object.entries(lock.packages)
    .filter(([path, pkg]) => path.includes('node_modules/') && !pkg.dev && !pkg.link && pkg.version)
    .map(([path, pkg], index) => {
      const packageName = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      return {
        name: packageName,
        SPDXID: `SPDXRef-Package-${index}`,
        versionInfo: pkg.version,
        downloadLocation: pkg.resolved ?? 'NOASSERTION',
        externalRefs: [
          {
            referenceCategory: 'PACKAGE-MANAGER',
            referenceType: 'purl',
            referenceLocator: `pkg:npm/${packageName.replace('@', '%40')}@${pkg.version}`,
          },
        ],
      };
    });
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name,
    documentNamespace: `https://podmesh.dev/spdx/${encodeURIComponent(name)}`,
    creationInfo: {
      created: new Date().toISOString(),
      creators: ['Tool: podmesh test/delivery/sbomFromLock.ts'],
    },
    packages,
  };
}
