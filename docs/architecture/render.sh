#!/usr/bin/env bash
# Renders every docs/architecture/diagrams/*.mmd to an .svg and a .png beside it, offline and reproducibly:
# - the Mermaid CLI comes from the pinned lock file in mermaid-cli/, installed once into the podmesh cache
#   (keyed by version and lock hash), never into the repo's own node_modules;
# - puppeteer never downloads a browser (PUPPETEER_SKIP_DOWNLOAD=1): it drives Debian's /usr/bin/chromium;
# - it then records the sha256 of each source in diagrams/rendered.sha256, so a test can tell when a
#   diagram was edited but not re-rendered.
# Usage: bash docs/architecture/render.sh   (or: npm run docs:render)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
tool_dir="$here/mermaid-cli"
diagrams="$here/diagrams"
started=$SECONDS

# The Mermaid CLI needs Node >= 22.13; the repo pins Node 24 as a devDependency (the machine's node may be older).
node_bin="$repo/node_modules/.bin/node"
[[ -x "$node_bin" ]] || { echo "render: $node_bin missing; run 'npm ci' at the repo root first" >&2; exit 1; }

chromium_bin="/usr/bin/chromium"
[[ -x "$chromium_bin" ]] || { echo "render: $chromium_bin missing; install Debian's browser and fonts: apt-get install -y chromium fonts-dejavu-core" >&2; exit 1; }

version="$(sed -n 's/.*"@mermaid-js\/mermaid-cli": "\([^"]*\)".*/\1/p' "$tool_dir/package.json")"
lock_hash="$(sha256sum "$tool_dir/package-lock.json" | cut -c1-12)"
cache="${PODMESH_CACHE:-$HOME/.cache/podmesh}/mermaid-cli-$version-$lock_hash"
mmdc="$cache/node_modules/@mermaid-js/mermaid-cli/src/cli.js"

if [[ -f "$mmdc" ]]; then
  echo "render: reusing Mermaid CLI $version from $cache"
else
  echo "render: installing Mermaid CLI $version into $cache (once)"
  mkdir -p "$cache"
  cp "$tool_dir/package.json" "$tool_dir/package-lock.json" "$cache/"
  # --ignore-scripts: puppeteer's install script would fetch a browser; we use Debian's.
  (cd "$cache" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "render: installed in $((SECONDS - started))s"
fi

shopt -s nullglob
sources=("$diagrams"/*.mmd)
[[ ${#sources[@]} -gt 0 ]] || { echo "render: no .mmd files in $diagrams" >&2; exit 1; }

for source in "${sources[@]}"; do
  base="${source%.mmd}"
  one_started=$SECONDS
  echo "render: $(basename "$source") …"
  for format in svg png; do
    # A 1600 px page at 2x density: wide sequence diagrams stay legible when the PNG is opened full size.
    PUPPETEER_SKIP_DOWNLOAD=1 "$node_bin" "$mmdc" --quiet \
      --input "$source" --output "$base.$format" \
      --configFile "$tool_dir/mermaid-config.json" \
      --puppeteerConfigFile "$tool_dir/puppeteer-config.json" \
      --backgroundColor white --scale 2 --size 1600
  done
  echo "render: $(basename "$source") → .svg .png in $((SECONDS - one_started))s"
done

# Sources' hashes, relative names, sorted: what diagrams.test.ts compares against.
(cd "$diagrams" && sha256sum -- *.mmd | LC_ALL=C sort -k2 > rendered.sha256)
echo "render: ${#sources[@]} diagrams in $((SECONDS - started))s total"
