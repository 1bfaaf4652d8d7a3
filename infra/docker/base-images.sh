#!/usr/bin/env bash
# Makes the local base images the CI machines build from, when they are missing (no registry is reachable there):
#   local/debian:bookworm   debootstrap --variant=minbase of the Debian mirror apt uses, imported
#   local/jre:17            + openjdk-17-jre-headless   (stand-in for eclipse-temurin:17-jre: Flink, S3Proxy)
#   local/jdk:17            + openjdk-17-jdk-headless   (stand-in for eclipse-temurin:17-jdk: the images' jlink
#                                                        stage, and the single-stage size comparison)
# Idempotent: an image that exists is kept (--force remakes them). Needs root, a running Docker daemon,
# debootstrap, and the way out to the Debian mirror (docker build --network=host).
set -euo pipefail
cd "$(dirname "$0")"
DOCKER=${DOCKER:-/usr/bin/docker}
force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    *) echo "usage: base-images.sh [--force]" >&2; exit 2 ;;
  esac
done

have() { [ "$force" = 0 ] && "$DOCKER" image inspect "$1" >/dev/null 2>&1; }

if ! have local/debian:bookworm; then
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  root=$(mktemp -d /tmp/trii-debootstrap.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  echo "base-images: debootstrap bookworm from $mirror" >&2
  debootstrap --variant=minbase bookworm "$root" "$mirror" >/tmp/trii-debootstrap.log 2>&1 \
    || { tail -20 /tmp/trii-debootstrap.log >&2; exit 1; }
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*
  tar -C "$root" -c . | "$DOCKER" import -c 'CMD ["bash"]' - local/debian:bookworm >/dev/null
  rm -rf "$root"
  trap - EXIT
fi

build_java() { # TAG PACKAGE
  have "$1" && return 0
  echo "base-images: $1 ($2)" >&2
  "$DOCKER" build -q --network=host --build-arg PACKAGE="$2" -t "$1" -f base/Dockerfile.jre base >/dev/null
}
build_java local/jre:17 openjdk-17-jre-headless
build_java local/jdk:17 openjdk-17-jdk-headless
"$DOCKER" image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^local/' >&2
