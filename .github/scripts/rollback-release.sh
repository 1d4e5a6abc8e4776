#!/usr/bin/env bash
# rollback.yml: puts a release back on an earlier helm revision (default: the previous one) — the digests that
# revision recorded, nothing re-resolved — and with OPERATOR=true also undoes the operator's last rollout.
# test/delivery/deployRelease.test.ts runs it against a real API server.
# Usage: [NAMESPACE=podmesh] [RELEASE=podmesh] [TIMEOUT=10m] [OPERATOR=true] rollback-release.sh [revision]
set -euo pipefail
revision="${1:-}"
namespace="${NAMESPACE:-podmesh}"
release="${RELEASE:-podmesh}"
timeout="${TIMEOUT:-10m}"
if [[ -n "$revision" && ! "$revision" =~ ^[0-9]+$ ]]; then
  echo "revision must be a number, got '$revision'" >&2
  exit 2
fi

helm history "$release" --namespace "$namespace" --max 10
helm rollback "$release" ${revision:+"$revision"} --namespace "$namespace" --wait --timeout "$timeout"
if [[ "${OPERATOR:-false}" == true ]]; then
  kubectl rollout undo deployment/podmesh-operator --namespace podmesh-system
  kubectl rollout status deployment/podmesh-operator --namespace podmesh-system --timeout="$timeout"
fi
