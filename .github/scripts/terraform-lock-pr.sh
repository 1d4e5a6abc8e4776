#!/usr/bin/env bash
# After terraform-lock.sh: if any lock file differs from the checkout, push it to terraform-lock/update and
# open a pull request (or update the one that is open). Needs GH_TOKEN with contents and pull-requests: write.
set -euo pipefail
if git diff --quiet -- 'infra/**/.terraform.lock.hcl'; then
  echo "lock files already match the registry"
  exit 0
fi
branch=terraform-lock/update
git diff --stat
git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
gh auth setup-git
git switch -C "$branch"
git commit -q -m "infra: provider lock files from the registry (linux, darwin)" -- 'infra/**/.terraform.lock.hcl'
git push --force "https://github.com/${GITHUB_REPOSITORY}.git" "HEAD:refs/heads/$branch"
if [[ -z $(gh pr list --head "$branch" --state open --json number --jq '.[].number') ]]; then
  gh pr create --base main --head "$branch" \
    --title "infra: provider lock files from the registry" \
    --body "Written by \`terraform providers lock\` (linux_amd64, linux_arm64, darwin_arm64, darwin_amd64) in .github/workflows/terraform-lock.yml. Close and reopen this pull request so that ci.yml and infra.yml run on it (GitHub starts no workflow for a pull request opened by GITHUB_TOKEN)."
fi
