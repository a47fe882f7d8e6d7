#!/usr/bin/env bash
# Writes a golden command log: the server binary SERVER, driven by the CLI
# binary CLI, runs one command of every kind on the built-in session, and
# the database is copied to OUT. tests/app/golden_log_test.cc replays the
# logs of this directory; every later version must still read them.
#   usage: write_golden_log.sh SERVER CLI OUT.db
# Regenerate the expected states afterwards with
#   SPEAKERS_WRITE_GOLDEN=1 build/tests/app/app_test --gtest_filter='GoldenLog*'
set -euo pipefail
server_bin=$1
cli=$2
out=$3
work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -9 "$server_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$server_bin" --grpc=127.0.0.1:0 --data="$work/data" >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 400); do
  grep -q '^listening grpc=' "$work/server.out" && break
  sleep 0.05
done
export SPEAKERS_ADDRESS=$(sed -n 's/^listening grpc=//p' "$work/server.out")
token() { awk -v role="$1" -v scope="$2" '$2 == role && $3 == scope { print $1 }' "$work/data/new-tokens.txt"; }
chair() { SPEAKERS_TOKEN=$(token chair plenary) "$cli" "$@" >/dev/null; }
as() { local code=$1; shift; SPEAKERS_TOKEN=$(token delegation "$code") "$cli" "$@" >/dev/null; }

chair meeting open                                          # change_meeting
chair item "1 (f)"                                          # set_current_item
chair open                                                  # open_list
chair configure --speaking-time=4:00 --warning=0:20 --policy=ministerial --absent=end
as AUT inscribe AUT --name="H.E. Ms. A. Austria" --title="Minister of Justice" --rank=minister
as KEN inscribe KEN --name="Ms. B. Kenya"                   # inscribe
as FRA inscribe FRA --name="M. C. France" --rank=vice-minister
as BRA inscribe BRA --name="Mr. D. Brazil"
as EGY inscribe EGY --name="Mr. E. Egypt"
as TI inscribe TI --name="Ms. F. Ferreira"                  # an NGO
chair add DEU --name="Herr G. Germany" --limit=3:00         # inscribe by the chair
as KEN update KEN --name="Hon. B. Kenya" --rank=minister    # update_speaker
as BRA withdraw BRA                                         # withdraw
chair remove EGY                                            # remove
chair reinstate EGY                                         # reinstate (0.6)
chair remove EGY
chair move DEU 1                                            # move
chair swap KEN FRA                                          # swap
chair limit FRA 2:30                                        # set_time_limit
chair next --expect-none                                    # call_next
chair timer start                                           # timer
chair add-time 1:00                                         # add_time
chair timer pause
chair timer resume
chair next                                                  # the next speaker
chair undo-next                                             # undo_next
chair next
as FRA point-of-order FRA                                   # point_of_order
as KEN point-of-order KEN
as KEN withdraw-point KEN
chair grant                                                 # FRA has the floor
chair end-point
as FRA point-of-order FRA
chair dismiss FRA
chair end                                                   # end_statement
chair readd                                                 # readd_last
chair absent TI                                             # mark_absent
as AUT reply AUT --item="1 (f)" --name="H.E. Ms. A. Austria"  # request_reply
chair close                                                 # close_list
as BRA point-of-order BRA                                   # lapses at adjournment
chair meeting suspend
chair meeting resume
chair meeting adjourn

kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=
cp "$work/data/speakers.db" "$out"
echo "wrote $out"
