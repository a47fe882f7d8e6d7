#!/usr/bin/env bash
# End to end: the real server binary and the speakers CLI play a general
# discussion. 20 inscriptions by the delegations themselves (ministers and
# observers among them), the chair calls the next speaker and starts the
# clock, a display's watch shows it. Exact orders, codes and texts.
#
# usage: cli_scenario.sh SERVER_BINARY CLI_BINARY
set -euo pipefail
server_bin=$1
cli=$2
work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -9 "$server_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_eq() { [ "$1" == "$2" ] || fail "$3: expected [$2], got [$1]"; }

"$server_bin" --grpc=127.0.0.1:0 --data="$work/data" >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 200); do
  grep -q '^listening grpc=' "$work/server.out" && break
  kill -0 "$server_pid" 2>/dev/null || fail "server exited: $(cat "$work/server.out")"
  sleep 0.05
done
address=$(sed -n 's/^listening grpc=//p' "$work/server.out")
[ -n "$address" ] || fail "no listening line"
export SPEAKERS_ADDRESS=$address
token() { awk -v role="$1" -v scope="$2" '$2 == role && $3 == scope { print $1 }' "$work/data/new-tokens.txt"; }
chair=$(token chair plenary)
display=$(token display "")

as_chair() { SPEAKERS_TOKEN=$chair "$cli" "$@"; }
inscribe() {  # CODE RANK NAME
  SPEAKERS_TOKEN=$(token delegation "$1") "$cli" inscribe "$1" --rank="$2" --name="$3" >/dev/null
}

as_chair meeting open >/dev/null
as_chair item "1 (f)" >/dev/null
# The general-discussion list closed at noon on 6 November 2017: a
# delegation is refused with the window in Vienna time; the chair reopens.
set +e
msg=$(SPEAKERS_TOKEN=$(token delegation AUT) "$cli" inscribe AUT --name=X 2>&1)
code=$?
set -e
expect_eq "$code" 12 "exit code of an inscription on a closed list"
expect_eq "$msg" "speakers: FAILED_PRECONDITION: the list for item 1 (f) closed at 12:00 on 6 November 2017, Vienna time; only the chair can add speakers now" "closed-list message"
as_chair open >/dev/null

# Arrival order (receipts 1..20).
inscribe KEN head-of-delegation "Ms. A. Kenya"
inscribe TI head-of-delegation "Ms. D. Ferreira"       # NGO
inscribe FRA minister "M. J. Minister"
inscribe SYR head-of-delegation "Mr. Syria"            # signatory
inscribe BRA head-of-delegation "Mr. Brazil"
inscribe AND head-of-delegation "Ms. Andorra"          # non-signatory
inscribe UNDP head-of-delegation "Mr. UNDP"            # intergovernmental
inscribe NGA minister "Hon. Nigeria"
inscribe CHN vice-minister "Mr. China"
inscribe AUT head-of-state "H.E. Austria"
inscribe EGY head-of-delegation "Mr. Egypt"
inscribe IND minister "Shri India"
inscribe MEX head-of-delegation "Sr. Mexico"
inscribe OECD head-of-delegation "Mr. OECD"
inscribe JPN head-of-government "Mr. Japan"
inscribe DEU head-of-delegation "Herr Germany"
inscribe GW head-of-delegation "Ms. Global Witness"
inscribe ZAF minister "Ms. South Africa"
inscribe BRB head-of-delegation "Ms. Barbados"         # signatory
inscribe PER head-of-delegation "Sr. Peru"

# Ministerial rank first (by receipt), then States parties, signatories,
# non-signatories, intergovernmental bodies, NGOs, each first come first served.
order=$(SPEAKERS_TOKEN=$display "$cli" --json list | grep -o '"delegation":"[A-Z]*"' | cut -d'"' -f4 | tr '\n' ' ')
expect_eq "$order" "FRA NGA AUT IND JPN ZAF KEN BRA CHN EGY MEX DEU PER SYR BRB AND UNDP OECD TI GW " "speaking order"

# A delegation acts only for itself; a second inscription is refused.
set +e
msg=$(SPEAKERS_TOKEN=$(token delegation KEN) "$cli" withdraw FRA 2>&1); code=$?
expect_eq "$code" 10 "exit code acting for another delegation"
expect_eq "$msg" "speakers: PERMISSION_DENIED: your token is for the delegation KEN; it cannot act for FRA" "permission message"
msg=$(SPEAKERS_TOKEN=$(token delegation KEN) "$cli" inscribe KEN --name=again 2>&1); code=$?
expect_eq "$code" 9 "exit code of a second inscription"
expect_eq "$msg" "speakers: ALREADY_EXISTS: Kenya is already on the list for item 1 (f) (receipt 1, position 7)" "duplicate message"
msg=$(SPEAKERS_TOKEN=$display "$cli" next 2>&1); code=$?
expect_eq "$code" 10 "exit code of a display calling the next speaker"
set -e

# The chair gives the floor and starts the clock; the display shows it.
as_chair next --expect-none >/dev/null
as_chair timer start >/dev/null
frame=$(SPEAKERS_TOKEN=$display "$cli" watch --once)
echo "$frame" | grep -q "^Now speaking: FRA  France$" || fail "watch: no current speaker in: $frame"
echo "$frame" | grep -Eq "^  (5:00|4:5[0-9])( |$)" || fail "watch: no running countdown in: $frame"
echo "$frame" | grep -q "^  1. NGA  Nigeria — Hon. Nigeria$" || fail "watch: next speaker missing in: $frame"
# A second "next" that still expects nobody at the podium is refused.
set +e
as_chair next --expect-none >/dev/null 2>&1; code=$?
set -e
expect_eq "$code" 12 "double advance"
position=$(SPEAKERS_TOKEN=$(token delegation TI) "$cli" --json position TI | grep -o '"position":[0-9]*' | cut -d: -f2)
expect_eq "$position" 18 "TI's position"

kill -TERM "$server_pid"
wait "$server_pid" || fail "server exit status $?"
server_pid=
grep -q "stopping on signal 15" "$work/server.out" || fail "no clean stop"
echo "cli_scenario: all checks passed"
