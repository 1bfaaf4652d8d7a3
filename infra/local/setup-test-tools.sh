#!/usr/bin/env bash
# Installs the tools some tests and checks drive, when absent (Debian/Ubuntu packages):
#   - headless Chromium and its WebDriver (chromium, chromium-driver) for the job console's browser test
#     (ConsoleBrowserIT);
#   - poppler-utils (pdftoppm, pdfinfo) to render the daily report's PDF to images and check its charts
#     (DailyReportIT);
#   - prometheus (server + promtool), prometheus-alertmanager (amtool) and prometheus-node-exporter for the alert
#     rules' unit tests and the Alertmanager config check (infra/prometheus/check.sh) and the real Prometheus in
#     the tests;
#   - shellcheck for the delivery scripts' check (infra/ci/check-delivery.sh).
# Idempotent; needs root (or sudo) only when something must be installed.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v amtool >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
command -v prometheus-node-exporter >/dev/null 2>&1 || missing+=(prometheus-node-exporter)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-test-tools: no apt-get here; install by hand: ${missing[*]}" >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # No recommends: the Prometheus packages would otherwise pull in a web UI's JavaScript libraries and more.
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "setup-test-tools: $(chromium --version 2>/dev/null | head -1), $(chromedriver --version | head -1)," \
  "$(pdftoppm -v 2>&1 | head -1), promtool $(promtool --version 2>&1 | awk 'NR==1 {print $3}')," \
  "amtool $(amtool --version 2>&1 | awk 'NR==1 {print $3}')," \
  "node_exporter $(prometheus-node-exporter --version 2>&1 | awk 'NR==1 {print $3}')"
