#!/usr/bin/env bash
# The README's test command: set up a fresh machine, build, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh --tests
bash deploy/build.sh
# playwright-core for the browser tests, exactly as locked (no browser
# download: the tests drive Debian's chromium).
if [ ! -f tests/browser/node_modules/playwright-core/package.json ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix tests/browser --no-audit --no-fund
fi
ctest --test-dir build --output-on-failure -j "$(nproc)"
