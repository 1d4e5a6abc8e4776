// Every action is pinned by commit SHA (and the same action to the same SHA everywhere), and Dependabot keeps
// npm, the actions and the Docker bases current.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { checkUses } from './pinnedActions.ts';
import { actionFiles, githubDir, usesLines, workflowFiles } from './workflowFiles.ts';

const files = [...workflowFiles(), ...actionFiles()];

describe('actions are pinned', () => {
  it('finds the workflows and actions it checks', () => {
    assert.ok(workflowFiles().length >= 5, 'ci, release, deploy, rollback, infra');
    assert.ok(files.flatMap(usesLines).length > 20);
  });

  it('pins every remote action to a full commit SHA with its tag as a comment', () => {
    const problems = files.flatMap((file) =>
      usesLines(file).flatMap(({ line, uses, text }) => {
        const problem = checkUses(uses, text);
        return problem ? [`${file.path}:${line}: ${uses}: ${problem.problem}`] : [];
      }),
    );
    assert.deepEqual(problems, [], `unpinned actions:\n${problems.join('\n')}`);
  });

  it('uses one SHA per action across all files', () => {
    const seen = new Map<string, Set<string>>();
    for (const { uses } of files.flatMap(usesLines)) {
      const [action, ref] = uses.split('@');
      if (!action || !ref || uses.startsWith('./')) continue;
      const key = action.toLowerCase();
      seen.set(key, (seen.get(key) ?? new Set()).add(ref));
    }
    const split = [...seen]
      .filter(([, refs]) => refs.size > 1)
      .map(([action, refs]) => `${action}: ${[...refs]}`);
    assert.deepEqual(split, []);
  });

  it('rejects tags, branches, short SHAs and missing tag comments', () => {
    const sha = '3d3c42e5aac5ba805825da76410c181273ba90b1';
    assert.ok(checkUses('actions/checkout@v7', '- uses: actions/checkout@v7'));
    assert.ok(checkUses('actions/checkout@main', '- uses: actions/checkout@main'));
    assert.ok(checkUses('actions/checkout@3d3c42e', '- uses: actions/checkout@3d3c42e # v7.0.1'));
    assert.ok(checkUses(`actions/checkout@${sha}`, `- uses: actions/checkout@${sha}`));
    assert.ok(checkUses('docker://alpine:3', '- uses: docker://alpine:3'));
    assert.equal(checkUses(`actions/checkout@${sha}`, `- uses: actions/checkout@${sha} # v7.0.1`), undefined);
    assert.equal(
      checkUses('./.github/actions/setup-project', '- uses: ./.github/actions/setup-project'),
      undefined,
    );
  });
});

describe('dependabot', () => {
  type Update = { 'package-ecosystem': string; directory?: string; directories?: string[] };
  const config = parse(readFileSync(join(githubDir, 'dependabot.yml'), 'utf8')) as { updates: Update[] };
  const directoriesOf = (ecosystem: string) =>
    config.updates
      .filter((update) => update['package-ecosystem'] === ecosystem)
      .flatMap((update) => update.directories ?? (update.directory ? [update.directory] : []));

  it('updates npm (the workspace lock file), the actions and the Docker bases', () => {
    assert.ok(directoriesOf('npm').includes('/'), 'npm at the root, where package-lock.json lives');
    assert.ok(directoriesOf('docker').includes('/.github/docker-bases'), "the root Dockerfile's bases");
    const actions = directoriesOf('github-actions');
    assert.ok(actions.includes('/'), 'workflows');
    for (const action of actionFiles()) {
      const dir = `/${action.path.replace(/\/action\.yml$/, '')}`;
      assert.ok(
        actions.some(
          (pattern) => pattern === dir || (pattern.endsWith('/*') && dir.startsWith(pattern.slice(0, -1))),
        ),
        `dependabot does not watch the composite action ${dir}`,
      );
    }
  });
});

describe('Docker bases', () => {
  // Dependabot updates the FROM lines of .github/docker-bases/Dockerfile; the build uses the root Dockerfile's ARGs.
  const argDefaults = (text: string) =>
    [...text.matchAll(/^ARG \w+_IMAGE=(\S+)/gm)].map((match) => match[1]).sort();
  const fromLines = (text: string) => [...text.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]).sort();

  it("mirrors the root Dockerfile's base images, pinned by digest, for Dependabot", () => {
    const root = readFileSync(join(githubDir, '..', 'Dockerfile'), 'utf8');
    const mirrored = readFileSync(join(githubDir, 'docker-bases', 'Dockerfile'), 'utf8');
    assert.ok(argDefaults(root).length >= 2, 'the root Dockerfile names its bases as ARG *_IMAGE=…');
    assert.deepEqual(
      fromLines(mirrored),
      argDefaults(root),
      'copy the digests of .github/docker-bases/Dockerfile into the ARG *_IMAGE defaults of the root Dockerfile',
    );
    for (const reference of argDefaults(root)) assert.match(reference ?? '', /@sha256:[0-9a-f]{64}$/);
  });
});
