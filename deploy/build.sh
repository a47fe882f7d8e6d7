#!/usr/bin/env bash
# Configures and builds speakers in ./build (Ninja, RelWithDebInfo).
# With arguments, builds only those targets (e.g. speakers-server speakers).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build build -j "$(nproc)" "${targets[@]}"
