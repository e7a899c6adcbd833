#!/usr/bin/env bash
# The one test command (README.md): builds nf.sln for net10.0 and netnano1.0, checks the
# nanoFramework builds with nanocheck, and runs every test. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

CONFIGURATION=Release
# Debian packages the tests need; installed when missing and run as root.
# libmbedtls-dev, cmake and g++: the native crypto core (firmware/native), the interop compiled
# against the reference nanoCLR header and their CTest;
# openssl: the RSA test that has `openssl rsa -check` judge our generated keys, and the OpenSC tests;
# pcscd, vsmartcard-vpcd, opensc, pcsc-tools: the simulated card in pcscd, used by OpenSC
# (tests/opensc/opensc-tests.sh);
# fonts-dejavu-core: DejaVu Sans, the font persona images and the flasher's pictures draw text with
# (SkiaSharp's NoDependencies build has no fontconfig, so the file is loaded by path);
# gnutls-bin, libnss3-tools, libengine-pkcs11-openssl, openssh-server, openssh-client, libpam-p11,
# pamtester: the clients of the PKCS#11 interop matrix (tests/pkcs11/interop-tests.sh, docs/interop.md);
# chromium: the browser the lab view tests drive through Playwright by its path (nothing is downloaded);
# fonts-ipafont-gothic: Japanese glyphs for the lab view's labels in that browser and its screenshots;
# curl: the OpenSC stage reads the lab view's event stream.
DEBIAN_PACKAGES=(libmbedtls-dev cmake g++ openssl pcscd vsmartcard-vpcd opensc pcsc-tools fonts-dejavu-core
  gnutls-bin libnss3-tools libengine-pkcs11-openssl openssh-server openssh-client libpam-p11 pamtester
  chromium fonts-ipafont-gothic curl)

ensure_debian_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing Debian packages. Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 2
  fi
  echo "== installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

if [ ${#DEBIAN_PACKAGES[@]} -gt 0 ]; then
  ensure_debian_packages "${DEBIAN_PACKAGES[@]}"
fi

echo "== build (net10.0 and netnano1.0)"
dotnet build nf.sln -c "$CONFIGURATION" -nologo -v quiet -clp:NoSummary

echo "== house style (.editorconfig: dotnet format --verify-no-changes)"
# Whitespace, using order, namespace style per project kind and field names; a break names the file
# and line. Fix with: dotnet format nf.sln
dotnet format nf.sln --verify-no-changes -v quiet

echo "== libnanocard-pkcs11.so (NativeAOT)"
dotnet publish tools/pkcs11/NanoCard.Pkcs11.csproj -c "$CONFIGURATION" -r linux-x64 -p:PublishAot=true -o artifacts/pkcs11 -nologo -v quiet

echo "== nanocheck (what the nanoCLR v1 cannot run)"
# Each portable project's own netnano1.0 output; naming them together allows their references to each other.
PORTABLE=(hal/NanoCard.Hal firmware/NanoCard.Os applets/NanoCard.Applets firmware/NanoCard.NativeCrypto)
NANO_ASSEMBLIES=()
for project in "${PORTABLE[@]}"; do
  NANO_ASSEMBLIES+=("$project/bin/$CONFIGURATION/netnano1.0/$(basename "$project").dll")
done
NANOCHECK="tools/nanocheck/bin/$CONFIGURATION/net10.0/nanocheck.dll"
dotnet "$NANOCHECK" "${NANO_ASSEMBLIES[@]}"
# The device application as NanoCard.Device.nfproj builds it: Program, glue, HAL, OS and applets in one
# assembly (firmware/NanoCard.Device/Sources.props), with NanoCard.NativeCrypto and the reference
# assembly of the device APIs (firmware/device-api) standing in for the nanoFramework packages.
DEVICE_OUT="firmware/NanoCard.Device/bin/$CONFIGURATION/netnano1.0"
dotnet "$NANOCHECK" "$DEVICE_OUT/NanoCard.Device.exe" "$DEVICE_OUT/NanoCard.NativeCrypto.dll" "$DEVICE_OUT/NanoCard.DeviceApi.dll"

echo "== managed heap of the powered-up card against the board's budget (docs/performance.md)"
# Object counts, not time: the census prices every object the card keeps as nanoCLR lays it out, and
# the command exits 1 when gen1 or gen2 passes 24/32 KB by that or by the measured nanoCLR/.NET factor.
dotnet "tools/bench/bin/$CONFIGURATION/net10.0/NanoCard.Bench.dll" heap
# The same with the police agency's and the city's domains and their three APs installed: gen2 must
# still fit; gen1 does not yet and is printed only (docs/performance.md, "With installed content").
dotnet "tools/bench/bin/$CONFIGURATION/net10.0/NanoCard.Bench.dll" heap --installed --must-fit gen2

echo "== native method table (NanoCard.NativeCrypto against the interop's lookup table)"
# The indexes and checksum the MetadataProcessor will give the assembly must be the ones the firmware's
# method_lookup binds (docs/building-firmware.md, "Pairing").
dotnet "$NANOCHECK" native-table "firmware/NanoCard.NativeCrypto/bin/$CONFIGURATION/netnano1.0/NanoCard.NativeCrypto.dll" \
  --expect firmware/native/interop/NanoCard.NativeCrypto/NanoCard_NativeCrypto.cpp

echo "== native crypto core and interop (CMake + CTest over mbedTLS)"
cmake -S firmware/native -B artifacts/native -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build artifacts/native -j 2 > /dev/null
ctest --test-dir artifacts/native --output-on-failure

echo "== tests"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# A hung test is reported by name and stopped instead of running into CI's time limit.
dotnet test nf.sln -c "$CONFIGURATION" --no-build -nologo --blame-hang-timeout 10m 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One line for the whole run, added up from the runner's per-assembly summary lines.
awk -v status="$status" '
  /^(Passed|Failed)! +- Failed:/ {
    gsub(/,/, ""); assemblies++
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") failed += $(i+1)
      if ($i == "Passed:") passed += $(i+1)
      if ($i == "Skipped:") skipped += $(i+1)
      if ($i == "Total:") total += $(i+1)
    }
  }
  END {
    verdict = (status == 0 && failed == 0 && total > 0) ? "Passed!" : "Failed!"
    printf "%s - Failed: %d, Passed: %d, Skipped: %d, Total: %d - %d test assemblies\n", verdict, failed, passed, skipped, total, assemblies
    exit (verdict == "Passed!") ? 0 : 1
  }' "$log"
[ "$status" -eq 0 ] || exit "$status"

echo "== real clients: OpenSC and openssl against flasher sim in pcscd"
tests/opensc/opensc-tests.sh "$CONFIGURATION"

echo "== PKCS#11 interop matrix: OpenSC's and NanoCard's module with real clients"
tests/pkcs11/interop-tests.sh "$CONFIGURATION"
