#!/usr/bin/env bash
# The PKCS#11 interop matrix (docs/interop.md): real clients from Debian against a gen1 and a gen2
# card in `flasher sim`, through OpenSC's PKCS#11 module and through NanoCard's own
# (libnanocard-pkcs11.so, published by ./test.sh with NativeAOT). One card at a time sits in
# "Virtual PCD 00 00". Each check records its cell; at the end the cells are compared with the
# table in docs/interop.md, so the document says exactly what ran. Every wait is a bounded poll;
# everything started here (pcscd if it was not running, the simulator, sshd, s_server, the PAM
# test user and service) is stopped or removed again. Needs root (sshd, useradd, /etc/pam.d).
# Usage: tests/pkcs11/interop-tests.sh [Release|Debug]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
CONFIGURATION=${1:-Release}
FLASHER=(dotnet "tools/flasher/bin/$CONFIGURATION/net10.0/flasher.dll")
NANOCARD=$ROOT/artifacts/pkcs11/libnanocard-pkcs11.so
OPENSC=$( (ls /usr/lib/*/opensc-pkcs11.so /usr/lib/opensc-pkcs11.so 2>/dev/null || true) | head -n1)
ENGINE=$( (ls /usr/lib/*/engines-3/pkcs11.so 2>/dev/null || true) | head -n1)
WORK=$(mktemp -d)
RESULTS=$WORK/results.txt
PAM_USER=nanocard-p11-test
PAM_SERVICE=nanocard-p11-test
SIM_PID="" PCSCD_PID="" SERVER_PID=""
CREATED_USER=""

cleanup() {
  for pid in "$SERVER_PID" "$SIM_PID" "$PCSCD_PID"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
  [ -n "$CREATED_USER" ] && userdel "$PAM_USER" 2>/dev/null || true
  rm -f "/etc/pam.d/$PAM_SERVICE"
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; [ -n "${KEEP:-}" ] && cp -r "$WORK" "$KEEP"; [ -f "$WORK/sim.log" ] && sed 's/^/  sim: /' "$WORK/sim.log" >&2; exit 1; }

# cell ROW GEN MODULE MARK TEXT: one cell of the matrix (✔ works, ✘ does not, each as checked; docs/interop.md).
cell() { echo "$1 $2 $3 $4" >>"$RESULTS"; echo "ok - [$2 $3] $1: $5"; }

. tests/lib/waits.sh
card_present() { opensc-tool -l 2>/dev/null | grep -Eq "^[0-9]+ +Yes +Virtual PCD 00 00"; }
slot_empty() { ! card_present; }
# free_port: a loopback port nothing listens on now.
free_port() {
  local port
  for port in $(shuf -i 20000-60999 -n 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  return 1
}
uri_text() { sed 's/ /%20/g; s/(/%28/g; s/)/%29/g' <<<"$1"; }
json_field() { sed -n "s/^ *\"$2\": \"\([^\"]*\)\".*/\1/p" "$1"; }

# slot_of MODULE TOKEN-LABEL: the decimal slot ID of the token with that label (pkcs11-tool -L).
slot_of() {
  local id
  id=$(pkcs11-tool --module "$1" -L 2>/dev/null | awk -v label="$2" '
    /^Slot [0-9]+ \(0x[0-9a-f]+\)/ { match($0, /\(0x[0-9a-f]+\)/); id = substr($0, RSTART + 1, RLENGTH - 2) }
    /token label/ { sub(/^ *token label *: */, ""); if ($0 == label) { print id; exit } }')
  [ -n "$id" ] || fail "no slot with token '$2' in $(basename "$1")"
  echo $((id))
}

# verify_with_cert CERT-DER SIGNATURE DATA: openssl checks a signature (DER ECDSA or PKCS#1) with the certificate's key.
verify_with_cert() {
  openssl x509 -inform der -in "$1" -pubkey -noout >"$1.pub"
  openssl dgst -sha256 -verify "$1.pub" -signature "$2" "$3" >/dev/null
}

[ "$(id -u)" -eq 0 ] || fail "run as root: the matrix starts sshd and makes a PAM test user"
[ -f "$NANOCARD" ] || fail "$NANOCARD is missing: dotnet publish tools/pkcs11 -r linux-x64 -p:PublishAot=true -o artifacts/pkcs11"
[ -n "$OPENSC" ] || fail "opensc-pkcs11.so not found: install opensc"
[ -n "$ENGINE" ] || fail "the libp11 engine is missing: install libengine-pkcs11-openssl"

echo "== clients: OpenSC $(dpkg-query -W -f='${Version}' opensc), GnuTLS $(dpkg-query -W -f='${Version}' gnutls-bin)," \
  "NSS $(dpkg-query -W -f='${Version}' libnss3-tools), libp11 $(dpkg-query -W -f='${Version}' libengine-pkcs11-openssl)," \
  "OpenSSL $(dpkg-query -W -f='${Version}' openssl), OpenSSH $(dpkg-query -W -f='${Version}' openssh-client)," \
  "pam_p11 $(dpkg-query -W -f='${Version}' libpam-p11), pcsc-tools $(dpkg-query -W -f='${Version}' pcsc-tools)"

if ! vpcd_listening; then
  mkdir -p /run/pcscd
  pcscd --foreground >"$WORK/pcscd.log" 2>&1 &
  PCSCD_PID=$!
fi
poll 30 vpcd_listening || fail "vpcd is not listening on 127.0.0.1:35963 (pcscd with vsmartcard-vpcd)"
card_present && fail "'Virtual PCD 00 00' already holds a card: stop the other simulator first"

echo "NanoCard interop message" >"$WORK/message.txt"
openssl dgst -sha256 -binary "$WORK/message.txt" >"$WORK/message.sha256"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/server.key" -out "$WORK/server.pem" \
  -subj /CN=localhost -days 1 >/dev/null 2>&1
ssh-keygen -q -t ed25519 -N '' -f "$WORK/ssh_host_key"
mkdir -p /run/sshd
useradd -M -d "$WORK/pam-home" -s /usr/sbin/nologin "$PAM_USER" && CREATED_USER=yes
mkdir -p "$WORK/pam-home/.ssh"

# ---- the checks; each uses the variables the phase below sets ----

# Objects a client lists after logging in to both tokens: the private keys by type.
check_objects() {
  local module=$1 name=$2
  pkcs11-tool --module "$module" --slot "$AUTH_SLOT" --login --pin "$PIN" -O >"$WORK/objects.txt" 2>&1 || fail "$name: pkcs11-tool -O"
  pkcs11-tool --module "$module" --slot "$SIGN_SLOT" --login --pin "$PASSWORD" -O >>"$WORK/objects.txt" 2>&1 || fail "$name: pkcs11-tool -O (signing token)"
  RSA_KEYS=$(grep -c '^Private Key Object; RSA' "$WORK/objects.txt" || true)
  EC_KEYS=$(grep -c '^Private Key Object; EC' "$WORK/objects.txt" || true)
  [ "$RSA_KEYS" -eq 2 ] || fail "$name: expected 2 RSA private keys, saw $RSA_KEYS"
  cell p11-list "$GEN" "$name" ✔ "pkcs11-tool lists $RSA_KEYS RSA and $EC_KEYS EC private keys"
}

# An EC check on a module that shows no EC key: the cell records that, from check_objects' count.
no_ec() {
  [ "$EC_KEYS" -eq 0 ] || fail "$2: $EC_KEYS EC keys listed, but the $1 check was skipped"
  cell "$1" "$GEN" "$2" ✘ "no EC key in the module"
}

check_pkcs11_tool() {
  local module=$1 name=$2
  pkcs11-tool --module "$module" --slot "$AUTH_SLOT" --read-object --type cert --id 01 -o "$WORK/auth.der" >/dev/null 2>&1 || fail "$name: read cert 01"
  pkcs11-tool --module "$module" --slot "$AUTH_SLOT" --login --pin "$PIN" --sign --mechanism SHA256-RSA-PKCS --id 01 \
    -i "$WORK/message.txt" -o "$WORK/sig" >/dev/null 2>&1 || fail "$name: sign with key 01"
  verify_with_cert "$WORK/auth.der" "$WORK/sig" "$WORK/message.txt" || fail "$name: key 01 signature"
  cell p11-sign-rsa-auth "$GEN" "$name" ✔ "SHA256-RSA-PKCS with the authentication key, verified by openssl"

  pkcs11-tool --module "$module" --slot "$SIGN_SLOT" --login --pin "$PASSWORD" --read-object --type cert --id 02 -o "$WORK/sign.der" >/dev/null 2>&1 || fail "$name: read cert 02"
  pkcs11-tool --module "$module" --slot "$SIGN_SLOT" --login --pin "$PASSWORD" --sign --mechanism RSA-PKCS --id 02 \
    -i <(printf '\x30\x31\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00\x04\x20'; cat "$WORK/message.sha256") \
    -o "$WORK/sig" >/dev/null 2>&1 || fail "$name: sign with key 02"
  verify_with_cert "$WORK/sign.der" "$WORK/sig" "$WORK/message.txt" || fail "$name: key 02 signature"
  cell p11-sign-rsa-sign "$GEN" "$name" ✔ "RSA-PKCS (a DigestInfo) with the signing key after the password, verified"

  if pkcs11-tool --module "$module" --slot "$AUTH_SLOT" --login --pin "$PIN" --test >"$WORK/test.txt" 2>&1; then
    grep -q 'No errors' "$WORK/test.txt" || fail "$name: pkcs11-tool --test reported errors"
    cell p11-test "$GEN" "$name" ✔ "pkcs11-tool --test: no errors"
  elif [ "$name" = opensc ] && grep -q 'C_OpenSession failed: rv = CKR_SESSION_HANDLE_INVALID' "$WORK/test.txt"; then
    # OpenSC's own module stops its own test (docs/interop.md); any other failure is a failure.
    cell p11-test "$GEN" "$name" ✘ "pkcs11-tool --test stops: C_OpenSession answers CKR_SESSION_HANDLE_INVALID"
  else
    fail "$name: pkcs11-tool --test: $(cat "$WORK/test.txt")"
  fi
}

check_pkcs11_tool_ec() {
  local module=$1 name=$2 id
  [ "$EC_KEYS" -gt 0 ] || { no_ec p11-sign-ec-auth "$name"; no_ec p11-sign-ec-sign "$name"; no_ec p11-sign-card-auth "$name"; return; }
  pkcs11-tool --module "$module" --slot "$AUTH_SLOT" --read-object --type cert --id 03 -o "$WORK/ecauth.der" >/dev/null 2>&1 || fail "$name: read cert 03"
  pkcs11-tool --module "$module" --slot "$AUTH_SLOT" --login --pin "$PIN" --sign --mechanism ECDSA-SHA256 --id 03 --signature-format openssl \
    -i "$WORK/message.txt" -o "$WORK/sig" >/dev/null 2>&1 || fail "$name: sign with key 03"
  verify_with_cert "$WORK/ecauth.der" "$WORK/sig" "$WORK/message.txt" || fail "$name: key 03 signature"
  cell p11-sign-ec-auth "$GEN" "$name" ✔ "ECDSA-SHA256 with the EC authentication key, verified by openssl"

  pkcs11-tool --module "$module" --slot "$SIGN_SLOT" --login --pin "$PASSWORD" --read-object --type cert --id 04 -o "$WORK/ecsign.der" >/dev/null 2>&1 || fail "$name: read cert 04"
  pkcs11-tool --module "$module" --slot "$SIGN_SLOT" --login --pin "$PASSWORD" --sign --mechanism ECDSA --id 04 --signature-format openssl \
    -i "$WORK/message.sha256" -o "$WORK/sig" >/dev/null 2>&1 || fail "$name: sign with key 04"
  verify_with_cert "$WORK/ecsign.der" "$WORK/sig" "$WORK/message.txt" || fail "$name: key 04 signature"
  cell p11-sign-ec-sign "$GEN" "$name" ✔ "ECDSA (a SHA-256 hash) with the EC signing key after the password, verified"

  for id in 05 06; do
    pkcs11-tool --module "$module" --slot "$AUTH_SLOT" --read-object --type cert --id $id -o "$WORK/cardauth.der" >/dev/null 2>&1 || fail "$name: read cert $id"
    openssl verify -CAfile "$WORK/ca/card-ca.crt.pem" <(openssl x509 -inform der -in "$WORK/cardauth.der") >/dev/null || fail "$name: cert $id is not from the card CA"
    pkcs11-tool --module "$module" --slot "$AUTH_SLOT" --login --pin "$PIN" --sign --mechanism ECDSA-SHA256 --id $id --signature-format openssl \
      -i "$WORK/message.txt" -o "$WORK/sig" >/dev/null 2>&1 || fail "$name: sign with key $id"
    verify_with_cert "$WORK/cardauth.der" "$WORK/sig" "$WORK/message.txt" || fail "$name: key $id signature"
  done
  cell p11-sign-card-auth "$GEN" "$name" ✔ "card and JPKI AP authentication keys (INTERNAL AUTHENTICATE) sign; certificates from the card CA"
}

check_p11tool() {
  local module=$1 name=$2 token_uri
  token_uri="pkcs11:token=$(uri_text "$AUTH_TOKEN")"
  p11tool --provider "$module" --list-all-certs "$token_uri" >"$WORK/p11tool.txt" 2>&1 || fail "$name: p11tool --list-all-certs"
  grep -q 'ID: 01' "$WORK/p11tool.txt" || fail "$name: p11tool does not list certificate 01"
  cell p11tool-list "$GEN" "$name" ✔ "p11tool --list-all-certs shows the authentication certificate"
  GNUTLS_PIN=$PIN p11tool --provider "$module" --login --test-sign "$token_uri;id=%01;type=private" >"$WORK/p11tool.txt" 2>&1 \
    || fail "$name: p11tool --test-sign RSA: $(cat "$WORK/p11tool.txt")"
  grep -q 'Verifying against public key in the token... ok\|Verifying against private key parameters... ok' "$WORK/p11tool.txt" || fail "$name: p11tool RSA test signature not verified"
  cell p11tool-test-sign-rsa "$GEN" "$name" ✔ "p11tool --test-sign with the RSA authentication key"
  [ "$GEN" = gen2 ] || return 0
  [ "$EC_KEYS" -gt 0 ] || { no_ec p11tool-test-sign-ec "$name"; return; }
  GNUTLS_PIN=$PIN p11tool --provider "$module" --login --test-sign "$token_uri;id=%03;type=private" >"$WORK/p11tool.txt" 2>&1 \
    || fail "$name: p11tool --test-sign EC: $(cat "$WORK/p11tool.txt")"
  grep -q 'Signing using ECDSA' "$WORK/p11tool.txt" || fail "$name: p11tool EC test signature"
  cell p11tool-test-sign-ec "$GEN" "$name" ✔ "p11tool --test-sign with the EC authentication key"
}

# cert_label MODULE ID: the CKA_LABEL of the certificate with that CKA_ID on the authentication token.
cert_label() {
  pkcs11-tool --module "$1" --slot "$AUTH_SLOT" --list-objects --type cert 2>/dev/null \
    | awk -v id="$2" '/^ *label:/ { sub(/^ *label: */, ""); label = $0 } /^ *ID:/ && $2 == id { print label; exit }'
}

# NSS: the module in a fresh database, the card's certificates listed, a CMS signature made by NSS (cmsutil).
check_nss() {
  local module=$1 name=$2 db=$WORK/nss-$GEN-$2 id nickname ca error
  mkdir -p "$db"
  certutil -N -d "sql:$db" --empty-password
  modutil -dbdir "sql:$db" -add NanoCardTest -libfile "$module" -force >/dev/null 2>&1 || fail "$name: modutil -add"
  echo "$PIN" >"$WORK/nss-pin"
  # No password: with one NSS would try the PIN on every token, the signing password's too.
  certutil -L -d "sql:$db" -h all </dev/null >"$WORK/nss.txt" 2>&1 || fail "$name: certutil -L -h all"
  grep -q "^$AUTH_TOKEN:" "$WORK/nss.txt" || fail "$name: certutil lists no certificate of '$AUTH_TOKEN'"
  cell nss-list "$GEN" "$name" ✔ "modutil -add, certutil -L -h all lists the card's certificates"
  for kind in rsa ec; do
    [ "$kind" = ec ] && [ "$GEN" = gen1 ] && continue
    if [ "$kind" = ec ] && [ "$EC_KEYS" -eq 0 ]; then no_ec nss-sign-ec "$name"; continue; fi
    id=$([ "$kind" = rsa ] && echo 01 || echo 03)
    # NSS names a token's certificate "<token label>:<CKA_LABEL>".
    nickname="$AUTH_TOKEN:$(cert_label "$module" $id)"
    grep -qF "$nickname" "$WORK/nss.txt" || fail "$name: certutil -L does not list '$nickname'"
    ca=$([ "$kind" = rsa ] && echo jpki-auth-ca || echo jpki-auth-ca-ec)
    certutil -A -d "sql:$db" -n "$ca" -t C,C,C -a -i "$WORK/ca/$ca.crt.pem"
    if ! cmsutil -S -N "$nickname" -u 4 -d "sql:$db" -f "$WORK/nss-pin" -H SHA256 -i "$WORK/message.txt" -o "$WORK/message.p7" >"$WORK/cmsutil.txt" 2>&1; then
      # NSS refuses some of the cells (docs/interop.md, "Known gaps"): the cell records NSS's error.
      error=$(grep -o 'SEC_ERROR_[A-Z_]*' "$WORK/cmsutil.txt" | head -n1)
      [ "$kind" = rsa ] && [ -n "$error" ] || fail "$name: cmsutil -S ($kind): $(cat "$WORK/cmsutil.txt")"
      cell "nss-sign-$kind" "$GEN" "$name" ✘ "cmsutil -S refuses: $error"
      continue
    fi
    openssl cms -verify -inform DER -in "$WORK/message.p7" -CAfile "$WORK/ca/$ca.crt.pem" -purpose any -out "$WORK/cms-content" >/dev/null 2>&1 \
      || fail "$name: the CMS signature NSS made ($kind) does not verify"
    cmp -s "$WORK/cms-content" "$WORK/message.txt" || fail "$name: CMS content differs"
    cell "nss-sign-$kind" "$GEN" "$name" ✔ "cmsutil -S signs with the $kind authentication key through NSS; openssl cms -verify"
  done
}

# OpenSSL with the libp11 engine: openssl dgst -sign with a pkcs11: URI, verified with the certificate.
check_openssl_engine() {
  local module=$1 name=$2 kind id
  cat >"$WORK/engine.cnf" <<EOF
openssl_conf = openssl_init
[openssl_init]
engines = engine_section
[engine_section]
pkcs11 = pkcs11_section
[pkcs11_section]
engine_id = pkcs11
dynamic_path = $ENGINE
MODULE_PATH = $module
init = 0
EOF
  for kind in rsa ec; do
    [ "$kind" = ec ] && [ "$GEN" = gen1 ] && continue
    if [ "$kind" = ec ] && [ "$EC_KEYS" -eq 0 ]; then no_ec openssl-engine-ec "$name"; continue; fi
    id=$([ "$kind" = rsa ] && echo 01 || echo 03)
    pkcs11-tool --module "$module" --slot "$AUTH_SLOT" --read-object --type cert --id $id -o "$WORK/engine-cert.der" >/dev/null 2>&1 || fail "$name: read cert $id"
    OPENSSL_CONF=$WORK/engine.cnf openssl dgst -sha256 -engine pkcs11 -keyform engine \
      -sign "pkcs11:token=$(uri_text "$AUTH_TOKEN");id=%$id;type=private;pin-value=$PIN" -out "$WORK/sig" "$WORK/message.txt" >/dev/null 2>&1 \
      || fail "$name: openssl dgst -sign through the engine ($kind)"
    verify_with_cert "$WORK/engine-cert.der" "$WORK/sig" "$WORK/message.txt" || fail "$name: engine signature ($kind)"
    cell "openssl-engine-$kind" "$GEN" "$name" ✔ "openssl dgst -sign -engine pkcs11 with the $kind key, verified"
  done
}

# tls KIND MODULE PIN [CRL]: gnutls-cli authenticates with the card's key to openssl s_server -Verify.
# Prints the server's verdict; returns gnutls-cli's status.
tls() {
  local kind=$1 module=$2 pin=$3 crl=${4:-} id ca priority port status
  id=$([ "$kind" = rsa ] && echo 01 || echo 03)
  ca=$([ "$kind" = rsa ] && echo jpki-auth-ca || echo jpki-auth-ca-ec)
  # The card signs RSA with PKCS#1 v1.5 only; TLS 1.3 needs RSA-PSS, so RSA keys use TLS 1.2.
  priority=$([ "$kind" = rsa ] && echo "NORMAL:-VERS-TLS1.3" || echo NORMAL)
  port=$(free_port)
  openssl s_server -accept "127.0.0.1:$port" -naccept 1 -www -cert "$WORK/server.pem" -key "$WORK/server.key" \
    -Verify 2 -verify_return_error -CAfile "$WORK/ca/$ca.crt.pem" ${crl:+-crl_check -CRL "$crl"} >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  # s_server takes one connection (-naccept 1), so readiness is read from its log, not probed.
  poll 10 grep -q '^ACCEPT' "$WORK/server.log" || fail "s_server did not start: $(cat "$WORK/server.log")"
  local uri="pkcs11:token=$(uri_text "$AUTH_TOKEN");id=%$id"
  set +e
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 60 gnutls-cli --provider "$module" --no-ca-verification --priority "$priority" --port "$port" 127.0.0.1 \
    --x509certfile "$uri;type=cert" --x509keyfile "$uri;type=private;pin-value=$pin" >"$WORK/client.log" 2>&1
  status=$?
  set -e
  kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  return $status
}

check_tls() {
  local module=$1 name=$2 kind
  for kind in rsa ec; do
    [ "$kind" = ec ] && [ "$GEN" = gen1 ] && continue
    if [ "$kind" = ec ] && [ "$EC_KEYS" -eq 0 ]; then no_ec tls-ec "$name"; continue; fi
    tls $kind "$module" "$PIN" || fail "$name: TLS with the $kind key: $(tail -n3 "$WORK/client.log")"
    grep -q 'Handshake was completed' "$WORK/client.log" || fail "$name: no TLS handshake ($kind)"
    grep -q "depth=0 C = JP, CN = $SERIAL" "$WORK/server.log" || fail "$name: s_server did not see the card's certificate ($kind)"
    cell "tls-$kind" "$GEN" "$name" ✔ "gnutls-cli with pkcs11: URIs: s_server -Verify accepts the card's $kind certificate ($(sed -n 's/^- Description: //p' "$WORK/client.log"))"
  done
}

check_tls_revoked() {
  local module=$1 name=$2 kind
  for kind in rsa ec; do
    [ "$kind" = ec ] && [ "$GEN" = gen1 ] && continue
    if [ "$kind" = ec ] && [ "$EC_KEYS" -eq 0 ]; then no_ec tls-ec-revoked "$name"; continue; fi
    tls $kind "$module" "$PIN" "$WORK/$kind.crl.pem" && fail "$name: TLS succeeded with a revoked $kind certificate"
    grep -q 'certificate revoked' "$WORK/server.log" || fail "$name: s_server refused the $kind certificate for another reason: $(grep -i error "$WORK/server.log" | head -n2)"
    cell "tls-$kind-revoked" "$GEN" "$name" ✔ "the same handshake fails once the $kind certificate is in the CA's CRL (s_server -crl_check)"
  done
}

check_tls_wrong_pin() {
  local module=$1 name=$2 kind
  for kind in rsa ec; do
    [ "$kind" = ec ] && [ "$GEN" = gen1 ] && continue
    if [ "$kind" = ec ] && [ "$EC_KEYS" -eq 0 ]; then no_ec tls-ec-wrong-pin "$name"; continue; fi
    tls $kind "$module" "$WRONG_PIN" && fail "$name: TLS succeeded with a wrong PIN ($kind)"
    grep -q 'Handshake was completed' "$WORK/client.log" && fail "$name: handshake completed with a wrong PIN"
    # The one wrong try is given back by a right VERIFY.
    pkcs11-tool --module "$module" --slot "$AUTH_SLOT" --login --pin "$PIN" -O >/dev/null 2>&1 || fail "$name: the right PIN after the wrong one"
    cell "tls-$kind-wrong-pin" "$GEN" "$name" ✔ "with a wrong PIN in the pkcs11: URI the handshake fails"
  done
}

# OpenSSH: ssh-keygen -D lists the card's keys; sshd on loopback accepts ssh -I with one authorized key.
check_ssh() {
  local module=$1 name=$2 kind keyline port id
  ssh-keygen -D "$module" >"$WORK/ssh-keys.txt" 2>/dev/null || fail "$name: ssh-keygen -D"
  grep -q '^ssh-rsa ' "$WORK/ssh-keys.txt" || fail "$name: ssh-keygen -D lists no RSA key"
  cell ssh-keygen-list "$GEN" "$name" ✔ "ssh-keygen -D lists $(grep -c '^ssh-rsa' "$WORK/ssh-keys.txt") RSA and $(grep -c '^ecdsa-' "$WORK/ssh-keys.txt" || true) ECDSA keys"
  for kind in rsa ec; do
    [ "$kind" = ec ] && [ "$GEN" = gen1 ] && continue
    if [ "$kind" = ec ] && [ "$EC_KEYS" -eq 0 ]; then no_ec ssh-login-ec "$name"; continue; fi
    id=$([ "$kind" = rsa ] && echo 01 || echo 03)
    pkcs11-tool --module "$module" --slot "$AUTH_SLOT" --read-object --type cert --id $id -o "$WORK/ssh-cert.der" >/dev/null 2>&1 || fail "$name: read cert $id"
    openssl x509 -inform der -in "$WORK/ssh-cert.der" -pubkey -noout >"$WORK/ssh-key.pem"
    keyline=$(ssh-keygen -i -m PKCS8 -f "$WORK/ssh-key.pem" 2>/dev/null) || fail "$name: the $kind key as an SSH key"
    grep -qF "${keyline#* }" "$WORK/ssh-keys.txt" || fail "$name: ssh-keygen -D did not list key $id"
    echo "$keyline" >"$WORK/authorized_keys"
    port=$(free_port)
    cat >"$WORK/sshd_config" <<EOF
ListenAddress 127.0.0.1:$port
HostKey $WORK/ssh_host_key
AuthorizedKeysFile $WORK/authorized_keys
PidFile $WORK/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
MaxAuthTries 30
UsePAM no
StrictModes no
EOF
    /usr/sbin/sshd -D -e -f "$WORK/sshd_config" >"$WORK/sshd.log" 2>&1 &
    SERVER_PID=$!
    poll 10 bash -c "(exec 3<>/dev/tcp/127.0.0.1/$port)" || fail "sshd did not start: $(cat "$WORK/sshd.log")"
    printf '#!/bin/sh\necho %s\n' "$PIN" >"$WORK/askpass"
    chmod 700 "$WORK/askpass"
    set +e
    SSH_ASKPASS=$WORK/askpass SSH_ASKPASS_REQUIRE=force DISPLAY=none timeout 60 ssh -F /dev/null -p "$port" -I "$module" \
      -o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=no -o PasswordAuthentication=no -o BatchMode=no \
      "$(id -un)@127.0.0.1" echo logged-in-by-card </dev/null >"$WORK/ssh.out" 2>"$WORK/ssh.err"
    set -e
    kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
    grep -q logged-in-by-card "$WORK/ssh.out" || fail "$name: ssh login with the $kind key: $(tail -n3 "$WORK/ssh.err")"
    cell "ssh-login-$kind" "$GEN" "$name" ✔ "sshd on loopback accepts ssh -I with the card's $kind key"
  done
}

# PAM: pam_p11 with the module, the test user's authorized_keys holding the card's RSA key.
check_pam() {
  local module=$1 name=$2
  grep -m1 '^ssh-rsa ' "$WORK/ssh-keys.txt" >"$WORK/pam-home/.ssh/authorized_keys"
  chown -R "$PAM_USER" "$WORK/pam-home"
  echo "auth required pam_p11.so $module" >"/etc/pam.d/$PAM_SERVICE"
  echo "$PIN" | timeout 60 pamtester "$PAM_SERVICE" "$PAM_USER" authenticate >"$WORK/pam.txt" 2>&1 || fail "$name: pamtester: $(cat "$WORK/pam.txt")"
  grep -q 'successfully authenticated' "$WORK/pam.txt" || fail "$name: pamtester did not authenticate"
  echo "$WRONG_PIN" | timeout 60 pamtester "$PAM_SERVICE" "$PAM_USER" authenticate >"$WORK/pam.txt" 2>&1 && fail "$name: pam_p11 accepted a wrong PIN"
  echo "$PIN" | timeout 60 pamtester "$PAM_SERVICE" "$PAM_USER" authenticate >/dev/null 2>&1 || fail "$name: the right PIN after the wrong one"
  cell pam-rsa "$GEN" "$name" ✔ "pam_p11 + pamtester log the test user in with the RSA authentication key (a wrong PIN is refused)"
}

# ---- one phase per card generation ----

run_phase() {
  GEN=$1
  local persona=$WORK/$GEN.json module name
  "${FLASHER[@]}" persona new --profile "$GEN" --curve P-256 --seed "$2" --out "$persona" >/dev/null
  "${FLASHER[@]}" issue --persona "$persona" --ca "$WORK/ca" --card "sim:$WORK/$GEN.img" >/dev/null
  PIN=$(json_field "$persona" pin)
  PASSWORD=$(json_field "$persona" signPassword)
  SERIAL=$(json_field "$persona" serial)
  WRONG_PIN=${PIN:0:3}$(( (${PIN:3:1} + 1) % 10 ))
  "${FLASHER[@]}" sim --card "$WORK/$GEN.img" >"$WORK/sim.log" 2>&1 &
  SIM_PID=$!
  poll 30 card_present || fail "the $GEN card did not appear in 'Virtual PCD 00 00'"

  timeout 10 pcsc_scan -c >"$WORK/pcsc_scan.txt" 2>&1 || true
  grep -q 'ATR: 3B 85 80 01 80 73 C6 01 C0' "$WORK/pcsc_scan.txt" || fail "pcsc_scan -c did not show the card's ATR"
  cell pcsc_scan "$GEN" any ✔ "pcsc_scan shows the reader and the card's ATR"

  pkcs15-tool -D >"$WORK/pkcs15.txt" 2>&1 || fail "pkcs15-tool -D: $(cat "$WORK/pkcs15.txt")"
  grep -q 'PKCS#15 Card \[JPKI\]' "$WORK/pkcs15.txt" || fail "pkcs15-tool: the jpki emulator did not bind"
  [ "$(grep -c '^Private RSA Key' "$WORK/pkcs15.txt")" -eq 2 ] || fail "pkcs15-tool: expected 2 RSA keys"
  grep -q '^Private EC Key' "$WORK/pkcs15.txt" && fail "pkcs15-tool: OpenSC's jpki driver now shows EC keys; update docs/interop.md"
  cell pkcs15-tool "$GEN" opensc ✔ "pkcs15-tool -D binds jpki: 2 RSA keys, no EC key"

  for module in "$OPENSC" "$NANOCARD"; do
    if [ "$module" = "$OPENSC" ]; then
      name=opensc AUTH_TOKEN="JPKI (User Authentication PIN)" SIGN_TOKEN="JPKI (Digital Signature PIN)"
    else
      name=nanocard SIGN_TOKEN="NanoCard signing password"
      AUTH_TOKEN=$([ "$GEN" = gen1 ] && echo "NanoCard authentication PIN" || echo "NanoCard card PIN")
    fi
    AUTH_SLOT=$(slot_of "$module" "$AUTH_TOKEN")
    SIGN_SLOT=$(slot_of "$module" "$SIGN_TOKEN")
    check_objects "$module" $name
    check_pkcs11_tool "$module" $name
    [ "$GEN" = gen2 ] && check_pkcs11_tool_ec "$module" $name
    check_p11tool "$module" $name
    check_nss "$module" $name
    check_openssl_engine "$module" $name
    check_tls "$module" $name
    check_ssh "$module" $name
    check_pam "$module" $name
    declare -g "EC_KEYS_$name=$EC_KEYS" "AUTH_SLOT_$name=$AUTH_SLOT" "AUTH_TOKEN_$name=$AUTH_TOKEN"
  done

  # Revocation, then wrong PINs last (they use tries of the card PIN).
  for kind in rsa ec; do
    [ "$kind" = ec ] && [ "$GEN" = gen1 ] && continue
    local der=$WORK/revoke-$kind.der serial ca
    ca=$([ "$kind" = rsa ] && echo jpki-auth-ca || echo jpki-auth-ca-ec)
    AUTH_SLOT=$AUTH_SLOT_nanocard
    pkcs11-tool --module "$NANOCARD" --slot "$AUTH_SLOT" --read-object --type cert --id "$([ "$kind" = rsa ] && echo 01 || echo 03)" -o "$der" >/dev/null 2>&1
    serial=$(openssl x509 -inform der -in "$der" -noout -serial | cut -d= -f2)
    "${FLASHER[@]}" revoke --ca "$WORK/ca" --serial "$serial" --reason keyCompromise >/dev/null || fail "flasher revoke"
    openssl crl -in "$WORK/ca/$ca.crl" -out "$WORK/$kind.crl.pem" 2>/dev/null || openssl crl -inform der -in "$WORK/ca/$ca.crl" -out "$WORK/$kind.crl.pem"
  done
  for name in opensc nanocard; do
    module=$([ $name = opensc ] && echo "$OPENSC" || echo "$NANOCARD")
    EC_KEYS=$(eval echo "\$EC_KEYS_$name") AUTH_SLOT=$(eval echo "\$AUTH_SLOT_$name") AUTH_TOKEN=$(eval echo "\$AUTH_TOKEN_$name")
    check_tls_revoked "$module" $name
  done
  for name in opensc nanocard; do
    module=$([ $name = opensc ] && echo "$OPENSC" || echo "$NANOCARD")
    EC_KEYS=$(eval echo "\$EC_KEYS_$name") AUTH_SLOT=$(eval echo "\$AUTH_SLOT_$name") AUTH_TOKEN=$(eval echo "\$AUTH_TOKEN_$name")
    check_tls_wrong_pin "$module" $name
  done

  kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null || true
  SIM_PID=""
  poll 30 slot_empty || fail "'Virtual PCD 00 00' did not empty"
}

run_phase gen1 31
run_phase gen2 32

# docs/interop.md must show exactly these cells: its table rows are "| `row` | gen1 OpenSC | gen1 NanoCard | gen2 OpenSC | gen2 NanoCard |".
awk -F'|' '/^\| `[a-z0-9_-]+` \|/ {
    row = $2; gsub(/[ `]/, "", row)
    split("gen1 opensc,gen1 nanocard,gen2 opensc,gen2 nanocard", columns, ",")
    for (i = 1; i <= 4; i++) {
      cell = $(i + 2); sub(/^ +/, "", cell)
      if (index(cell, "✔") == 1) print row, columns[i], "✔"
      else if (index(cell, "✘") == 1) print row, columns[i], "✘"
    }
  }' docs/interop.md | sort >"$WORK/documented.txt"
awk '{ if ($3 == "any") { print $1, $2, "opensc", $4; print $1, $2, "nanocard", $4 } else print }' "$RESULTS" | sort -u >"$WORK/ran.txt"
diff "$WORK/documented.txt" "$WORK/ran.txt" >"$WORK/matrix.diff" || fail "docs/interop.md does not match what ran (< documented, > ran):
$(cat "$WORK/matrix.diff")"
echo "interop matrix: $(wc -l <"$WORK/ran.txt") cells, as docs/interop.md shows them"
