#!/bin/sh
# The build stage's work (no compiling: Maven did that on the host, see context.sh): lays the service out as
# /out/{lib,app,bin} for the runtime stage, which copies each as its own layer (third-party jars, which change
# rarely, before the platform's jars, which change with every commit), and writes the launch script with the
# classpath in Maven's order. Fails when a jar of the classpath is missing or unreadable.
#   assemble.sh MAIN_CLASS [FIXED_JVM_OPTION...]
set -eu
main=$1
shift
mkdir -p /out/lib /out/app /out/bin
cp /build/lib/*.jar /out/lib/ 2>/dev/null || true
cp /build/app/*.jar /out/app/ 2>/dev/null || true
classpath=""
while IFS= read -r jar; do
  [ -n "$jar" ] || continue
  [ -s "/out/$jar" ] || { echo "assemble: $jar is missing from the context" >&2; exit 1; }
  classpath="${classpath:+$classpath:}/opt/trii/$jar"
done < /build/classpath
cat > /out/bin/run <<SCRIPT
#!/bin/sh
# Runs $main with the platform's classpath. JAVA_OPTS: JVM options (heap as a share of the container's memory).
exec java \${JAVA_OPTS:-} $* -cp "$classpath" $main "\$@"
SCRIPT
chmod 755 /out/bin/run
cp /build/common/healthcheck /out/bin/healthcheck
chmod 755 /out/bin/healthcheck
echo "assemble: $main, $(find /out/lib -name '*.jar' | wc -l) third-party jars, $(find /out/app -name '*.jar' | wc -l) platform jars"
