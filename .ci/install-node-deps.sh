#!/usr/bin/env bash
# What the real test node (test/cluster/node, `npm run cluster:up -- --node`, `npm run e2e`) needs from Debian
# beyond the control plane and podman (install-container-deps.sh): the CNI plugins (bridge, host-local,
# loopback), conntrack (kube-proxy), iproute2 and iptables (the node's network and firewall), runc.
# kubelet, kube-proxy, containerd and CoreDNS are built from Go modules (docs/adr/0080). Idempotent.
set -euo pipefail

packages=(containernetworking-plugins conntrack iproute2 iptables runc)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "[node-deps] all present: ${packages[*]}"
  exit 0
fi

echo "[node-deps] installing: ${missing[*]}"
started=$SECONDS
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "[node-deps] installed in $((SECONDS - started))s"
