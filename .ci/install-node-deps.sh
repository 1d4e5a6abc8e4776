#!/usr/bin/env bash
# What the real test node (test/cluster/node, `npm run cluster:up -- --node`, `npm run e2e`) needs from Debian
# beyond the control plane and podman (install-container-deps.sh): the CNI plugins (bridge, host-local,
# loopback), conntrack (kube-proxy), iproute2 and iptables (the node's network and firewall), runc.
# kubelet, kube-proxy, containerd and CoreDNS are built from Go modules (docs/adr/0080). Idempotent.
set -euo pipefail

# shellcheck source=lib/apt.sh
source "$(dirname "$0")/lib/apt.sh"

apt_install_missing node-deps containernetworking-plugins conntrack iproute2 iptables runc
