#!/usr/bin/env bash
# The README's test command: set up a fresh machine, check the formatting,
# build, run every test, then the sanitizer pass (deploy/sanitize.sh). Each
# stage prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."

stage() {
  local name="$1" started=$SECONDS
  shift
  "$@"
  echo "test: ${name} took $((SECONDS - started)) s"
}

bash deploy/setup.sh --tests
stage "format check" bash deploy/format-check.sh
stage "build" bash deploy/build.sh
# playwright-core for the browser tests, exactly as locked (no browser
# download: the tests drive Debian's chromium); installed again when the
# version in node_modules is not the locked one.
if ! node -e '
  const want = require(process.argv[1]).packages["node_modules/playwright-core"].version;
  let have = "";
  try { have = require(process.argv[2]).version; } catch (e) {}
  process.exit(have === want ? 0 : 1);' \
    "$PWD/tests/browser/package-lock.json" "$PWD/tests/browser/node_modules/playwright-core/package.json"; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix tests/browser --no-audit --no-fund
fi
stage "tests" ctest --test-dir build --output-on-failure -j "$(nproc)"
stage "sanitizer pass" bash deploy/sanitize.sh
stage "fuzz" bash deploy/fuzz.sh 60
