#!/bin/sh
# Copies the NanoCard interop into an nf-interpreter checkout (docs/building-firmware.md):
#   InteropAssemblies/NanoCard.NativeCrypto/  the method table, the interop bodies, the C core
#   CMake/Modules/FindINTEROP-NanoCard.NativeCrypto.cmake
# Usage: firmware/native/interop/stage.sh <nf-interpreter folder>
set -eu
if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 <nf-interpreter folder>" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
interop="$here/NanoCard.NativeCrypto"
dest="$1/InteropAssemblies/NanoCard.NativeCrypto"
mkdir -p "$dest" "$1/CMake/Modules"
cp "$interop/NanoCard_NativeCrypto.h" "$interop/NanoCard_NativeCrypto.cpp" \
   "$interop/NanoCard_NativeCrypto_NanoCard_NativeCrypto_NativeCrypto.cpp" "$dest/"
cp "$here/../src/nanocard_crypto.c" "$here/../include/nanocard_crypto.h" "$dest/"
cp "$interop/FindINTEROP-NanoCard.NativeCrypto.cmake" "$1/CMake/Modules/"
echo "staged NanoCard.NativeCrypto in $1"
