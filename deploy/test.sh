#!/usr/bin/env bash
# The README's test command: set up a fresh machine, build, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh
bash deploy/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
