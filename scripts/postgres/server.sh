#!/usr/bin/env bash
# A throwaway local PostgreSQL for trying Eventure by hand (docs/cluster.md): installs Debian's postgresql if needed,
# starts a server on 127.0.0.1 (port 55432 or EVENTURE_PG_PORT, trust auth, data in a temp folder), prints the
# EVENTURE_POSTGRES connection string, and runs until Ctrl+C, then removes the server and its data.
set -euo pipefail
source "$(dirname "$0")/start.sh"
trap 'exit 0' INT TERM

echo "PostgreSQL is up. In every shell that runs a node:"
echo "  export EVENTURE_POSTGRES=\"$EVENTURE_POSTGRES_URL\""
echo "Ctrl+C stops the server and deletes its data."
sleep infinity &
wait $!
