#!/usr/bin/env bash
# Checks the alerting setup, without a running Prometheus or Alertmanager:
#   1. promtool check rules: the rule files in rules/ load and pass promtool's lint;
#   2. promtool test rules: the unit tests in tests/ pass;
#   3. coverage: every alert, at each of its severities, has a test where it fires, every alert one where it stays
#      quiet, every recording rule an expression test, and the tests name no alert that does not exist;
#   4. amtool check-config: the Alertmanager config and its templates load;
#   5. the templates render the sample notifications in ../alertmanager/tests/ exactly as the .expected files say;
#   6. routing: critical alerts reach the pager, warnings and unlabelled alerts the chat.
# Prints one line per check, and a tool's output only when its check failed. Exits 1 when a check failed, 2 when a
# tool is missing (infra/local/setup-test-tools.sh installs them).
# Usage: infra/prometheus/check.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
alertmanager_dir=$(cd "$here/../alertmanager" && pwd)

require() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "check: $1 not found; it comes with the Debian package $2 (run infra/local/setup-test-tools.sh)" >&2
    exit 2
  fi
}
require promtool prometheus
require amtool prometheus-alertmanager

failed=0
passed=0
pass() { echo "ok      $*"; passed=$((passed + 1)); }
fail() { echo "FAILED  $1"; shift; if [ $# -gt 0 ]; then printf '%s\n' "$@" | sed 's/^/        /'; fi; failed=$((failed + 1)); }

shopt -s nullglob
rule_files=("$here"/rules/*.yml)
test_files=("$here"/tests/*.yml)
if [ ${#rule_files[@]} -eq 0 ] || [ ${#test_files[@]} -eq 0 ]; then
  echo "check: no rule files in $here/rules or no tests in $here/tests" >&2
  exit 1
fi

# 1. The rules load and lint clean.
if out=$(promtool check rules "${rule_files[@]}" 2>&1); then
  pass "promtool check rules: $(cat "${rule_files[@]}" | grep -c -E '^[[:space:]]*- (alert|record):') rules" \
    "in ${#rule_files[@]} files"
else
  fail "promtool check rules" "$out"
fi

# 2. The unit tests pass.
if out=$(cd "$here" && promtool test rules "${test_files[@]}" 2>&1); then
  pass "promtool test rules: ${#test_files[@]} test files"
else
  fail "promtool test rules" "$out"
fi

# 3. Coverage. The rules' alerts as "name severity", and their recording rules' names.
rule_alerts=$(awk '
  /^[[:space:]]*- alert:/ { name = $3 }
  /^[[:space:]]*- record:/ { name = "" }
  name != "" && /^[[:space:]]*severity:/ { print name, $2 }
' "${rule_files[@]}" | sort -u)
rule_records=$(awk '/^[[:space:]]*- record:/ { print $3 }' "${rule_files[@]}" | sort -u)
# The tests' alert_rule_test entries (alertname before exp_alerts, as in these files): "fires NAME SEVERITY" for each
# severity an entry expects to fire, "quiet NAME" for an entry expecting none; and "expr LINE" for the expressions
# of promql_expr_test.
tested=$(awk '
  /^[[:space:]]*- (eval_time|alertname):/ { name = ""; firing = 0 }
  /^[[:space:]]*-? *alertname:/ { name = $NF }
  /^[[:space:]]*exp_alerts:[[:space:]]*\[\][[:space:]]*$/ { print "quiet", name }
  /^[[:space:]]*exp_alerts:[[:space:]]*$/ { firing = 1 }
  firing && /^[[:space:]]*severity:/ { print "fires", name, $2 }
  /^[[:space:]]*(- name:|input_series:|promql_expr_test:|alert_rule_test:)/ { firing = 0 }
  /^[[:space:]]*- expr:/ { print "expr", $0 }
' "${test_files[@]}")
gaps=()
while read -r name severity; do
  grep -qx "fires $name $severity" <<<"$tested" || gaps+=("$name ($severity): no test where it fires")
done <<<"$rule_alerts"
while read -r name; do
  grep -qx "quiet $name" <<<"$tested" || gaps+=("$name: no test where it stays quiet")
done < <(cut -d' ' -f1 <<<"$rule_alerts" | sort -u)
while read -r name; do
  grep -qF -- "$name" < <(grep '^expr ' <<<"$tested") || gaps+=("$name: no promql_expr_test")
done <<<"$rule_records"
while read -r name; do
  grep -q "^$name " <<<"$rule_alerts" || gaps+=("$name: tested, but no rule has this alert")
done < <(awk '$1 == "fires" || $1 == "quiet" { print $2 }' <<<"$tested" | sort -u)
if [ ${#gaps[@]} -eq 0 ]; then
  pass "coverage: $(wc -l <<<"$rule_alerts") alert severities fire in a test, $(cut -d' ' -f1 <<<"$rule_alerts" \
    | sort -u | wc -l) alerts stay quiet in one, $(wc -l <<<"$rule_records") recording rules tested"
else
  fail "coverage" "${gaps[@]}"
fi

# 4. The Alertmanager config and its templates load.
if out=$(amtool check-config "$alertmanager_dir/alertmanager.yml" 2>&1); then
  pass "amtool check-config: alertmanager.yml and its templates"
else
  fail "amtool check-config" "$out"
fi

# 5. The templates render the sample notifications as expected.
samples=("$alertmanager_dir"/tests/*.json)
template_failures=()
for sample in "${samples[@]}"; do
  expected="${sample%.json}.expected"
  if ! rendered=$(amtool template render --template.glob="$alertmanager_dir/templates/*.tmpl" \
      --template.glob="$alertmanager_dir/tests/render.tmpl" --template.data="$sample" \
      --template.text='{{ template "trii.test.render" . }}' 2>&1); then
    template_failures+=("$(basename "$sample"): $rendered")
  elif ! difference=$(diff <(printf '%s\n' "$rendered") "$expected"); then
    template_failures+=("$(basename "$sample") renders differently from $(basename "$expected") (< rendered, > expected):"
      "$difference")
  fi
done
if [ ${#samples[@]} -gt 0 ] && [ ${#template_failures[@]} -eq 0 ]; then
  pass "templates: ${#samples[@]} sample notifications render as expected"
else
  fail "templates" "${template_failures[@]:-no sample notifications in $alertmanager_dir/tests}"
fi

# 6. Routing: receiver expected, then the alert's labels.
routes=(
  "pager severity=critical alertname=ServiceDown service=trii-scoring"
  "pager severity=critical alertname=PipelineRunFailed service=trii-scheduler"
  "chat severity=warning alertname=HighErrorRate service=trii-scheduler"
  "chat severity=warning alertname=ChampionModelStale service=training"
  "chat alertname=WithoutSeverity"
)
route_failures=()
for route in "${routes[@]}"; do
  read -r -a words <<<"$route"
  if ! out=$(amtool config routes test --config.file="$alertmanager_dir/alertmanager.yml" \
      --verify.receivers="${words[0]}" "${words[@]:1}" 2>/dev/null); then
    route_failures+=("${words[*]:1} went to ${out%%$'\n'*}, not to ${words[0]}")
  fi
done
if [ ${#route_failures[@]} -eq 0 ]; then
  pass "routing: critical -> pager, warning and unlabelled -> chat (${#routes[@]} alerts)"
else
  fail "routing" "${route_failures[@]}"
fi

if [ "$failed" -gt 0 ]; then
  echo "check: $failed of $((passed + failed)) checks FAILED"
  exit 1
fi
echo "check: all $passed checks passed"
