#!/usr/bin/env bash
# Runs the whole test suite: unit tests, real-SIP adapter tests, the subscriber store on H2 and on a throwaway
# PostgreSQL server, and the SIPp end-to-end runs through the started server (loadtest/). Installs what they
# need from Debian's packages when it is missing: SIPp (sip-tester), tshark (the SIP capture files are read back
# with it), the PostgreSQL server binaries (the tests start their own server in a temporary directory; the
# package's own cluster is left alone), and chromium with its chromedriver (the console's browser tests drive it
# headless; Selenium never downloads a browser or a driver of its own), and Kamailio (the test cluster's entry,
# loadtest/cluster.sh).
set -euo pipefail
cd "$(dirname "$0")"
missing=()
command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)
command -v tshark >/dev/null 2>&1 || missing+=(tshark)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v kamailio >/dev/null 2>&1 || missing+=(kamailio)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} ..." >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
exec mvn -B verify "$@"
