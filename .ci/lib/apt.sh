# Sourced by .ci/install-*.sh: installs the Debian packages that are missing, and nothing when all are there.
# Usage: apt_install_missing <tag> <package>...   (prints "[<tag>] …"; returns 1 with apt's last lines on failure)
apt_install_missing() {
  local tag=$1
  shift
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    echo "[$tag] all present: $*"
    return 0
  fi
  echo "[$tag] installing: ${missing[*]}"
  local started=$SECONDS log
  # Other installers may hold the dpkg lock for a while (CI installs several toolchains): wait for it.
  local options=(-o DPkg::Lock::Timeout=300 -y -q)
  log=$(mktemp)
  # No recommends: only what the tests use.
  if ! DEBIAN_FRONTEND=noninteractive apt-get "${options[@]}" update >"$log" 2>&1 ||
    ! DEBIAN_FRONTEND=noninteractive apt-get "${options[@]}" install --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
    tail -30 "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  echo "[$tag] installed in $((SECONDS - started))s"
}
