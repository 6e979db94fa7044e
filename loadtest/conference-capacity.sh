#!/usr/bin/env bash
# Issue 15's conference capacity, end to end at the media level: N three-party rooms on a real MediaEndpoint and a
# lean UDP load generator in one JVM (kz.btcom.fs.loadtest.functional.ConferenceCapacity). Each party sends a 20 ms
# G.711 tone every 20 ms and hears the mix. Prints key=value lines per run and, for several room counts, a table.
# The goal: media thread CPU under half a core, p99 mixing tick lateness under 5 ms, every party 50 packets/s.
#
#   loadtest/conference-capacity.sh                          # 500 rooms, 10 s warm-up, 30 s measured
#   loadtest/conference-capacity.sh --rooms 250 --seconds 60
#   loadtest/conference-capacity.sh --sweep "100 250 500"    # one fresh JVM per room count, then a table
#   loadtest/conference-capacity.sh --jfr                    # also a flight recording per run (results dir)
#   loadtest/conference-capacity.sh --jar /tmp/before.jar    # another build of the server, for a before/after
#   loadtest/conference-capacity.sh --media-threads 2        # rooms spread over two media threads
#
# Options: --rooms N, --seconds S (measured window), --warmup S, --sweep "N1 N2 ...", --jfr, --port-min P (the media
# port range starts there; default 20000, below the kernel's ephemeral range where the generator's sockets live).
# --media-threads T (default 1, as the server starts it), --jar FILE (default feature-server/target/feature-server.jar).
# CAPACITY_JAVA_OPTS adds JVM options. The JVM runs with config/jvm.options, as the server does.
# Exit status: 0 every run met the goal, 1 one did not, 2 bad usage, 3 could not build or start.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOMS=500 SECONDS_=30 WARMUP=10 SWEEP="" JFR=0 PORT_MIN=20000 THREADS=1 JAR="$ROOT/feature-server/target/feature-server.jar"
while [ $# -gt 0 ]; do
  case "$1" in
    --rooms) ROOMS="$2"; shift 2 ;;
    --seconds) SECONDS_="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --sweep) SWEEP="$2"; shift 2 ;;
    --jfr) JFR=1; shift ;;
    --port-min) PORT_MIN="$2"; shift 2 ;;
    --jar) JAR="$2"; shift 2 ;;
    --media-threads) THREADS="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
CLASSES="$ROOT/loadtest/target/test-classes"
if [ ! -f "$JAR" ] || [ ! -f "$CLASSES/kz/btcom/fs/loadtest/functional/ConferenceCapacity.class" ]; then
  echo "[capacity] building: mvn -B -o -q -DskipTests package" >&2
  (cd "$ROOT" && mvn -B -o -q -DskipTests package) || exit 3
fi
mapfile -t JVM_OPTIONS < <(grep -v -e '^\s*#' -e '^\s*$' "$ROOT/config/jvm.options")
RESULTS="$ROOT/loadtest/results/$(date -u +%Y%m%dT%H%M%SZ)-conference-capacity-$$"
mkdir -p "$RESULTS"
echo "[capacity] results in $RESULTS" >&2

run_one() { # rooms -> prints key=value, writes $RESULTS/rooms-N.txt; returns the harness's status
  local rooms="$1" extra=()
  [ "$JFR" = 1 ] && extra+=("-XX:StartFlightRecording=filename=$RESULTS/rooms-$rooms.jfr,settings=profile")
  # shellcheck disable=SC2086
  java "${JVM_OPTIONS[@]}" "${extra[@]}" ${CAPACITY_JAVA_OPTS:-} -cp "$JAR:$CLASSES" \
    kz.btcom.fs.loadtest.functional.ConferenceCapacity --rooms "$rooms" --seconds "$SECONDS_" --warmup "$WARMUP" \
    --port-min "$PORT_MIN" --media-threads "$THREADS" | tee "$RESULTS/rooms-$rooms.txt"
  return "${PIPESTATUS[0]}"
}

echo "[capacity] load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
STATUS=0
for rooms in ${SWEEP:-$ROOMS}; do
  echo "[capacity] --- $rooms rooms ---" >&2
  run_one "$rooms" || STATUS=1
done

# One row per run: the figures the goal is about.
get() { grep -m1 "^$2=" "$RESULTS/rooms-$1.txt" | cut -d= -f2; }
{
  printf '%-6s %-8s %-8s %-9s %-9s %-9s %-11s %-11s %-9s %-9s %-8s %s\n' rooms media% us/party p50_ms p99_ms \
    max_ms pkts/s expected min/party gen% others% result
  for rooms in ${SWEEP:-$ROOMS}; do
    [ -s "$RESULTS/rooms-$rooms.txt" ] || { echo "$rooms (no result)"; continue; }
    printf '%-6s %-8s %-8s %-9s %-9s %-9s %-11s %-11s %-9s %-9s %-8s %s\n' "$rooms" \
      "$(get "$rooms" media_cpu_core_pct)" "$(get "$rooms" media_cpu_us_per_party_tick)" \
      "$(get "$rooms" tick_lateness_ms_p50)" "$(get "$rooms" tick_lateness_ms_p99)" \
      "$(get "$rooms" tick_lateness_ms_max)" "$(get "$rooms" packets_received_per_s)" \
      "$(get "$rooms" packets_expected_per_s)" "$(get "$rooms" packets_min_per_party_per_s)" \
      "$(get "$rooms" generator_cpu_core_pct)" "$(get "$rooms" machine_others_core_pct)" "$(get "$rooms" result)"
  done
} | tee "$RESULTS/table.txt"
exit $STATUS
