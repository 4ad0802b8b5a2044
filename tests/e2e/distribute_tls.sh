#!/usr/bin/env bash
# kpi distribute --send over STARTTLS to the loopback test server with a
# certificate from a test CA made here with openssl (a municipal CA): the
# CA given in [smtp] ca_file (or SSL_CERT_FILE) is trusted; without it
# the certificate is refused, as is a self-signed one, and nothing is sent;
# tls = starttls against a server without STARTTLS is refused too.
# usage: distribute_tls.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -euo pipefail
KPI=$1 HERE=$(cd "$(dirname "$0")" && pwd) WORK=$(mktemp -d)
. "$HERE/distribute_common.bash"
command -v openssl >/dev/null || { echo "skip: openssl missing"; exit 77; }

# The test CA and a server certificate it signs for localhost.
pki=$WORK/pki
mkdir -p "$pki"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Kommunens test-CA" \
  -keyout "$pki/ca.key" -out "$pki/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
  -keyout "$pki/server.key" -out "$pki/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$pki/san"
openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" \
  -CAcreateserial -days 2 -extfile "$pki/san" -out "$pki/server.pem" 2>/dev/null
# A self-signed certificate for localhost, no CA behind it.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$pki/self.key" -out "$pki/self.pem" 2>/dev/null

fresh() {
  make_dataset "$1"
  keep_recipients "$WORK/$1" fagchef anne
  use_port "$WORK/$1"
  sed -i 's/^from = lis@example.dk/from = lis@example.dk\ntls = starttls/' "$WORK/$1/kpi.ini"
}

start_server "$WORK/mail" --tls "$pki/server.pem:$pki/server.key" --require-tls

# Without the CA: refused at the handshake, nothing sent, exit 3.
fresh untrusted
SSL_CERT_FILE= run_kpi "$WORK/untrusted"
[ $rc -eq 3 ] || fail "untrusted CA: exit $rc, expected 3: $(cat "$WORK/err")"
grep -Eqi 'certificate|SSL' "$WORK/err" || fail "untrusted CA: no word of the certificate: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 0 ] || fail "untrusted CA: a message arrived"

# ca_file, relative to the dataset folder: trusted, both sent.
fresh trusted
cp "$pki/ca.pem" "$WORK/trusted/kommune-ca.pem"
sed -i 's/^tls = starttls/tls = starttls\nca_file = kommune-ca.pem/' "$WORK/trusted/kpi.ini"
SSL_CERT_FILE= run_kpi "$WORK/trusted"
[ $rc -eq 0 ] || fail "ca_file: exit $rc: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 2 ] || fail "ca_file: $(count_eml "$WORK/mail") messages, expected 2"

# SSL_CERT_FILE when kpi.ini has no ca_file.
fresh env
SSL_CERT_FILE="$pki/ca.pem" run_kpi "$WORK/env"
[ $rc -eq 0 ] || fail "SSL_CERT_FILE: exit $rc: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 4 ] || fail "SSL_CERT_FILE: $(count_eml "$WORK/mail") messages, expected 4"

# A self-signed certificate: refused without ca_file, nothing sent.
start_server "$WORK/mail" --tls "$pki/self.pem:$pki/self.key" --require-tls
fresh self
SSL_CERT_FILE= run_kpi "$WORK/self"
[ $rc -eq 3 ] || fail "self-signed: exit $rc, expected 3: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 0 ] || fail "self-signed: a message arrived"
[ "$(grep -c '^failed: ' "$WORK/err")" -eq 1 ] || fail "self-signed: more than one attempt: $(cat "$WORK/err")"

# tls = starttls and a server that offers no STARTTLS: refused.
start_server "$WORK/mail"
fresh nostarttls
SSL_CERT_FILE= run_kpi "$WORK/nostarttls"
[ $rc -eq 3 ] || fail "no STARTTLS: exit $rc, expected 3: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 0 ] || fail "no STARTTLS: a message arrived unencrypted"
echo "distribute_tls: ok"
