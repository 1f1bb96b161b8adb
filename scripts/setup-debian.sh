#!/usr/bin/env bash
# Installs what the console and its tests need on a fresh Debian 12 machine: the real peers the
# tests start (snmpd, lldpd, sshd, FreeRADIUS, …), Debian's Chromium for the UI tests, and the npm
# dependencies (the Electron binary is not downloaded: the tests never need it).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(snmpd snmp snmpsim lldpd openssh-server openssh-client freeradius freeradius-utils chromium libreoffice-calc-nogui iproute2 util-linux procps python3 curl postgresql-client)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  # policy-rc.d keeps the packages' own daemons from starting on their standard ports: the tests
  # start private copies on high ports
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null && $SUDO chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  $SUDO rm -f /usr/sbin/policy-rc.d
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
