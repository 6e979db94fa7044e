#!/usr/bin/env bash
# The highest call rate the feature server sustains with 0 failed calls (RFC 7501 "session establishment
# rate", searched RFC 7502 style): run-load.sh at a fixed rate for --duration seconds per step, step the rate up
# until a run fails, then halve the interval between the last passing and the first failing rate.
# Every step is a fresh, bounded run-load.sh run (fresh server JVM, fresh data dir).
# Other options are passed to run-load.sh unchanged (e.g. --transport tcp, --hold-ms 1000, --pairs 2,
# --no-server for the SIPp baseline, --kamailio for Kamailio's rate: a fresh Kamailio relay every step).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
START=200
STEP=200
MAX=20000
DURATION=30
RESOLUTION=50
PASS_THROUGH=()

usage() {
  cat <<EOF
usage: $0 [--start R] [--step R] [--max R] [--duration S] [--resolution R] [run-load.sh options...]
  --start R        first rate, calls/s (default $START)
  --step R         increase per step while runs pass (default $STEP)
  --max R          stop stepping at this rate (default $MAX)
  --duration S     seconds of traffic per step; calls = rate x S (default $DURATION)
  --resolution R   stop refining when first-fail - last-pass <= R (default $RESOLUTION)
Anything else goes to each step's run-load.sh: --pairs 2, --no-server (SIPp alone), --kamailio (the same steps
through a fresh Kamailio relay, loadtest/kamailio/relay.cfg: the yardstick)...
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --start|--step|--max|--duration|--resolution) [ $# -ge 2 ] || { usage >&2; exit 2; } ;;
  esac
  case "$1" in
    --start) START="$2"; shift 2 ;;
    --step) STEP="$2"; shift 2 ;;
    --max) MAX="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --resolution) RESOLUTION="$2"; shift 2 ;;
    --rate|--calls) echo "find-max-rate: $1 is chosen by the search" >&2; exit 2 ;;
    -h|--help) usage; exit 0 ;;
    *) PASS_THROUGH+=("$1"); shift ;;
  esac
done
for v in "$START" "$STEP" "$MAX" "$DURATION" "$RESOLUTION"; do
  [[ "$v" =~ ^[0-9]+$ ]] && [ "$v" -gt 0 ] || { usage >&2; exit 2; }
done

CHILD=
trap '[ -n "$CHILD" ] && kill -TERM "$CHILD" 2>/dev/null; wait 2>/dev/null' EXIT
trap 'exit 130' INT TERM

LOG="$HERE/results/find-max-rate-$(date -u +%Y%m%dT%H%M%SZ)-$$.txt"
mkdir -p "$HERE/results"

try_rate() { # rate -> 0 pass, 1 fail, 3 setup error (abort)
  local rate="$1" out rc
  out=$(mktemp)
  "$HERE/run-load.sh" --rate "$rate" --calls $((rate * DURATION)) --max-seconds $((DURATION + 40)) "${PASS_THROUGH[@]}" \
    >"$out" 2>/dev/null &
  CHILD=$!
  wait "$CHILD"
  rc=$?
  CHILD=
  local line
  line=$(grep -E '^(result|calls_successful|calls_failed|cps_reached|setup_ms_p50|setup_ms_p99|setup_ms_max|calls_in_progress|server_cpu_ms_per_call|kamailio_cpu_ms_per_call|retransmissions_caller|results_dir)=' "$out" | tr '\n' ' ')
  echo "rate=$rate exit=$rc $line" | tee -a "$LOG" >&2
  rm -f "$out"
  [ "$rc" -ge 2 ] && return 3
  return "$rc"
}

last_pass=0
first_fail=0
rate=$START
while [ "$rate" -le "$MAX" ]; do
  try_rate "$rate"
  rc=$?
  [ "$rc" -eq 3 ] && { echo "find-max-rate: run-load.sh could not set up a run; see above" >&2; exit 3; }
  if [ "$rc" -eq 0 ]; then last_pass=$rate; rate=$((rate + STEP)); else first_fail=$rate; break; fi
done
if [ "$first_fail" -gt 0 ]; then
  while [ $((first_fail - last_pass)) -gt "$RESOLUTION" ]; do
    rate=$(((last_pass + first_fail) / 2))
    try_rate "$rate"
    rc=$?
    [ "$rc" -eq 3 ] && exit 3
    if [ "$rc" -eq 0 ]; then last_pass=$rate; else first_fail=$rate; fi
  done
fi
echo "max_rate_zero_failures=$last_pass"
echo "first_failing_rate=$([ "$first_fail" -gt 0 ] && echo "$first_fail" || echo "none_up_to_$MAX")"
echo "duration_per_step_s=$DURATION"
echo "log=$LOG"
