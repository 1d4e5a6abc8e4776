#!/usr/bin/env bash
# Once per environment, by an admin with access to its Terraform state and to the repository's settings:
# copies the outputs deploy.yml needs from `terraform output` into variables of the GitHub Environment of the
# same name (identifiers, not secrets: nothing here grants access without a matching OIDC token).
# Usage: .github/scripts/environment-variables.sh dev|stage|prod
set -euo pipefail
environment="$1"
[[ "$environment" =~ ^(dev|stage|prod)$ ]] || { echo "usage: $0 dev|stage|prod" >&2; exit 2; }

outputs=$(terraform -chdir="infra/envs/$environment" output -json)
output() { jq -er --arg name "$1" '.[$name].value' <<<"$outputs"; }

gh variable set GCP_WORKLOAD_IDENTITY_PROVIDER --env "$environment" --body "$(output workload_identity_provider)"
gh variable set GCP_SERVICE_ACCOUNT --env "$environment" --body "$(output ci_service_account)"
gh variable set GKE_CLUSTER --env "$environment" --body "$(output cluster_name)"
gh variable set GKE_LOCATION --env "$environment" --body "$(output cluster_location)"
gh variable set ARTIFACT_REGISTRY --env "$environment" --body "$(output registry_url)"
gh variable list --env "$environment"
