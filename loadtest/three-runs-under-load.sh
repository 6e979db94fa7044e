#!/usr/bin/env bash
# Issue 13's check: run-tests.sh passes three times in a row on a clean clone while another CPU-heavy process runs.
# The neighbour is sha256sum hashing /dev/zero (one core of two, for the whole time); each run is a fresh clone of
# this repository's HEAD in a temporary directory, tested with .ci/run. Stops at the first failing run.
# Prints one line a run (exit status, seconds, the test counts) and exits with the failing run's status.
set -uo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/three-runs.XXXXXX)"
sha256sum /dev/zero > /dev/null &
HOG=$!
trap 'kill $HOG 2>/dev/null' EXIT
for run in 1 2 3; do
  git clone -q "$REPO" "$WORK/run-$run"
  start=$(date +%s)
  (cd "$WORK/run-$run" && .ci/run > "$WORK/run-$run.log" 2>&1)
  rc=$?
  echo "run $run: exit $rc in $(( $(date +%s) - start )) s; $(grep -E 'Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$WORK/run-$run.log" | sed 's/.*Tests run/tests/' | tr '\n' ' ')(log $WORK/run-$run.log)"
  [ $rc -eq 0 ] || exit $rc
  rm -rf "$WORK/run-$run"
done
