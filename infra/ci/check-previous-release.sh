#!/usr/bin/env bash
# Zero-downtime migrations, the half a lint cannot see: the previous release's code runs against the new schema.
# During a rolling deploy the new release migrates the database first (expand), while nodes of the previous release
# still serve; they must keep working on that schema until the contract migration of a later release.
#
#   1. the previous release: $TRII_PREVIOUS_RELEASE when set (a tag or commit), else the newest release tag (v*) that
#      is an ancestor of HEAD, else the commit before the newest change to the migrations (the code that last ran
#      on the schema before it changed);
#   2. that commit checked out in a temporary git worktree and built with `mvn package` (nothing is installed into
#      ~/.m2, so this checkout's own jars stay as they are);
#   3. a fresh database on the configured server, migrated by this checkout (`./trii db migrate`);
#   4. the previous release's `./trii demo --quick` on that database: ingest, the daily pipeline, training, the gate,
#      a promoted champion and a prediction, all by the old code on the new schema (its Flyway sees the newer
#      migrations as future ones and leaves them);
#   5. the database and the worktree removed.
#
# Needs git history (not a shallow clone), Maven, psql, and TRII_DB_URL/TRII_DB_USER/TRII_DB_PASSWORD naming a
# server where that user may create databases (infra/local/setup-postgres.sh prepares one).
#
# Usage: infra/ci/check-previous-release.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
migrations="platform-core/src/main/resources/db/migration"
die() { echo "check-previous-release: $*" >&2; exit 2; }

for tool in git mvn psql; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed and not on PATH"
done
[ -n "${TRII_DB_URL:-}" ] || die "set TRII_DB_URL, TRII_DB_USER and TRII_DB_PASSWORD to a PostgreSQL server"
[[ "$TRII_DB_URL" =~ ^jdbc:postgresql://([^/:]+)(:([0-9]+))?/([^?]+) ]] \
  || die "TRII_DB_URL is not jdbc:postgresql://HOST[:PORT]/DATABASE: $TRII_DB_URL"
db_host="${BASH_REMATCH[1]}" db_port="${BASH_REMATCH[3]:-5432}"
cd "$root"
[ "$(git rev-parse --is-shallow-repository)" = false ] || die "a shallow clone has no previous release: fetch the history"

# 1. which release
if [ -n "${TRII_PREVIOUS_RELEASE:-}" ]; then
  previous="$TRII_PREVIOUS_RELEASE" why="TRII_PREVIOUS_RELEASE"
elif tag="$(git describe --tags --abbrev=0 --match 'v*' HEAD^ 2>/dev/null)"; then
  previous="$tag" why="the newest release tag"
else
  changed="$(git log -1 --format=%H -- "$migrations")"
  [ -n "$changed" ] || die "no commit changes $migrations"
  previous="$changed^" why="the commit before the newest migration change, $(git log -1 --format='%h %s' "$changed" | cut -c1-80)"
fi
commit="$(git rev-parse --verify --quiet "$previous^{commit}")" || die "no commit $previous"
echo "check-previous-release: previous release $(git log -1 --format='%h (%cs)' "$commit"), $why"
newest() { find "$1/$migrations" -name 'V*__*.sql' -printf '%f\n' | sed 's/^V\([0-9]*\)__.*/\1/' | sort -n | tail -1; }

work="$(mktemp -d)"
database="trii_previous_$(date +%s)_$$"
psql_admin() {
  PGPASSWORD="${TRII_DB_PASSWORD:-}" psql -X -q -v ON_ERROR_STOP=1 -h "$db_host" -p "$db_port" \
    -U "${TRII_DB_USER:-postgres}" -d postgres -c "$1"
}
cleanup() {
  psql_admin "drop database if exists $database with (force)" >/dev/null 2>&1 || true
  git -C "$root" worktree remove --force "$work/release" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# 2. the previous release, built
git worktree add --quiet --detach "$work/release" "$commit"
echo "check-previous-release: building it (mvn package, schema V$(newest "$work/release") against this checkout's V$(newest "$root"))"
(cd "$work/release" && mvn -B -q package -DskipTests >"$work/build.log" 2>&1) \
  || { tail -40 "$work/build.log" >&2; die "the previous release does not build"; }

# 3. the new schema, by this checkout
psql_admin "create database $database"
url="jdbc:postgresql://$db_host:$db_port/$database"
TRII_DB_URL="$url" TRII_HOME="$work/home-new" ./trii db migrate

# 4. the previous release's code on it
echo "check-previous-release: the previous release's ./trii demo --quick on the new schema"
if ! (cd "$work/release" && TRII_DB_URL="$url" TRII_HOME="$work/home-previous" TRII_SKIP_BUILD=1 \
    ./trii demo --quick >"$work/demo.log" 2>&1); then
  tail -60 "$work/demo.log" >&2
  for log in "$work"/home-previous/logs/*.log; do
    [ -f "$log" ] && { echo "--- $log" >&2; tail -30 "$log" >&2; }
  done
  die "the previous release fails on the new schema: a migration changed or removed something it still uses (expand first; contract only what the previous release no longer uses)"
fi
grep -E '^\[[0-9]/[0-9]\]' "$work/demo.log" | grep -v ' \.\.\.$' | cut -c1-160
echo "check-previous-release: passed"
