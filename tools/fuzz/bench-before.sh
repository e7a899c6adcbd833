#!/usr/bin/env bash
# The fuzz harness's time per input against the harness before its speed work (docs/reliability.md,
# "Fuzzing"): builds commit 310c0d5's harness from its own checkout in artifacts/fuzz/before (once),
# then times kept cards, a newly built card per input and that harness on the same inputs, in one run.
# Usage: tools/fuzz/bench-before.sh [MUTANTS | DIR]    (default 2000 mutants of the seed corpus)
#        tools/fuzz/bench-before.sh --afl SECONDS      both harnesses under AFL++ at the same time, each
#                                                      its own afl-fuzz with its own corpus and findings
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
if [ "${1:-}" = --afl ]; then
  export AFL_NO_AFFINITY=1 # two instances on a machine other work shares: let the kernel place them
  (cd "$DIR" && tools/fuzz/run-afl.sh "$2" > afl.log 2>&1) &
  tools/fuzz/run-afl.sh "$2" > artifacts/fuzz/afl-now.log 2>&1 &
  wait
  now=$(awk '/^execs_per_sec/ {print $3}' artifacts/fuzz/findings/default/fuzzer_stats)
  before=$(awk '/^execs_per_sec/ {print $3}' "$DIR/artifacts/fuzz/findings/default/fuzzer_stats")
  echo "the harness before ($BEFORE):"; grep -E '^(execs_done|execs_per_sec|corpus_count|edges_found|saved_crashes|saved_hangs) ' "$DIR/artifacts/fuzz/findings/default/fuzzer_stats"
  echo "kept cards:"; grep -E '^(execs_done|execs_per_sec|corpus_count|edges_found|saved_crashes|saved_hangs) ' artifacts/fuzz/findings/default/fuzzer_stats
  awk -v a="$now" -v b="$before" 'BEGIN { printf "executions per second, now / before: %.1fx\n", a / b }'
  exit 0
fi
dotnet build tools/fuzz -c Release -nologo -v quiet
dotnet tools/fuzz/bin/Release/net10.0/NanoCard.Fuzz.dll --bench "${1:-2000}" --before "$DLL"
