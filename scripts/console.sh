#!/usr/bin/env bash
# One command that sets up and runs the console in a local browser: setup, build the UI, and
# `noc serve` (prints a URL with this launch's token). Extra arguments go to `noc serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
npm run build
exec node bin/noc.mjs serve "$@"
