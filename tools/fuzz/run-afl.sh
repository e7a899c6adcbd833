#!/usr/bin/env bash
# The long fuzzing campaign (docs/reliability.md, "Fuzzing"): AFL++ with SharpFuzz's
# instrumentation over the card OS, the HAL and the APs, seeded with tests/fuzz/corpus.
# Usage: tools/fuzz/run-afl.sh [SECONDS] [EXECUTIONS]    (default 600 s, no execution limit;
#        findings in artifacts/fuzz; the campaign stops at whichever limit comes first)
# Needs afl++ (Debian package afl++); installs the SharpFuzz instrumentation tool locally.
# A crash or hang found goes into tests/fuzz/regressions/ (./test.sh replays that folder).
# NANOCARD_FUZZ_SIDE_BY_SIDE=1: every input AFL++ makes runs on the kept card and on a newly built
# card (the harness before), each timed; prints both times per input and their ratio at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_TO_RUN=${1:-600}
EXECUTION_LIMIT=()
[ -n "${2:-}" ] && EXECUTION_LIMIT=(-E "$2")
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 2; }
dotnet build tools/fuzz -c Release -nologo -v quiet
# The issued card images, made once by the uninstrumented harness (issuing runs card code, which
# under instrumentation may only run inside SharpFuzz's loop).
dotnet tools/fuzz/bin/Release/net10.0/NanoCard.Fuzz.dll --make-images artifacts/fuzz/images
export NANOCARD_FUZZ_IMAGES=$PWD/artifacts/fuzz/images
BIN=artifacts/fuzz/bin
rm -rf "$BIN" && mkdir -p "$BIN"
cp -r tools/fuzz/bin/Release/net10.0/. "$BIN/"
[ -x artifacts/tools/sharpfuzz ] || dotnet tool install --tool-path artifacts/tools SharpFuzz.CommandLine --version 2.3.0 >/dev/null
for assembly in NanoCard.Os NanoCard.Applets NanoCard.Hal; do
  artifacts/tools/sharpfuzz "$BIN/$assembly.dll"
done
export AFL_SKIP_BIN_CHECK=1 AFL_FORKSRV_INIT_TMOUT=120000 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
rm -rf artifacts/fuzz/findings
if [ "${NANOCARD_FUZZ_SIDE_BY_SIDE:-}" = 1 ]; then
  export NANOCARD_FUZZ_SIDE_BY_SIDE_REPORT=$PWD/artifacts/fuzz/side-by-side.txt
  rm -f "$NANOCARD_FUZZ_SIDE_BY_SIDE_REPORT"
fi
timeout --signal=INT "$SECONDS_TO_RUN" afl-fuzz -i tests/fuzz/corpus -o artifacts/fuzz/findings -t 10000 -m none "${EXECUTION_LIMIT[@]}" \
  -- dotnet "$BIN/NanoCard.Fuzz.dll" || true
stats=artifacts/fuzz/findings/default/fuzzer_stats
[ -f "$stats" ] && grep -E '^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg|edges_found|total_edges|run_time) ' "$stats"
if [ -n "${NANOCARD_FUZZ_SIDE_BY_SIDE_REPORT:-}" ] && [ -f "$NANOCARD_FUZZ_SIDE_BY_SIDE_REPORT" ]; then
  dotnet tools/fuzz/bin/Release/net10.0/NanoCard.Fuzz.dll --side-by-side-report "$NANOCARD_FUZZ_SIDE_BY_SIDE_REPORT"
fi
