# Bounded waits shared by the real-client test scripts (tests/opensc, tests/pkcs11); sourced, not run.

# poll SECONDS COMMAND...: runs COMMAND every 0.2 s until it succeeds or SECONDS pass.
poll() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.2
  done
}

# vpcd_listening: pcscd's vpcd driver accepts simulators on 127.0.0.1:35963.
vpcd_listening() { (exec 3<>/dev/tcp/127.0.0.1/35963) 2>/dev/null; }
