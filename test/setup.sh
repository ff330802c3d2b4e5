#!/usr/bin/env bash
# Test set-up shared by .ci/run and developers on a fresh machine: installs
# the Debian packages the test suite needs (when missing). Idempotent.
set -euo pipefail
need=()
# Packages are added here as test suites come to need them (browser, Redis).
for pkg in "$@"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
