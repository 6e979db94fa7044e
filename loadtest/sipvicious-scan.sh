#!/usr/bin/env bash
# What a SIP scan from an address that is not a trusted peer learns about the server (issue 13): sipvicious's
# svmap (is there a SIP server, what is it) and svwar (which extensions exist) from 127.0.0.2 against the packaged
# server on loopback, whose core (the one trusted peer) is 127.0.0.1. Two subscribers are provisioned among the
# numbers scanned; the scan must not tell them from the numbers nobody has. Loopback only; every step bounded.
#
#   loadtest/sipvicious-scan.sh            # untrustedPolicy reject: every request gets the same 403
#   POLICY=drop loadtest/sipvicious-scan.sh  # no answer at all: svmap finds no SIP server
#
# Needs the packaged server (mvn -B -o -q -DskipTests package) and Debian's sipvicious (installed if missing).
# Ports (override with SIP_PORT, HTTP_PORT, CORE_PORT): 25060, 28080, 25070.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/feature-server/target/feature-server.jar
SIP_PORT=${SIP_PORT:-25060}
HTTP_PORT=${HTTP_PORT:-28080}
CORE_PORT=${CORE_PORT:-25070}
SCANNER=${SCANNER:-127.0.0.2}
POLICY=${POLICY:-reject}
TOKEN=sipvicious-scan-operator-token

[ -f "$JAR" ] || { echo "no $JAR: run mvn -B -o -q -DskipTests package first" >&2; exit 1; }
if ! command -v svmap >/dev/null || ! command -v svwar >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q sipvicious >/dev/null
fi

WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

printf 'sip:\n  untrustedPolicy: %s\n' "$POLICY" > "$WORK/scan.yaml"
mapfile -t JVM_OPTIONS < <(grep -v '^[[:space:]]*#' "$ROOT/config/jvm.options" | grep -v '^[[:space:]]*$')
FS_ADMIN_TOKENS="$TOKEN:operator" java "${JVM_OPTIONS[@]}" -Xms256m -Xmx512m -jar "$JAR" \
    --sip-listen "127.0.0.1:$SIP_PORT" --core "127.0.0.1:$CORE_PORT" --http-listen "127.0.0.1:$HTTP_PORT" \
    --data-dir "$WORK/data" --config "$WORK/scan.yaml" > "$WORK/server.log" 2>&1 < /dev/null &
SERVER_PID=$!
for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$HTTP_PORT/health" >/dev/null && break
    sleep 0.5
done
curl -sf "http://127.0.0.1:$HTTP_PORT/health" >/dev/null || { tail -40 "$WORK/server.log"; exit 1; }

for number in 77272777885 2777887; do
    e164=$([ ${#number} -eq 7 ] && echo "7727$number" || echo "$number")
    curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        "http://127.0.0.1:$HTTP_PORT/api/v1/subscribers/+$e164" \
        -d "{\"number\": \"+$e164\", \"status\": \"active\", \"pin\": \"0000\", \"services\": {}}"
done
echo "== server on 127.0.0.1:$SIP_PORT, core (trusted) 127.0.0.1:$CORE_PORT, scanner $SCANNER, policy $POLICY"
echo "== subscribers provisioned: +77272777885, +77272777887 (dialled locally as 2777885, 2777887)"

scan() {
    echo; echo "\$ ${*#$WORK/}"
    timeout 120 "$@" 2>&1 | grep -v '^$' || true
}

# svwar 0.3.3 ignores -b (its main never hands the binding address on), so it scanned from 127.0.0.1, the trusted
# core: this svwar binds its socket to the scanner's address, as -b says.
cat > "$WORK/svwar" <<'PY'
#!/usr/bin/python3
import os, sys
sys.path.append("/usr/share/sipvicious")  # where Debian's package keeps its modules
import sipvicious.svwar as svwar
plain_init = svwar.TakeASip.__init__
def bound_init(self, *args, **kwargs):
    kwargs["bindingip"] = os.environ["SVWAR_BIND"]
    plain_init(self, *args, **kwargs)
svwar.TakeASip.__init__ = bound_init
sys.argv[0] = "svwar"
sys.exit(svwar.main())
PY
chmod +x "$WORK/svwar"
export SVWAR_BIND="$SCANNER"
scan svmap -b "$SCANNER" -p "$SIP_PORT" 127.0.0.1
scan svmap -b "$SCANNER" -p "$SIP_PORT" -m INVITE 127.0.0.1
for method in REGISTER OPTIONS INVITE; do
    scan "$WORK/svwar" -b "$SCANNER" -p "$SIP_PORT" -m "$method" -e 2777880-2777890 127.0.0.1
    # --force: probe every extension even though the first answer (403 to a random one) looks like "auth needed"
    scan "$WORK/svwar" -b "$SCANNER" -p "$SIP_PORT" -m "$method" --force -e 2777880-2777890 127.0.0.1
done
scan "$WORK/svwar" -b "$SCANNER" -p "$SIP_PORT" -m INVITE --force -e 77272777880-77272777890 127.0.0.1

# svwar stops at the first answer it does not know (403), so ask every number ourselves: the answers' shapes (status
# line and header names; the tags, Call-IDs and branches differ by nature) must be one per method, subscriber or not.
echo; echo "== every number, each method, from $SCANNER: distinct answer shapes"
python3 - "$SCANNER" "$SIP_PORT" <<'PY'
import random, socket, sys
scanner, port = sys.argv[1], int(sys.argv[2])
numbers = [str(n) for n in range(2777880, 2777891)] + [str(n) for n in range(77272777880, 77272777891)]
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind((scanner, 0))
sock.settimeout(2)
local = sock.getsockname()[1]
for method in ("REGISTER", "OPTIONS", "INVITE"):
    shapes = {}
    for number in numbers:
        tag = "%08x" % random.getrandbits(32)
        request = (f"{method} sip:{number}@127.0.0.1 SIP/2.0\r\n"
                   f"Via: SIP/2.0/UDP {scanner}:{local};branch=z9hG4bK{tag};rport\r\n"
                   f"Max-Forwards: 70\r\nFrom: <sip:scan@{scanner}>;tag={tag}\r\nTo: <sip:{number}@127.0.0.1>\r\n"
                   f"Call-ID: {tag}@{scanner}\r\nCSeq: 1 {method}\r\nContact: <sip:scan@{scanner}:{local}>\r\n"
                   f"Content-Length: 0\r\n\r\n")
        sock.sendto(request.encode(), ("127.0.0.1", port))
        try:
            answer = sock.recv(65536).decode(errors="replace")
            lines = answer.split("\r\n")
            shape = lines[0] + " | " + ", ".join(sorted(l.split(":")[0] for l in lines[1:] if ":" in l))
        except socket.timeout:
            shape = "(no answer)"
        shapes.setdefault(shape, []).append(number)
    for shape, which in shapes.items():
        print(f"{method:8} {len(which):2} numbers: {shape}")
PY

echo
echo "== /metrics after the scan:"
curl -sf "http://127.0.0.1:$HTTP_PORT/metrics" | grep -E '^fs_(untrusted_requests_total|calls_in_progress) '
echo "== log lines about the scanner (at most one a minute per source):"
grep -c 'not a trusted peer' "$WORK/server.log" || true
grep 'not a trusted peer' "$WORK/server.log" | head -3
