#!/bin/sh
# The jre stage's work: a Java runtime cut by jlink down to the modules the service's classpath uses, for a runtime
# stage on a plain Debian base (54-70 MB instead of a full JRE's 230 MB). The modules are what jdeps finds in the
# third-party jars, plus what the platform's own code and the JDK load by name (JDBC, AWT for the report charts, the
# HTTP client, JMX, TLS with EC keys, the extra charsets, DNS naming, zip file systems). Only lib/ is read, so this stage
# stays cached until a POM changes; jlink's output is the same bytes for the same input, so the runtime layer is too.
#   jre.sh   (reads /build/lib/*.jar, writes /out/jre)
set -eu
platform="java.sql,java.desktop,java.net.http,java.management,jdk.management,java.naming,jdk.crypto.ec,jdk.charsets"
platform="$platform,jdk.naming.dns,jdk.zipfs,jdk.unsupported"
jars=$(find /build/lib -name '*.jar' | sort)
# shellcheck disable=SC2086 # one argument per jar
found=$(jdeps -q --ignore-missing-deps --print-module-deps --multi-release 17 \
  --class-path "$(echo $jars | tr ' ' ':')" $jars)
jlink --add-modules "$found,$platform" --strip-java-debug-attributes --no-man-pages --no-header-files --compress=2 \
  --output /out/jre
echo "jre: $(du -sh /out/jre | cut -f1) with $(/out/jre/bin/java --list-modules | wc -l) modules"
