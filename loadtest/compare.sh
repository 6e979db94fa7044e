#!/usr/bin/env bash
# The same SIPp load, in one run, through the feature server and through Kamailio (a plain stateful relay,
# loadtest/kamailio/relay.cfg), one after the other: both rates, setup times and CPU per call, and the ratio of
# the CPU per call. Each side is one run-load.sh run (run-load.sh --kamailio for Kamailio): same rate, calls,
# pairs and scenarios (scenarios/uac.xml, uas.xml), a fresh server and a fresh Kamailio, every port free on
# loopback. See loadtest/README.md "Comparing with Kamailio".
# Exit status: 0 both runs ran (calls that failed are reported, not an error); 2 bad usage; 3 a run could not be
# set up.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

DEFAULT_RATE=100
RATE=$DEFAULT_RATE
CALLS=
DURATION=
PAIRS=1
WARMUP_CALLS=0
KEEP=0
QUIET_LOAD=
RESULTS_ROOT="$HERE/results"

usage() {
  cat <<EOF
usage: $0 [options]
  --rate R            offered call rate, calls/s, over all pairs (default $DEFAULT_RATE)
  --calls N           calls to place on each side (default: rate x 10 s)
  --duration S        instead of --calls: S seconds of traffic on each side (calls = rate x S)
  --pairs P           SIPp caller/callee pairs (default $PAIRS)
  --warmup-calls N    the feature server's run places N calls first, not counted (its JIT warm, as a node in
                      service); Kamailio has no JIT and gets none (default $WARMUP_CALLS)
  --keep-results      keep both runs' directories (SIPp logs, server and Kamailio logs); by default they are
                      deleted unless a run failed, and only the summaries stay
  --wait-for-load L   before each side's run, wait (at most 10 minutes) until the 1-minute load average is at
                      most L: on a shared machine a neighbour's load lands on one side only
  --results-root DIR  where the comparison's directory goes (default loadtest/results)
EOF
}

die_usage() { echo "compare: $*" >&2; usage >&2; exit 2; }
log() { echo "[compare $(date +%H:%M:%S)] $*" >&2; }
is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }

while [ $# -gt 0 ]; do
  case "$1" in
    --rate|--calls|--duration|--pairs|--warmup-calls|--wait-for-load|--results-root) [ $# -ge 2 ] || die_usage "$1 needs a value" ;;
  esac
  case "$1" in
    --rate) RATE="$2"; shift 2 ;;
    --calls) CALLS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --pairs) PAIRS="$2"; shift 2 ;;
    --warmup-calls) WARMUP_CALLS="$2"; shift 2 ;;
    --keep-results) KEEP=1; shift ;;
    --wait-for-load) QUIET_LOAD="$2"; shift 2 ;;
    --results-root) RESULTS_ROOT="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die_usage "unknown option: $1" ;;
  esac
done
[[ "$RATE" =~ ^[0-9]+([.][0-9]+)?$ ]] && awk -v r="$RATE" 'BEGIN{exit !(r > 0)}' || die_usage "--rate must be a positive number"
[ -n "$CALLS" ] && [ -n "$DURATION" ] && die_usage "give --calls or --duration, not both"
if [ -n "$DURATION" ]; then
  is_uint "$DURATION" && [ "$DURATION" -ge 1 ] || die_usage "--duration must be a positive integer"
  CALLS=$(awk -v r="$RATE" -v s="$DURATION" 'BEGIN{printf "%d", r * s}')
fi
[ -n "$CALLS" ] || CALLS=$(awk -v r="$RATE" 'BEGIN{printf "%d", r * 10}')
is_uint "$CALLS" && [ "$CALLS" -ge 1 ] || die_usage "--calls must be a positive integer"
is_uint "$PAIRS" && [ "$PAIRS" -ge 1 ] && [ "$PAIRS" -le "$CALLS" ] || die_usage "--pairs must be 1..calls"
is_uint "$WARMUP_CALLS" || die_usage "--warmup-calls must be a non-negative integer"
[ -z "$QUIET_LOAD" ] || [[ "$QUIET_LOAD" =~ ^[0-9]+([.][0-9]+)?$ ]] || die_usage "--wait-for-load must be a number"

# run-load.sh stops what it started when it is sent SIGTERM; this script forwards Ctrl-C/SIGTERM to it.
CHILD=
trap '[ -n "$CHILD" ] && kill -TERM "$CHILD" 2>/dev/null; wait 2>/dev/null' EXIT
trap 'log "interrupted"; exit 130' INT TERM

DIR="$RESULTS_ROOT/$(date -u +%Y%m%dT%H%M%SZ)-compare-r$RATE-n$CALLS-p$PAIRS-$$"
mkdir -p "$DIR" || exit 3

wait_for_load() {
  [ -n "$QUIET_LOAD" ] || return 0
  local deadline=$((SECONDS + 600)) load
  while :; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    awk -v l="$load" -v q="$QUIET_LOAD" 'BEGIN{exit !(l <= q)}' && return 0
    [ "$SECONDS" -ge "$deadline" ] && { log "load $load still above $QUIET_LOAD after 10 minutes: running anyway"; return 0; }
    log "load $load above $QUIET_LOAD: waiting"
    sleep 15 &
    wait $!
  done
}

run_side() { # name, run-load.sh options...: runs it, its summary in $DIR/<name>.txt; returns its exit status
  local name="$1" rc
  shift
  wait_for_load
  log "$name: run-load.sh $*"
  "$HERE/run-load.sh" "$@" --results-root "$DIR" >"$DIR/$name.txt" &
  CHILD=$!
  wait "$CHILD"
  rc=$?
  CHILD=
  [ "$rc" -ge 128 ] && { log "$name: run-load.sh was stopped by a signal (exit $rc)"; exit "$rc"; }
  log "$name: exit $rc ($(grep -E '^(result|fail_reasons)=' "$DIR/$name.txt" | tr '\n' ' '))"
  return "$rc"
}

COMMON=(--rate "$RATE" --calls "$CALLS" --pairs "$PAIRS")
FS_OPTS=("${COMMON[@]}")
[ "$WARMUP_CALLS" -gt 0 ] && FS_OPTS+=(--warmup-calls "$WARMUP_CALLS")
run_side feature-server "${FS_OPTS[@]}"
FS_RC=$?
[ "$FS_RC" -ge 2 ] && { log "the feature server's run could not be set up; see $DIR/feature-server.txt"; cat "$DIR/feature-server.txt"; exit 3; }
run_side kamailio --kamailio "${COMMON[@]}"
KAM_RC=$?
[ "$KAM_RC" -ge 2 ] && { log "Kamailio's run could not be set up; see $DIR/kamailio.txt"; cat "$DIR/kamailio.txt"; exit 3; }

val() { # side key
  awk -F= -v k="$2" '$1 == k { sub(/^[^=]*=/, ""); print; f = 1; exit } END { if (!f) print "NA" }' "$DIR/$1.txt"
}
FS_CPU=$(val feature-server server_cpu_ms_per_call)
KAM_CPU=$(val kamailio kamailio_cpu_ms_per_call)
RATIO=$(awk -v a="$FS_CPU" -v b="$KAM_CPU" 'BEGIN{ if (a == "NA" || b == "NA" || b + 0 <= 0) print "NA"; else printf "%.2f", a / b }')

{
  echo "compare: $CALLS calls at $RATE calls/s, $PAIRS pair(s), scenario plain over UDP$([ "$WARMUP_CALLS" -gt 0 ] && echo ", the server warmed with $WARMUP_CALLS calls first")"
  row() { printf '%-26s %-16s %-16s\n' "$1" "$2" "$3"; }
  both() { row "$1" "$(val feature-server "$2")" "$(val kamailio "$3")"; }
  row "" feature-server kamailio
  both "result" result result
  both "calls offered" calls_attempted calls_attempted
  both "calls successful" calls_successful calls_successful
  both "calls failed" calls_failed calls_failed
  both "cps reached" cps_reached cps_reached
  row "setup ms p50 / p99" "$(val feature-server setup_ms_p50) / $(val feature-server setup_ms_p99)" \
    "$(val kamailio setup_ms_p50) / $(val kamailio setup_ms_p99)"
  both "retransmissions (caller)" retransmissions_caller retransmissions_caller
  row "cpu ms per call" "$FS_CPU" "$KAM_CPU"
  both "sipp cpu ms per call" sipp_cpu_ms_per_call sipp_cpu_ms_per_call
  both "host load 1m before" host_load_1m_before host_load_1m_before
  echo "cpu per call, feature-server / kamailio: $RATIO"
  echo
  echo "fs_result=$(val feature-server result)"
  echo "fs_cpu_ms_per_call=$FS_CPU"
  echo "kamailio_result=$(val kamailio result)"
  echo "kamailio_cpu_ms_per_call=$KAM_CPU"
  echo "cpu_ratio_fs_to_kamailio=$RATIO"
} | tee "$DIR/summary.txt"

# The runs' directories hold every SIPp log: large at high rates. Kept when asked, or when a run failed.
if [ "$KEEP" -eq 1 ] || [ "$FS_RC" -ne 0 ] || [ "$KAM_RC" -ne 0 ]; then
  echo "results_dir=$DIR (both runs' directories kept)"
else
  for side in feature-server kamailio; do
    d=$(val "$side" results_dir)
    [ "$d" != NA ] && [ -d "$d" ] && [ "${d#"$DIR"/}" != "$d" ] && rm -rf "$d"
  done
  echo "results_dir=$DIR (summaries only; --keep-results keeps the runs' directories)"
fi
exit 0
