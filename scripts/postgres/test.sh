#!/usr/bin/env bash
# Opt-in PostgreSQL journal test: installs Debian's postgresql if needed, starts a throwaway cluster on
# 127.0.0.1 (port 55432, trust auth, data in a temp folder), points EVENTURE_POSTGRES at it and runs the specs
# marked Category=Postgres (the replay acceptance against hocon/postgres.conf). The cluster is removed on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/postgres/start.sh

export EVENTURE_POSTGRES="$EVENTURE_POSTGRES_URL"
export EVENTURE_POSTGRES_TESTS=1
dotnet test tests/Eventure.Actors.Tests --filter "Category=Postgres"
