#!/usr/bin/env bash
# Post-deploy smoke test through kubectl port-forward (no ingress needed): each Service answers on its health and
# readiness paths and the scoring API serves its OpenAPI document; with --flink, the ingestion job is RUNNING.
#
# Usage: infra/k8s/smoke-test.sh -n NAMESPACE [--scoring SERVICE] [--scheduler] [--flink]
#   --scoring SERVICE   a scoring API Service: scoring-api (live) or scoring-api-preview-<colour> (one colour)
#   --scheduler         the Service trii-scheduler (Actuator liveness and readiness)
#   --flink             the FlinkDeployment trii-ingestion reports its job RUNNING
# Environment: KUBECTL (default kubectl).
set -euo pipefail

kubectl_bin="${KUBECTL:-kubectl}"
namespace="" scoring="" scheduler=false flink=false
usage() { sed -n '/^# Usage:/,/^# Environment:/p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    -n) [ $# -ge 2 ] || usage; namespace="$2"; shift 2 ;;
    --scoring) [ $# -ge 2 ] || usage; scoring="$2"; shift 2 ;;
    --scheduler) scheduler=true; shift ;;
    --flink) flink=true; shift ;;
    *) usage ;;
  esac
done
[ -n "$namespace" ] || usage

forward_pid=""
cleanup() { if [ -n "$forward_pid" ]; then kill "$forward_pid" 2>/dev/null || true; wait "$forward_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

# get SERVICE PORT PATH...: forwards a free local port to the Service and expects HTTP 200 on every path
get() {
  local service="$1" port="$2" local_port path code
  shift 2
  local_port=$(( 20000 + RANDOM % 20000 ))
  "$kubectl_bin" -n "$namespace" port-forward "service/$service" "$local_port:$port" >/dev/null 2>&1 &
  forward_pid=$!
  for _ in $(seq 1 30); do
    curl -s -o /dev/null "http://127.0.0.1:$local_port/" && break
    sleep 1
  done
  for path in "$@"; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$local_port$path" || true)"
    if [ "$code" != 200 ]; then echo "smoke: $service $path answered $code" >&2; exit 1; fi
    echo "smoke: $service $path 200"
  done
  cleanup
  forward_pid=""
}

if [ -n "$scoring" ]; then get "$scoring" 8081 /health /ready /openapi.json; fi
if [ "$scheduler" = true ]; then get trii-scheduler 8080 /actuator/health/liveness /actuator/health/readiness; fi
if [ "$flink" = true ]; then
  state=""
  for _ in $(seq 1 60); do
    state="$("$kubectl_bin" -n "$namespace" get flinkdeployment trii-ingestion -o 'jsonpath={.status.jobStatus.state}')"
    [ "$state" = RUNNING ] && break
    sleep 5
  done
  [ "$state" = RUNNING ] || { echo "smoke: the ingestion job is ${state:-not reported}, not RUNNING" >&2; exit 1; }
  echo "smoke: trii-ingestion RUNNING"
fi
