#!/usr/bin/env bash
# The README's "Using it" walk-through, run exactly as written (only the
# server's address differs: this server listens on a free port, so the
# block's 127.0.0.1:50051 is replaced by it), against the real server and
# CLI, from a directory laid out like the checkout (build/client/speakers,
# data/). The README cannot drift from what the CLI does.
#
# usage: readme_walkthrough.sh SERVER_BINARY CLI_BINARY README
set -euo pipefail
server_bin=$(realpath "$1")
cli=$(realpath "$2")
readme=$(realpath "$3")
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; echo "--- walk-through output:" >&2; cat "$work/walk.out" >&2 || true; exit 1; }
expect_in() { case "$1" in *"$2"*) ;; *) fail "$3: [$2] not in the output" ;; esac; }

cd "$work"
mkdir -p build/client
ln -s "$cli" build/client/speakers
# The block: from the paragraph that introduces it to its closing fence.
awk '/^A general discussion with the CLI, from the checkout/ { f = 1 }
     f && /^```sh/ { g = 1; next }
     g && /^```/ { exit }
     g' "$readme" >block.sh
[ "$(wc -l <block.sh)" -ge 20 ] || fail "the walk-through block was not found in $readme"
grep -q '127.0.0.1:50051' block.sh || fail "the block no longer sets SPEAKERS_ADDRESS=127.0.0.1:50051"

"$server_bin" --grpc=127.0.0.1:0 --http=127.0.0.1:0 --backup-dir=data/backups >server.out 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q '^listening grpc=' server.out && break
  sleep 0.1
done
address=$(sed -n 's/^listening grpc=\([^ ]*\).*/\1/p' server.out)
[ -n "$address" ] || { cat server.out >&2; fail "the server did not start"; }
sed "s/127\.0\.0\.1:50051/$address/" block.sh >walk.sh

env -u SPEAKERS_TOKEN -u SPEAKERS_ADDRESS -u SPEAKERS_CA bash -e walk.sh >walk.out 2>&1 ||
  fail "the walk-through stopped (exit $?)"
out=$(cat walk.out)
expect_in "$out" "You are chair of plenary: token " "whoami"
expect_in "$out" "Austria added by the chair (receipt 1)" "add aut"
expect_in "$out" "Kenya inscribed (receipt 2)" "inscribe KEN"
expect_in "$out" "Austria has the floor" "next"
expect_in "$out" "call of Kenya undone, back at position 1" "undo-next"
expect_in "$out" "France has the floor on a point of order, interrupting Austria" "grant"
expect_in "$out" "Backup written to data/backups/day1.db" "backup"
expect_in "$out" "Revoked " "revoke-token"
[ -s record.csv ] || fail "record.csv was not written"
[ -s data/backups/day1.db ] || fail "data/backups/day1.db was not written"
echo "the README walk-through ran as written ($(wc -l <walk.sh) lines)"
