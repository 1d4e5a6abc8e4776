#!/usr/bin/env bash
# What the delivery checks (test/delivery) use beyond Go and Node, from Debian: shellcheck, which actionlint
# runs on every `run:` script of the workflows and the tests run on .github/scripts/*.sh (without it those
# checks fail, naming it), and jq, which the deploy scripts the tests run use. Idempotent: does
# nothing when both are there.
set -euo pipefail

packages=(shellcheck jq)
missing=()
for package in "${packages[@]}"; do
  command -v "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "[delivery-deps] present: shellcheck $(shellcheck --version | sed -n 2p | cut -d' ' -f2), $(jq --version)"
  exit 0
fi
started=$SECONDS
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then apt-get update -qq; fi
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "[delivery-deps] installed ${missing[*]} in $((SECONDS - started))s"
