#!/usr/bin/env bash
# release.yml, job `plan`: which images to build. Each target's build inputs hash to a source key
# (scripts/services-matrix.ts); an image already published as `src-<key>` is reused by digest, anything else
# is built — and so is one whose signature does not verify (a release that failed between push and sign).
# A failed lookup of any kind means "build": rebuilding is always correct, only slower.
# Outputs: build (a strategy matrix), build-count, reused ({"<name>":"sha256:…"}).
set -euo pipefail
: "${IMAGE_NAMESPACE:?}" "${GITHUB_OUTPUT:?}"

targets=$(node scripts/services-matrix.ts --source-keys)
identity=$(bash .github/scripts/signer-identity.sh)
signed() {
  cosign verify "$1" --certificate-identity-regexp "$identity" \
    --certificate-oidc-issuer https://token.actions.githubusercontent.com >/dev/null 2>&1
}
build='[]'
reused='{}'
while read -r target; do
  name=$(jq -r '.name' <<<"$target")
  key=$(jq -r '."source-key"' <<<"$target")
  ref="$IMAGE_NAMESPACE/$name:src-$key"
  if digest=$(docker buildx imagetools inspect "$ref" --format '{{json .Manifest}}' 2>/dev/null | jq -er '.digest') &&
    signed "$IMAGE_NAMESPACE/$name@$digest"; then
    echo "reuse $ref = $digest"
    reused=$(jq -c --arg name "$name" --arg digest "$digest" '. + {($name): $digest}' <<<"$reused")
  else
    echo "build $name: nothing signed is published for src-$key"
    build=$(jq -c --argjson target "$target" '. + [$target]' <<<"$build")
  fi
done < <(jq -c '.include[]' <<<"$targets")

if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  {
    echo "### What this release builds"
    echo "- build: $(jq -r 'map(.name) | join(", ") | if . == "" then "nothing" else . end' <<<"$build")"
    echo "- reuse (inputs unchanged, signed): $(jq -r 'keys | join(", ") | if . == "" then "nothing" else . end' <<<"$reused")"
  } >> "$GITHUB_STEP_SUMMARY"
fi

{
  echo "build={\"include\":$build}"
  echo "build-count=$(jq 'length' <<<"$build")"
  echo "reused=$reused"
} >> "$GITHUB_OUTPUT"
