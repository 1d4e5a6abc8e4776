#!/usr/bin/env bash
# e2e (ci.yml), after a failure: what a reviewer needs to see without rerunning — objects, events, logs.
set -uo pipefail
namespace="${PODMESH_NAMESPACE:-podmesh}"
kubectl get all,peermeshes,configmaps,networkpolicies,pvc --all-namespaces -o wide
kubectl get events --all-namespaces --sort-by=.lastTimestamp | tail -100
helm history podmesh --namespace "$namespace"
for pod in $(kubectl get pods --all-namespaces -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{"\n"}{end}'); do
  echo "::group::logs ${pod}"
  kubectl logs --namespace "${pod%%/*}" "${pod#*/}" --all-containers --tail=100
  echo "::endgroup::"
done
