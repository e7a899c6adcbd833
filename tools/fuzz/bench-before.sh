#!/usr/bin/env bash
# The fuzz harness's time per input against the harness before its speed work (docs/reliability.md,
# "Fuzzing"): builds commit 310c0d5's harness from its own checkout in artifacts/fuzz/before (once),
# then times kept cards, a newly built card per input and that harness on the same inputs, in one run.
# Usage: tools/fuzz/bench-before.sh [MUTANTS | DIR]    (default 2000 mutants of the seed corpus)
set -euo pipefail
cd "$(dirname "$0")/../.."
BEFORE=310c0d5
DIR=artifacts/fuzz/before
DLL=$DIR/tools/fuzz/bin/Release/net10.0/NanoCard.Fuzz.dll
if [ ! -f "$DLL" ]; then
  rm -rf "$DIR" && mkdir -p "$DIR"
  git archive "$BEFORE" | tar -x -C "$DIR"
  dotnet build "$DIR/tools/fuzz" -c Release -nologo -v quiet
fi
dotnet build tools/fuzz -c Release -nologo -v quiet
dotnet tools/fuzz/bin/Release/net10.0/NanoCard.Fuzz.dll --bench "${1:-2000}" --before "$DLL"
