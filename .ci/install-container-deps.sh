#!/usr/bin/env bash
# Installs what building and running the service images needs on a machine without Docker (Debian bookworm):
# podman with runc (crun cannot set up cgroups on this kernel's v1/hybrid layout), netavark + aardvark-dns
# (container networks with DNS: one network alias answers with every container that carries it), iptables
# (netavark's firewall driver) and debootstrap (the local test bases). Idempotent: does nothing when all is there.
set -euo pipefail

# shellcheck source=lib/apt.sh
source "$(dirname "$0")/lib/apt.sh"

# No recommends (the helper never takes them): buildah, fuse-overlayfs, slirp4netns are for rootless use.
apt_install_missing container-deps podman runc conmon netavark aardvark-dns iptables debootstrap
echo "[container-deps] $(podman --version)"
