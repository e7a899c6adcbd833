#!/usr/bin/env bash
# Redraws the pictures in docs/teaching.md ("## Pictures") from fresh cards of the seed-7 (gen1) and
# seed-8 (gen2) personas, with the flasher's own commands; run from anywhere, after `dotnet build`.
# The personas' dates count from today, so a rerun on another day changes the dates on the faces.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tools/flasher -c Release -nologo -v quiet -clp:NoSummary
flasher() { tools/flasher/bin/Release/net10.0/flasher "$@"; }
out=docs/images
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

flasher persona new --seed 7 --out "$work/alice.json" > /dev/null
flasher issue --persona "$work/alice.json" --ca "$work/ca" --card "sim:$work/alice.img" > /dev/null
flasher map --card "$work/alice.img" --png "$out/eeprom-map-gen1.png" > /dev/null
flasher face --card "sim:$work/alice.img" --persona "$work/alice.json" --png "$out/card-face-gen1.png"
flasher demo --seed 7 --map "$out/eeprom-wear-gen1.png" | grep EEPROM

# The gen2 card with issue 21's installed content: the police agency's domain and licence AP, the
# city's domain holding the 条例利用 area with the seal-registration and library APs.
flasher persona new --profile gen2 --curve P-384 --seed 8 --out "$work/bob.json" > /dev/null
flasher issue --persona "$work/bob.json" --ca "$work/ca" --card "sim:$work/bob.img" > /dev/null
flasher domain create --card "sim:$work/bob.img" --ca "$work/ca" --aid F04E616E6F506F6C696365 --quota 2048 --keys "$work/police.json" > /dev/null
flasher domain create --card "sim:$work/bob.img" --ca "$work/ca" --aid F04E616E6F43697479 --quota 4096 --reserve --keys "$work/city.json" > /dev/null
flasher ap install --card "sim:$work/bob.img" --ca "$work/ca" --domain F04E616E6F506F6C696365 --domain-keys "$work/police.json" --package licence --persona "$work/bob.json" > /dev/null
for package in seal library; do
  flasher ap install --card "sim:$work/bob.img" --ca "$work/ca" --domain F04E616E6F43697479 --domain-keys "$work/city.json" --package $package --persona "$work/bob.json" > /dev/null
done
flasher map --card "$work/bob.img" --png "$out/eeprom-map-gen2.png" | grep "^EEPROM"
flasher face --card "sim:$work/bob.img" --persona "$work/bob.json" --png "$out/card-face-gen2.png"
