#!/usr/bin/env bash
# Regenerates the real-market-data test extracts (see README.md in this folder), byte for byte:
#   ingestion-flink/src/test/resources/realdata/*.csv (six extracts, defects.csv, files.csv)
#   platform-core/src/test/resources/dev/trii/core/instruments/nyse-holidays-timedate.csv
#
#   infra/realdata/extract.sh           regenerate in place (installs R and its packages with apt when missing)
#   infra/realdata/extract.sh --check   regenerate into a temporary folder and diff against the committed files
#
# Needs Debian 12 (bookworm) packages r-base-core 4.2.2, r-cran-fbasics 4021.93, r-cran-timedate 4022.108 and
# r-cran-timeseries 4021.105, curl and unzip; run as root on a fresh machine to have them installed.
set -euo pipefail

export LC_ALL=C TZ=UTC

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
EXTRACTS=ingestion-flink/src/test/resources/realdata
HOLIDAYS=platform-core/src/test/resources/dev/trii/core/instruments/nyse-holidays-timedate.csv

TA4J_URL=https://repo.maven.apache.org/maven2/org/ta4j/ta4j-examples/0.15/ta4j-examples-0.15.jar
TA4J_SHA1=838dc47f3411318d1f1e8bd96b8b5f393c35d3f8
BITSTAMP_CSV=bitstamp_trades_from_20131125_usd.csv
AAPL_CSV=appleinc_bars_from_20130101_usd.csv
# Bitstamp: data rows 75001-100000 (the last 25,000 trades: Fri 2013-11-29 22:xx UTC to Sun 2013-12-01 16:02 UTC).
BITSTAMP_FIRST_ROW=75001
BITSTAMP_ROWS=25000

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

log() { printf '%s\n' "$*" >&2; }

r() { Rscript --vanilla "$HERE/extract.R" "$@"; }

install_prerequisites() {
  if command -v Rscript >/dev/null && command -v curl >/dev/null && command -v unzip >/dev/null \
    && Rscript --vanilla -e 'for (p in c("fBasics", "timeDate", "timeSeries")) find.package(p)' >/dev/null 2>&1; then
    return
  fi
  log "installing R, fBasics, timeDate, timeSeries, curl and unzip with apt"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    r-base-core r-cran-fbasics r-cran-timedate r-cran-timeseries curl unzip ca-certificates
}

report_versions() {
  Rscript --vanilla -e 'cat(R.version.string, "| fBasics", format(packageVersion("fBasics")), "| timeDate",
    format(packageVersion("timeDate")), "| timeSeries", format(packageVersion("timeSeries")), "\n")' >&2
}

fetch_ta4j_examples() {
  curl -fsSL --retry 3 -o "$WORK/ta4j-examples.jar" "$TA4J_URL"
  echo "$TA4J_SHA1  $WORK/ta4j-examples.jar" | sha1sum --check --quiet
  unzip -q -o -d "$WORK" "$WORK/ta4j-examples.jar" "$BITSTAMP_CSV" "$AAPL_CSV"
}

# a. fBasics usdthb: Reuters USD/THB dealer quotes, June 1997, the whole month.
extract_usdthb() { r usdthb "$1/fx-usdthb-1997-06.csv"; }

# b. ta4j-examples Bitstamp BTC/USD trades: a contiguous 25,000-trade range over the weekend.
extract_bitstamp() {
  r bitstamp "$WORK/$BITSTAMP_CSV" "$1/crypto-btcusd-bitstamp-2013-11.csv" "$BITSTAMP_FIRST_ROW" "$BITSTAMP_ROWS"
}

# c. ta4j-examples AAPL daily bars, 2013: the closes.
extract_aapl() { r aapl "$WORK/$AAPL_CSV" "$1/equity-aapl-daily-2013.csv"; }

# d. timeSeries MSFT daily OHLCV 2000-09-27..2001-09-27: the closes.
extract_msft() { r msft "$1/equity-msft-daily-2000-2001.csv"; }

# e. timeSeries USDCHF 30-minute prices: the year 2000.
extract_usdchf() { r usdchf "$1/fx-usdchf-30min-2000.csv" 2000; }

# f. fBasics DowJones30 daily closes: 1997 and 1998, all 30 symbols.
extract_dow30() { r dow30 "$1/equity-dow30-daily-1997-1998.csv" 1997-01-01 1998-12-31; }

# g. timeDate::holidayNYSE(1990:2030).
extract_nyse_holidays() { r nyse-holidays "$1" 1990 2030; }

# The defect manifest (defects.csv) and the file summary (files.csv), from the extracts as written.
analyse_defects() { r analyse "$1"; }

generate() {
  local extracts=$1 holidays=$2
  mkdir -p "$extracts" "$(dirname "$holidays")"
  extract_usdthb "$extracts"
  extract_bitstamp "$extracts"
  extract_aapl "$extracts"
  extract_msft "$extracts"
  extract_usdchf "$extracts"
  extract_dow30 "$extracts"
  extract_nyse_holidays "$holidays"
  analyse_defects "$extracts"
}

main() {
  local mode=${1:-}
  case "$mode" in
    "" | --check) ;;
    *) log "usage: $0 [--check]"; exit 2 ;;
  esac
  install_prerequisites
  report_versions
  fetch_ta4j_examples
  if [[ $mode == --check ]]; then
    generate "$WORK/out/$EXTRACTS" "$WORK/out/$HOLIDAYS"
    diff -r "$ROOT/$EXTRACTS" "$WORK/out/$EXTRACTS"
    diff "$ROOT/$HOLIDAYS" "$WORK/out/$HOLIDAYS"
    log "all extracts match the committed files"
  else
    generate "$ROOT/$EXTRACTS" "$ROOT/$HOLIDAYS"
    log "written: $EXTRACTS, $HOLIDAYS"
  fi
}

main "$@"
