# Sourced by server.sh and test.sh: installs Debian's postgresql if needed and starts a throwaway server on 127.0.0.1
# (port 55432 or EVENTURE_PG_PORT, trust auth, user and database 'eventure', data in a temp folder that is removed
# with the server on exit). Sets PORT and EVENTURE_POSTGRES_URL for the caller.
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

as_pg "$BIN/initdb" -D "$DATA" -A trust -U eventure >/dev/null
as_pg "$BIN/pg_ctl" -D "$DATA" -w -l "$DATA/server.log" -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1" start >/dev/null
as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U eventure eventure
EVENTURE_POSTGRES_URL="Host=127.0.0.1;Port=$PORT;Database=eventure;Username=eventure"
