#!/usr/bin/env bash
# release.yml, job `build`, after the scan passed: copy the staged image by digest to each public tag, then
# check every tag names exactly that digest (a copy that changed the bytes would change the digest).
# Usage: FROM=<staging repository> DIGEST=sha256:… TAGS="<repo:tag> <repo:tag>…" promote-release.sh
# TAGS may be separated by newlines (docker/metadata-action's output) or spaces. Registry credentials come
# from the Docker config (docker/login-action), as for any crane command.
set -euo pipefail
: "${FROM:?}" "${DIGEST:?}" "${TAGS:?}"
[[ $DIGEST =~ ^sha256:[0-9a-f]{64}$ ]] || { echo "not a digest: $DIGEST" >&2; exit 2; }
for tag in $TAGS; do
  crane copy "$FROM@$DIGEST" "$tag"
  published=$(crane digest "$tag")
  if [[ $published != "$DIGEST" ]]; then
    echo "promote: $tag names $published, expected $DIGEST" >&2
    exit 1
  fi
  echo "promoted $tag = $DIGEST"
done
