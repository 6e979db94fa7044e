#!/usr/bin/env bash
# Runs the whole test suite: unit tests, real-SIP adapter tests, and the SIPp end-to-end runs through the
# started server (loadtest/). Installs SIPp (Debian package sip-tester) when it is missing.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v sipp >/dev/null 2>&1; then
  echo "installing sip-tester (SIPp) ..." >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq sip-tester
fi
exec mvn -B verify "$@"
