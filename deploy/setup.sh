#!/usr/bin/env bash
# Idempotent machine set-up for speakers: installs the Debian bookworm
# packages the build and the tests need, only those that are missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libboost-dev libabsl-dev libsqlite3-dev libgtest-dev libgmock-dev
  # The browser tests (tests/browser): Debian's chromium, driven by
  # playwright-core from npm (deploy/test.sh), and fonts for the six
  # official languages (Arabic in fonts-noto-core, Chinese in fonts-noto-cjk).
  chromium fonts-noto-core fonts-noto-cjk
)
# Node.js and npm for the browser tests, only when the machine has none
# (an existing Node.js is kept).
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi

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
