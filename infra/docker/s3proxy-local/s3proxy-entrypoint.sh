#!/usr/bin/env bash
# S3Proxy on 0.0.0.0:9000 with the filesystem backend under /data; the bucket S3_BUCKET exists from the start.
set -euo pipefail
mkdir -p "/data/blobs/${S3_BUCKET:-trii}"
cat > /tmp/s3proxy.properties <<PROPS
s3proxy.endpoint=http://0.0.0.0:9000
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=${S3_ACCESS_KEY:?S3_ACCESS_KEY is required}
s3proxy.credential=${S3_SECRET_KEY:?S3_SECRET_KEY is required}
jclouds.provider=filesystem
jclouds.filesystem.basedir=/data/blobs
PROPS
exec run --properties /tmp/s3proxy.properties
