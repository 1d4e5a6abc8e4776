#!/usr/bin/env bash
# infra.yml, job `comment`: one pull-request comment with every environment's plan, updated in place on
# each push (found by its marker) so the conversation keeps one current plan rather than a pile of old ones.
# Usage: GH_TOKEN=… PR=<number> RUN_URL=… plan-comment.sh <dir with <env>.txt and <env>.exit>
set -euo pipefail
dir="$1"
: "${PR:?}" "${RUN_URL:?}" "${GITHUB_REPOSITORY:?}"
marker='<!-- podmesh-infra-plan -->'
body="$RUNNER_TEMP/plan-comment.md"

{
  echo "$marker"
  echo "### Terraform plan (${GITHUB_SHA:0:12})"
  for environment in dev stage prod; do
    exit_code=$(cat "$dir/$environment.exit" 2>/dev/null || echo missing)
    case "$exit_code" in
      0) status='planned' ;;
      missing) status='no plan (job did not run)' ;;
      *) status="**failed** (exit $exit_code)" ;;
    esac
    echo "<details><summary><b>$environment</b>: $status</summary>"
    echo
    echo '```'
    # GitHub caps a comment at 65536 characters: each environment gets the end of its plan (the summary line).
    tail -c 20000 "$dir/$environment.txt" 2>/dev/null || true
    echo '```'
    echo '</details>'
  done
  echo
  echo "[Run]($RUN_URL)"
} > "$body"

existing=$(gh api "repos/$GITHUB_REPOSITORY/issues/$PR/comments" --paginate \
  --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | tail -n 1)
if [[ -n "$existing" ]]; then
  gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$existing" -F "body=@$body" >/dev/null
  echo "updated comment $existing"
else
  gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$PR/comments" -F "body=@$body" >/dev/null
  echo "created a comment"
fi
