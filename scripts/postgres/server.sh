#!/usr/bin/env bash
# A throwaway local PostgreSQL for trying Eventure by hand (docs/cluster.md): installs Debian's postgresql if needed,
# starts a server on 127.0.0.1 (port 55432 or EVENTURE_PG_PORT, trust auth, data in a temp folder), prints the
# EVENTURE_POSTGRES connection string, and runs until Ctrl+C, then removes the server and its data.
set -euo pipefail
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
PORT="${EVENTURE_PG_PORT:-55432}"
DATA="$(mktemp -d /tmp/eventure-pg.XXXXXX)"
as_root chown postgres "$DATA"
as_pg() { as_root runuser -u postgres -- "$@"; }

cleanup() { as_pg "$BIN/pg_ctl" -D "$DATA" -m immediate stop >/dev/null 2>&1 || true; as_root rm -rf "$DATA"; }
trap cleanup EXIT
trap 'exit 0' INT TERM

as_pg "$BIN/initdb" -D "$DATA" -A trust -U eventure >/dev/null
as_pg "$BIN/pg_ctl" -D "$DATA" -w -l "$DATA/server.log" -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1" start >/dev/null
as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U eventure eventure

echo "PostgreSQL is up. In every shell that runs a node:"
echo "  export EVENTURE_POSTGRES=\"Host=127.0.0.1;Port=$PORT;Database=eventure;Username=eventure\""
echo "Ctrl+C stops the server and deletes its data."
sleep infinity &
wait $!
