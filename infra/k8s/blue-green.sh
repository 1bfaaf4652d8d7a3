#!/usr/bin/env bash
# Blue-green releases of the scoring API on Kubernetes. Two Deployments, scoring-api-blue and scoring-api-green,
# run side by side; the Service scoring-api sends the apps' traffic to the colour its selector names (the live
# colour), the other one is idle. A release goes to the idle colour, is checked there through its preview Service
# (scoring-api-preview-<colour>), then the selector moves; the colour it replaced keeps running the previous release,
# so a rollback is one selector move back. The colour replaced is recorded on the Service (annotation
# trii.dev/previous-color).
#
# Usage: infra/k8s/blue-green.sh [-n NAMESPACE] [--timeout DURATION] COMMAND
#   status            the live colour, the previous one, each colour's image and ready pods
#   idle              prints the idle colour
#   deploy FILE       applies the idle colour's objects from FILE (manifests rendered by render.sh, - for stdin) and
#                     waits until it is ready; the first time (no Service yet) applies both colours and the Service
#   switch [COLOUR]   waits until COLOUR (default: the idle one) is ready, then sends the traffic to it
#   rollback          sends the traffic back to the recorded previous colour (waits until it is ready)
# Environment: KUBECTL (default kubectl), TRII_K8S_NAMESPACE (default: kubectl's current namespace).
set -euo pipefail

kubectl_bin="${KUBECTL:-kubectl}"
namespace="${TRII_K8S_NAMESPACE:-}"
timeout="300s"
service="scoring-api"
label="trii.dev/color"
previous_annotation="trii.dev/previous-color"

die() { echo "blue-green: $*" >&2; exit 1; }
usage() { sed -n '/^# Usage:/,/^# Environment:/p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

k() {
  if [ -n "$namespace" ]; then "$kubectl_bin" -n "$namespace" "$@"; else "$kubectl_bin" "$@"; fi
}

other() { if [ "$1" = blue ]; then echo green; else echo blue; fi; }
check_colour() { [ "$1" = blue ] || [ "$1" = green ] || die "no colour '$1' (blue or green)"; }

live_colour() {
  local colour
  colour="$(k get service "$service" -o "jsonpath={.spec.selector.trii\.dev/color}")" \
    || die "cannot read the Service $service"
  check_colour "$colour"
  echo "$colour"
}

previous_colour() {
  k get service "$service" -o "jsonpath={.metadata.annotations.trii\.dev/previous-color}"
}

# Waits for the colour's rollout, then insists on at least one ready pod (a Deployment scaled to 0 counts as
# rolled out, but takes no traffic).
wait_ready() {
  local colour="$1" ready
  echo "blue-green: waiting for scoring-api-$colour to be ready (up to $timeout)"
  k rollout status "deployment/scoring-api-$colour" --timeout="$timeout" >/dev/null \
    || die "scoring-api-$colour did not become ready in $timeout: traffic stays where it is"
  ready="$(k get deployment "scoring-api-$colour" -o "jsonpath={.status.readyReplicas}")"
  [ "${ready:-0}" -ge 1 ] || die "scoring-api-$colour has no ready pod: traffic stays where it is"
}

# Moves the selector and records the colour it replaced, in one change of the Service.
point_to() {
  local to="$1" from="$2"
  k patch service "$service" --type merge -p \
    "{\"metadata\":{\"annotations\":{\"$previous_annotation\":\"$from\"}},\"spec\":{\"selector\":{\"$label\":\"$to\"}}}" \
    >/dev/null
  [ "$(live_colour)" = "$to" ] || die "the Service $service does not select $to after the switch"
  echo "blue-green: traffic now goes to $to (previous: $from)"
}

cmd_status() {
  local live colour image ready desired
  live="$(live_colour)"
  echo "live: $live"
  echo "idle: $(other "$live")"
  echo "previous: $(previous_colour)"
  for colour in blue green; do
    image="$(k get deployment "scoring-api-$colour" -o "jsonpath={.spec.template.spec.containers[0].image}")"
    ready="$(k get deployment "scoring-api-$colour" -o "jsonpath={.status.readyReplicas}")"
    desired="$(k get deployment "scoring-api-$colour" -o "jsonpath={.spec.replicas}")"
    echo "$colour: ${image} ready ${ready:-0}/${desired:-0}"
  done
}

cmd_deploy() {
  local file="$1" idle
  if [ "$file" = - ]; then
    stdin_copy="$(mktemp)"
    trap 'rm -f "$stdin_copy"' EXIT
    cat > "$stdin_copy"
    file="$stdin_copy"
  fi
  [ -r "$file" ] || die "cannot read $file"
  if ! k get service "$service" >/dev/null 2>&1; then
    echo "blue-green: first install: both colours and the Service $service"
    k apply -f "$file" -l "trii.dev/rollout=blue-green" >/dev/null
    wait_ready "$(live_colour)"
    return
  fi
  idle="$(other "$(live_colour)")"
  echo "blue-green: deploying to the idle colour, $idle"
  k apply -f "$file" -l "$label=$idle" >/dev/null
  wait_ready "$idle"
}

cmd_switch() {
  local live to="${1:-}"
  live="$(live_colour)"
  [ -n "$to" ] || to="$(other "$live")"
  check_colour "$to"
  [ "$to" != "$live" ] || die "$to is already live"
  wait_ready "$to"
  point_to "$to" "$live"
}

cmd_rollback() {
  local live previous
  live="$(live_colour)"
  previous="$(previous_colour)"
  [ -n "$previous" ] || die "no previous colour recorded on the Service $service: nothing to roll back to"
  check_colour "$previous"
  [ "$previous" != "$live" ] || die "the previous colour ($previous) is already live"
  wait_ready "$previous"
  point_to "$previous" "$live"
}

while [ $# -gt 0 ]; do
  case "$1" in
    -n|--namespace) [ $# -ge 2 ] || usage; namespace="$2"; shift 2 ;;
    --timeout) [ $# -ge 2 ] || usage; timeout="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || usage
command="$1"; shift
case "$command" in
  status) [ $# -eq 0 ] || usage; cmd_status ;;
  idle) [ $# -eq 0 ] || usage; other "$(live_colour)" ;;
  deploy) [ $# -eq 1 ] || usage; cmd_deploy "$1" ;;
  switch) [ $# -le 1 ] || usage; cmd_switch "${1:-}" ;;
  rollback) [ $# -eq 0 ] || usage; cmd_rollback ;;
  *) usage ;;
esac
