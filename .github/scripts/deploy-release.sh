#!/usr/bin/env bash
# deploy.yml, once promote-images.sh has put the release's digests into the environment's registry: runs the
# operator and the chart of this checkout on those digests. test/delivery/deployRelease.test.ts runs this same
# script against a real API server. Extra arguments are passed to `helm upgrade`.
# Usage: REGISTRY=<registry_url> ENVIRONMENT=dev|stage|prod [NAMESPACE=podmesh] [RELEASE=podmesh] [TIMEOUT=10m]
#        deploy-release.sh release-manifest.json [helm args…]
set -euo pipefail
manifest=$(realpath "$1")
shift
: "${REGISTRY:?}" "${ENVIRONMENT:?}"
namespace="${NAMESPACE:-podmesh}"
release="${RELEASE:-podmesh}"
timeout="${TIMEOUT:-10m}"
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
digest() { jq -er --arg name "$1" '.images[$name].digest' "$manifest"; }

# The operator first: its CRD and controller, with the release's operator and peer images. Applying its RBAC
# needs the one-time grant in docs/delivery.md ("Secrets and identities").
node .github/scripts/operator-overlay.ts "$work/operator" \
  "$REGISTRY/operator@$(digest operator)" "$REGISTRY/peer@$(digest peer)"
kubectl apply --server-side --field-manager=podmesh-deploy -k "$work/operator"
kubectl rollout status deployment/podmesh-operator --namespace podmesh-system --timeout="$timeout"

# Every service the chart runs, pinned to its own digest. The namespace comes from the chart first (Pod
# Security labels, Helm's ownership marks), as docs/deploy.md installs it. --rollback-on-failure is Helm 4's
# --atomic: a release not ready within the timeout is rolled back, and this script fails.
node .github/scripts/helm-image-values.ts "$manifest" > "$work/images.values.json"
helm template "$release" deploy/charts/podmesh --namespace "$namespace" \
  --show-only templates/namespace.yaml | kubectl apply -f -
helm upgrade --install "$release" deploy/charts/podmesh --namespace "$namespace" \
  --values "deploy/envs/$ENVIRONMENT.yaml" --values "$work/images.values.json" \
  --rollback-on-failure --wait --timeout "$timeout" --history-max 20 "$@"
