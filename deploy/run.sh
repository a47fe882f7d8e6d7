#!/usr/bin/env bash
# The README's run command: set up a fresh machine, build, and start the
# server on the built-in seventh session. Extra arguments go to the server
# (see --help), e.g. deploy/run.sh --grpc=0.0.0.0:50051
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh
bash deploy/build.sh speakers-server speakers
exec ./build/server/speakers-server "$@"
