#!/usr/bin/env bash
# What the delivery checks (test/delivery) use beyond Go and Node: Debian's shellcheck, which actionlint runs
# on every `run:` script of the workflows and the tests run on .github/scripts/*.sh. Without it those checks
# are skipped and say so. Idempotent: does nothing when it is there.
set -euo pipefail

if command -v shellcheck >/dev/null 2>&1; then
  echo "[delivery-deps] present: $(shellcheck --version | sed -n 2p)"
  exit 0
fi
started=$SECONDS
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache show shellcheck >/dev/null 2>&1; then apt-get update -qq; fi
apt-get install -y -qq --no-install-recommends shellcheck >/dev/null
echo "[delivery-deps] installed in $((SECONDS - started))s: $(shellcheck --version | sed -n 2p)"
