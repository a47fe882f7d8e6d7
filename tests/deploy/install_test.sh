#!/usr/bin/env bash
# deploy/install.sh into a scratch root (--prefix) with fake binaries
# (--bin-dir): the tree and its modes, that a second run keeps an edited
# speakers.env and updates the binaries, that --dry-run changes nothing, that
# a bad argument exits 2, and (where systemd-analyze exists) that the
# installed unit verifies without a warning.
#
#   bash tests/deploy/install_test.sh SOURCE_DIR
set -euo pipefail

src="$(cd "${1:?usage: install_test.sh SOURCE_DIR}" && pwd)"
install_sh="$src/deploy/install.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
# expect_mode MODE PATH: PATH exists with exactly that mode.
expect_mode() {
  local want="$1" path="$2" have
  if [ ! -e "$path" ]; then
    fail "${path#"$tmp"/} is missing"
    return
  fi
  have="$(stat -c %a "$path")"
  if [ "$have" != "${want#0}" ]; then fail "${path#"$tmp"/} has mode $have, want $want"; fi
}
expect_same() {
  if ! cmp -s "$1" "$2"; then fail "${2#"$tmp"/} differs from ${1#"$tmp"/}"; fi
}
expect_in() {
  if ! grep -qF -- "$1" "$2"; then fail "the output lacks: $1"; fi
}

# Fake binaries: the test never builds.
bin="$tmp/bin"
mkdir "$bin"
printf '#!/bin/sh\necho fake server v1\n' >"$bin/speakers-server"
printf '#!/bin/sh\necho fake client v1\n' >"$bin/speakers"
chmod 0700 "$bin/speakers-server" "$bin/speakers"

root="$tmp/root"
if ! bash "$install_sh" --no-build --bin-dir="$bin" --prefix="$root" >"$tmp/out1" 2>&1; then
  cat "$tmp/out1" >&2
  fail "the first install failed"
fi

# The tree and its modes.
expect_mode 0755 "$root/usr/local/bin/speakers-server"
expect_mode 0755 "$root/usr/local/bin/speakers"
expect_same "$bin/speakers-server" "$root/usr/local/bin/speakers-server"
expect_same "$bin/speakers" "$root/usr/local/bin/speakers"
expect_mode 0750 "$root/etc/speakers"
expect_mode 0750 "$root/etc/speakers/tls"
expect_mode 0640 "$root/etc/speakers/speakers.env"
expect_same "$src/deploy/speakers.env.example" "$root/etc/speakers/speakers.env"
expect_mode 0700 "$root/var/lib/speakers"
expect_mode 0700 "$root/var/backups/speakers"
expect_mode 0644 "$root/etc/systemd/system/speakers.service"
expect_same "$src/deploy/speakers.service" "$root/etc/systemd/system/speakers.service"
# Nothing outside those paths.
(cd "$root" && find . -type f | LC_ALL=C sort) >"$tmp/files"
printf '%s\n' ./etc/speakers/speakers.env ./etc/systemd/system/speakers.service \
  ./usr/local/bin/speakers ./usr/local/bin/speakers-server >"$tmp/want-files"
if ! diff -u "$tmp/want-files" "$tmp/files" >&2; then fail "unexpected files in the tree"; fi
# With --prefix the machine is left alone: printed, not run.
expect_in "(not run: --prefix) adduser --system --group --no-create-home --home /var/lib/speakers speakers" "$tmp/out1"
expect_in "(not run: --prefix) systemctl daemon-reload" "$tmp/out1"
expect_in "(not run: --prefix) chown speakers:speakers" "$tmp/out1"
expect_in "systemctl enable --now speakers" "$tmp/out1"
expect_in "new-tokens.txt" "$tmp/out1"

# A second run: the operator's speakers.env stays, the binaries are replaced,
# a mode changed by hand is put back.
echo 'SPEAKERS_ARGS="--grpc=0.0.0.0:50051 # edited"' >"$root/etc/speakers/speakers.env"
cp "$root/etc/speakers/speakers.env" "$tmp/edited.env"
printf '#!/bin/sh\necho fake server v2\n' >"$bin/speakers-server"
chmod 0755 "$root/var/backups/speakers"
if ! bash "$install_sh" --no-build --bin-dir="$bin" --prefix="$root" >"$tmp/out2" 2>&1; then
  cat "$tmp/out2" >&2
  fail "the second install failed"
fi
expect_same "$tmp/edited.env" "$root/etc/speakers/speakers.env"
expect_in "speakers.env exists, kept" "$tmp/out2"
expect_same "$bin/speakers-server" "$root/usr/local/bin/speakers-server"
expect_mode 0700 "$root/var/backups/speakers"

# --dry-run prints the actions and creates nothing.
if ! bash "$install_sh" --no-build --bin-dir="$bin" --prefix="$tmp/dry" --dry-run >"$tmp/out3" 2>&1; then
  cat "$tmp/out3" >&2
  fail "the dry run failed"
fi
if [ -e "$tmp/dry" ]; then fail "--dry-run created $tmp/dry"; fi
expect_in "+ install -m 0755 $bin/speakers-server $tmp/dry/usr/local/bin/speakers-server" "$tmp/out3"
expect_in "dry run, nothing was changed" "$tmp/out3"

# A bad command line exits 2; missing binaries exit 1.
status=0
bash "$install_sh" --no-build --prefix="$tmp/bad" --bogus >/dev/null 2>&1 || status=$?
if [ "$status" -ne 2 ]; then fail "an unknown argument exited $status, want 2"; fi
status=0
bash "$install_sh" --bin-dir="$tmp/nothing" --prefix="$tmp/bad" >/dev/null 2>&1 || status=$?
if [ "$status" -ne 1 ]; then fail "missing binaries exited $status, want 1"; fi

# The installed unit, verified against the installed tree (ExecStart must
# exist there) and this machine's own units (only the regular files: their
# absolute symlinks would loop under --root). systemd-analyze exits 0 on
# unknown keys, so any output is a failure.
if command -v systemd-analyze >/dev/null 2>&1 && [ -d /usr/lib/systemd/system ]; then
  mkdir -p "$root/usr/lib/systemd/system"
  find /usr/lib/systemd/system -maxdepth 1 -type f -exec cp -t "$root/usr/lib/systemd/system" {} +
  status=0
  systemd-analyze verify --man=no --root="$root" speakers.service >"$tmp/verify" 2>&1 || status=$?
  if [ "$status" -ne 0 ] || [ -s "$tmp/verify" ]; then
    cat "$tmp/verify" >&2
    fail "systemd-analyze verify speakers.service (exit $status)"
  fi
else
  echo "install_test: no systemd-analyze, the unit is not verified"
fi

if [ "$failures" -ne 0 ]; then
  echo "install_test: $failures failures" >&2
  exit 1
fi
echo "install_test: ok"
