#!/usr/bin/env bash
# Installs the tools some tests drive, when absent (Debian/Ubuntu packages):
#   - headless Chromium and its WebDriver (chromium, chromium-driver) for the job console's browser test
#     (ConsoleBrowserIT);
#   - poppler-utils (pdftoppm, pdfinfo) to render the daily report's PDF to images and check its charts
#     (DailyReportIT).
# Idempotent; needs root (or sudo) only when something must be installed.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-test-tools: no apt-get here; install by hand: ${missing[*]}" >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q "${missing[@]}"
fi
echo "setup-test-tools: $(chromium --version 2>/dev/null | head -1), $(chromedriver --version | head -1)," \
  "$(pdftoppm -v 2>&1 | head -1)"
