#!/usr/bin/env bash
# Brings the platform's compose stack up on this machine with the CI override and checks it for real, then tears it
# down (also on failure). Called by .ci/run after the Maven build (the images are made from the jars it built).
#   1. Docker: installs docker.io, docker-compose and debootstrap when missing and starts dockerd when none answers
#      (stopped again at the end if this script started it)
#   2. the local base images when missing (infra/docker/base-images.sh), every image (infra/docker/build.sh --local)
#   3. the stack up (docker-compose.yml + docker-compose.ci.yml): PostgreSQL, S3Proxy, the schema, two schedulers,
#      the scoring API, a Flink jobmanager and taskmanager with the ingestion job submitted, Prometheus
#   4. checks: the ingestion job ingests the simulated market and finishes; scheduler-1 runs the `daily` pipeline
#      over its REST API (admin token); the scoring API answers a prediction with the champion the pipeline
#      promoted; Prometheus sees every target up (2 schedulers, the scoring API, jobmanager and taskmanager)
# Exit 0 when every check passed; 1 otherwise (the failing check's evidence and the services' last logs printed).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DOCKER=/usr/bin/docker
PROJECT=trii-ci
started=$SECONDS
step() { echo "--- compose check: $* ($((SECONDS - started)) s)"; }
fail() { echo "compose check FAILED: $*" >&2; exit 1; }

# --- 1. Docker ------------------------------------------------------------------------------------------------------
dockerd_pid=""
if ! command -v dockerd >/dev/null || ! command -v docker-compose >/dev/null || ! command -v debootstrap >/dev/null \
    || ! command -v jq >/dev/null || ! command -v curl >/dev/null; then
  step "installing docker.io, docker-compose, debootstrap, jq, curl"
  apt-get install -y --no-install-recommends docker.io docker-compose debootstrap jq curl >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y --no-install-recommends docker.io docker-compose debootstrap jq \
         curl >/dev/null; }
fi
if ! "$DOCKER" info >/dev/null 2>&1; then
  step "starting dockerd"
  dockerd --iptables=false --ip6tables=false --ip-forward=false --storage-driver=overlay2 \
    >/tmp/trii-compose-dockerd.log 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 1 60); do "$DOCKER" info >/dev/null 2>&1 && break; sleep 0.5; done
  "$DOCKER" info >/dev/null 2>&1 || { tail -20 /tmp/trii-compose-dockerd.log >&2; fail "dockerd did not start"; }
fi

secrets=$(mktemp -d /tmp/trii-compose-secrets.XXXXXX)
chmod 755 "$secrets"
compose() {
  docker-compose --ansi never -p "$PROJECT" -f "$HERE/docker-compose.yml" -f "$HERE/docker-compose.ci.yml" "$@"
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ "$rc" != 0 ] && "$DOCKER" info >/dev/null 2>&1; then
    echo "--- the services' last log lines" >&2
    compose logs --no-color --tail=15 2>&1 | tail -150 >&2 || true
  fi
  if "$DOCKER" info >/dev/null 2>&1; then
    compose down -v --remove-orphans >/dev/null 2>&1 || true
  fi
  rm -rf "$secrets"
  if [ -n "$dockerd_pid" ]; then
    kill "$dockerd_pid" 2>/dev/null || true
    wait "$dockerd_pid" 2>/dev/null || true
  fi
  echo "--- compose check: $([ "$rc" = 0 ] && echo passed || echo FAILED) in $((SECONDS - started)) s"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- 2. images ------------------------------------------------------------------------------------------------------
step "local base images"
"$ROOT/infra/docker/base-images.sh"
step "images (infra/docker/build.sh --local)"
"$ROOT/infra/docker/build.sh" --local

# --- 3. the stack ---------------------------------------------------------------------------------------------------
# a port on 127.0.0.1 that nothing answers on, from the range above the usual services
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
export TRII_SCHEDULER_PORT TRII_SCHEDULER_2_PORT TRII_SCORING_PORT TRII_FLINK_PORT TRII_PROMETHEUS_PORT \
  TRII_MLFLOW_PORT TRII_MINIO_CONSOLE_PORT TRII_GRAFANA_PORT
TRII_SCHEDULER_PORT=$(free_port); TRII_SCHEDULER_2_PORT=$(free_port); TRII_SCORING_PORT=$(free_port)
TRII_FLINK_PORT=$(free_port); TRII_PROMETHEUS_PORT=$(free_port); TRII_MLFLOW_PORT=$(free_port)
TRII_MINIO_CONSOLE_PORT=$(free_port); TRII_GRAFANA_PORT=$(free_port)
export TRII_CONSOLE_ADMIN_TOKEN TRII_CONSOLE_ADMIN_PASSWORD TRII_COMPOSE_SECRETS=$secrets TRII_INGEST_DAYS=3 \
  TRII_INGEST_QUOTES_PER_MINUTE=10
TRII_CONSOLE_ADMIN_TOKEN="trii_ci_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
TRII_CONSOLE_ADMIN_PASSWORD="ci-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
echo "placeholder: replaced by check.sh once the schema exists" > "$secrets/scoring-api-key"
chmod 644 "$secrets/scoring-api-key"

step "stack up"
compose down -v --remove-orphans >/dev/null 2>&1 || true
compose up -d >"$secrets/up.log" 2>&1 || { cat "$secrets/up.log" >&2; fail "docker-compose up"; }
[ "$(compose ps -q scheduler-1 scheduler-2 scoring-api prometheus taskmanager | wc -l)" = 5 ] \
  || fail "not every service was created: $(compose ps)"

# --- 4. checks ------------------------------------------------------------------------------------------------------
# polls CMD until it succeeds, for at most SECONDS; its output of the last try goes to $last
last=""
# (exit status 2: give up at once)
await() { # SECONDS WHAT CMD...
  local limit=$1 what=$2 deadline=$((SECONDS + $1)) rc
  shift 2
  while :; do
    if last=$("$@" 2>&1); then return 0; else rc=$?; fi
    [ "$rc" != 2 ] || fail "$what: ${last:0:2000}"
    [ "$SECONDS" -lt "$deadline" ] || fail "$what: not within ${limit} s; last: ${last:0:600}"
    sleep 2
  done
}
http() { curl -fsS --max-time 10 "$@"; }

ingestion_finished() {
  local state
  state=$(http "http://127.0.0.1:$TRII_FLINK_PORT/jobs/overview" | jq -r '.jobs[] | select(.name=="trii-quote-ingestion") | .state')
  case "$state" in
    FINISHED) echo "$state" ;;
    FAILED|CANCELED) echo "the ingestion job ended $state"; exit 2 ;;
    *) echo "job state: ${state:-not submitted}"; return 1 ;;
  esac
}
step "ingestion job on the Flink cluster (simulator, $TRII_INGEST_DAYS trading days)"
submit=$(compose ps -q ingestion-submit)
await 60 "submission" sh -c "[ \"\$($DOCKER inspect -f '{{.State.Status}}' $submit)\" = exited ]"
[ "$("$DOCKER" inspect -f '{{.State.ExitCode}}' "$submit")" = 0 ] \
  || fail "flink run failed: $(compose logs --no-color --tail=30 ingestion-submit)"
await 240 "the ingestion job" ingestion_finished
quotes=$(compose exec -T db psql -U trii -d trii -Atc "select count(*) from quotes")
bars=$(compose exec -T db psql -U trii -d trii -Atc "select count(*) from bars_1m")
echo "    ingested: $quotes quotes, $bars one-minute bars"
[ "$bars" -gt 0 ] || fail "the ingestion job wrote no bars"

healthy() { # SERVICE...: every one's container reports healthy
  local service status
  for service in "$@"; do
    status=$("$DOCKER" inspect -f '{{.State.Health.Status}}' "$(compose ps -q "$service")")
    [ "$status" = healthy ] || { echo "$service: $status"; return 1; }
  done
}
await 180 "the services healthy" healthy scheduler-1 scheduler-2 scoring-api

step "scheduler-1 runs the 'daily' pipeline over REST"
scheduler=http://127.0.0.1:$TRII_SCHEDULER_PORT
auth=(-H "Authorization: Bearer $TRII_CONSOLE_ADMIN_TOKEN")
run=$(http -X POST "${auth[@]}" -H 'Content-Type: application/json' -d '{}' "$scheduler/api/pipelines/daily/runs")
run_id=$(jq -r .run_id <<<"$run")
if [ -z "$run_id" ] || [ "$run_id" = null ]; then fail "the scheduler did not accept a run: $run"; fi
pipeline_done() {
  local status
  status=$(http "${auth[@]}" "$scheduler/api/pipelines/runs/$run_id" | jq -r .status)
  case "$status" in
    SUCCEEDED) echo "$status" ;;
    FAILED) http "${auth[@]}" "$scheduler/api/pipelines/runs/$run_id"; exit 2 ;;
    *) echo "run $run_id: $status"; return 1 ;;
  esac
}
await 300 "pipeline run $run_id" pipeline_done
echo "    run $run_id: $(http "${auth[@]}" "$scheduler/api/pipelines/runs/$run_id" \
  | jq -r '[.tasks[] | "\(.task) \(.status)"] | join(", ")')"
champion=$(compose exec -T db psql -U trii -d trii -Atc \
  "select version from registry_aliases where alias = 'champion' limit 1")
[ -n "$champion" ] || fail "the pipeline promoted no champion"

step "the scoring API answers with the champion (v$champion)"
key=$(compose run --rm -T trii-cli api-keys create ci-check --scopes predict,admin 2>/dev/null | tail -1 | tr -d '\r')
[[ "$key" == *_* ]] || fail "could not create an API key: $key"
printf '%s' "$key" > "$secrets/scoring-api-key"
scoring=http://127.0.0.1:$TRII_SCORING_PORT
serves_champion() {
  local version
  version=$(http -H "Authorization: Bearer $key" "$scoring/v1/model" | jq -r .model_version)
  [ "$version" = "$champion" ] || { echo "serves v$version"; return 1; }
}
await 60 "the scoring API serving v$champion" serves_champion
prediction=$(http -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"symbol":"AAPL"}' "$scoring/v1/predict")
jq -e --argjson v "$champion" '.model_version == $v and (.probability_up | type == "number")' <<<"$prediction" \
  >/dev/null || fail "unexpected prediction: $prediction"
echo "    $(jq -c '{symbol, probability_up, model, model_version}' <<<"$prediction")"

step "Prometheus sees every target up"
prometheus=http://127.0.0.1:$TRII_PROMETHEUS_PORT
all_up() {
  local targets
  targets=$(http "$prometheus/api/v1/targets?state=active" | jq -r '.data.activeTargets[]
    | "\(.labels.job) \(.labels.instance) \(.health) \(.lastError)"')
  echo "$targets"
  [ "$(grep -c ' up ' <<<"$targets")" = 5 ] && ! grep -qv ' up ' <<<"$targets"
}
await 90 "every Prometheus target up" all_up
sed 's/^/    /; s/ up .*/ up/' <<<"$last"
step "all checks passed"
