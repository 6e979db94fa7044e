#!/usr/bin/env bash
# SIPp load / end-to-end harness for the feature server. See loadtest/README.md.
#
# Starts the server jar on free loopback ports, SIPp callee(s) behind it, then SIPp caller(s) at a fixed rate,
# waits (bounded) for the run to end, stops everything, and prints a key=value summary. With --kamailio the same
# calls go through Kamailio (loadtest/kamailio/relay.cfg, a plain stateful relay) instead: the yardstick.
# Exit status: 0 all calls succeeded and no call left in progress; 1 a call failed or calls are left in
# progress; 2 bad usage; 3 the run could not be set up (server did not start, SIPp could not start...).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SCENARIOS="$HERE/scenarios"
JAR="$ROOT/feature-server/target/feature-server.jar"

RATE=100
CALLS=500
SCENARIO=plain
TRANSPORT=udp
HOLD_MS=0
PAIRS=1
MAX_SECONDS=
NO_SERVER=0
KAMAILIO_RELAY=0
TARGET=
SERVICE=77272777888
CALLER=77172123456
RESULTS_ROOT="$HERE/results"
HEALTH_TIMEOUT=60
RECV_TIMEOUT_MS=10000
SETTLE_SECONDS=
SERVER_CONFIG=
TRACE_MSG=0
WARMUP_CALLS=0
LINES=0
LOOPBACK=127.0.0.1

usage() {
  cat <<EOF
usage: $0 [options]
  --rate R               offered call rate, calls/s, over all pairs (default $RATE)
  --calls N              calls to place, over all pairs (default $CALLS)
  --scenario S           plain | callee-hangup | cancel | shed (default $SCENARIO); shed: the caller takes a 503
                         as an answer, and the summary counts calls answered, refused, refused and relayed
  --transport T          udp | tcp (default $TRANSPORT)
  --hold-ms MS           hold time (plain: caller hangs up after MS; callee-hangup: callee does;
                         cancel: ringing time before the CANCEL) (default $HOLD_MS)
  --pairs P              SIPp caller/callee pairs; with P > 1 each caller sends a Route to its own callee
                         behind the server (default $PAIRS)
  --max-seconds S        hard bound on the traffic phase (default calls/rate + hold + 30)
  --no-server            baseline: SIPp caller -> callee directly, no feature server
  --kamailio             the calls go through Kamailio instead of the feature server: a stateful relay
                         (loadtest/kamailio/relay.cfg) started on a free loopback port, each caller sending
                         Route: <sip:KAMAILIO;lr>, <sip:CALLEE;lr>; the summary has kamailio_cpu_ms_per_call
                         (all its processes). UDP only, not --scenario cancel; Debian's kamailio is
                         installed when missing
  --target HOST:PORT     with --no-server or --kamailio: where the (first) callee listens (HOST must be $LOOPBACK)
  --service NUMBER       called number (Request-URI user) (default $SERVICE)
  --caller NUMBER        calling number (From, P-Asserted-Identity) (default $CALLER)
  --recv-timeout-ms MS   SIPp receive timeout per expected message (default $RECV_TIMEOUT_MS)
  --health-timeout S     how long to wait for the server's /health (default $HEALTH_TIMEOUT)
  --settle-seconds S     how long to wait for fs_calls_in_progress to reach 0 after the run (default 10; shed: 40,
                         longer than the transaction timeout of 32 s)
  --server-config FILE   start the server with --config FILE (e.g. a low sip.maxCallsInProgress to force shedding)
  --warmup-calls N       first N plain calls at the same rate through the fresh server, left out of the SIPp figures
                         (the server's own counters include them): its JIT warmed as a node's in service is; a cold
                         JVM's first seconds are what runs without this measure
  --lines N              the full chain: N calling and N called lines provisioned over the API before the run
                         (caller 7717230xxxx, callee 7717240xxxx; CLIP, call waiting on, forwarding on no reply,
                         barring level 0, last-caller return, MCID, three-way), call i from caller i to callee i
                         (uac-lines.xml): both lines' services and the journal in every call. Plain, one pair
  --trace-msg            SIPp -trace_msg: every message in <run>/caller-N|callee-N/*_messages.log (large!)
  --results-root DIR     where per-run result directories go (default loadtest/results)
  --jar FILE             the server jar to run (default feature-server/target/feature-server.jar): the build
                         before a change, kept aside, for a before/after pair measured the same day
Environment: FS_JAVA_OPTS extra JVM options for the server.
EOF
}

die_usage() { echo "run-load: $*" >&2; usage >&2; exit 2; }
log() { echo "[run-load $(date +%H:%M:%S)] $*" >&2; }

is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }
is_num() { [[ "$1" =~ ^[0-9]+([.][0-9]+)?$ ]]; }

while [ $# -gt 0 ]; do
  case "$1" in
    --rate|--calls|--scenario|--transport|--hold-ms|--pairs|--max-seconds|--target|--service|--caller|\
    --recv-timeout-ms|--health-timeout|--settle-seconds|--results-root|--server-config|--warmup-calls|--jar)
      [ $# -ge 2 ] || die_usage "$1 needs a value" ;;
  esac
  case "$1" in
    --rate) RATE="${2:-}"; shift 2 ;;
    --calls) CALLS="${2:-}"; shift 2 ;;
    --scenario) SCENARIO="${2:-}"; shift 2 ;;
    --transport) TRANSPORT="${2:-}"; shift 2 ;;
    --hold-ms) HOLD_MS="${2:-}"; shift 2 ;;
    --pairs) PAIRS="${2:-}"; shift 2 ;;
    --max-seconds) MAX_SECONDS="${2:-}"; shift 2 ;;
    --no-server) NO_SERVER=1; shift ;;
    --kamailio) KAMAILIO_RELAY=1; shift ;;
    --target) TARGET="${2:-}"; shift 2 ;;
    --service) SERVICE="${2:-}"; shift 2 ;;
    --caller) CALLER="${2:-}"; shift 2 ;;
    --recv-timeout-ms) RECV_TIMEOUT_MS="${2:-}"; shift 2 ;;
    --health-timeout) HEALTH_TIMEOUT="${2:-}"; shift 2 ;;
    --settle-seconds) SETTLE_SECONDS="${2:-}"; shift 2 ;;
    --trace-msg) TRACE_MSG=1; shift ;;
    --results-root) RESULTS_ROOT="${2:-}"; shift 2 ;;
    --server-config) SERVER_CONFIG="${2:-}"; shift 2 ;;
    --warmup-calls) WARMUP_CALLS="${2:-}"; shift 2 ;;
    --lines) LINES="${2:-}"; shift 2 ;;
    --jar) JAR="$(cd "$(dirname "${2:-}")" && pwd)/$(basename "${2:-}")"; [ -f "$JAR" ] || die_usage "--jar: no file $2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die_usage "unknown option: $1" ;;
  esac
done

is_num "$RATE" && awk -v r="$RATE" 'BEGIN{exit !(r > 0)}' || die_usage "--rate must be a positive number"
is_uint "$CALLS" && [ "$CALLS" -ge 1 ] || die_usage "--calls must be a positive integer"
is_uint "$HOLD_MS" || die_usage "--hold-ms must be a non-negative integer"
is_uint "$WARMUP_CALLS" || die_usage "--warmup-calls must be a non-negative integer"
is_uint "$LINES" && [ "$LINES" -le 9999 ] || die_usage "--lines must be an integer from 0 to 9999"
if [ "$LINES" -gt 0 ]; then
  [ "$NO_SERVER" -eq 0 ] && [ "$KAMAILIO_RELAY" -eq 0 ] || die_usage "--lines provisions the feature server's lines"
  [ "$PAIRS" -eq 1 ] && [ "$SCENARIO" = plain ] || die_usage "--lines goes with --scenario plain and --pairs 1"
fi
is_uint "$PAIRS" && [ "$PAIRS" -ge 1 ] && [ "$PAIRS" -le "$CALLS" ] || die_usage "--pairs must be 1..calls"
is_uint "$RECV_TIMEOUT_MS" && [ "$RECV_TIMEOUT_MS" -ge 100 ] || die_usage "--recv-timeout-ms must be >= 100"
is_uint "$HEALTH_TIMEOUT" || die_usage "--health-timeout must be an integer"
[ -z "$SETTLE_SECONDS" ] && { [ "$SCENARIO" = shed ] && SETTLE_SECONDS=40 || SETTLE_SECONDS=10; }
is_uint "$SETTLE_SECONDS" || die_usage "--settle-seconds must be an integer"
if [ -n "$SERVER_CONFIG" ]; then
  [ "$NO_SERVER" -eq 0 ] || die_usage "--server-config goes with a server, not --no-server"
  [ -f "$SERVER_CONFIG" ] || die_usage "--server-config: no such file: $SERVER_CONFIG"
  SERVER_CONFIG="$(cd "$(dirname "$SERVER_CONFIG")" && pwd)/$(basename "$SERVER_CONFIG")"
fi
if [ "$KAMAILIO_RELAY" -eq 1 ]; then
  [ "$NO_SERVER" -eq 0 ] || die_usage "--kamailio and --no-server exclude each other"
  [ -z "$SERVER_CONFIG" ] || die_usage "--server-config goes with the feature server, not --kamailio"
  [ "$WARMUP_CALLS" -eq 0 ] || die_usage "--warmup-calls warms the server's JIT: not for --kamailio"
  [ "$TRANSPORT" = udp ] || die_usage "--kamailio relays UDP only (loadtest/kamailio/relay.cfg)"
  # A proxy's CANCEL carries its own Via only, and uas-ringing-cancel.xml answers the INVITE with the INVITE's
  # first Via (SIPp's ereg keeps one): through the server (one Via) that is all of them, through a proxy the
  # 487 loses the caller's Via and cannot be relayed back.
  [ "$SCENARIO" != cancel ] || die_usage "--scenario cancel does not pass a proxy: uas-ringing-cancel.xml answers with the INVITE's first Via only"
  # The callees are behind a relay, not the server: they are handled as in the baseline.
  NO_SERVER=1
fi
[[ "$SERVICE" =~ ^\+?[0-9*#]+$ ]] || die_usage "--service must be a number"
[[ "$CALLER" =~ ^\+?[0-9]+$ ]] || die_usage "--caller must be a number"
case "$SCENARIO" in
  plain) UAC=uac.xml; UAS=uas.xml ;;
  callee-hangup) UAC=uac-callee-hangup.xml; UAS=uas-hangup.xml ;;
  cancel) UAC=uac-cancel.xml; UAS=uas-ringing-cancel.xml ;;
  shed) UAC=uac-shed.xml; UAS=uas-shed.xml ;;
  *) die_usage "--scenario must be plain, callee-hangup, cancel or shed" ;;
esac
case "$TRANSPORT" in
  udp) SIPP_T=u1; URI_T="" ;;
  tcp) SIPP_T=t1; URI_T=";transport=tcp" ;;
  *) die_usage "--transport must be udp or tcp" ;;
esac
TARGET_PORT=
if [ -n "$TARGET" ]; then
  [ "$NO_SERVER" -eq 1 ] || die_usage "--target only goes with --no-server or --kamailio"
  [[ "$TARGET" =~ ^([0-9.]+):([0-9]+)$ ]] || die_usage "--target must be HOST:PORT"
  [ "${BASH_REMATCH[1]}" = "$LOOPBACK" ] || die_usage "--target host must be $LOOPBACK (traffic stays on loopback)"
  TARGET_PORT="${BASH_REMATCH[2]}"
fi
# Default bound: the time to place all calls, the hold time, and 30 s for stragglers.
if [ -z "$MAX_SECONDS" ]; then
  MAX_SECONDS=$(awk -v n="$CALLS" -v r="$RATE" -v h="$HOLD_MS" 'BEGIN{printf "%d", n / r + h / 1000 + 31}')
fi
is_uint "$MAX_SECONDS" && [ "$MAX_SECONDS" -ge 1 ] || die_usage "--max-seconds must be a positive integer"

# ---------------------------------------------------------------------------------------------------------
# Processes: every one we start is recorded, and stopped on exit (also on failure, Ctrl-C, SIGTERM).
PIDS=()
SERVER_PID=
KAM_PID=
KAM_CHILDREN=()
WATCHDOG_PID=
RUN_DIR=

stop_pid() { # pid, seconds to wait after SIGTERM before SIGKILL
  local pid="$1" grace="$2" i
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid did not stop on SIGTERM; SIGKILL"
    kill -KILL "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
  return 0
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local pid i alive
  for pid in "${PIDS[@]}"; do stop_pid "$pid" 2; done
  [ -n "$SERVER_PID" ] && stop_pid "$SERVER_PID" 15
  # Kamailio -DD: the process started stays as the "creator" while its child, the main process, runs the
  # workers; SIGTERM to the creator alone leaves the rest running. Its main process stops the workers.
  if [ -n "$KAM_PID" ]; then
    for pid in "${KAM_CHILDREN[@]}"; do
      [ "$(awk '{ sub(/^.*\) /, ""); print $2 }' "/proc/$pid/stat" 2>/dev/null)" = "$KAM_PID" ] && kill -TERM "$pid" 2>/dev/null
    done
    stop_pid "$KAM_PID" 5
    for ((i = 0; i < 50; i++)); do
      alive=0
      for pid in "${KAM_CHILDREN[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [ "$alive" -eq 0 ] && break
      sleep 0.1
    done
    for pid in "${KAM_CHILDREN[@]}"; do kill -KILL "$pid" 2>/dev/null; done
  fi
  [ -n "$WATCHDOG_PID" ] && { kill -KILL "$WATCHDOG_PID" 2>/dev/null; wait "$WATCHDOG_PID" 2>/dev/null; }
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

track() { # pid: remember it for cleanup and for the watchdog
  PIDS+=("$1")
  echo "$1" >>"$RUN_DIR/pids"
}

# If this script is killed with SIGKILL (no trap runs), a watchdog stops what it started.
start_watchdog() {
  local me=$$ pids="$RUN_DIR/pids"
  (
    while kill -0 "$me" 2>/dev/null; do sleep 1; done
    [ -f "$pids" ] && while read -r p; do kill -TERM "$p" 2>/dev/null; done <"$pids"
    sleep 5
    [ -f "$pids" ] && while read -r p; do kill -KILL "$p" 2>/dev/null; done <"$pids"
  ) </dev/null >/dev/null 2>&1 &
  WATCHDOG_PID=$!
}

# ---------------------------------------------------------------------------------------------------------
ensure_sipp() {
  command -v sipp >/dev/null 2>&1 && return 0
  log "sipp not found: installing the Debian package sip-tester"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo -n"
  $sudo apt-get update && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y sip-tester
  command -v sipp >/dev/null 2>&1 || { log "could not install sipp (apt-get install -y sip-tester)"; exit 3; }
}

ensure_kamailio() {
  KAMAILIO="$(command -v kamailio || ls /usr/sbin/kamailio 2>/dev/null || true)"
  [ -n "$KAMAILIO" ] && return 0
  log "kamailio not found: installing the Debian package kamailio"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo -n"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y kamailio \
    || { $sudo apt-get update && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y kamailio; }
  KAMAILIO="$(command -v kamailio || ls /usr/sbin/kamailio 2>/dev/null || true)"
  [ -n "$KAMAILIO" ] || { log "could not install kamailio (apt-get install -y kamailio)"; exit 3; }
}

ensure_jar() {
  [ -f "$JAR" ] && return 0
  log "$JAR missing: building (mvn -q -B -DskipTests package)"
  (cd "$ROOT" && mvn -q -B -DskipTests package) || { log "build failed"; exit 3; }
  [ -f "$JAR" ] || { log "build did not produce $JAR"; exit 3; }
}

# Ports in use on this host (TCP and UDP, v4 and v6), from /proc: no extra tools needed.
declare -A TAKEN=()
refresh_used_ports() {
  local hex
  while read -r hex; do
    TAKEN[$((16#$hex))]=1
  done < <(awk 'FNR > 1 { n = split($2, a, ":"); print a[n] }' /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6 2>/dev/null)
}
PICKED=
pick_port() { # sets PICKED to a port free for TCP and UDP, below the ephemeral range, not handed out before
  local p i
  refresh_used_ports
  for ((i = 0; i < 1000; i++)); do
    p=$((20000 + RANDOM % 12000))
    if [ -z "${TAKEN[$p]:-}" ]; then
      TAKEN[$p]=1
      PICKED=$p
      return 0
    fi
  done
  log "no free port found"
  exit 3
}
port_bound() { # port: is something bound to it (TCP listen or UDP)?
  local want
  want=$(printf '%04X' "$1")
  awk -v w="$want" 'FNR > 1 { n = split($2, a, ":"); if (a[n] == w) f = 1 } END { exit !f }' \
    /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6 2>/dev/null
}
wait_bound() { # port pid what
  local i
  for ((i = 0; i < 100; i++)); do
    port_bound "$1" && return 0
    kill -0 "$2" 2>/dev/null || { log "$3 exited before binding port $1"; return 1; }
    sleep 0.05
  done
  log "$3 did not bind port $1 within 5 s"
  return 1
}

now_ms() { date +%s%3N; }
times_children_s() { # file written by `times` (run in this shell, not a subshell): reaped children's CPU s
  awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] } printf "%.3f", t }' "$1"
}
proc_cpu_s() { # pid: user+sys CPU seconds so far
  local tck
  tck=$(getconf CLK_TCK)
  awk -v t="$tck" '{ sub(/^.*\) /, ""); printf "%.3f", ($12 + $13) / t }' "/proc/$1/stat" 2>/dev/null || echo 0
}
descendants() { # pid: the pids of its children, their children... (from /proc: the ppid is stat's 4th field)
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v root="$1" '
    { pid = $1; sub(/^.*\) /, ""); ppid[pid] = $2 }
    END { t[root] = 1; do { more = 0; for (p in ppid) if (!(p in t) && (ppid[p] in t)) { t[p] = 1; more = 1 } } while (more)
          for (p in t) if (p != root) print p }'
}
tree_cpu_s() { # pid: user+sys CPU seconds so far of it and its descendants (Kamailio: main, workers, timers)
  local total=0 p
  for p in "$1" $(descendants "$1"); do total=$(awk -v a="$total" -v b="$(proc_cpu_s "$p")" 'BEGIN{printf "%.3f", a + b}'); done
  echo "$total"
}
metric() { # file name: value of an unlabelled metric (whole numbers without ".0"), or empty
  awk -v m="$2" '$1 == m { v = $2; if (v ~ /^[0-9.eE+-]+$/ && v + 0 == int(v + 0)) v = sprintf("%d", v); print v; exit }' "$1" 2>/dev/null
}

# ---------------------------------------------------------------------------------------------------------
ensure_sipp
[ "$NO_SERVER" -eq 1 ] || ensure_jar
[ "$KAMAILIO_RELAY" -eq 1 ] && ensure_kamailio

MODE=server
[ "$NO_SERVER" -eq 1 ] && MODE=direct
[ "$KAMAILIO_RELAY" -eq 1 ] && MODE=kamailio
RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)-$MODE-$SCENARIO-$TRANSPORT-r$RATE-n$CALLS-p$PAIRS-$$"
RUN_DIR="$RESULTS_ROOT/$RUN_ID"
mkdir -p "$RUN_DIR/bin" || exit 3
: >"$RUN_DIR/pids"
# SIPp runs under its own name: on a shared box someone's `pkill sipp` (seen here: a colleague's scratch
# script) would otherwise end this run's SIPp in the middle and the run would look flaky.
SIPP="$RUN_DIR/bin/lt-sip-tester"
ln -s "$(command -v sipp)" "$SIPP" || exit 3
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
awk -v l="$LOAD_BEFORE" -v n="$(nproc 2>/dev/null || echo 1)" 'BEGIN{exit !(l > n / 2)}' &&
  log "warning: load average $LOAD_BEFORE on $(nproc) CPUs before the run: rates and latencies will be off"
start_watchdog
log "results in $RUN_DIR"

# Ports.
CALLEE_PORTS=()
CALLER_PORTS=()
for ((i = 0; i < PAIRS; i++)); do
  if [ "$i" -eq 0 ] && [ -n "$TARGET_PORT" ]; then CALLEE_PORTS+=("$TARGET_PORT"); TAKEN[$TARGET_PORT]=1
  else pick_port; CALLEE_PORTS+=("$PICKED"); fi
  pick_port; CALLER_PORTS+=("$PICKED")
done

# The server.
SIP_PORT=
# --lines: each line through the operator API (the token the server made in its data directory), as an operator
# would; every call then finds both its lines, runs their services and is journaled and charged.
LINE_PROFILE='{"status":"active","services":{"clip":true,"callWaiting":{"subscribed":true,"active":true},
"forwarding":{"subscribed":true,"noReply":"77172999999","noReplySeconds":20},"barring":{"subscribed":true,"level":0},
"callReturn":{"subscribed":true},"mcid":{"subscribed":true},"threeWay":{"subscribed":true}}}'
provision_lines() {
  local token api i
  token="$(cat "$RUN_DIR/server/data/admin-token" 2>/dev/null)" || { log "no admin token in the data directory"; return 1; }
  api="http://$LOOPBACK:$HTTP_PORT/api/v1/subscribers"
  log "provisioning $LINES calling and $LINES called lines"
  echo SEQUENTIAL >"$RUN_DIR/lines.csv"
  for ((i = 0; i < LINES; i++)); do
    printf '7717230%04d\n7717240%04d\n' "$i" "$i"
    printf '7717230%04d;7717240%04d;\n' "$i" "$i" >>"$RUN_DIR/lines.csv"
  done | xargs -P 4 -I{} curl -sf -m 10 -o /dev/null -X PUT -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -d "$LINE_PROFILE" "$api/{}" \
    || { log "a line could not be provisioned (PUT $api/...)"; return 1; }
  [ "$(curl -sf -m 10 -H "Authorization: Bearer $token" "$api?prefix=771723&limit=1000" | grep -o '"number"' | wc -l)" -ge \
    "$((LINES < 1000 ? LINES : 1000))" ] || { log "the provisioned lines are not listed"; return 1; }
}

HTTP_PORT=
METRICS_URL=
if [ "$MODE" = server ]; then
  pick_port; SIP_PORT=$PICKED
  pick_port; HTTP_PORT=$PICKED
  METRICS_URL="http://$LOOPBACK:$HTTP_PORT/metrics"
  mkdir -p "$RUN_DIR/server/data"
  # chronicle.analytics.disable: the journal library must not phone home (traffic stays on loopback).
  # -Xlog:gc: the latency tail of a JVM B2BUA is GC (ARCHITECTURE.md); the summary reports the pauses.
  # The JVM flags the server ships with (config/jvm.options), as ./feature-server.sh starts it.
  mapfile -t JVM_OPTIONS < <(grep -v -e '^\s*#' -e '^\s*$' "$ROOT/config/jvm.options")
  SERVER_CMD=(java "${JVM_OPTIONS[@]}"
    "-Xlog:gc:file=$RUN_DIR/server/gc.log" ${FS_JAVA_OPTS:-}
    -jar "$JAR" --sip-listen "$LOOPBACK:$SIP_PORT" --core "$LOOPBACK:${CALLEE_PORTS[0]}"
    --http-listen "$LOOPBACK:$HTTP_PORT" --data-dir "$RUN_DIR/server/data")
  if [ -n "$SERVER_CONFIG" ]; then
    cp "$SERVER_CONFIG" "$RUN_DIR/server/config.yaml"
    SERVER_CMD+=(--config "$SERVER_CONFIG")
  fi
  printf '%q ' "${SERVER_CMD[@]}" >"$RUN_DIR/server/command"
  log "starting the server: SIP $LOOPBACK:$SIP_PORT, core $LOOPBACK:${CALLEE_PORTS[0]}, HTTP $LOOPBACK:$HTTP_PORT"
  (cd "$ROOT" && exec "${SERVER_CMD[@]}") </dev/null >"$RUN_DIR/server/server.log" 2>&1 &
  SERVER_PID=$!
  echo "$SERVER_PID" >>"$RUN_DIR/pids"
  deadline=$(($(date +%s) + HEALTH_TIMEOUT))
  until curl -sf -m 2 -o /dev/null "http://$LOOPBACK:$HTTP_PORT/health"; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      wait "$SERVER_PID"; src=$?; SERVER_PID=
      log "the server exited (status $src) before /health answered; last lines of its log:"
      tail -n 30 "$RUN_DIR/server/server.log" >&2
      echo "result=ERROR"; echo "error=server_exited_before_health"; echo "results_dir=$RUN_DIR"
      exit 3
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "/health did not answer 200 within $HEALTH_TIMEOUT s; last lines of the server log:"
      tail -n 30 "$RUN_DIR/server/server.log" >&2
      echo "result=ERROR"; echo "error=server_health_timeout"; echo "results_dir=$RUN_DIR"
      exit 3
    fi
    sleep 0.2
  done
  log "server healthy (pid $SERVER_PID)"
  curl -sf -m 5 "$METRICS_URL" >"$RUN_DIR/server/metrics-before.txt" 2>/dev/null || true
  if [ "$LINES" -gt 0 ]; then
    provision_lines || { echo "result=ERROR"; echo "error=provisioning_failed"; echo "results_dir=$RUN_DIR"; exit 3; }
  fi
fi

# Kamailio, as the relay the server is compared with: loopback only, a runtime directory of its own, in the
# foreground (-DD) with its log on stderr (-E), under a name of its own (as SIPp, below).
# Two sockets: KAM_PORT for the callers, KAM_CORE_PORT towards the callees (relay.cfg says why).
KAM_PORT=
if [ "$MODE" = kamailio ]; then
  pick_port; KAM_PORT=$PICKED
  pick_port; KAM_CORE_PORT=$PICKED
  d="$RUN_DIR/kamailio"
  mkdir -p "$d/run"
  sed -e "s|@KAM_PORT@|$KAM_PORT|g" -e "s|@KAM_CORE_PORT@|$KAM_CORE_PORT|g" "$HERE/kamailio/relay.cfg" >"$d/kamailio.cfg"
  ln -s "$KAMAILIO" "$RUN_DIR/bin/lt-kamailio" || exit 3
  if ! "$KAMAILIO" -c -f "$d/kamailio.cfg" >"$d/check.log" 2>&1; then
    log "the Kamailio configuration does not check:"; tail -n 20 "$d/check.log" >&2
    echo "result=ERROR"; echo "error=kamailio_config"; echo "results_dir=$RUN_DIR"; exit 3
  fi
  # Shared memory for the transactions: at 3,000 calls/s each INVITE and BYE transaction lives ~5 s after its
  # answer (tm's wait timer), some 30,000 at once, a few KB each.
  KAM_CMD=("$RUN_DIR/bin/lt-kamailio" -f "$d/kamailio.cfg" -DD -E -m 512 -M 16 -Y "$d/run")
  printf '%q ' "${KAM_CMD[@]}" >"$d/command"
  log "starting Kamailio: SIP $LOOPBACK:$KAM_PORT (udp), relaying from $LOOPBACK:$KAM_CORE_PORT to the SIPp callee(s) named in each caller's Route"
  "${KAM_CMD[@]}" </dev/null >"$d/kamailio.log" 2>&1 &
  KAM_PID=$!
  echo "$KAM_PID" >>"$RUN_DIR/pids"
  { wait_bound "$KAM_PORT" "$KAM_PID" "Kamailio" && wait_bound "$KAM_CORE_PORT" "$KAM_PID" "Kamailio"; } || {
    tail -n 20 "$d/kamailio.log" >&2
    echo "result=ERROR"; echo "error=kamailio_start_failed"; echo "results_dir=$RUN_DIR"; exit 3; }
  # Its main process binds the socket, then forks the workers: wait until they are all there (the same
  # processes three looks in a row), for the CPU figure and for stopping them.
  seen=; same=0
  for ((i = 0; i < 50 && same < 3; i++)); do
    sleep 0.1
    now=$(descendants "$KAM_PID" | sort | tr '\n' ' ')
    if [ -n "$now" ] && [ "$now" = "$seen" ]; then same=$((same + 1)); else same=0; seen=$now; fi
  done
  mapfile -t KAM_CHILDREN < <(descendants "$KAM_PID")
  printf '%s\n' "${KAM_CHILDREN[@]}" >>"$RUN_DIR/pids"
  log "Kamailio up (pid $KAM_PID, ${#KAM_CHILDREN[@]} child processes)"
fi

# SIPp options common to both sides: headless (-nostdin, stdin from /dev/null), bounded (-timeout with
# -timeout_error, -recv_timeout, -m), traced (-trace_err, -trace_screen, -trace_stat every second).
COMMON=(-i "$LOOPBACK" -t "$SIPP_T" -nostdin -timeout "${MAX_SECONDS}s" -timeout_error
  -recv_timeout "$RECV_TIMEOUT_MS" -trace_err -trace_screen -trace_stat -fd 1 -buff_size 4194304
  -ringbuffer_size 50000000 -ringbuffer_files 2)
[ "$TRACE_MSG" -eq 1 ] && COMMON+=(-trace_msg)
# shed: each side writes one line per call (answered/refused, relayed) with the scenario's <log> actions.
[ "$SCENARIO" = shed ] && COMMON+=(-trace_logs)

calls_for() { echo $((CALLS / PAIRS + ($1 < CALLS % PAIRS ? 1 : 0))); }
RATE_EACH=$(awk -v r="$RATE" -v p="$PAIRS" 'BEGIN{printf "%.3f", r / p}')
# Enough concurrent calls that SIPp never throttles the offered rate (it would hide an overload), within the
# open-files limit (SIPp wants sockets + calls below it).
ulimit -n "$(ulimit -Hn)" 2>/dev/null
NOFILE=$(ulimit -n)
[[ "$NOFILE" =~ ^[0-9]+$ ]] || NOFILE=1048576
LIMIT_EACH=$(awk -v r="$RATE_EACH" -v h="$HOLD_MS" -v t="$RECV_TIMEOUT_MS" -v nf="$NOFILE" \
  'BEGIN{l = int(r * (h + t) / 1000) + 100; if (l > nf - 500) l = nf - 500; if (l < 10) l = 10; printf "%d", l}')

# Warm-up: plain calls through the fresh server to the first callee's port, before anything is measured; their
# outcome is logged, not counted (a cold JVM may shed some while its JIT compiles: that is what they are for).
if [ "$WARMUP_CALLS" -gt 0 ] && [ "$MODE" = server ]; then
  d="$RUN_DIR/warmup"
  mkdir -p "$d"
  log "warming the server up: $WARMUP_CALLS plain calls at $RATE calls/s"
  (cd "$d" && exec "$SIPP" -sf "$SCENARIOS/uas.xml" -p "${CALLEE_PORTS[0]}" -m $((WARMUP_CALLS + 1)) -aa \
    "${COMMON[@]}") </dev/null >"$d/callee.out" 2>&1 &
  warm_callee=$!
  track $warm_callee
  wait_bound "${CALLEE_PORTS[0]}" "$warm_callee" "SIPp warm-up callee" || {
    echo "result=ERROR"; echo "error=warmup_callee_start_failed"; echo "results_dir=$RUN_DIR"; exit 3; }
  (cd "$d" && exec "$SIPP" -sf "$SCENARIOS/uac.xml" "$LOOPBACK:$SIP_PORT" -p "${CALLER_PORTS[0]}" -s "$SERVICE" \
    -set caller "$CALLER" -r "$RATE" -rp 1000 -m "$WARMUP_CALLS" -stf caller.csv "${COMMON[@]}") </dev/null \
    >"$d/caller.out" 2>&1 &
  warm_caller=$!
  track $warm_caller
  deadline=$(($(date +%s) + MAX_SECONDS + 15))
  while kill -0 "$warm_caller" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
  kill -0 "$warm_caller" 2>/dev/null && stop_pid "$warm_caller" 3
  wait "$warm_caller" 2>/dev/null
  warm_rc=$?
  # The main run's callee takes the port once the server has let go of every warm-up call.
  deadline=$(($(date +%s) + SETTLE_SECONDS))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    curl -sf -m 2 "$METRICS_URL" >"$d/metrics.txt" 2>/dev/null \
      && [ "$(metric "$d/metrics.txt" fs_calls_in_progress)" = 0 ] && break
    sleep 0.2
  done
  stop_pid "$warm_callee" 3
  wait "$warm_callee" 2>/dev/null
  log "warm-up done (SIPp caller exit $warm_rc: 0 when every call was answered; see $d)"
fi

# Callees.
CALLEE_PIDS=()
for ((i = 0; i < PAIRS; i++)); do
  d="$RUN_DIR/callee-$((i + 1))"
  mkdir -p "$d"
  # Through the server a callee must outlive its last call: SIPp exiting at -m can drop the last responses it
  # queued (seen over TCP: the server's last BYEs never got their 200), which no real core does. So it gets
  # one call more than it will see, and is stopped once the server has drained.
  CALLEE_MAX=$(calls_for "$i"); [ "$MODE" = server ] && CALLEE_MAX=$((CALLEE_MAX + 1))
  cmd=("$SIPP" -sf "$SCENARIOS/$UAS" -p "${CALLEE_PORTS[$i]}" -m "$CALLEE_MAX" -stf callee.csv -aa "${COMMON[@]}")
  [ "$SCENARIO" = callee-hangup ] && cmd+=(-d "$HOLD_MS")
  printf '%q ' "${cmd[@]}" >"$d/command"
  (cd "$d" && exec "${cmd[@]}") </dev/null >"$d/sipp.out" 2>&1 &
  CALLEE_PIDS+=($!)
  track $!
done
for ((i = 0; i < PAIRS; i++)); do
  wait_bound "${CALLEE_PORTS[$i]}" "${CALLEE_PIDS[$i]}" "SIPp callee $((i + 1))" || {
    tail -n 20 "$RUN_DIR/callee-$((i + 1))/sipp.out" >&2
    echo "result=ERROR"; echo "error=callee_start_failed"; echo "results_dir=$RUN_DIR"; exit 3; }
done

# Callers.
CALLER_PIDS=()
CALLER_START_MS=()
SERVER_CPU0=0
[ -n "$SERVER_PID" ] && SERVER_CPU0=$(proc_cpu_s "$SERVER_PID")
KAM_CPU0=0
[ -n "$KAM_PID" ] && KAM_CPU0=$(tree_cpu_s "$KAM_PID")
times >"$RUN_DIR/times-before"
T0_MS=$(now_ms)
log "placing $CALLS $SCENARIO calls over $TRANSPORT at $RATE calls/s ($PAIRS pair(s)), bound ${MAX_SECONDS}s"
for ((i = 0; i < PAIRS; i++)); do
  d="$RUN_DIR/caller-$((i + 1))"
  mkdir -p "$d"
  case "$MODE" in
    server) remote="$LOOPBACK:$SIP_PORT" ;;
    kamailio) remote="$LOOPBACK:$KAM_PORT" ;;
    *) remote="$LOOPBACK:${CALLEE_PORTS[$i]}" ;;
  esac
  # -aa: calls held longer than the server's dialog keep-alive (sip.keepAliveSeconds) get its OPTIONS; answered
  # 200 as a phone would, not taken for an unexpected message that aborts the call.
  uac=("$SCENARIOS/$UAC" "$remote" -s "$SERVICE" -set caller "$CALLER")
  [ "$LINES" -gt 0 ] && uac=("$SCENARIOS/uac-lines.xml" "$remote" -inf "$RUN_DIR/lines.csv")
  cmd=("$SIPP" -sf "${uac[@]}" -p "${CALLER_PORTS[$i]}"
    -r "$RATE_EACH" -rp 1000 -m "$(calls_for "$i")" -l "$LIMIT_EACH" -stf caller.csv -trace_rtt -rtt_freq 1
    -aa "${COMMON[@]}")
  [ "$SCENARIO" != callee-hangup ] && cmd+=(-d "$HOLD_MS")
  if [ "$MODE" = server ] && [ "$PAIRS" -gt 1 ]; then
    cmd+=(-set route_header "Route: <sip:$LOOPBACK:$SIP_PORT;lr$URI_T>, <sip:$LOOPBACK:${CALLEE_PORTS[$i]};lr$URI_T>")
  fi
  # Kamailio has no --core: every caller names its callee after the relay, with one pair too.
  [ "$MODE" = kamailio ] && cmd+=(-set route_header "Route: <sip:$LOOPBACK:$KAM_PORT;lr>, <sip:$LOOPBACK:${CALLEE_PORTS[$i]};lr>")
  printf '%q ' "${cmd[@]}" >"$d/command"
  CALLER_START_MS+=("$(now_ms)")
  (cd "$d" && exec "${cmd[@]}") </dev/null >"$d/sipp.out" 2>&1 &
  CALLER_PIDS+=($!)
  track $!
done

# Wait for the callers (each bounded by -timeout; this is the belt to those braces).
CALLER_RC=()
deadline=$(($(date +%s) + MAX_SECONDS + 15))
for ((i = 0; i < PAIRS; i++)); do
  pid="${CALLER_PIDS[$i]}"
  while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && { log "caller $((i + 1)) still running past the bound: stopping it"; stop_pid "$pid" 3; }
  wait "$pid" 2>/dev/null
  CALLER_RC+=($?)
done
T1_MS=$(now_ms)
# Callees: without a server they end by themselves once their -m calls are done (give them a moment for the
# callee-hangup BYE); through the server they are stopped once it has drained, or at this bound.
stop_callees() {
  CALLEE_RC=()
  local deadline=$(($(date +%s) + $1)) i pid
  for ((i = 0; i < PAIRS; i++)); do
    pid="${CALLEE_PIDS[$i]}"
    while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { [ "$MODE" = server ] || log "callee $((i + 1)) still waiting for calls: stopping it"; stop_pid "$pid" 3; }
    wait "$pid" 2>/dev/null
    CALLEE_RC+=($?)
  done
}
[ "$MODE" != server ] && stop_callees $((HOLD_MS / 1000 + 5))
times >"$RUN_DIR/times-after"
SIPP_CPU_S=$(awk -v a="$(times_children_s "$RUN_DIR/times-after")" -v b="$(times_children_s "$RUN_DIR/times-before")" 'BEGIN{printf "%.3f", a - b}')

# The server after the run: calls in progress must drain to 0 (last BYE/ACK transactions).
IN_PROGRESS=NA
SERVER_CPU_S=NA
if [ "$MODE" = server ]; then
  IN_PROGRESS=unknown
  deadline=$(($(date +%s) + SETTLE_SECONDS))
  sleep 0.5
  while :; do
    if curl -sf -m 2 "$METRICS_URL" >"$RUN_DIR/server/metrics-after.txt" 2>/dev/null; then
      IN_PROGRESS=$(metric "$RUN_DIR/server/metrics-after.txt" fs_calls_in_progress)
      IN_PROGRESS=${IN_PROGRESS:-missing}
      awk -v v="$IN_PROGRESS" 'BEGIN{exit !(v + 0 == 0 && v ~ /^[0-9.eE+-]+$/)}' && break
    fi
    [ "$(date +%s)" -ge "$deadline" ] && break
    sleep 0.5
  done
  kill -0 "$SERVER_PID" 2>/dev/null && SERVER_CPU_S=$(awk -v a="$(proc_cpu_s "$SERVER_PID")" -v b="$SERVER_CPU0" 'BEGIN{printf "%.3f", a - b}')
  kill -0 "$SERVER_PID" 2>/dev/null || log "the server is no longer running!"
fi
# Kamailio: its CPU once tm's wait timer (5 s after each final answer) has freed the last transactions, the
# last part of what a call costs it.
KAM_CPU_S=NA
if [ "$MODE" = kamailio ]; then
  sleep 6
  kill -0 "$KAM_PID" 2>/dev/null && KAM_CPU_S=$(awk -v a="$(tree_cpu_s "$KAM_PID")" -v b="$KAM_CPU0" 'BEGIN{printf "%.3f", a - b}')
  kill -0 "$KAM_PID" 2>/dev/null || log "Kamailio is no longer running!"
fi
if [ "$MODE" = server ]; then
  stop_callees 0
  times >"$RUN_DIR/times-after"
  SIPP_CPU_S=$(awk -v a="$(times_children_s "$RUN_DIR/times-after")" -v b="$(times_children_s "$RUN_DIR/times-before")" 'BEGIN{printf "%.3f", a - b}')
fi

# ---------------------------------------------------------------------------------------------------------
# Figures.
csv_last() { # file column: the column's value in the last line of a SIPp -trace_stat file
  [ -f "$1" ] || { echo 0; return; }
  awk -F';' -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next } { v = $k } END { print (k && v != "" ? v : 0) }' "$1"
}
sum_col() { # side column
  local s=0 i v
  for ((i = 1; i <= PAIRS; i++)); do
    v=$(csv_last "$RUN_DIR/$1-$i/$1.csv" "$2")
    s=$((s + ${v%%.*}))
  done
  echo "$s"
}
ATTEMPTED=$(sum_col caller 'OutgoingCall(C)')
SUCCESSFUL=$(sum_col caller 'SuccessfulCall(C)')
SIPP_FAILED=$(sum_col caller 'FailedCall(C)')
RETRANS=$(sum_col caller 'Retransmissions(C)')
UNEXPECTED=$(sum_col caller 'FailedUnexpectedMessage(C)')
RECV_TIMEOUTS=$(sum_col caller 'FailedTimeoutOnRecv(C)')
CALLEE_CALLS=$(sum_col callee 'IncomingCall(C)')
CALLEE_OK=$(sum_col callee 'SuccessfulCall(C)')
CALLEE_FAILED=$(sum_col callee 'FailedCall(C)')
CALLEE_RETRANS=$(sum_col callee 'Retransmissions(C)')
FAILED=$((CALLS - SUCCESSFUL))
# Calls that reached the callee side but did not complete there count as failures too.
CALLEE_NOT_OK=$((CALLEE_CALLS - CALLEE_OK))

# Setup times (rtd "setup": INVITE -> 200; for cancel INVITE -> 180), one line per call in -trace_rtt,
# at 1 ms resolution. Absolute times from each caller's start, for the calls/s reached.
: >"$RUN_DIR/setup-times.txt"
for ((i = 1; i <= PAIRS; i++)); do
  for f in "$RUN_DIR/caller-$i"/*_rtt.csv; do
    [ -f "$f" ] || continue
    awk -F';' -v off="${CALLER_START_MS[$((i - 1))]}" 'NR > 1 && $3 == "setup" { printf "%.3f %.3f %d\n", off + $1 - $2, off + $1, $2 }' "$f" >>"$RUN_DIR/setup-times.txt"
  done
done
read -r P50 P90 P99 PMAX MEAN <<<"$(awk '{ print $3 }' "$RUN_DIR/setup-times.txt" | sort -n | awk '
  { v[NR] = $1; s += $1 }
  function pct(q,  k) { k = int(q * NR); if (k < q * NR) k++; if (k < 1) k = 1; return v[k] }
  END { if (NR == 0) print "NA NA NA NA NA"; else printf "%d %d %d %d %.1f\n", pct(0.50), pct(0.90), pct(0.99), v[NR], s / NR }')"
# The same after the first 5 s: a fresh JVM's JIT warm-up, kept apart from the steady state.
read -r S50 S99 SMAX <<<"$(awk 'NR == 1 || $1 < t0 { t0 = $1 } { s[NR] = $1; d[NR] = $3 }
  END { for (i = 1; i <= NR; i++) if (s[i] - t0 >= 5000) print d[i] }' "$RUN_DIR/setup-times.txt" | sort -n | awk '
  { v[NR] = $1 }
  function pct(q,  k) { k = int(q * NR); if (k < q * NR) k++; if (k < 1) k = 1; return v[k] }
  END { if (NR == 0) print "NA NA NA"; else printf "%d %d %d\n", pct(0.50), pct(0.99), v[NR] }')"
read -r CPS ELAPSED <<<"$(awk -v ok="$SUCCESSFUL" '
  NR == 1 { lo = $1; hi = $2 } { if ($1 < lo) lo = $1; if ($2 > hi) hi = $2 }
  END { if (NR < 2 || hi <= lo) print "NA NA"; else printf "%.1f %.3f\n", ok / ((hi - lo) / 1000), (hi - lo) / 1000 }' "$RUN_DIR/setup-times.txt")"

# shed: what became of each call offered, from the callers' and the callees' -trace_logs lines (Call-IDs).
SHED_KEYS=()
if [ "$SCENARIO" = shed ]; then
  cat "$RUN_DIR"/caller-*/*_logs.log 2>/dev/null | grep -oE '^(answered|refused) [^ ]+' | sort -u >"$RUN_DIR/caller-outcomes.txt"
  cat "$RUN_DIR"/callee-*/*_logs.log 2>/dev/null | grep -oE '^relayed [^ ]+' | awk '{ print $2 }' | sort -u >"$RUN_DIR/relayed.txt"
  SHED_ANSWERED=$(grep -c '^answered ' "$RUN_DIR/caller-outcomes.txt")
  SHED_REFUSED=$(grep -c '^refused ' "$RUN_DIR/caller-outcomes.txt")
  awk '$1 == "refused" { print $2 }' "$RUN_DIR/caller-outcomes.txt" | sort -u >"$RUN_DIR/refused.txt"
  comm -12 "$RUN_DIR/refused.txt" "$RUN_DIR/relayed.txt" >"$RUN_DIR/refused-and-relayed.txt"
  SHED_BOTH=$(wc -l <"$RUN_DIR/refused-and-relayed.txt" | tr -d ' ')
  SHED_RELAYED=$(wc -l <"$RUN_DIR/relayed.txt" | tr -d ' ')
  SHED_OTHER=$((ATTEMPTED - SHED_ANSWERED - SHED_REFUSED))
  SHED_KEYS=("calls_offered=$ATTEMPTED" "calls_answered=$SHED_ANSWERED" "calls_refused=$SHED_REFUSED"
    "calls_refused_and_relayed=$SHED_BOTH" "calls_neither_answered_nor_refused=$SHED_OTHER"
    "calls_relayed_to_core=$SHED_RELAYED" "in_progress_after=$IN_PROGRESS"
    "goodput_cps=$(awk -v a="$SHED_ANSWERED" -v t="$ELAPSED" 'BEGIN{ if (t == "NA" || t + 0 <= 0) print "NA"; else printf "%.1f", a / t }')")
fi

per_call_ms() { awk -v c="$1" -v n="$SUCCESSFUL" 'BEGIN{ if (c == "NA" || n == 0) print "NA"; else printf "%.3f", c * 1000 / n }'; }

RESULT=PASS
REASONS=()
if [ "$SCENARIO" = shed ]; then
  # A refusal is an answer here: every call offered is answered or refused, none both, none lost.
  [ "$ATTEMPTED" -ne "$CALLS" ] && REASONS+=("calls_not_offered=$((CALLS - ATTEMPTED))")
  [ "$SHED_OTHER" -ne 0 ] && REASONS+=("calls_neither_answered_nor_refused=$SHED_OTHER")
  [ "$SHED_BOTH" -ne 0 ] && REASONS+=("calls_refused_and_relayed=$SHED_BOTH")
else
  [ "$FAILED" -ne 0 ] && REASONS+=("calls_failed=$FAILED")
fi
[ "$CALLEE_FAILED" -ne 0 ] || [ "$CALLEE_NOT_OK" -ne 0 ] && REASONS+=("callee_failed=$((CALLEE_FAILED > CALLEE_NOT_OK ? CALLEE_FAILED : CALLEE_NOT_OK))")
for rc in "${CALLER_RC[@]}" "${CALLEE_RC[@]}"; do [ "$rc" -ne 0 ] && { REASONS+=("sipp_exit_status_nonzero"); break; }; done
if [ "$MODE" = server ]; then
  awk -v v="$IN_PROGRESS" 'BEGIN{exit !(v ~ /^[0-9.eE+-]+$/ && v + 0 == 0)}' || REASONS+=("calls_in_progress=$IN_PROGRESS")
  kill -0 "$SERVER_PID" 2>/dev/null || REASONS+=("server_died")
fi
[ "$MODE" = kamailio ] && ! kill -0 "$KAM_PID" 2>/dev/null && REASONS+=("kamailio_died")
[ "${#REASONS[@]}" -gt 0 ] && RESULT=FAIL

{
  echo "result=$RESULT"
  [ "${#REASONS[@]}" -gt 0 ] && echo "fail_reasons=$(IFS=,; echo "${REASONS[*]}")"
  echo "mode=$MODE"
  echo "scenario=$SCENARIO"
  echo "transport=$TRANSPORT"
  echo "pairs=$PAIRS"
  echo "offered_rate=$RATE"
  echo "hold_ms=$HOLD_MS"
  echo "calls_requested=$CALLS"
  echo "calls_attempted=$ATTEMPTED"
  echo "calls_successful=$SUCCESSFUL"
  echo "calls_failed=$FAILED"
  echo "calls_failed_sipp=$SIPP_FAILED"
  echo "calls_failed_unexpected_msg=$UNEXPECTED"
  echo "calls_failed_recv_timeout=$RECV_TIMEOUTS"
  echo "callee_calls=$CALLEE_CALLS"
  echo "callee_successful=$CALLEE_OK"
  echo "callee_failed=$CALLEE_FAILED"
  echo "retransmissions_caller=$RETRANS"
  echo "retransmissions_callee=$CALLEE_RETRANS"
  echo "cps_reached=$CPS"
  echo "cps_window_s=$ELAPSED"
  [ "$SCENARIO" = cancel ] && echo "setup_measure=invite_to_180" || echo "setup_measure=invite_to_200"
  echo "setup_ms_p50=$P50"
  echo "setup_ms_p90=$P90"
  echo "setup_ms_p99=$P99"
  echo "setup_ms_max=$PMAX"
  echo "setup_ms_mean=$MEAN"
  echo "setup_ms_after_5s_p50=$S50"
  echo "setup_ms_after_5s_p99=$S99"
  echo "setup_ms_after_5s_max=$SMAX"
  echo "traffic_wall_s=$(awk -v a="$T0_MS" -v b="$T1_MS" 'BEGIN{printf "%.3f", (b - a) / 1000}')"
  echo "calls_in_progress=$IN_PROGRESS"
  for kv in "${SHED_KEYS[@]}"; do echo "$kv"; done
  if [ "$MODE" = server ]; then
    awk '/^fs_calls_total\{/ { sub(/^fs_calls_total/, ""); v = $2; if (v + 0 == int(v + 0)) v = sprintf("%d", v)
      printf "server_calls_total%s=%s\n", $1, v }' "$RUN_DIR/server/metrics-after.txt" 2>/dev/null
    echo "server_overload_rejections=$(metric "$RUN_DIR/server/metrics-after.txt" fs_overload_rejections_total)"
    echo "server_cpu_ms_per_call=$(per_call_ms "$SERVER_CPU_S")"
    awk '/Pause/ && $NF ~ /ms$/ { v = $NF; sub(/ms$/, "", v); v += 0; n++; t += v; if (v > m) m = v }
      END { printf "server_gc_pauses=%d\nserver_gc_pause_ms_max=%.1f\nserver_gc_pause_ms_total=%.1f\n", n, m, t }' \
      "$RUN_DIR/server/gc.log" 2>/dev/null
    echo "server_jar=$(date -u -r "$JAR" +%Y-%m-%dT%H:%M:%SZ) $(cksum <"$JAR" | cut -d' ' -f1)"
  fi
  if [ "$MODE" = kamailio ]; then
    echo "kamailio_cpu_ms_per_call=$(per_call_ms "$KAM_CPU_S")"
    echo "kamailio_processes=$((1 + ${#KAM_CHILDREN[@]}))"
    echo "kamailio_version=$("$KAMAILIO" -v 2>/dev/null | awk '/^version:/ { print $3; exit }')"
  fi
  echo "sipp_cpu_ms_per_call=$(per_call_ms "$SIPP_CPU_S")"
  echo "host_load_1m_before=$LOAD_BEFORE"
  echo "host_load_1m_after=$(cut -d' ' -f1 /proc/loadavg)"
  echo "sipp_exit_status_callers=$(IFS=,; echo "${CALLER_RC[*]}")"
  echo "sipp_exit_status_callees=$(IFS=,; echo "${CALLEE_RC[*]}")"
  echo "results_dir=$RUN_DIR"
} | tee "$RUN_DIR/summary.txt"

# SIPp's error log: one event after another, not always one per line. A digest of what went wrong, then the
# first events in full.
digest_errors() { # errors.log
  grep -oE "receive timeout on message [^(]+:[0-9]+ |while (expecting '[^']*'|[a-z]+)( \(index [0-9]+\))?, received '(SIP/2.0 [0-9]{3}|[A-Z]+)|[Mm]ax(imum)? [a-zA-Z ]*retrans[a-zA-Z ]*|Dialog not found|TCP [a-zA-Z ]+" "$1" 2>/dev/null |
    sort | uniq -c | sort -rn | head -n 15
}
if [ "$RESULT" != PASS ]; then
  for f in "$RUN_DIR"/caller-*/*_errors.log "$RUN_DIR"/callee-*/*_errors.log; do
    [ -s "$f" ] || continue
    {
      echo "== $f: events by kind (count, what SIPp was doing, what it got)"
      digest_errors "$f"
      echo "== first events"
      head -c 6000 "$f" | sed -E 's/([0-9]{4}-[0-9]{2}-[0-9]{2}	[0-9:.]+	[0-9.]+: )/\n\1/g' | head -n 40
      echo
    } | tee -a "$RUN_DIR/errors-digest.txt" >&2
  done
  if [ "$MODE" = server ] && [ -f "$RUN_DIR/server/server.log" ]; then
    {
      echo "== $RUN_DIR/server/server.log: WARN/ERROR lines by kind (count, level, thread, logger - message; numbers masked)"
      grep -E ' (WARN|ERROR) ' "$RUN_DIR/server/server.log" | cut -d' ' -f3- |
        sed -E 's/[0-9a-f]{12,}[^ ]*/#/g; s/[0-9]+/#/g' | cut -c1-160 | sort | uniq -c | sort -rn | head -n 15
    } | tee -a "$RUN_DIR/errors-digest.txt" >&2
  fi
  if [ "$MODE" = kamailio ] && [ -f "$RUN_DIR/kamailio/kamailio.log" ]; then
    {
      echo "== $RUN_DIR/kamailio/kamailio.log: WARNING/ERROR lines by kind (count; numbers masked)"
      grep -E '(WARNING|ERROR|CRITICAL):' "$RUN_DIR/kamailio/kamailio.log" | sed -E 's/^ *[0-9]+\([0-9]+\) //; s/[0-9]+/#/g' |
        cut -c1-160 | sort | uniq -c | sort -rn | head -n 15
    } | tee -a "$RUN_DIR/errors-digest.txt" >&2
  fi
  exit 1
fi
exit 0
