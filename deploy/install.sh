#!/usr/bin/env bash
# Installs speakers as a systemd service on Debian bookworm (as root), from a
# clone of this repository. Idempotent: run it again after a pull to update
# the binaries and the unit; /etc/speakers/speakers.env is never overwritten.
#
#   bash deploy/install.sh [--no-build] [--bin-dir=DIR] [--dry-run] [--prefix=DIR]
#
#   --no-build     do not run deploy/build.sh; install what is already built
#   --bin-dir=DIR  take speakers-server and speakers from DIR (implies
#                  --no-build); default: build/server and build/client
#   --dry-run      print every action, do nothing
#   --prefix=DIR   install into DIR as the root of the tree (for tests): no
#                  adduser, chown or systemctl, printed instead; no root needed
#
# What it does: builds (deploy/build.sh), installs /usr/local/bin/speakers-server
# and /usr/local/bin/speakers (0755), creates the system user and group
# `speakers`, /etc/speakers (0750 root:speakers) with speakers.env from
# deploy/speakers.env.example if absent, /etc/speakers/tls (0750
# root:speakers), /var/lib/speakers (0700 speakers:speakers), /var/backups/speakers
# (0700 speakers:speakers), /etc/systemd/system/speakers.service, and reloads
# systemd. It neither enables nor starts the service: it prints the next steps.
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
}

repo="$(cd "$(dirname "$0")/.." && pwd)"
build=1
dry_run=0
prefix=""
bin_dir=""
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --bin-dir=?*) bin_dir="$(realpath -m -- "${arg#--bin-dir=}")"; build=0 ;;
    --dry-run) dry_run=1 ;;
    --prefix=?*) prefix="${arg#--prefix=}" ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install: unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done
if [ -n "$prefix" ]; then
  prefix="$(realpath -m -- "$prefix")"
  if [ "$prefix" = / ]; then prefix=""; fi
fi
if [ -z "$prefix" ] && [ "$dry_run" -eq 0 ] && [ "$(id -u)" -ne 0 ]; then
  echo "install: run as root (sudo bash deploy/install.sh), or with --dry-run or --prefix=DIR" >&2
  exit 1
fi

# run CMD...: an action on the installed tree, printed; skipped with --dry-run.
run() {
  printf '+ %s\n' "$*"
  if [ "$dry_run" -eq 0 ]; then "$@"; fi
}
# parent DIR...: a system directory (/usr/local/bin, /var/backups, ...),
# created 0755 if missing, its mode left alone if present.
parent() {
  local d
  for d in "$@"; do
    if [ ! -d "$d" ]; then run install -d -m 0755 "$d"; fi
  done
}
# system CMD...: an action on the machine itself (users, owners, systemd):
# printed only, never run, with --prefix or --dry-run.
system() {
  if [ -n "$prefix" ]; then
    printf '+ (not run: --prefix) %s\n' "$*"
  else
    run "$@"
  fi
}

user=speakers
bin="$prefix/usr/local/bin"
etc="$prefix/etc/speakers"
state="$prefix/var/lib/speakers"
backups="$prefix/var/backups/speakers"
units="$prefix/etc/systemd/system"

# 1. Build (as whoever runs this; build as a user first and pass --no-build
#    to keep root out of build/).
if [ "$build" -eq 1 ]; then
  run bash "$repo/deploy/build.sh" speakers-server speakers
fi
if [ -n "$bin_dir" ]; then
  server_bin="$bin_dir/speakers-server"
  client_bin="$bin_dir/speakers"
else
  server_bin="$repo/build/server/speakers-server"
  client_bin="$repo/build/client/speakers"
fi
if [ "$dry_run" -eq 0 ] || [ "$build" -eq 0 ]; then
  for f in "$server_bin" "$client_bin"; do
    if [ ! -x "$f" ]; then
      echo "install: $f is missing or not executable (build first: bash deploy/build.sh)" >&2
      exit 1
    fi
  done
fi

# 2. The user and group (a system account: no login shell, no password).
if [ -n "$prefix" ] || ! getent passwd "$user" >/dev/null; then
  system adduser --system --group --no-create-home --home /var/lib/speakers "$user"
else
  echo "= user $user exists"
fi

# 3. Binaries.
parent "$bin"
run install -m 0755 "$server_bin" "$bin/speakers-server"
run install -m 0755 "$client_bin" "$bin/speakers"

# 4. Directories (install -d also resets the mode of an existing one).
parent "$(dirname "$etc")" "$(dirname "$state")" "$(dirname "$backups")"
run install -d -m 0750 "$etc"
run install -d -m 0750 "$etc/tls"
system chown root:"$user" "$etc" "$etc/tls"
run install -d -m 0700 "$state"
run install -d -m 0700 "$backups"
system chown "$user:$user" "$state" "$backups"

# 5. The environment file, only if there is none: the operator's edits stay.
if [ -e "$etc/speakers.env" ]; then
  echo "= $etc/speakers.env exists, kept (compare with $repo/deploy/speakers.env.example)"
else
  run install -m 0640 "$repo/deploy/speakers.env.example" "$etc/speakers.env"
  system chown root:"$user" "$etc/speakers.env"
fi

# 6. The unit (ours: replaced on every run).
parent "$units"
run install -m 0644 "$repo/deploy/speakers.service" "$units/speakers.service"
if [ -n "$prefix" ]; then
  system systemctl daemon-reload
elif [ -d /run/systemd/system ]; then
  run systemctl daemon-reload
  if systemctl is-active --quiet speakers; then
    echo "install: speakers is running the previous binary: systemctl restart speakers"
  fi
else
  echo "install: systemd is not running on this machine: daemon-reload skipped"
fi

if [ "$dry_run" -eq 1 ]; then echo "install: dry run, nothing was changed"; fi
cat <<EOF

Installed. Next steps:
  1. The certificate and key (the venue's, or an internal CA's; README "Running it at a conference"):
       install -m 0644 server.crt $etc/tls/server.crt
       install -m 0640 -g $user server.key $etc/tls/server.key
  2. The session file, and the flags:
       install -m 0640 -g $user my-session.textproto $etc/session.textproto   (example: deploy/sessions/cosp7.textproto)
       editor $etc/speakers.env
  3. Start it, now and at every boot, and check it listens:
       systemctl enable --now speakers
       journalctl -u speakers -n 20      (look for "listening grpc=... http=...")
  4. The first tokens, written once at the first start and nowhere else:
       cat $state/new-tokens.txt         (hand them out, then:)
       rm $state/new-tokens.txt
EOF
