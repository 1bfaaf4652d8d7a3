#!/usr/bin/env bash
# Renders an overlay of infra/k8s with kubectl's built-in kustomize, optionally with the images of another GHCR
# owner and another tag (CI deploys the images it built: --owner "${GITHUB_REPOSITORY_OWNER,,}" --tag "$GITHUB_SHA").
#
# Usage: infra/k8s/render.sh dev|staging|prod [--owner OWNER] [--tag TAG]    (the manifests on stdout)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
usage() { echo "usage: $0 dev|staging|prod [--owner OWNER] [--tag TAG]" >&2; exit 2; }

[ $# -ge 1 ] || usage
overlay="$1"; shift
[ -d "$here/overlays/$overlay" ] || { echo "render: no overlay '$overlay' under $here/overlays" >&2; exit 2; }
owner="" tag=""
while [ $# -gt 0 ]; do
  case "$1" in
    --owner) [ $# -ge 2 ] || usage; owner="$2"; shift 2 ;;
    --tag) [ $# -ge 2 ] || usage; tag="$2"; shift 2 ;;
    *) usage ;;
  esac
done

if [ -z "$owner" ] && [ -z "$tag" ]; then
  exec kubectl kustomize "$here/overlays/$overlay"
fi

# A kustomization around the overlay that renames its images: the overlay stays as committed.
wrapper="$(mktemp -d)"
trap 'rm -rf "$wrapper"' EXIT
cp "$here/base/kustomizeconfig.yaml" "$wrapper/"
{
  echo "apiVersion: kustomize.config.k8s.io/v1beta1"
  echo "kind: Kustomization"
  echo "resources:"
  # kustomize takes no absolute paths
  echo "  - $(realpath --relative-to="$wrapper" "$here/overlays/$overlay")"
  echo "configurations:"
  echo "  - kustomizeconfig.yaml"
  echo "images:"
  for image in trii-scheduler trii-scoring-api trii-ingestion; do
    echo "  - name: ghcr.io/trii-platform/$image"
    [ -z "$owner" ] || echo "    newName: ghcr.io/$owner/$image"
    [ -z "$tag" ] || echo "    newTag: \"$tag\""
  done
} > "$wrapper/kustomization.yaml"
kubectl kustomize "$wrapper"
