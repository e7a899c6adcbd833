#!/usr/bin/env bash
# Real clients against the simulated card (issue "flasher", README): pcscd with vsmartcard's
# vpcd driver, `flasher sim` on an issued card image, and Debian's OpenSC and openssl used the
# way a user would. Every wait is a bounded poll. The simulator is stopped and pcscd is left as
# it was found (started here only if it was not running, and stopped again).
# Usage: tests/opensc/opensc-tests.sh [Release|Debug]
set -euo pipefail
cd "$(dirname "$0")/../.."
CONFIGURATION=${1:-Release}
FLASHER=(dotnet "tools/flasher/bin/$CONFIGURATION/net10.0/flasher.dll")
MODULE=$( (ls /usr/lib/*/opensc-pkcs11.so /usr/lib/opensc-pkcs11.so 2>/dev/null || true) | head -n1)
WORK=$(mktemp -d)
SIM_PID=""
SIM2_PID=""
PCSCD_PID=""
PASSED=0

cleanup() {
  [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null || true
  [ -n "$SIM2_PID" ] && kill "$SIM2_PID" 2>/dev/null && wait "$SIM2_PID" 2>/dev/null || true
  [ -n "$PCSCD_PID" ] && kill "$PCSCD_PID" 2>/dev/null && wait "$PCSCD_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; [ -f "$WORK/sim.log" ] && sed 's/^/  sim: /' "$WORK/sim.log" >&2; exit 1; }
pass() { PASSED=$((PASSED + 1)); echo "ok - $*"; }

. tests/lib/waits.sh
card_present() { opensc-tool -l 2>/dev/null | grep -Eq "^[0-9]+ +Yes +Virtual PCD 00 0${1:-0}"; }

[ -n "$MODULE" ] || fail "opensc-pkcs11.so not found: install opensc"
# pcscd with the vpcd driver listens on 35963; start one only when nothing does.
if ! vpcd_listening; then
  mkdir -p /run/pcscd
  pcscd --foreground >"$WORK/pcscd.log" 2>&1 &
  PCSCD_PID=$!
fi
poll 30 vpcd_listening || fail "vpcd is not listening on 127.0.0.1:35963 (pcscd with vsmartcard-vpcd)"

"${FLASHER[@]}" persona new --seed 11 --out "$WORK/persona.json" >/dev/null
"${FLASHER[@]}" issue --persona "$WORK/persona.json" --ca "$WORK/ca" --card "sim:$WORK/card.img" >/dev/null
field() { sed -n "s/^ *\"$1\": \"\([^\"]*\)\".*/\1/p" "$WORK/persona.json"; }
PIN=$(field pin)
PASSWORD=$(field signPassword)
[[ $PIN =~ ^[0-9]{4}$ && $PASSWORD =~ ^[A-Z0-9]{6,16}$ ]] || fail "persona.json: unexpected pin or signPassword"
WRONG_PIN=${PIN:0:3}$(( (${PIN:3:1} + 1) % 10 ))

"${FLASHER[@]}" sim --card "$WORK/card.img" --trace "$WORK/trace.txt" --web 127.0.0.1:0 >"$WORK/sim.log" 2>&1 &
SIM_PID=$!
poll 30 card_present || fail "the simulated card did not appear in 'Virtual PCD 00 00'"

atr=$(opensc-tool -a 2>/dev/null | grep -E '^[0-9a-f]{2}(:[0-9a-f]{2})+$') || fail "opensc-tool -a showed no ATR"
[[ $atr == 3b:85:80:01:80:73:c6:01:c0:* ]] || fail "unexpected ATR $atr"
pass "opensc-tool -a shows the ATR $atr"

pkcs15-tool -D >"$WORK/dump.txt" 2>&1 || fail "pkcs15-tool -D failed: $(cat "$WORK/dump.txt")"
grep -q 'PKCS#15 Card \[JPKI\]' "$WORK/dump.txt" || fail "the jpki emulator did not bind"
[ "$(grep -c '^X.509 Certificate' "$WORK/dump.txt")" -eq 4 ] || fail "expected 4 certificates"
[ "$(grep -c '^PIN \[' "$WORK/dump.txt")" -eq 2 ] || fail "expected 2 PINs"
[ "$(grep -c '^Private RSA Key' "$WORK/dump.txt")" -eq 2 ] || fail "expected 2 private keys"
grep -A9 'PIN \[User Authentication PIN\]' "$WORK/dump.txt" | grep -q 'Tries left *: 3' || fail "auth PIN should have 3 tries"
grep -A9 'PIN \[Digital Signature PIN\]' "$WORK/dump.txt" | grep -q 'Tries left *: 5' || fail "signing password should have 5 tries"
pass "pkcs15-tool -D binds jpki: 4 certificates, 2 PINs (3 and 5 tries), 2 private keys"

pkcs15-tool --read-certificate 01 --output "$WORK/auth.pem" >/dev/null 2>&1 || fail "reading certificate 01"
openssl verify -CAfile "$WORK/ca/jpki-auth-ca.crt.pem" "$WORK/auth.pem" >/dev/null || fail "auth certificate does not verify against the test CA"
pass "pkcs15-tool reads the auth certificate; openssl verifies it against the test CA"

echo "NanoCard OpenSC test" >"$WORK/message.txt"
pkcs11-tool --module "$MODULE" --slot-index 0 --login --pin "$PIN" --sign --mechanism SHA256-RSA-PKCS --id 01 \
  --input-file "$WORK/message.txt" --output-file "$WORK/auth.sig" >/dev/null 2>&1 || fail "pkcs11-tool sign with key 01"
openssl x509 -in "$WORK/auth.pem" -pubkey -noout >"$WORK/auth.pub"
openssl dgst -sha256 -verify "$WORK/auth.pub" -signature "$WORK/auth.sig" "$WORK/message.txt" >/dev/null || fail "auth signature does not verify"
pass "pkcs11-tool signs with the auth key (SHA256-RSA-PKCS); openssl verifies it"

pkcs15-tool --read-certificate 02 --auth-id 02 --verify-pin --pin "$PASSWORD" --output "$WORK/sign.pem" >/dev/null 2>&1 || fail "reading certificate 02 with the password"
openssl verify -CAfile "$WORK/ca/jpki-sign-ca.crt.pem" "$WORK/sign.pem" >/dev/null || fail "sign certificate does not verify against the test CA"
pkcs11-tool --module "$MODULE" --slot-index 1 --login --pin "$PASSWORD" --sign --mechanism SHA256-RSA-PKCS --id 02 \
  --input-file "$WORK/message.txt" --output-file "$WORK/sign.sig" >/dev/null 2>&1 || fail "pkcs11-tool sign with key 02"
openssl x509 -in "$WORK/sign.pem" -pubkey -noout >"$WORK/sign.pub"
openssl dgst -sha256 -verify "$WORK/sign.pub" -signature "$WORK/sign.sig" "$WORK/message.txt" >/dev/null || fail "sign signature does not verify"
pass "the signing key signs after the password; openssl verifies it"

for left in 2 1 0; do
  pkcs15-tool --verify-pin --auth-id 01 --pin "$WRONG_PIN" >/dev/null 2>&1 && fail "a wrong PIN was accepted"
  pkcs15-tool --list-pins 2>/dev/null | grep -A8 'User Authentication PIN' | grep -q "Tries left *: $left" || fail "expected $left tries left"
done
pkcs15-tool --verify-pin --auth-id 01 --pin "$PIN" >/dev/null 2>&1 && fail "a blocked PIN was accepted"
pass "three wrong PINs count down 2, 1, 0 in pkcs15-tool --list-pins; then even the right PIN is refused"

grep -q "$PASSWORD" "$WORK/trace.txt" "$WORK/trace.txt.jsonl" && fail "the password appears in the trace"
pass "the simulator's trace masks PINs and passwords"

# The lab view of the same session (docs/labs.md): what the page gets, from its event stream
# (which stays open: curl stops reading after 3 s).
hex() { printf %s "$1" | od -An -tx1 | tr -d ' \n' | tr a-f A-F; }
LAB=$(grep -o 'lab view: http://127.0.0.1:[0-9]*/' "$WORK/sim.log" | cut -d' ' -f3) || fail "flasher sim printed no lab view address"
curl -s --max-time 3 "${LAB}events" >"$WORK/events.txt" || true
grep -q '"name":"VERIFY"' "$WORK/events.txt" || fail "the lab view's stream shows no VERIFY"
grep -q '0018 (user-authentication PIN)","tries":0' "$WORK/events.txt" || fail "the lab view does not show the blocked PIN"
grep -qiE "$(hex "$PIN")|$(hex "$WRONG_PIN")|$(hex "$PASSWORD")|$PASSWORD" "$WORK/events.txt" && fail "a PIN or the password reached the lab view"
pass "the lab view (--web) streams OpenSC's session: each VERIFY, the PIN counter down to 0, no PIN or password"

# Issuance through PC/SC: a blank gen2 card in the second vpcd slot, issued with pcsc:READER.
"${FLASHER[@]}" persona new --profile gen2 --curve P-384 --seed 12 --out "$WORK/gen2.json" >/dev/null
"${FLASHER[@]}" sim --card "$WORK/blank.img" --profile gen2 --vpcd 127.0.0.1:35964 >"$WORK/sim2.log" 2>&1 &
SIM2_PID=$!
poll 30 card_present 1 || fail "the blank card did not appear in 'Virtual PCD 00 01'"
"${FLASHER[@]}" issue --persona "$WORK/gen2.json" --ca "$WORK/ca" --card "pcsc:Virtual PCD 00 01" >"$WORK/issue2.log" 2>&1 \
  || fail "flasher issue over PC/SC: $(cat "$WORK/issue2.log")"
pass "flasher issue --card pcsc:READER issues a blank gen2 card in another reader"

# gen2 keeps the RSA keys and certificates at today's FIDs: OpenSC's jpki driver, unchanged, still works.
GEN2_PIN=$(sed -n 's/^ *"pin": "\([^"]*\)".*/\1/p' "$WORK/gen2.json")
pkcs15-tool --reader 1 -D >"$WORK/dump2.txt" 2>&1 || fail "pkcs15-tool -D on the gen2 card: $(cat "$WORK/dump2.txt")"
grep -q 'PKCS#15 Card \[JPKI\]' "$WORK/dump2.txt" || fail "the jpki emulator did not bind the gen2 card"
[ "$(grep -c '^Private RSA Key' "$WORK/dump2.txt")" -eq 2 ] || fail "expected 2 RSA private keys on the gen2 card"
pkcs15-tool --reader 1 --read-certificate 01 --output "$WORK/auth2.pem" >/dev/null 2>&1 || fail "reading the gen2 card's certificate 01"
openssl verify -CAfile "$WORK/ca/jpki-auth-ca.crt.pem" "$WORK/auth2.pem" >/dev/null || fail "gen2 auth certificate does not verify against the test CA"
# The card's first slot (user authentication), by its slot ID: "Slot 1 (0x4): Virtual PCD 00 01".
AUTH2_SLOT=$(pkcs11-tool --module "$MODULE" --list-slots 2>/dev/null | sed -n 's/^Slot [0-9]* (\(0x[0-9a-f]*\)): Virtual PCD 00 01$/\1/p' | head -n1)
[ -n "$AUTH2_SLOT" ] || fail "no PKCS#11 slot for the gen2 card"
AUTH2_SLOT=$((AUTH2_SLOT))
pkcs11-tool --module "$MODULE" --slot "$AUTH2_SLOT" --login --pin "$GEN2_PIN" --sign --mechanism SHA256-RSA-PKCS --id 01 \
  --input-file "$WORK/message.txt" --output-file "$WORK/auth2.sig" >/dev/null 2>&1 || fail "pkcs11-tool sign with the gen2 card's key 01"
openssl x509 -in "$WORK/auth2.pem" -pubkey -noout >"$WORK/auth2.pub"
openssl dgst -sha256 -verify "$WORK/auth2.pub" -signature "$WORK/auth2.sig" "$WORK/message.txt" >/dev/null || fail "gen2 auth signature does not verify"
pass "on the gen2 card OpenSC binds jpki, reads the RSA certificate and signs with the card PIN; openssl verifies"

# Card and JPKI AP authentication through PC/SC, without a PIN.
"${FLASHER[@]}" verify --card "pcsc:Virtual PCD 00 01" --ca "$WORK/ca" >"$WORK/verify.log" 2>&1 || fail "flasher verify: $(cat "$WORK/verify.log")"
grep -q 'genuine card' "$WORK/verify.log" || fail "flasher verify did not find the card genuine"
pass "flasher verify --card pcsc:READER: card and JPKI AP authentication hold, certificates good"

# Card content management through PC/SC (docs/apdu-spec.md §11.2): on the gen2 card issued above, the
# issuer creates the police agency's domain, which installs and personalizes the example licence AP
# through its own SCP03 session; a PC/SC client reads it like a built-in AP; DELETE gives the space back.
GEN2_READER="pcsc:Virtual PCD 00 01"
POLICE=F04E616E6F506F6C696365
LICENCE=F04E616E6F4C6963656E6365
"${FLASHER[@]}" domain create --card "$GEN2_READER" --ca "$WORK/ca" --aid $POLICE --quota 4096 --keys "$WORK/police-keys.json" >"$WORK/domain.log" 2>&1 \
  || fail "flasher domain create: $(cat "$WORK/domain.log")"
"${FLASHER[@]}" ap install --card "$GEN2_READER" --domain $POLICE --domain-keys "$WORK/police-keys.json" --description docs/examples/licence-ap.json >"$WORK/ap.log" 2>&1 \
  || fail "flasher ap install: $(cat "$WORK/ap.log")"
opensc-tool --reader 1 -s 00A4040C0C$LICENCE -s 00B0820010 -s 00B0830004 -s 002000810432343638 -s 00B0830004 >"$WORK/licence.txt" 2>&1 \
  || fail "opensc-tool on the installed AP: $(cat "$WORK/licence.txt")"
grep -q 'NANO-LICENCE-001' "$WORK/licence.txt" || fail "the installed AP's licence number was not read: $(cat "$WORK/licence.txt")"
[ "$(grep -c 'SW1=0x90, SW2=0x00' "$WORK/licence.txt")" -eq 4 ] && [ "$(grep -c 'SW1=0x69, SW2=0x82' "$WORK/licence.txt")" -eq 1 ] \
  || fail "the installed AP did not answer SELECT, READ BINARY, VERIFY as documented: $(cat "$WORK/licence.txt")"
"${FLASHER[@]}" ap delete --card "$GEN2_READER" --domain $POLICE --domain-keys "$WORK/police-keys.json" --aid $LICENCE >/dev/null 2>&1 || fail "flasher ap delete"
"${FLASHER[@]}" domain list --card "$GEN2_READER" --ca "$WORK/ca" >"$WORK/domains.log" 2>&1 || fail "flasher domain list: $(cat "$WORK/domains.log")"
grep -q "domain $POLICE: .*, 0 bytes used, quota 4096 bytes, 4096 left" "$WORK/domains.log" || fail "the licence AP's space did not come back: $(cat "$WORK/domains.log")"
opensc-tool --reader 1 -s 00A4040C0C$LICENCE 2>&1 | grep -q 'SW1=0x6A, SW2=0x82' || fail "the deleted AP is still selectable"
pass "a domain and an AP installed after issuance through flasher over PC/SC, read by opensc-tool, deleted with its space back"

# The packages through PC/SC (docs/apdu-spec.md §11.3-§11.4): the licence AP in the police domain,
# the city's domain holding the 条例利用 area with the seal-registration and library APs; read as their
# readers would (flasher read: PINs, signatures, presence) and by opensc-tool; deleted, and the licence
# AP installed again.
CITY=F04E616E6F43697479
SEAL=F04E616E6F5365616C
LIBRARY=F04E616E6F4C696272617279
"${FLASHER[@]}" domain create --card "$GEN2_READER" --ca "$WORK/ca" --aid $CITY --quota 4096 --reserve --keys "$WORK/city-keys.json" >"$WORK/city.log" 2>&1 \
  || fail "flasher domain create --reserve: $(cat "$WORK/city.log")"
for package in licence seal library; do
  if [ $package = licence ]; then domain=$POLICE; keys="$WORK/police-keys.json"; else domain=$CITY; keys="$WORK/city-keys.json"; fi
  "${FLASHER[@]}" ap install --card "$GEN2_READER" --ca "$WORK/ca" --domain $domain --domain-keys "$keys" --package $package --persona "$WORK/gen2.json" >"$WORK/package.log" 2>&1 \
    || fail "flasher ap install --package $package: $(cat "$WORK/package.log")"
done
"${FLASHER[@]}" read licence --card "$GEN2_READER" --ca "$WORK/ca" --persona "$WORK/gen2.json" >"$WORK/read-licence.log" 2>&1 \
  || fail "flasher read licence: $(cat "$WORK/read-licence.log")"
LICENCE_NUMBER=$(sed -n '/"licence"/,/}/s/^ *"number": "\([0-9]*\)".*/\1/p' "$WORK/gen2.json" | head -n1)
grep -q "免許証の番号 (number): $LICENCE_NUMBER" "$WORK/read-licence.log" || fail "the licence number was not read: $(cat "$WORK/read-licence.log")"
grep -q "police signature over the domicile: ok" "$WORK/read-licence.log" || fail "the police signatures did not check: $(cat "$WORK/read-licence.log")"
"${FLASHER[@]}" read municipal --card "$GEN2_READER" --ca "$WORK/ca" >"$WORK/read-city.log" 2>&1 || fail "flasher read municipal: $(cat "$WORK/read-city.log")"
[ "$(grep -c 'presence (INTERNAL AUTHENTICATE on a fresh challenge): ok' "$WORK/read-city.log")" -eq 2 ] || fail "the municipal APs did not prove presence: $(cat "$WORK/read-city.log")"
opensc-tool --reader 1 -s 00A4040C0C$LICENCE -s 00A4020C022F01 -s 00B0000000 -s 00A4020C020101 -s 00B0000000 >"$WORK/licence2.txt" 2>&1 || fail "opensc-tool on the licence AP"
grep -q '45 0B 4E 30 31' "$WORK/licence2.txt" && grep -q 'SW1=0x69, SW2=0x82' "$WORK/licence2.txt" \
  || fail "opensc-tool did not read the common data element freely and the items only after PIN 1: $(cat "$WORK/licence2.txt")"
"${FLASHER[@]}" domain list --card "$GEN2_READER" --ca "$WORK/ca" >"$WORK/domains2.log" 2>&1 || fail "flasher domain list"
grep -q "domain $CITY: .*quota 4096 bytes reserved" "$WORK/domains2.log" || fail "the city's area is not reserved: $(cat "$WORK/domains2.log")"
for aid in $SEAL $LIBRARY; do
  "${FLASHER[@]}" ap delete --card "$GEN2_READER" --domain $CITY --domain-keys "$WORK/city-keys.json" --aid $aid >/dev/null 2>&1 || fail "flasher ap delete $aid"
done
"${FLASHER[@]}" ap delete --card "$GEN2_READER" --domain $POLICE --domain-keys "$WORK/police-keys.json" --aid $LICENCE >/dev/null 2>&1 || fail "flasher ap delete (licence)"
"${FLASHER[@]}" read municipal --card "$GEN2_READER" >/dev/null 2>&1 && fail "the deleted municipal APs still read"
"${FLASHER[@]}" ap install --card "$GEN2_READER" --ca "$WORK/ca" --domain $POLICE --domain-keys "$WORK/police-keys.json" --package licence --persona "$WORK/gen2.json" >/dev/null 2>&1 \
  || fail "reinstalling the licence AP"
"${FLASHER[@]}" read licence --card "$GEN2_READER" --ca "$WORK/ca" --persona "$WORK/gen2.json" >/dev/null 2>&1 || fail "the reinstalled licence AP does not read"
pass "the licence and municipal packages installed over PC/SC, read by their readers and opensc-tool, deleted, the licence AP reinstalled"

# Soak: 100 000 APDUs of a mixed session through pcscd and vpcd against one flasher sim process,
# with the transport floor measured in the same run (docs/performance.md, "Soak and transport latency").
# It uses the second slot: the gen2 card there goes first.
kill "$SIM2_PID" 2>/dev/null && wait "$SIM2_PID" 2>/dev/null || true
SIM2_PID=""
slot_empty() { ! card_present 1; }
poll 30 slot_empty || fail "the second vpcd slot did not empty"
dotnet "tools/bench/bin/$CONFIGURATION/net10.0/NanoCard.Bench.dll" soak >"$WORK/soak.txt" 2>&1 || fail "soak: $(cat "$WORK/soak.txt")"
sed 's/^/  /' "$WORK/soak.txt"
pass "soak: 100 000 APDUs through pcscd and vpcd against flasher sim, no failure, RSS within 64 MiB of its start"

# Kill and restart: SIGKILL flasher sim at seeded random moments of a stream of VERIFYs,
# issuer-authenticated EF updates and INSTALL, personalization and DELETE of the licence AP,
# restart it, check (docs/reliability.md, "Kill and restart").
poll 30 slot_empty || fail "the second vpcd slot did not empty"
dotnet "tools/bench/bin/$CONFIGURATION/net10.0/NanoCard.Bench.dll" killrestart --kills 20 --seed 7 >"$WORK/kill.txt" 2>&1 || fail "kill and restart: $(cat "$WORK/kill.txt")"
pass "kill and restart: $(tr '\n' ' ' <"$WORK/kill.txt")"

echo "opensc tests: $PASSED passed"
