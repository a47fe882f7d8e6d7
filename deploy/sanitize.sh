#!/usr/bin/env bash
# The test command's sanitizer pass: builds ./build-asan with AddressSanitizer
# and UndefinedBehaviorSanitizer (SPEAKERS_SANITIZE=ON: only the libraries,
# the server binary and the GoogleTest suites of
# tests/{domain,app,config,platform,storage,service,gateway,shutdown}) and runs
# those suites; any sanitizer report fails the run. The service, gateway and
# shutdown suites (the shutdown one stops the sanitized server binary by
# SIGTERM under load) run up to SPEAKERS_ASAN_REPEAT times each (default 20,
# until the first failure).
set -euo pipefail
cd "$(dirname "$0")/.."
repeat="${SPEAKERS_ASAN_REPEAT:-20}"

# Also during the build: CTest's test discovery runs the binaries.
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Leaks inside the system's gRPC and protobuf only, never ours (see the file).
export LSAN_OPTIONS="suppressions=$PWD/deploy/lsan.supp:print_suppressions=0"

started=$SECONDS
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSPEAKERS_SANITIZE=ON >/dev/null
cmake --build build-asan -j "$(nproc)" --target speakers_tests
echo "sanitize: build took $((SECONDS - started)) s"

# Both runs, even when the first fails: every report in one pass.
started=$SECONDS
status=0
ctest --test-dir build-asan --output-on-failure -j "$(nproc)" -L '^(domain|app|config|platform|storage)$' ||
  status=1
ctest --test-dir build-asan --output-on-failure -j "$(nproc)" -L '^(service|gateway|shutdown)$' \
      --repeat until-fail:"$repeat" || status=1
echo "sanitize: tests took $((SECONDS - started)) s"
exit "$status"
