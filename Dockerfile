# One Dockerfile for every podmesh service (and the operator):
#
#   docker build --build-arg SERVICE=users -t podmesh/users:dev .        (npm run images builds them all)
#
# SERVICE names a workspace: services/<SERVICE> if that folder exists, else the top-level folder <SERVICE>
# (operator). Its entry point is <workspace>/src/main.ts, run by Node 24 directly (type stripping, no build).
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
# Never loaded at run time, so dropped to keep the layer small: TypeScript files (Node will not strip types
# under node_modules; .d.ts), source maps, docs, packages' own test suites, prebuilds for the Bare runtime.
# /meta records the workspace and the workspaces it links to (its own, the runtime, contracts it imports).
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
    mkdir /meta; echo "$workspace" > /meta/workspace; \
    find node_modules -maxdepth 2 -type l -not -path 'node_modules/.bin/*' -exec readlink -f {} \; \
      | sed -n 's|^/app/||p' | grep -v '^node_modules/' | sort -u > /meta/linked; \
    find . -name package.json -not -path '*/node_modules/*' -delete; \
    find . -mindepth 1 -type d -empty -not -path './node_modules/*' -delete; \
    rm package-lock.json

# ---- source: the linked workspaces' code, split into what is shared and what is this service's own -------
FROM ${BUILDER_IMAGE} AS source
WORKDIR /src
COPY . .
COPY --from=dependencies /meta/ /meta/
# Contracts are loaded at run time from proto/ (packages/runtime/src/proto.ts), so proto/ is shared code too.
RUN set -eu; \
    workspace="$(cat /meta/workspace)"; \
    mkdir -p /out/shared /out/own /out/data; \
    for dir in $(cat /meta/linked); do \
      if [ "$dir" != "$workspace" ]; then cp -a --parents "$dir" /out/shared/; fi; \
    done; \
    cp -a --parents proto /out/shared/; \
    cp -a --parents "$workspace" /out/own/; \
    ln -s "$workspace/src/main.ts" /out/own/main.ts

# ---- runtime: distroless Node 24, non-root, read-only friendly, no shell -------------------------------------
FROM ${RUNTIME_IMAGE}
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
# Layers from the least to the most often changed: third-party packages, shared code, the service itself.
COPY --from=dependencies /app/ ./
COPY --from=source /out/shared/ ./
# Where kv's volume is mounted; owned by the runtime user so a fresh named volume is writable.
COPY --from=source --chown=65532:65532 /out/data /data
COPY --from=source /out/own/ ./
# Code stays owned by root: the process cannot change what it runs.
USER 65532:65532
# 8080 HTTP (every service), 9090 gRPC (services that serve it).
EXPOSE 8080 9090
# Node is PID 1 and handles SIGTERM itself (packages/runtime/src/shutdown.ts): no init or shell needed.
ENTRYPOINT ["/nodejs/bin/node"]
CMD ["/app/main.ts"]

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
