#!/usr/bin/env bash
# Opt-in browser check of `eventure report`: installs Debian's Chromium if it is missing, then renders a
# report headless and asserts the charts are in the DOM (tests/Eventure.Cli.Tests/BrowserReportTests.cs).
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi
fi
EVENTURE_BROWSER_TESTS=1 CHROMIUM="$(command -v chromium)" dotnet test tests/Eventure.Cli.Tests --filter "Category=Browser"
