#!/usr/bin/env bash
# Installs everything tsuk needs on a fresh Debian/Ubuntu machine with Node.js 20:
# QEMU (apt-get, when missing) and the npm dependencies (which also builds the compiler).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v qemu-system-i386 >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq qemu-system-x86 qemu-utils
fi

npm install --no-audit --no-fund
