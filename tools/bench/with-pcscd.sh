#!/usr/bin/env bash
# Runs a command with pcscd and vsmartcard's vpcd driver up, for the PC/SC campaigns of tools/bench
# (soak, killrestart; docs/reliability.md): starts pcscd only when nothing listens on vpcd's port,
# and stops what it started afterwards, so pcscd is left as it was found.
# Usage: tools/bench/with-pcscd.sh COMMAND [ARGS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/waits.sh
PCSCD_PID=""
stop() { [ -n "$PCSCD_PID" ] && kill "$PCSCD_PID" 2>/dev/null && wait "$PCSCD_PID" 2>/dev/null || true; }
trap stop EXIT
if ! vpcd_listening; then
  mkdir -p /run/pcscd
  pcscd --foreground >/dev/null 2>&1 &
  PCSCD_PID=$!
fi
poll 30 vpcd_listening || { echo "vpcd is not listening on 127.0.0.1:35963 (pcscd with vsmartcard-vpcd)" >&2; exit 2; }
"$@"
