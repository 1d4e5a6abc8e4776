#!/usr/bin/env bash
# What the test control plane (test/cluster) needs on a fresh machine beyond the image: openssl issues its
# throwaway certificates; faketime skews an operator's clock in operator/test/leaderFailures.test.ts; Go (1.26 or newer, on the machine image) builds Kubernetes, etcd and kwok from the
# Go module proxy. Idempotent: does nothing when all is there.
set -euo pipefail

if ! command -v go >/dev/null 2>&1; then
  echo "[cluster-deps] Go is missing: the control plane is built from Go modules (go 1.26+ expected on the image)" >&2
  exit 1
fi
echo "[cluster-deps] $(go version)"

missing=()
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ] || missing+=(faketime)
if [ ${#missing[@]} -eq 0 ]; then
  echo "[cluster-deps] all present: $(openssl version), libfaketime"
  exit 0
fi
echo "[cluster-deps] installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "[cluster-deps] installed: $(openssl version), libfaketime"
