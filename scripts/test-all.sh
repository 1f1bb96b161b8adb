#!/usr/bin/env bash
# One command for every test on a fresh Debian 12 machine: setup, then `npm test`
# (typecheck, lint, build, unit, integration with real peers, e2e in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
npm test
