#!/usr/bin/env bash
# Installs headless Chromium and its WebDriver (Debian/Ubuntu: chromium + chromium-driver) when absent, for the job
# console's browser test (ConsoleBrowserIT). Idempotent; needs root (or sudo) only when something must be installed.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "setup-browser: $(chromium --version 2>/dev/null | head -1) and $(chromedriver --version | head -1) already present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-browser: no apt-get here; install Chromium and chromedriver by hand (see ConsoleBrowserIT)" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q chromium chromium-driver
echo "setup-browser: $(chromium --version 2>/dev/null | head -1), $(chromedriver --version | head -1)"
