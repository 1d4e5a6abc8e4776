#!/usr/bin/env bash
# Tools the deploy tests need that no language registry ships: promtool, from Debian's prometheus package.
# Only the promtool binary is unpacked into the cache: installing the package would also start a Prometheus
# server on :9090 (a port the local system uses). Idempotent: a second run finds the cached binary and stops.
set -euo pipefail
cache="${PODMESH_CACHE:-$HOME/.cache/podmesh}"
version=2.42.0 # keep in step with deploy/tools/promtool.ts
target="$cache/promtool-$version"
if [[ -x "$target/promtool" ]]; then
  echo "[deploy-deps] promtool $version already in $target"
  exit 0
fi
started=$SECONDS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chown _apt "$work" 2>/dev/null || chmod 777 "$work" # apt-get download runs as the _apt user
if ! apt-cache show prometheus >/dev/null 2>&1; then apt-get update -qq; fi
(cd "$work" && apt-get download -qq prometheus)
deb=$(ls "$work"/prometheus_*.deb)
got=$(dpkg-deb -f "$deb" Version)
[[ "$got" == "$version"* ]] || { echo "[deploy-deps] expected prometheus $version, Debian has $got" >&2; exit 1; }
dpkg-deb -x "$deb" "$work/root"
mkdir -p "$target"
install -m 0755 "$work/root/usr/bin/promtool" "$target/promtool"
"$target/promtool" --version | head -1
echo "[deploy-deps] promtool $got unpacked into $target in $((SECONDS - started))s"
