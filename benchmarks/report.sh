#!/usr/bin/env bash
# Regenerates the figures table of docs/benchmarks.md from a fresh quick run.
# Usage: benchmarks/report.sh [--only a,b]   (prints the markdown table; paste it into docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
dotnet run -c Release --project benchmarks/Eventure.Benchmarks -- quick "$@" > "$out"
dotnet run -c Release --project benchmarks/Eventure.Benchmarks --no-build -- report "$out"
