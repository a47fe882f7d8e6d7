#!/usr/bin/env bash
# Idempotent machine set-up for speakers: installs the Debian bookworm
# packages the build needs, only those that are missing. With --tests, also
# what the tests need (clang-format, the browser tests' chromium, fonts,
# Node.js).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libboost-dev libabsl-dev libsqlite3-dev libssl-dev libgtest-dev libgmock-dev
)
if [ "${1:-}" = "--tests" ]; then
  # The browser tests (tests/browser): Debian's chromium, driven by
  # playwright-core from npm (deploy/test.sh), and fonts for the six
  # official languages (Arabic in fonts-noto-core, Chinese in fonts-noto-cjk).
  packages+=(chromium fonts-noto-core fonts-noto-cjk)
  # The formatting check (deploy/format-check.sh).
  packages+=(clang-format)
  # The TLS tests make their CA and certificates with openssl.
  packages+=(openssl)
  # The fuzzing pass (deploy/fuzz.sh): clang and its libFuzzer and
  # sanitizer runtimes.
  packages+=(clang libclang-rt-14-dev)
  # Node.js and npm, only when the machine has none (an existing one is kept):
  # bookworm's are Node 18 and npm 9, which the locked playwright-core allows.
  if ! command -v node >/dev/null 2>&1; then packages+=(nodejs); fi
  if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present"
fi
