#!/usr/bin/env bash
# Installs what building and running the service images needs on a machine without Docker (Debian bookworm):
# podman with runc (crun cannot set up cgroups on this kernel's v1/hybrid layout), netavark + aardvark-dns
# (container networks with DNS: one network alias answers with every container that carries it), iptables
# (netavark's firewall driver) and debootstrap (the local test bases). Idempotent: does nothing when all is there.
set -euo pipefail

packages=(podman runc conmon netavark aardvark-dns iptables debootstrap)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "[container-deps] all present: ${packages[*]}"
  exit 0
fi

echo "[container-deps] installing: ${missing[*]}"
started=$SECONDS
export DEBIAN_FRONTEND=noninteractive
# Other installers may hold the dpkg lock for a while (CI installs several toolchains): wait for it.
apt_options=(-o DPkg::Lock::Timeout=300 -y -q)
apt-get "${apt_options[@]}" update >/dev/null
# No recommends: buildah, fuse-overlayfs and slirp4netns are for rootless use; these tests run as root.
log=$(mktemp)
if ! apt-get "${apt_options[@]}" install --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
  tail -30 "$log" >&2
  exit 1
fi
rm -f "$log"
echo "[container-deps] installed in $((SECONDS - started))s: $(podman --version)"
