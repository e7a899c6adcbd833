#!/usr/bin/env bash
# Retakes the lab view's screenshots in docs/labs.md and docs/teaching.md. They are the ones the
# browser tests take (tests/Flasher.Tests/LabViewTests.cs): flasher sim --web on loopback, a
# scripted reader playing vpcd, Debian's chromium (apt install chromium fonts-ipafont-gothic)
# showing the page. Run from anywhere; the times on the pictures are those of the run.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tests/Flasher.Tests -c Release -nologo -v quiet -clp:NoSummary
NANOCARD_LAB_PICTURES="$PWD/docs/images" dotnet test tests/Flasher.Tests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~LabViewTests"
