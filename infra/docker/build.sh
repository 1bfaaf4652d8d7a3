#!/usr/bin/env bash
# Builds the platform's images from the jars Maven built (run `mvn -B install -DskipTests` first):
#   trii-scheduler, trii-scoring-api, trii-ingestion, trii-cli   (tag $TRII_IMAGE_TAG, default latest)
# With --local (CI, machines that cannot pull): from the local bases (infra/docker/base-images.sh makes them), and
# the local stand-ins the CI compose override uses: local/flink:2.0.2-java17, local/postgres:15,
# local/s3proxy:4.1.0, local/prometheus:2.42. Without it: from the public bases (eclipse-temurin:17-jdk for jlink,
# debian:bookworm-slim, flink, ...).
# Builds use the classic builder with --network=host (apt inside builds needs the way out on these machines).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DOCKER=${DOCKER:-/usr/bin/docker}
TAG=${TRII_IMAGE_TAG:-latest}
CTX=$ROOT/target/docker
LOG=$CTX/build-logs
local=0
[ "${1:-}" = "--local" ] && local=1

if [ "$local" = 1 ]; then
  "$ROOT/infra/docker/context.sh" --local
  BASE_ARGS=(--build-arg JDK_IMAGE=local/jdk:17 --build-arg BUILD_IMAGE=local/debian:bookworm
    --build-arg RUNTIME_IMAGE=local/debian:bookworm)
  FLINK_ARGS=(--build-arg BUILD_IMAGE=local/debian:bookworm --build-arg FLINK_IMAGE=local/flink:2.0.2-java17)
else
  "$ROOT/infra/docker/context.sh"
  BASE_ARGS=()
  FLINK_ARGS=()
fi
mkdir -p "$LOG"

build() { # TAG CONTEXT_NAME [ARGS...]
  local tag=$1 name=$2 started=$SECONDS
  shift 2
  if ! "$DOCKER" build --network=host "$@" -t "$tag" -f "$ROOT/infra/docker/$name/Dockerfile" "$CTX/$name" \
      >"$LOG/$name.log" 2>&1; then
    echo "build.sh: $tag FAILED; the end of $LOG/$name.log:" >&2
    tail -25 "$LOG/$name.log" >&2
    return 1
  fi
  echo "build.sh: $tag $("$DOCKER" image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}') ($((SECONDS - started)) s)"
}

# independent builds two at a time (apt downloads and context transfers overlap)
pids=()
wait_all() {
  local failed=0 pid
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  pids=()
  [ "$failed" = 0 ] || exit 1
}

if [ "$local" = 1 ]; then
  build local/postgres:15 postgres-local & pids+=($!)
  build local/prometheus:2.42 prometheus-local & pids+=($!)
  wait_all
  build local/flink:2.0.2-java17 flink-local & pids+=($!)
  build local/s3proxy:4.1.0 s3proxy-local & pids+=($!)
  wait_all
fi
build "trii-scheduler:$TAG" scheduler "${BASE_ARGS[@]}" & pids+=($!)
build "trii-ingestion:$TAG" ingestion "${FLINK_ARGS[@]}" & pids+=($!)
wait_all
build "trii-scoring-api:$TAG" scoring-api "${BASE_ARGS[@]}" & pids+=($!)
build "trii-cli:$TAG" cli "${BASE_ARGS[@]}" & pids+=($!)
wait_all
