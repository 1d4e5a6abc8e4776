#!/usr/bin/env bash
# What the benchmarks need beyond Node, all Debian packages: wrk, the load generator (C, one thread: it takes
# little of the cores it shares with the servers), redis-server, the store bench/counter.ts compares kv with
# (started by the benchmark itself on loopback with `appendfsync always`; the packaged service is not used), and
# valgrind, whose callgrind counts the instructions bench/runtime.ts reports.
# Idempotent: does nothing when they are there.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1 && command -v wrk >/dev/null 2>&1 && command -v valgrind >/dev/null 2>&1; then
  echo "[bench-deps] present: $(redis-server --version), $(wrk --version 2>&1 | head -1), $(valgrind --version)"
  exit 0
fi
echo "[bench-deps] installing: redis-server wrk valgrind"
started=$SECONDS
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache show redis-server >/dev/null 2>&1; then apt-get update -qq; fi
apt-get install -y -qq --no-install-recommends redis-server wrk valgrind >/dev/null
# The package starts a system instance where an init system runs; the benchmark starts its own.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
  systemctl stop redis-server && systemctl disable --quiet redis-server
fi
echo "[bench-deps] installed in $((SECONDS - started))s: $(redis-server --version), $(wrk --version 2>&1 | head -1), $(valgrind --version)"
