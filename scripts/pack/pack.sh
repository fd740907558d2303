#!/usr/bin/env bash
# Packs every library and the eventure tool into a local folder, checks each package is complete, and installs the
# tool from that folder into a private tool path to prove it runs.
#   scripts/pack/pack.sh [OUTPUT_FOLDER]     (default artifacts/packages)
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-artifacts/packages}"
rm -rf "$out"
mkdir -p "$out"

sourcelink=()
if git remote get-url origin >/dev/null 2>&1; then
  sourcelink=(-p:EnableSourceLink=true -p:ContinuousIntegrationBuild=true)
else
  echo "pack: this clone has no 'origin' remote, so SourceLink stays off (the PDBs are still in the .snupkg files)."
fi

dotnet pack Eventure.sln -c Release -o "$out" "${sourcelink[@]}" -nologo -v quiet

expected=(Eventure Eventure.Actors Eventure.Persistence.Sql Eventure.Hosting Eventure.Cluster Eventure.Cli)
for id in "${expected[@]}"; do
  nupkg=$(ls "$out/$id".[0-9]*.nupkg)
  [[ -f "${nupkg%.nupkg}.snupkg" ]] || { echo "pack: $id has no symbol package"; exit 1; }
  nuspec=$(unzip -p "$nupkg" "$id.nuspec")
  for field in '<description>' '<license type="expression">MIT</license>' '<readme>README.md</readme>' '<repository type="git"' '<authors>'; do
    grep -qF "$field" <<<"$nuspec" || { echo "pack: $id.nuspec lacks $field"; exit 1; }
  done
  unzip -l "$nupkg" | grep ' README.md$' >/dev/null || { echo "pack: $id has no README.md"; exit 1; }
  echo "pack: $(basename "$nupkg") and its .snupkg are complete"
done

tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
dotnet tool install Eventure.Cli --tool-path "$tools" --add-source "$out" --prerelease >/dev/null
"$tools/eventure" --help | head -n 1
echo "pack: the eventure tool installs from $out and runs"
