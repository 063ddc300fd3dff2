#!/usr/bin/env bash
# Installs everything tsuk needs on a fresh Debian/Ubuntu machine with Node.js 20:
# QEMU (apt-get, when missing) and the npm dependencies, then builds the compiler (dist/).
set -euo pipefail
cd "$(dirname "$0")/.."

# QEMU boots images (qemu-img checks the other formats); gdb and readelf serve `tsuk run --gdb`.
missing=""
command -v qemu-system-i386 >/dev/null 2>&1 || missing="$missing qemu-system-x86"
command -v qemu-img >/dev/null 2>&1 || missing="$missing qemu-utils"
command -v gdb >/dev/null 2>&1 || missing="$missing gdb"
command -v readelf >/dev/null 2>&1 || missing="$missing binutils"
# The network and DNS tests talk to the guest with stock clients.
command -v ip >/dev/null 2>&1 || missing="$missing iproute2"
command -v ping >/dev/null 2>&1 || missing="$missing iputils-ping"
command -v arping >/dev/null 2>&1 || missing="$missing iputils-arping"
command -v socat >/dev/null 2>&1 || missing="$missing socat"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"  # test/net/linux-peer's tap bridge, test/lossy's relay
command -v iptables >/dev/null 2>&1 || missing="$missing iptables"  # the SYN-flood tests drop Linux's resets
command -v dig >/dev/null 2>&1 || missing="$missing bind9-dnsutils"
command -v kdig >/dev/null 2>&1 || missing="$missing knot-dnsutils"
command -v curl >/dev/null 2>&1 || missing="$missing curl"  # test/http*.ts: the HTTP clients
command -v ab >/dev/null 2>&1 || missing="$missing apache2-utils"
command -v wrk >/dev/null 2>&1 || missing="$missing wrk"  # bench/http.ts: the HTTP load generator
if [ -n "$missing" ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

npm install --no-audit --no-fund && npm run --silent build
