#!/usr/bin/env bash
# The README's run command: set up a fresh machine, build, and start the
# server on the built-in seventh session, with gRPC on 127.0.0.1:50051 and
# the browser pages on 127.0.0.1:8080 unless --http is given. Extra
# arguments go to the server (see --help), e.g.
#   deploy/run.sh --grpc=0.0.0.0:50051 --http=0.0.0.0:8443 \
#     --tls-cert=server.crt --tls-key=server.key
# (an address other than loopback needs TLS: see "Running it at a
# conference" in the README).
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh
bash deploy/build.sh speakers-server speakers
args=("$@")
case " $* " in
  *" --http="*|*" --http "*|*" --check "*|*" --help "*|*" -h "*) ;;
  *) args+=(--http=127.0.0.1:8080) ;;
esac
exec ./build/server/speakers-server "${args[@]}"
