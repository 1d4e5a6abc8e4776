#!/usr/bin/env bash
# Prints the certificate identity (a regular expression) that every podmesh image signature must carry:
# this repository's release workflow, run on main or on a version tag. Used by release-plan.sh (reuse only
# signed images) and promote-images.sh (deploy only signed images), so the two can never disagree.
set -euo pipefail
: "${GITHUB_REPOSITORY:?}"
repository_pattern=${GITHUB_REPOSITORY//./\\.}
echo "^https://github\\.com/${repository_pattern}/\\.github/workflows/release\\.yml@refs/(heads/main|tags/v[0-9]+\\.[0-9]+\\.[0-9]+.*)$"
