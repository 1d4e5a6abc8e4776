#!/usr/bin/env bash
# Writes each root's .terraform.lock.hcl from the registry for the platforms engineers and CI use:
#   terraform-lock.sh <root dir>...
# init (no backend) keeps the version already locked, or picks the newest one the constraints allow when the
# root has none; `providers lock` then records the registry's hashes of that version for every platform.
# Hashes no registry package has (a source build's) are dropped: the file is rebuilt, not merged.
set -euo pipefail
platforms=(-platform=linux_amd64 -platform=linux_arm64 -platform=darwin_arm64 -platform=darwin_amd64)
for root in "$@"; do
  lock="$root/.terraform.lock.hcl"
  if [[ -f $lock ]]; then
    # Keep version and constraints, drop every hash: `providers lock` adds to existing hashes, never removes.
    sed -i '/^  hashes = \[/,/^  \]/d' "$lock"
  fi
  terraform -chdir="$root" init -backend=false -input=false -no-color >/dev/null
  terraform -chdir="$root" providers lock -no-color "${platforms[@]}"
  rm -rf "$root/.terraform"
done
