#!/usr/bin/env bash
# e2e (ci.yml): installs the PeerMesh operator and the podmesh chart into the kind cluster the job created,
# from the images it loaded (tag `ci`), and waits until both are ready.
set -euo pipefail
namespace="${PODMESH_NAMESPACE:-podmesh}"
overlay="${RUNNER_TEMP:-/tmp}/operator-overlay"

# The operator first: CRD, RBAC and its Deployment from deploy/operator, with the images under test.
node .github/scripts/operator-overlay.ts "$overlay" podmesh/operator:ci podmesh/peer:ci
kubectl apply --server-side --field-manager=podmesh-e2e -k "$overlay"
kubectl wait --for condition=Established crd/peermeshes.podmesh.dev --timeout=60s
kubectl rollout status deployment/podmesh-operator --namespace podmesh-system --timeout=5m

# The namespace first, from the chart (Pod Security labels and Helm's ownership marks: Helm adopts it), as
# docs/deploy.md installs it; then the release. --rollback-on-failure is Helm 4's --atomic.
helm template podmesh deploy/charts/podmesh --namespace "$namespace" --show-only templates/namespace.yaml \
  | kubectl apply -f -
helm upgrade --install podmesh deploy/charts/podmesh --namespace "$namespace" \
  --values deploy/envs/dev.yaml --values .github/e2e/kind-values.yaml \
  --rollback-on-failure --wait --timeout 10m

kubectl get pods --all-namespaces -o wide
