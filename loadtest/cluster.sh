#!/usr/bin/env bash
# A throwaway feature-server cluster on loopback, as PRODUCT.md's production shape: a PostgreSQL of its own
# (initdb in a temporary directory), N nodes of the packaged jar (each its own data directory, journal, SIP and
# HTTP ports, all on that database), and Kamailio in front as the core's entry (loadtest/kamailio/cluster.cfg:
# dispatcher hashing on the served user, OPTIONS probing every second). See README.md "Several nodes".
#
# With --core the nodes send their calls straight to that address (e.g. a SIPp UAS playing the core) and Kamailio
# is not started: for what needs several nodes on one database but not the core's routing between them.
#
# It writes <work>/cluster.env (ports, pids, data directories) and prints "cluster ready", then runs until it is
# sent SIGTERM/SIGINT or --lifetime runs out; either way it stops everything it started (nodes with SIGTERM,
# Kamailio, PostgreSQL) and deletes the temporary directory unless --keep was given.
# Exit status: 0 stopped cleanly; 2 bad usage; 3 something could not be started.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
JAR="$ROOT/feature-server/target/feature-server.jar"
LOOPBACK=127.0.0.1

NODES=2
KAM_PORT=45100
NODE_SIP_BASE=45101
NODE_HTTP_BASE=48101
PG_PORT=45432
CALLEE="$LOOPBACK:45199"
LIFETIME=600
NODE_SIP_PORTS=
NODE_HTTP_PORTS=
WORK=
KEEP=0
HEAP=512m
KEEPALIVE=10
CORE=
NODE_YAML=
TOKENS="operator-token-for-the-cluster-tests:operator,technician-token-for-the-cluster-tests:technician"

usage() {
  cat <<EOF
usage: $0 [options]
  --nodes N              feature-server nodes, 1-5 (default $NODES)
  --kamailio-port P      Kamailio's SIP port: the callers' and every node's --core (default $KAM_PORT)
  --node-sip-base P      node i listens for SIP on P+i-1 (default $NODE_SIP_BASE)
  --node-http-base P     node i answers HTTP on P+i-1 (default $NODE_HTTP_BASE)
  --node-sip-ports LIST  the nodes' SIP ports, comma-separated, instead of --node-sip-base (tests: free ports)
  --node-http-ports LIST the nodes' HTTP ports likewise
  --pg-port P            the throwaway PostgreSQL's port (default $PG_PORT)
  --callee HOST:PORT     where the terminating passes' onward INVITEs go (a SIPp UAS) (default $CALLEE)
  --lifetime S           stop everything after S seconds at the latest (default $LIFETIME)
  --work DIR             put everything under DIR (default: a new temporary directory, deleted at the end)
  --keep                 keep the work directory (logs, data directories, journals) at the end
  --heap SIZE            each node's -Xms/-Xmx (default $HEAP)
  --keepalive S          the nodes' sip.keepAliveSeconds: how soon a dead node's half-calls free the lines they
                         hold on the others (default $KEEPALIVE)
  --core HOST:PORT       every node's --core instead of Kamailio, which is then not started (default: Kamailio)
  --node-yaml FILE       more configuration appended to every node's YAML (sections other than sip and media)
Environment: FS_ADMIN_TOKENS for the nodes (default: the test tokens, see cluster.env).
EOF
}

die_usage() { echo "cluster: $*" >&2; usage >&2; exit 2; }
log() { echo "[cluster $(date +%H:%M:%S)] $*" >&2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) NODES="$2"; shift 2 ;;
    --kamailio-port) KAM_PORT="$2"; shift 2 ;;
    --node-sip-base) NODE_SIP_BASE="$2"; shift 2 ;;
    --node-http-base) NODE_HTTP_BASE="$2"; shift 2 ;;
    --node-sip-ports) NODE_SIP_PORTS="$2"; shift 2 ;;
    --node-http-ports) NODE_HTTP_PORTS="$2"; shift 2 ;;
    --pg-port) PG_PORT="$2"; shift 2 ;;
    --callee) CALLEE="$2"; shift 2 ;;
    --lifetime) LIFETIME="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --heap) HEAP="$2"; shift 2 ;;
    --keepalive) KEEPALIVE="$2"; shift 2 ;;
    --core) CORE="$2"; shift 2 ;;
    --node-yaml) NODE_YAML="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die_usage "unknown option $1" ;;
  esac
done
[[ "$NODES" =~ ^[1-5]$ ]] || die_usage "--nodes $NODES is not 1-5"
for p in "$KEEPALIVE" "$KAM_PORT" "$NODE_SIP_BASE" "$NODE_HTTP_BASE" "$PG_PORT" "$LIFETIME"; do
  [[ "$p" =~ ^[0-9]+$ ]] || die_usage "$p is not a number"
done
SIP_PORTS=(); HTTP_PORTS=()
for i in $(seq 1 "$NODES"); do
  SIP_PORTS+=($((NODE_SIP_BASE + i - 1))); HTTP_PORTS+=($((NODE_HTTP_BASE + i - 1)))
done
[ -n "$NODE_SIP_PORTS" ] && IFS=, read -r -a SIP_PORTS <<<"$NODE_SIP_PORTS"
[ -n "$NODE_HTTP_PORTS" ] && IFS=, read -r -a HTTP_PORTS <<<"$NODE_HTTP_PORTS"
[ ${#SIP_PORTS[@]} -eq "$NODES" ] && [ ${#HTTP_PORTS[@]} -eq "$NODES" ] || die_usage "give $NODES SIP and HTTP ports"
[[ "$CALLEE" == "$LOOPBACK":* ]] || die_usage "--callee must be on $LOOPBACK"
[ -z "$CORE" ] || [[ "$CORE" == "$LOOPBACK":* ]] || die_usage "--core must be on $LOOPBACK"
[ -z "$NODE_YAML" ] || [ -f "$NODE_YAML" ] || die_usage "--node-yaml $NODE_YAML is not a file"
NODE_CORE="${CORE:-$LOOPBACK:$KAM_PORT}"
[ -f "$JAR" ] || { echo "cluster: $JAR is missing: build it first (mvn -B -o -q -DskipTests package)" >&2; exit 3; }

# What is missing comes from Debian, as run-tests.sh does for the other tools.
need=()
[ -n "$CORE" ] || command -v kamailio >/dev/null 2>&1 || need+=(kamailio)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]} ..."
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null \
    || { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null; } \
    || { echo "cluster: cannot install ${need[*]}" >&2; exit 3; }
fi
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
KAMAILIO="$(command -v kamailio || true)"

if [ -z "$WORK" ]; then
  WORK="$(mktemp -d /tmp/fs-cluster-XXXXXX)"
  OWN_WORK=1
else
  mkdir -p "$WORK"
  OWN_WORK=0
fi
WORK="$(cd "$WORK" && pwd)"
ENV_FILE="$WORK/cluster.env"
rm -f "$ENV_FILE"

# ---- stopping: everything this script started, by its pid, whatever way the script ends ----
NODE_PIDS=()
PG_DIR=
KAM_PID=
PG_STARTED=0
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_all() {
  trap - EXIT INT TERM
  log "stopping"
  for pid in "${NODE_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${NODE_PIDS[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  done
  if [ -n "$KAM_PID" ]; then
    kill -TERM "$KAM_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$KAM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$KAM_PID" 2>/dev/null
  fi
  if [ "$PG_STARTED" -eq 1 ]; then
    cp "$PG_DIR/server.log" "$WORK/postgres.log" 2>/dev/null
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -w -t 30 -m fast stop >/dev/null 2>&1 \
      || as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
  fi
  [ -n "$PG_DIR" ] && rm -rf "$PG_DIR"
  if [ "$KEEP" -eq 0 ] && [ "$OWN_WORK" -eq 1 ]; then
    rm -rf "$WORK"
  else
    log "kept $WORK"
  fi
}
trap stop_all EXIT
trap 'exit 0' INT TERM

fail() { echo "cluster: $*" >&2; exit 3; }

# ---- PostgreSQL: a cluster of its own, TCP on loopback only, tuned for speed over durability ----
# In a directory of its own under /tmp (the postgres user must reach it; a work directory may be closed to it).
PG_DIR="$(mktemp -d /tmp/fs-cluster-pg-XXXXXX)"
mkdir -p "$PG_DIR/sockets"
[ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$PG_DIR"
as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --no-locale --no-sync \
  >"$PG_DIR/initdb.log" 2>&1 || fail "initdb failed: $(tail -5 "$PG_DIR/initdb.log")"
echo "host all all 127.0.0.1/32 trust" | as_postgres tee "$PG_DIR/data/pg_hba.conf" >/dev/null
PG_STARTED=1
as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -w -t 60 -l "$PG_DIR/server.log" \
  -o "-p $PG_PORT -k $PG_DIR/sockets -c listen_addresses=$LOOPBACK -c unix_socket_permissions=0700 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" \
  start >/dev/null 2>&1 || fail "PostgreSQL did not start on port $PG_PORT: $(tail -5 "$PG_DIR/server.log")"
"$PG_BIN/psql" -h "$LOOPBACK" -p "$PG_PORT" -U postgres -q -c "CREATE DATABASE features" postgres \
  >/dev/null || fail "cannot create the database"
JDBC_URL="jdbc:postgresql://$LOOPBACK:$PG_PORT/features"
log "PostgreSQL on $LOOPBACK:$PG_PORT ($JDBC_URL)"

# ---- the nodes: one at a time, the first migrates the schema ----
JVM_OPTS=()
while IFS= read -r line; do
  line="${line%%#*}"; line="$(echo "$line" | xargs)"
  [ -n "$line" ] && JVM_OPTS+=("$line")
done <"$ROOT/config/jvm.options"
{
  echo "WORK=$WORK"
  echo "JDBC_URL=$JDBC_URL"
  echo "PG_PORT=$PG_PORT"
  echo "KAMAILIO_PORT=$KAM_PORT"
  echo "NODE_CORE=$NODE_CORE"
  echo "CALLEE=$CALLEE"
  echo "NODES=$NODES"
  echo "FS_ADMIN_TOKENS=${FS_ADMIN_TOKENS:-$TOKENS}"
} >"$ENV_FILE.tmp"
for i in $(seq 1 "$NODES"); do
  sip=${SIP_PORTS[$((i - 1))]}
  http=${HTTP_PORTS[$((i - 1))]}
  data="$WORK/node$i"
  mkdir -p "$data"
  # Each node's media ports are its own too (the default range would be shared). The dialog keep-alive is what
  # frees a line held by half a call whose other half was on a node that died (its BYE goes to the dead node):
  # every $KEEPALIVE s here rather than the default 120, so a killed node's half-calls end within seconds.
  rtp_min=$((43000 + (i - 1) * 1000))
  cat >"$WORK/node$i.yaml" <<EOF
sip:
  keepAliveSeconds: $KEEPALIVE
  keepAliveTimeoutSeconds: $(( KEEPALIVE > 2 ? 2 : 1 ))
media:
  portMin: $rtp_min
  portMax: $((rtp_min + 999))
EOF
  [ -n "$NODE_YAML" ] && cat "$NODE_YAML" >>"$WORK/node$i.yaml"
  # FS_WARM_UP_CALLS: no warm-up unless asked for (the cluster's tests run at 200 calls/s at most).
  ( cd "$ROOT" && FS_ADMIN_TOKENS="${FS_ADMIN_TOKENS:-$TOKENS}" FS_WARM_UP_CALLS="${FS_WARM_UP_CALLS:-0}" \
      FS_DB_USER=postgres FS_DB_PASSWORD= exec java "${JVM_OPTS[@]}" -Xms"$HEAP" -Xmx"$HEAP" \
      -jar "$JAR" --config "$WORK/node$i.yaml" --sip-listen "$LOOPBACK:$sip" --core "$NODE_CORE" \
      --http-listen "$LOOPBACK:$http" --data-dir "$data" --jdbc-url "$JDBC_URL" \
      </dev/null >"$WORK/node$i.log" 2>&1 ) &
  pid=$!
  NODE_PIDS+=("$pid")
  up=0
  for _ in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || fail "node $i exited before /health: $(tail -20 "$WORK/node$i.log")"
    if curl -fsS -o /dev/null "http://$LOOPBACK:$http/health" 2>/dev/null; then up=1; break; fi
    sleep 0.1
  done
  [ "$up" -eq 1 ] || fail "node $i did not answer /health within 60 s: $(tail -20 "$WORK/node$i.log")"
  {
    echo "NODE${i}_SIP=$sip"
    echo "NODE${i}_HTTP=$http"
    echo "NODE${i}_PID=$pid"
    echo "NODE${i}_DATA=$data"
  } >>"$ENV_FILE.tmp"
  echo "1 sip:$LOOPBACK:$sip 0 0 node=$i" >>"$WORK/dispatcher.list"
  log "node $i: SIP $LOOPBACK:$sip, HTTP $LOOPBACK:$http, data $data, pid $pid"
done

# ---- run until told to stop, or the lifetime ends; a node that dies is left dead (the failover is the test) ----
run_to_the_end() {
  end=$((SECONDS + LIFETIME))
  while [ $SECONDS -lt $end ]; do
    [ -z "$KAM_PID" ] || kill -0 "$KAM_PID" 2>/dev/null || { log "Kamailio exited"; exit 3; }
    sleep 1 &
    wait $! 2>/dev/null
  done
  log "lifetime of $LIFETIME s is over"
  exit 0
}

# ---- Kamailio in front, unless the nodes have a core of their own ----
if [ -n "$CORE" ]; then
  mv "$ENV_FILE.tmp" "$ENV_FILE"
  log "$NODES node(s), their core $CORE (no Kamailio)"
  echo "cluster ready: $ENV_FILE"
  run_to_the_end
fi
sed -e "s|@KAM_PORT@|$KAM_PORT|g" -e "s|@CALLEE@|$CALLEE|g" -e "s|@RUN_DIR@|$WORK|g" \
  "$HERE/kamailio/cluster.cfg" >"$WORK/kamailio.cfg"
mkdir -p "$WORK/kamailio-run"
"$KAMAILIO" -c -f "$WORK/kamailio.cfg" >"$WORK/kamailio-check.log" 2>&1 \
  || fail "the Kamailio configuration does not check: $(tail -20 "$WORK/kamailio-check.log")"
"$KAMAILIO" -f "$WORK/kamailio.cfg" -DD -E -m 128 -M 16 -Y "$WORK/kamailio-run" >"$WORK/kamailio.log" 2>&1 &
KAM_PID=$!
# Ready when it relays: an OPTIONS to itself is answered (it sends 405 for anything but INVITE out of dialog).
ready=0
for _ in $(seq 1 100); do
  kill -0 "$KAM_PID" 2>/dev/null || fail "Kamailio exited: $(tail -20 "$WORK/kamailio.log")"
  if ss -Huln "sport = :$KAM_PORT" | grep -q .; then ready=1; break; fi
  sleep 0.1
done
[ "$ready" -eq 1 ] || fail "Kamailio is not listening on $KAM_PORT"
echo "KAMAILIO_PID=$KAM_PID" >>"$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"
log "Kamailio on $LOOPBACK:$KAM_PORT in front of $NODES node(s), callee $CALLEE"
echo "cluster ready: $ENV_FILE"
run_to_the_end
