#!/usr/bin/env bash
# Tests blue-green.sh against test/fake-kubectl (no cluster): switch, rollback, refusals when a colour is not
# ready, the first install and a deploy to the idle colour. Prints one line per case and "N passed, N failed".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
script="$here/../blue-green.sh"
export KUBECTL="$here/fake-kubectl"
passed=0 failed=0

fresh() {  # a cluster where blue is live, both colours ready
  FAKE_K8S="$(mktemp -d)"; export FAKE_K8S
  touch "$FAKE_K8S/service"
  printf blue > "$FAKE_K8S/selector"
  printf 2 > "$FAKE_K8S/ready-blue"; printf 2 > "$FAKE_K8S/ready-green"
  printf 'ghcr.io/o/trii-scoring-api:1' > "$FAKE_K8S/image-blue"; printf 'ghcr.io/o/trii-scoring-api:2' > "$FAKE_K8S/image-green"
}
state() { cat "$FAKE_K8S/$1" 2>/dev/null || true; }
check() {  # check NAME CONDITION...
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}
run() { "$script" --timeout 5s "$@" >"$FAKE_K8S/out" 2>&1; }
equals() { [ "$1" = "$2" ] || { echo "     expected '$2', got '$1'"; return 1; }; }
applied() { local f out=""; for f in "$FAKE_K8S"/applied-*; do [ -e "$f" ] && out="$out${f##*/applied-}"; done; echo "$out"; }
fails() { if "$@"; then return 1; else return 0; fi; }

fresh; run status
check "status names the live and idle colours and both images" \
  grep -q -z 'live: blue.*idle: green.*blue: ghcr.io/o/trii-scoring-api:1 ready 2/2.*green: ghcr.io/o/trii-scoring-api:2' "$FAKE_K8S/out"
fresh; check "idle prints the colour not selected" equals "$("$script" idle)" green

fresh; run switch
check "switch sends traffic to the idle colour" equals "$(state selector)" green
check "switch records the colour it replaced" equals "$(state previous)" blue
check "switch waited for the idle colour's rollout first" grep -q 'rollout status deployment/scoring-api-green' "$FAKE_K8S/calls"
run rollback
check "rollback sends traffic back to the previous colour" equals "$(state selector)" blue
check "rollback records the colour it left" equals "$(state previous)" green

fresh; touch "$FAKE_K8S/rollout-fails-green"
check "switch refuses an idle colour whose rollout does not finish" fails run switch
check "... and leaves the traffic where it was" equals "$(state selector)" blue

fresh; printf 0 > "$FAKE_K8S/ready-green"
check "switch refuses an idle colour without a ready pod" fails run switch
check "... and leaves the traffic where it was" equals "$(state selector)" blue

fresh; check "rollback refuses when no previous colour is recorded" fails run rollback
fresh; check "switch refuses the colour already live" fails run switch blue
fresh; check "switch refuses an unknown colour" fails run switch purple

fresh; run -n trii-prod switch green
check "the namespace reaches every kubectl call" equals "$(grep -vc '^-n trii-prod ' "$FAKE_K8S/calls")" 0

fresh; rm "$FAKE_K8S/service" "$FAKE_K8S/selector"; echo "kind: List" > "$FAKE_K8S/manifests.yaml"
run deploy "$FAKE_K8S/manifests.yaml"
check "the first deploy applies both colours and the Service" grep -q 'apply -f .* -l trii.dev/rollout=blue-green' "$FAKE_K8S/calls"
fresh; echo "kind: List" > "$FAKE_K8S/manifests.yaml"; run deploy "$FAKE_K8S/manifests.yaml"
check "a deploy applies the idle colour only" equals "$(applied)" green
check "... waits for it" grep -q 'rollout status deployment/scoring-api-green' "$FAKE_K8S/calls"
check "... and leaves the traffic where it was" equals "$(state selector)" blue
fresh; run deploy - < /dev/null
check "a deploy reads the manifests from stdin" equals "$(applied)" green

echo "blue-green: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
