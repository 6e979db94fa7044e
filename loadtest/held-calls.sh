#!/usr/bin/env bash
# Answered calls held at once: what each costs in heap, and what the dialog keep-alives cost in CPU while they are
# held (issue 16). One bounded run-load.sh run (fresh server with the shipped JVM flags, SIPp caller and callee):
# CALLS calls set up at RATE and held, the server's cap on calls in progress raised to match. Measured:
#   - the live heap (jcmd GC.class_histogram, a full collection first) as the calls start and with all of them
#     held, 10 s after the last set-up: the difference over the calls is one held call's heap, broken down by
#     who owns the objects (our code, JAIN-SIP, byte arrays, strings, the rest: the JDK's collections...);
#   - the server's CPU over a window of KEEPALIVE seconds with every call held and nothing else happening: each call
#     gets one OPTIONS in its dialog per party in that window (its keep-alive), so that CPU over that time is what
#     keeping CALLS calls alive costs, idle timers included.
# Then the calls are hung up (SIPp's BYEs) and the run ends as any run-load.sh run does.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CALLS=40000
RATE=500
KEEPALIVE=60
JAR_ARGS=()

usage() {
  cat <<EOF
usage: $0 [--calls N] [--rate R] [--keep-alive-seconds K] [--jar FILE]
  --calls N               calls to set up and hold at once (default $CALLS)
  --rate R                set-up rate, calls/s (default $RATE)
  --keep-alive-seconds K  the server's sip.keepAliveSeconds for the run, also the CPU window (default $KEEPALIVE;
                          the shipped 120 s makes a run two minutes longer for the same figure)
  --jar FILE              the server jar (default feature-server/target/feature-server.jar)
Prints key=value lines; the run-load.sh summary of the run follows them.
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --calls) CALLS="${2:-}"; shift 2 ;;
    --rate) RATE="${2:-}"; shift 2 ;;
    --keep-alive-seconds) KEEPALIVE="${2:-}"; shift 2 ;;
    --jar) JAR_ARGS=(--jar "${2:-}"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "held-calls: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
for v in "$CALLS" "$RATE" "$KEEPALIVE"; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "held-calls: --calls, --rate and --keep-alive-seconds take positive integers" >&2; exit 2; }
done
[ "$KEEPALIVE" -ge 30 ] || { echo "held-calls: --keep-alive-seconds must be 30 or more (the set-ups must be over first)" >&2; exit 2; }
command -v jcmd >/dev/null || { echo "held-calls: jcmd (the JDK's) is needed" >&2; exit 3; }

log() { echo "[held-calls $(date +%H:%M:%S)] $*" >&2; }
WORK="$(mktemp -d)"
RUN=
# run-load.sh stops its server and SIPp when it is stopped itself.
trap '[ -n "$RUN" ] && kill "$RUN" 2>/dev/null && wait "$RUN"; rm -rf "$WORK"' EXIT
cat >"$WORK/config.yaml" <<EOF
sip:
  maxCallsInProgress: $((CALLS + 1000))
  keepAliveSeconds: $KEEPALIVE
EOF

RAMP_S=$(( (CALLS + RATE - 1) / RATE ))
# One SIPp pair holds at most what its open-files limit lets run-load.sh give it (-l): 15,000 a pair.
PAIRS=$(( (CALLS + 14999) / 15000 ))
# Held through: the ramp, 10 s to settle, the histogram, the CPU window, and slack; SIPp waits that long for the BYE.
HOLD_S=$((RAMP_S + 20 + KEEPALIVE + 40))
"$HERE/run-load.sh" "${JAR_ARGS[@]}" --rate "$RATE" --calls "$CALLS" --pairs "$PAIRS" --hold-ms $((HOLD_S * 1000)) \
  --server-config "$WORK/config.yaml" --settle-seconds 20 \
  --recv-timeout-ms $(((HOLD_S + 60) * 1000)) >"$WORK/run.out" 2>"$WORK/run.err" &
RUN=$!

in_progress() { curl -sf -m 2 "$METRICS" | awk '$1 == "fs_calls_in_progress" { printf "%d", $2 }'; }
# Live heap by owner: our code, JAIN-SIP, the JDK's collections and the like, byte arrays and strings.
histogram() {
  jcmd "$PID" GC.class_histogram >"$WORK/$1.txt" || return 1
  awk '/^ *[0-9]+:/ { b = $3; c = $4;
         if (c ~ /^kz\.btcom/) o = "ours"; else if (c ~ /^gov\.nist|^javax\.sip/) o = "jainsip";
         else if (c ~ /^\[B/) o = "bytes"; else if (c ~ /^java\.lang\.String$/) o = "strings"; else o = "other";
         s[o] += b; t += b }
       END { printf "total=%d ours=%d jainsip=%d bytes=%d strings=%d other=%d\n", t, s["ours"], s["jainsip"], s["bytes"], s["strings"], s["other"] }' \
    "$WORK/$1.txt"
}
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'; }

deadline=$(($(date +%s) + 180))
until grep -q "server healthy" "$WORK/run.err" 2>/dev/null; do
  kill -0 $RUN 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ] || { cat "$WORK/run.err" >&2; exit 3; }
  sleep 0.5
done
HTTP=$(sed -n 's/.*HTTP \([0-9.]*:[0-9]*\).*/\1/p' "$WORK/run.err" | head -1)
METRICS="http://$HTTP/metrics"

# Until the set-ups are over: CALLS in progress, or the count still for 5 s after the ramp's time (a call the
# server shed when the first histogram's full collection stalled it is not held; the figures count those held).
wait_for_calls() {
  local until=$(($(date +%s) + RAMP_S + 120)) ramp_end=$(($(date +%s) + RAMP_S)) n last=-1 still=0
  while :; do
    n=$(in_progress)
    [ -n "$n" ] && [ "$n" -ge "$CALLS" ] && return 0
    if [ -n "$n" ] && [ "$n" = "$last" ] && [ "$(date +%s)" -ge "$ramp_end" ]; then
      still=$((still + 1)); [ "$still" -ge 10 ] && return 0
    else
      still=0
    fi
    last=$n
    kill -0 $RUN 2>/dev/null && [ "$(date +%s)" -lt "$until" ] || { log "only ${n:-no} calls in progress, $CALLS awaited"; return 1; }
    sleep 0.5
  done
}

# The empty server's heap, as SIPp starts: a few calls in at most, counted.
PID=$(sed -n 's/.*server healthy (pid \([0-9]*\)).*/\1/p' "$WORK/run.err" | head -1)
H1=$(histogram empty) || exit 3
N1=$(in_progress)
log "setting up $CALLS calls at $RATE calls/s and holding them"
wait_for_calls || { kill $RUN; wait $RUN; cat "$WORK/run.out"; exit 1; }
sleep 10
H2=$(histogram full) || exit 3
N2=$(in_progress)
[ "$N2" -gt "$N1" ] || { log "no calls held ($N2)"; exit 1; }
log "$N2 calls held; measuring the server's CPU for $KEEPALIVE s"
TICKS=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$PID/stat"; }
C0=$(cpu_ticks); T0=$(date +%s.%N)
sleep "$KEEPALIVE"
C1=$(cpu_ticks); T1=$(date +%s.%N)
N3=$(in_progress)
log "hanging up"
wait $RUN
RC=$?

echo "calls_held=$N2"
echo "calls_held_after_window=$N3"
for k in total ours jainsip bytes strings other; do
  a=$(field "$H1" $k); b=$(field "$H2" $k)
  echo "heap_per_call_${k}_bytes=$(( (b - a) / (N2 - N1) ))"
done
echo "live_heap_at_${N1}_calls_mb=$(( $(field "$H1" total) / 1048576 ))"
echo "live_heap_at_${N2}_calls_mb=$(( $(field "$H2" total) / 1048576 ))"
awk -v c0="$C0" -v c1="$C1" -v t0="$T0" -v t1="$T1" -v hz="$TICKS" -v n="$N2" -v k="$KEEPALIVE" 'BEGIN {
  cores = (c1 - c0) / hz / (t1 - t0)
  printf "keepalive_window_s=%.1f\nkeepalive_options_per_s=%.0f\nserver_cpu_cores_while_held=%.3f\n", t1 - t0, 2 * n / k, cores
  printf "server_cpu_us_per_keepalive_options=%.0f\n", cores * 1e6 / (2 * n / k)
  printf "server_cpu_cores_for_100000_calls_at_120_s=%.3f\n", cores * 1e6 / (2 * n / k) * (200000 / 120) / 1e6 }'
echo "----- run-load.sh"
cat "$WORK/run.out"
exit $RC
