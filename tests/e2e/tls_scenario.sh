#!/usr/bin/env bash
# End to end over TLS: certificates made here with openssl (a CA, and a
# server certificate for localhost and 127.0.0.1), the server started with
# --tls-cert/--tls-key, the CLI with --ca. The chair's token then never
# crosses the network in clear; a client that trusts no CA of the server,
# or speaks plain text, is refused; and the server refuses to start in
# plain text on a network address.
#
# usage: tls_scenario.sh SERVER_BINARY CLI_BINARY
set -euo pipefail
server_bin=$(realpath "$1")
cli=$(realpath "$2")
work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -9 "$server_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_eq() { [ "$1" == "$2" ] || fail "$3: expected [$2], got [$1]"; }
expect_in() { case "$1" in *"$2"*) ;; *) fail "$3: [$2] not in [$1]" ;; esac; }

cd "$work"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -subj '/CN=hall CA' -days 2 \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign \
  -out ca.crt >openssl.log 2>&1
openssl req -newkey rsa:2048 -nodes -keyout server.key -subj '/CN=localhost' \
  -out server.csr >>openssl.log 2>&1
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
  -extfile server.ext -out server.crt >>openssl.log 2>&1
openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -subj '/CN=other CA' -days 2 \
  -out other.crt >>openssl.log 2>&1

# Plain text on every interface: refused before anything is written.
set +e
"$server_bin" --grpc=0.0.0.0:0 --data="$work/refused" >refused.out 2>&1
code=$?
set -e
expect_eq "$code" "2" "plain text on 0.0.0.0"
expect_in "$(cat refused.out)" "is reachable from the network, where the tokens would travel in clear" "refusal"
[ ! -e "$work/refused" ] || fail "the refused start wrote $work/refused"

"$server_bin" --grpc=127.0.0.1:0 --http=127.0.0.1:0 --tls-cert=server.crt --tls-key=server.key \
  --data="$work/data" >server.out 2>&1 &
server_pid=$!
for _ in $(seq 1 200); do
  grep -q '^listening grpc=' server.out && break
  kill -0 "$server_pid" 2>/dev/null || fail "server exited: $(cat server.out)"
  sleep 0.05
done
line=$(grep '^listening grpc=' server.out)
expect_in "$line" " tls" "the listening line says tls"
port=$(echo "$line" | sed -n 's/^listening grpc=127\.0\.0\.1:\([0-9]*\).*/\1/p')
[ -n "$port" ] || fail "no port in [$line]"
chair=$(awk '$2 == "chair" && $3 == "plenary" { print $1 }' data/new-tokens.txt)
[ -n "$chair" ] || fail "no chair token in new-tokens.txt"
! grep -q "$chair" data/tokens.txt || fail "tokens.txt holds the chair's token in clear"
! grep -q "$chair" server.out || fail "the server printed the chair's token"

# Trusting the hall's CA, by name and by address.
out=$("$cli" --address="127.0.0.1:$port" --ca=ca.crt --token="$chair" meeting open)
expect_in "$out" "meeting in session" "meeting open over TLS"
SPEAKERS_CA=ca.crt "$cli" --address="127.0.0.1:$port" session >session.out
expect_in "$(cat session.out)" "Conference of the States Parties" "session over TLS"

# A CA that did not sign the server's certificate: refused, nothing done.
set +e
"$cli" --address="127.0.0.1:$port" --ca=other.crt --token="$chair" meeting suspend >other.out 2>&1
code=$?
"$cli" --address="127.0.0.1:$port" --token="$chair" meeting suspend >plain.out 2>&1
plain_code=$?
"$cli" --address="127.0.0.1:$port" --ca=missing.crt session >missing.out 2>&1
missing_code=$?
set -e
expect_eq "$code" "17" "a client trusting another CA (3 + UNAVAILABLE)"
expect_eq "$plain_code" "17" "plain text to the TLS port (3 + UNAVAILABLE)"
expect_eq "$missing_code" "2" "an unreadable --ca (usage)"
expect_in "$(cat missing.out)" "--ca=missing.crt: not a readable PEM certificate file" "--ca refusal"
# Neither suspend reached the server: the meeting still sits.
out=$("$cli" --address="127.0.0.1:$port" --ca=ca.crt --token="$chair" meeting suspend)
expect_in "$out" "Done (version 2)" "the first suspend that reaches the server"
echo "tls_scenario: ok"
