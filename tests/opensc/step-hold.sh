#!/usr/bin/env bash
# How long pcscd and vpcd let a card take (docs/labs.md, "Step mode"): a private pcscd, vpcd on
# port 36000, `flasher sim --web --web-control` with step mode on, and opensc-tool sending one
# SELECT; the first command it sends is held HOLD seconds before step mode goes off. Prints how
# long opensc-tool took and what it received. The pcscd is private (its own mount namespace
# for /run/pcscd and its own reader.conf), so a system pcscd is left alone. Needs root (unshare).
# Usage: tests/opensc/step-hold.sh HOLD_SECONDS [Release|Debug]
set -euo pipefail
HOLD=${1:?usage: step-hold.sh HOLD_SECONDS [Release|Debug]}
CONFIGURATION=${2:-Release}
if [ -z "${STEP_HOLD_PRIVATE:-}" ]; then
  exec env STEP_HOLD_PRIVATE=1 unshare -m "$0" "$@"
fi
cd "$(dirname "$0")/../.."
FLASHER=(dotnet "tools/flasher/bin/$CONFIGURATION/net10.0/flasher.dll")
WORK=$(mktemp -d)
PCSCD_PID=""
SIM_PID=""
cleanup() {
  [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null || true
  [ -n "$PCSCD_PID" ] && kill "$PCSCD_PID" 2>/dev/null && wait "$PCSCD_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
control() { curl -sf -X POST -H 'X-NanoCard-Lab: 1' -H 'Content-Type: application/json' -d "$2" "http://127.0.0.1:18181/control/$1" > /dev/null; }

mkdir -p "$WORK/run" "$WORK/conf"
mount --bind "$WORK/run" /run/pcscd
printf 'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x8CA0\nLIBPATH /usr/lib/pcsc/drivers/serial/libifdvpcd.so\nCHANNELID 0x8CA0\n' > "$WORK/conf/vpcd"
pcscd -f -c "$WORK/conf" > "$WORK/pcscd.log" 2>&1 &
PCSCD_PID=$!
"${FLASHER[@]}" persona new --seed 3 --out "$WORK/p.json" > /dev/null
"${FLASHER[@]}" issue --persona "$WORK/p.json" --ca "$WORK/ca" --card "sim:$WORK/card.img" > /dev/null
"${FLASHER[@]}" sim --card "$WORK/card.img" --vpcd 127.0.0.1:36000 --web 127.0.0.1:18181 --web-control > "$WORK/sim.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 100); do opensc-tool -l 2>/dev/null | grep -q "Yes.*Virtual PCD" && break; sleep 0.2; done
control step '{"on":true}'
start=$(date +%s.%N)
opensc-tool -r 0 -s 00A4040C0AD392F000260100000001 > "$WORK/tool.log" 2>&1 &
TOOL=$!
sleep "$HOLD"
control step '{"on":false}'
status=0
wait $TOOL || status=$?
echo "held ${HOLD} s: opensc-tool exit $status after $(echo "$(date +%s.%N) - $start" | bc) s"
cat "$WORK/tool.log"
