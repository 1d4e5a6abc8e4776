#!/usr/bin/env bash
# deploy.yml: before anything runs in an environment, prove every image of the release was signed by this
# repository's release workflow on main or a version tag, then copy it by digest into the environment's own
# Artifact Registry (the cluster pulls only from there). `imagetools create` from one index is a carbon copy:
# the digest in the environment is the digest that was built, scanned and signed.
# Usage: REGISTRY=<registry_url> promote-images.sh release-manifest.json
set -euo pipefail
manifest="$1"
: "${REGISTRY:?}" "${GITHUB_REPOSITORY:?}"

identity=$(bash .github/scripts/signer-identity.sh)
commit=$(jq -r '.commit' "$manifest")

while read -r name source digest; do
  cosign verify "$source@$digest" \
    --certificate-identity-regexp "$identity" \
    --certificate-oidc-issuer https://token.actions.githubusercontent.com >/dev/null
  echo "verified $name: $source@$digest"
  if docker buildx imagetools inspect "$REGISTRY/$name@$digest" >/dev/null 2>&1; then
    echo "  already in $REGISTRY"
  else
    docker buildx imagetools create --tag "$REGISTRY/$name:sha-${commit:0:12}" "$source@$digest"
    echo "  copied to $REGISTRY/$name:sha-${commit:0:12}"
  fi
done < <(jq -r '.images | to_entries[] | "\(.key) \(.value.image) \(.value.digest)"' "$manifest")
