#!/usr/bin/env bash
# Regenerates the figures of docs/benchmarks.md. Runs quick mode N times (default 3); when python3 and the
# original library are at hand, runs the original's own workloads before each quick run (alternating, on this
# machine) and compares the core figures run by run instead of with the seed's fixed medians.
#
# Usage: benchmarks/report.sh [--runs N] [--only a,b]     (prints markdown; paste it into docs/benchmarks.md)
#   --only       quick-mode workloads (e.g. save_load,replay,memory); the original runs the matching ones
#   EVENTURE_SEED_PY   the original's folder (default: ../shared/seed-py beside the repository); its
#                      get_root_events workload alone takes about 90 s per run
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
only=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    *) echo "Unknown argument: $1 (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
done

seed="${EVENTURE_SEED_PY:-../shared/seed-py}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# The original's workload letters for the quick workloads selected (all core ones by default).
letters=""
declare -A letter=([add_event]=a [publish]=b [cascade]=c [get_event_by_id]=d [save_load]=e [get_root_events]=f [replay]=g)
for name in ${only//,/ }; do
  [[ -n "${letter[$name]:-}" ]] && letters="$letters${letters:+,}${letter[$name]}"
done
[[ -z "$only" ]] && letters="a,b,c,d,e,f,g"

original=false
if [[ -n "$letters" ]] && command -v python3 > /dev/null && [[ -f "$seed/eventure_bench.py" ]]; then
  original=true
else
  echo "[report] the original is not run (python3 or $seed/eventure_bench.py missing, or no core workload): comparing with the seed's fixed medians" >&2
fi

dotnet build -c Release benchmarks/Eventure.Benchmarks -v quiet -nologo > /dev/null
quick_args=(quick)
[[ -n "$only" ]] && quick_args+=(--only "$only")
quick_files=()
original_files=()
for ((i = 1; i <= runs; i++)); do
  if $original; then
    echo "[report] run $i/$runs: original ($letters)" >&2
    PYTHONPATH="$seed/src" python3 "$seed/eventure_bench.py" --only "$letters" --tmpdir "$dir" > "$dir/original.$i"
    original_files+=("$dir/original.$i")
  fi

  echo "[report] run $i/$runs: quick mode" >&2
  dotnet run -c Release --no-build --project benchmarks/Eventure.Benchmarks -- "${quick_args[@]}" > "$dir/quick.$i"
  quick_files+=("$dir/quick.$i")
done

if $original; then
  dotnet run -c Release --no-build --project benchmarks/Eventure.Benchmarks -- report "${quick_files[@]}" --original "${original_files[@]}"
else
  dotnet run -c Release --no-build --project benchmarks/Eventure.Benchmarks -- report "${quick_files[@]}"
fi
