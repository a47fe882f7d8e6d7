#!/usr/bin/env bash
# The test command's fuzzing pass: builds ./build-fuzz with clang
# (SPEAKERS_FUZZ=ON: libFuzzer, AddressSanitizer, UndefinedBehaviorSanitizer;
# only the targets of tests/fuzz and what they need), then runs each target
# for SECONDS (default 60), one after another, one job each, on a temporary
# copy of its seed corpus (tests/fuzz/corpus/<target>/ is never written).
# Prints per target the executions reached; fails on any crash, sanitizer
# report, leak, timeout (an input running over 20 s) or memory over 2 GB,
# printing the reproducer's path (build-fuzz/fuzz-artifacts/<target>/) and
# the command that replays it.
#   bash deploy/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
targets=(fuzz_session_text fuzz_json_command fuzz_stored_command fuzz_http_request)
# Per target: session files are parsed in time linear in their size (25 ms
# for the 83 KB of cosp7.textproto, sanitized), so their inputs are kept to
# 16 KB (cosp7.textproto is read cut there; cosp7-cut.textproto is a whole
# session below it): four times the executions, more coverage.
declare -A options=([fuzz_session_text]="-max_len=16384")

export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Leaks inside the system's gRPC and protobuf only, never ours (see the file).
export LSAN_OPTIONS="suppressions=$PWD/deploy/lsan.supp:print_suppressions=0"

started=$SECONDS
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSPEAKERS_FUZZ=ON -DSPEAKERS_CLIENT=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]}"
echo "fuzz: build took $((SECONDS - started)) s"

work="$(mktemp -d "${TMPDIR:-/tmp}/speakers-fuzz-XXXXXX")"
trap 'rm -rf "$work"' EXIT
# The targets' temporary files (the app's log) too, even after a crash.
mkdir "$work/tmp"
status=0
for target in "${targets[@]}"; do
  corpus="$work/$target"
  artifacts="$PWD/build-fuzz/fuzz-artifacts/$target"
  log="$PWD/build-fuzz/fuzz-logs/$target.log"
  mkdir -p "$artifacts" "$(dirname "$log")"
  cp -R "tests/fuzz/corpus/$target" "$corpus"
  seeds="$(find "$corpus" -type f | wc -l)"
  rc=0
  # shellcheck disable=SC2086  # the options are words
  TMPDIR="$work/tmp" "build-fuzz/tests/fuzz/$target" -max_total_time="$seconds" \
    -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 -artifact_prefix="$artifacts/" \
    ${options[$target]:-} "$corpus" >"$log" 2>&1 || rc=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
  units="$(find "$corpus" -type f | wc -l)"
  echo "fuzz: $target: ${execs:-?} executions (${rate:-?}/s), corpus $seeds -> $units inputs"
  if ((rc != 0)); then
    status=1
    echo "fuzz: $target FAILED (exit $rc); its log: $log" >&2
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|.*broke its contract)' "$log" | head -n 5 >&2 || true
    sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | while read -r unit; do
      echo "fuzz: reproducer $unit; replay: build-fuzz/tests/fuzz/$target $unit" >&2
    done
  fi
done
exit "$status"
