#!/usr/bin/env bash
# Test set-up shared by .ci/run and developers on a fresh machine: installs the
# Debian packages the test suite needs, when missing. Idempotent; run as root
# or with sudo available.
#   chromium      the dashboard's browser tests (driven by playwright-core)
#   redis-server  the distributed backend's tests (each test starts its own server on loopback)
set -euo pipefail
packages=(chromium redis-server "$@")
need=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "test/setup.sh: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v chromium >/dev/null || { echo "test/setup.sh: chromium is still missing" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "test/setup.sh: redis-server is still missing" >&2; exit 1; }
echo "test/setup.sh: ready ($(chromium --version 2>/dev/null | head -1); $(redis-server --version | cut -d' ' -f1-3))"
