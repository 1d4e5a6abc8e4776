# One Dockerfile for every podmesh service (and the operator):
#
#   docker build --build-arg SERVICE=users -t podmesh/users:dev .        (npm run images builds them all)
#
# SERVICE names a workspace: services/<SERVICE> if that folder exists, else the top-level folder <SERVICE>
# (operator). Its entry point <workspace>/src/main.ts is bundled into /app/main.mjs (scripts/bundle.ts); local
# runs and tests run the TypeScript directly.
# docs/images.md explains the stages, the layers and how CI and production build this file.

# Bases are build arguments so a machine that cannot pull them (the test suite here) can substitute its own.
# Pinned by digest (multi-arch index); Renovate/Dependabot bump both together — see docs/adr/0051.
ARG BUILDER_IMAGE=docker.io/library/node:24-bookworm-slim@sha256:3638d9a6fe4030bd716be989438248074489337ba3275657f93595428be4fc03
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs24-debian12:nonroot@sha256:14d42e2511532589a7c7e01a753667a74fcc96266e137e8125006b87b0c32d0a

# ---- manifests: only the package.json files and the lock file ------------------------------------------------
# Copied out of the whole context so that the dependency install below stays cached until they change.
FROM ${BUILDER_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && find . -name package.json -not -path '*/node_modules/*' -exec cp --parents {} /manifests/ \; \
 && cp package-lock.json /manifests/

# ---- dependencies: exactly the lock file's versions, production only, for this one workspace -------------
FROM ${BUILDER_IMAGE} AS dependencies
ARG SERVICE
WORKDIR /app
COPY --from=manifests /manifests/ ./
# The `ca` secret is optional: extra CA certificates for builds behind a TLS-inspecting proxy.
# Native modules (lmdb) come as prebuilt binaries for linux-x64/arm64 glibc, matching the Debian 12 runtime.
# Never needed, so dropped before the bundler sees them: TypeScript files (Node will not strip types under
# node_modules; .d.ts), source maps, docs, packages' own test suites, prebuilds for the Bare runtime.
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    --mount=type=secret,id=ca,required=false \
    set -eu; \
    test -n "${SERVICE:-}" || { echo 'build with --build-arg SERVICE=<name>' >&2; exit 1; }; \
    workspace="services/${SERVICE}"; [ -d "$workspace" ] || workspace="${SERVICE}"; \
    test -f "$workspace/package.json" || { echo "no workspace for SERVICE=${SERVICE}" >&2; exit 1; }; \
    if [ -s /run/secrets/ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca; fi; \
    npm ci --omit=dev --workspace "$workspace" --no-audit --no-fund --loglevel=warn; \
    find node_modules -type f \( -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.map' \
      -o -name '*.tsbuildinfo' -o -name '*.bare' -o \( -iname '*.md' -not -iname 'license*' \) \) -delete; \
    find node_modules -type d \( -name test -o -name tests -o -name __tests__ \) \
      -exec test -f '{}/../package.json' \; -prune -exec rm -rf '{}' +; \
    rm -rf node_modules/@types; \
    echo "$workspace" > /workspace

# ---- bundler: esbuild at the version the lock file pins (a devDependency, so not installed above) ----------
FROM ${BUILDER_IMAGE} AS bundler
COPY --from=manifests /manifests/package-lock.json /tmp/package-lock.json
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    --mount=type=secret,id=ca,required=false \
    set -eu; \
    if [ -s /run/secrets/ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca; fi; \
    version="$(node -p "require('/tmp/package-lock.json').packages['node_modules/esbuild'].version")"; \
    mkdir /bundler; echo '{"private":true}' > /bundler/package.json; \
    npm install --prefix /bundler --save-exact --ignore-scripts --no-audit --no-fund --loglevel=warn \
      "esbuild@${version}"

# ---- bundle: the service's entry point and everything it imports, as one JavaScript module -----------------
# Node then reads one file and strips no types at start (docs/performance/images.md has the figures).
# scripts/bundle.ts says what stays on disk beside it: native packages, contracts, packages' data files.
FROM ${BUILDER_IMAGE} AS bundle
WORKDIR /src
COPY --from=dependencies /app/node_modules/ ./node_modules/
COPY --from=dependencies /workspace /workspace
COPY --from=bundler /bundler/node_modules/ /bundler/node_modules/
COPY . .
RUN set -eu; \
    ln -s /bundler/node_modules/esbuild node_modules/esbuild; \
    node scripts/bundle.ts "$(cat /workspace)" /out; \
    mkdir /out/data

# ---- runtime: distroless Node 24, non-root, read-only friendly, no shell -------------------------------------
FROM ${RUNTIME_IMAGE}
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
# Layers from the least to the most often changed: native packages (lock file), contracts and packages' data
# files, the bundle (any change to the service, the runtime or a bundled package).
COPY --from=bundle /out/external/ ./
COPY --from=bundle /out/files/ ./
# Where kv's volume is mounted; owned by the runtime user so a fresh named volume is writable.
COPY --from=bundle --chown=65532:65532 /out/data /data
COPY --from=bundle /out/own/ ./
# Code stays owned by root: the process cannot change what it runs.
USER 65532:65532
# 8080 HTTP (every service), 9090 gRPC (services that serve it).
EXPOSE 8080 9090
# A 1 MB young generation: V8 grows its default (up to 16 MB) under start-up's allocations and keeps it. Saves
# ~4 MB of idle memory, which keeps the services under the 80 MB target, for ~12 % more CPU per request under
# load (docs/performance/images.md). An environment variable, so a busy deployment can set its own NODE_OPTIONS.
ENV NODE_OPTIONS=--max-semi-space-size=1
# Node is PID 1 and handles SIGTERM itself (packages/runtime/src/shutdown.ts): no init or shell needed.
ENTRYPOINT ["/nodejs/bin/node"]
CMD ["/app/main.mjs"]

# Last, so a new revision changes only this metadata, never the cached layers above.
ARG SERVICE
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG SOURCE=https://github.com/podmesh/podmesh
ENV SERVICE_VERSION=${VERSION}
LABEL org.opencontainers.image.title="podmesh-${SERVICE}" \
      org.opencontainers.image.description="podmesh ${SERVICE}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.vendor="podmesh" \
      dev.podmesh.service="${SERVICE}"
