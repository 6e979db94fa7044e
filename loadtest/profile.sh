#!/usr/bin/env bash
# Where the server's CPU goes under load: one run-load.sh run with Java Flight Recorder on the server (the JDK's
# own profiler, settings "profile": an execution sample every 10-20 ms per thread), then the recording broken
# down by part of the call path (jfr-breakdown.py). Every option is run-load.sh's, e.g.
#   loadtest/profile.sh --rate 600 --calls 18000
# The recording stays in the run's directory (server/profile.jfr) for JDK Mission Control or `jfr print`.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RECORDING="$(mktemp -d)/profile.jfr"
summary=$(FS_JAVA_OPTS="${FS_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$RECORDING,settings=profile" \
  "$HERE/run-load.sh" "$@")
status=$?
echo "$summary"
results=$(echo "$summary" | sed -n 's/^results_dir=//p')
[ -f "$RECORDING" ] || { echo "profile: no recording (the server did not stop cleanly?)" >&2; exit 3; }
[ -n "$results" ] && mv "$RECORDING" "$results/server/profile.jfr" && RECORDING="$results/server/profile.jfr"
echo "recording=$RECORDING"
python3 "$HERE/jfr-breakdown.py" "$RECORDING"
exit $status
