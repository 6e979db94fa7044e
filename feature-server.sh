#!/usr/bin/env bash
# Builds the feature server when its sources changed since the last build, then starts it in the foreground.
# Options go to the server: --config FILE --sip-listen HOST:PORT --core HOST:PORT --http-listen HOST:PORT
# --data-dir DIR (or FS_CONFIG, FS_SIP_LISTEN, FS_CORE, FS_HTTP_LISTEN, FS_DATA_DIR). JAVA_OPTS adds JVM flags.
set -euo pipefail
cd "$(dirname "$0")"
jar=feature-server/target/feature-server.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml */pom.xml */src/main -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "building $jar ..." >&2
  mvn -q -B -DskipTests package >&2
fi
# Heap and GC flags are in config/jvm.options (why, there); the flags Chronicle Queue needs are in the manifest.
mapfile -t jvm_options < <(grep -v -e '^\s*#' -e '^\s*$' config/jvm.options)
exec java "${jvm_options[@]}" ${JAVA_OPTS:-} -jar "$jar" "$@"
