#!/usr/bin/env bash
# Entry point of the local Flink stand-in image, with the official flink image's commands:
#   jobmanager            a session cluster's jobmanager (REST on 8081)
#   taskmanager           a taskmanager that registers with $JOB_MANAGER_RPC_ADDRESS / jobmanager.rpc.address
#   flink ARGS...         the Flink CLI (e.g. run -m jobmanager:8081 -d job.jar ...)
#   anything else         run as given
# FLINK_PROPERTIES (YAML lines) is appended to conf/config.yaml, as the official image does.
set -euo pipefail
FLINK_HOME=${FLINK_HOME:-/opt/flink}
export FLINK_CONF_DIR=${FLINK_CONF_DIR:-$FLINK_HOME/conf}
export FLINK_PLUGINS_DIR=${FLINK_PLUGINS_DIR:-$FLINK_HOME/plugins}
CP="$FLINK_HOME/lib/*"
LOG="-Dlogback.configurationFile=$FLINK_CONF_DIR/logback.xml"
# what the distribution's env.java.opts.all gives every Flink JVM on Java 17
OPENS="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED"
for p in java.lang java.net java.io java.nio sun.nio.ch java.lang.reflect java.text java.time java.util \
    java.util.concurrent java.util.concurrent.atomic java.util.concurrent.locks; do
  OPENS="$OPENS --add-opens=java.base/$p=ALL-UNNAMED"
done

conf() {
  local file=$FLINK_CONF_DIR/config.yaml line key
  [ -n "${FLINK_PROPERTIES:-}" ] || return 0
  while IFS= read -r line; do
    [[ "$line" =~ ^[[:space:]]*([A-Za-z0-9._-]+):[[:space:]] ]] || continue
    key=${BASH_REMATCH[1]}
    awk -v key="$key:" '$1 != key' "$file" > "$file.new"
    mv "$file.new" "$file"
    echo "$line" >> "$file"
  done <<< "$FLINK_PROPERTIES"
}

# the JVM options and dynamic properties Flink derives from its memory configuration (what bin/*.sh do)
derived() { # GET_TM_RESOURCE_PARAMS | GET_JM_RESOURCE_PARAMS
  java -cp "$CP" "$LOG" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$FLINK_CONF_DIR" \
    2>/dev/null | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
}

case "${1:-}" in
  jobmanager)
    shift; conf
    mapfile -t params < <(derived GET_JM_RESOURCE_PARAMS)
    # shellcheck disable=SC2086
    exec java ${params[0]} $OPENS $LOG ${JAVA_OPTS:-} -cp "$CP" \
      org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$FLINK_CONF_DIR" \
      ${params[1]} "$@" ;;
  taskmanager)
    shift; conf
    mapfile -t params < <(derived GET_TM_RESOURCE_PARAMS)
    # shellcheck disable=SC2086
    exec java ${params[0]} $OPENS $LOG ${JAVA_OPTS:-} -cp "$CP" \
      org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$FLINK_CONF_DIR" ${params[1]} "$@" ;;
  flink)
    shift; conf
    # shellcheck disable=SC2086
    exec java $OPENS $LOG -Xmx256m -cp "$CP" org.apache.flink.client.cli.CliFrontend "$@" ;;
  *)
    exec "$@" ;;
esac
