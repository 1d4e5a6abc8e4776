#!/usr/bin/env bash
# release.yml, job `manifest`, on a version tag: a reused image (same source key as an earlier build) keeps its
# platform manifests — the bytes stage approved are the bytes prod runs — but gets a new image index whose
# annotations name this release (org.opencontainers.image.version/revision) and the commit it was built from
# (dev.podmesh.built-from). That index is tagged X.Y.Z and X.Y, signed, and its digest replaces the reused one.
# The image config (ENV SERVICE_VERSION, labels) still names the build commit, which is what it was built
# from; in a cluster the chart sets SERVICE_VERSION to the release.
# Usage: VERSION=vX.Y.Z REUSED='{"name":"sha256:…"}' version-reused.sh <digest dir>
# Writes <digest dir>/<name> with the new digest for every reused image.
set -euo pipefail
: "${IMAGE_NAMESPACE:?}" "${VERSION:?}" "${REUSED:?}" "${GITHUB_SHA:?}"
dir="$1"
mkdir -p "$dir"
version="${VERSION#v}"
for name in $(jq -r 'keys[]' <<<"$REUSED"); do
  digest=$(jq -r --arg name "$name" '.[$name]' <<<"$REUSED")
  image="$IMAGE_NAMESPACE/$name"
  built_from=$(docker buildx imagetools inspect "$image@$digest" --format '{{json .Image}}' |
    jq -r 'if has("config") then .config.Labels["org.opencontainers.image.revision"] else (to_entries[0].value.config.Labels["org.opencontainers.image.revision"]) end')
  docker buildx imagetools create \
    --annotation "index:org.opencontainers.image.version=$version" \
    --annotation "index:org.opencontainers.image.revision=$GITHUB_SHA" \
    --annotation "index:dev.podmesh.built-from=$built_from" \
    --tag "$image:$version" --tag "$image:${version%.*}" "$image@$digest"
  new=$(docker buildx imagetools inspect "$image:$version" --format '{{json .Manifest}}' | jq -er '.digest')
  cosign sign --yes "$image@$new"
  echo "$new" >"$dir/$name"
  echo "$name: $digest (built from $built_from) → $image:$version = $new"
done
