#!/usr/bin/env bash
# Runs a command with a pcscd and vpcd of its own, for the long PC/SC campaigns of tools/bench
# (docs/reliability.md): the command and that pcscd live in new mount and network namespaces, with
# their own /run/pcscd (a tmpfs: pcscd's socket and pid file) and a network of loopback only, so
# vpcd's ports 35963/35964 there are not the system's. Several such runs and the system's pcscd
# (./test.sh's OpenSC stage) can go on at once. Needs root (unshare, mount) and iproute2's `ip`.
# Usage: tools/bench/with-private-pcscd.sh COMMAND [ARGS...]
set -euo pipefail
if [ "${NANOCARD_PRIVATE_PCSCD:-}" != inside ]; then
  exec env NANOCARD_PRIVATE_PCSCD=inside unshare --mount --net --propagation private "$(realpath "$0")" "$@"
fi
ip link set lo up
mkdir -p /run/pcscd
mount -t tmpfs private-pcscd /run/pcscd
exec "$(dirname "$(realpath "$0")")/with-pcscd.sh" "$@"
