#!/usr/bin/env bash
# docs/getting-started.md's logaddr: every text form, the host alone, the
# port, and a peer from accept(2).
set -u
prog=${1:?usage: logaddr.sh PATH-TO-PROGRAM}
out=$("$prog" '[2001:db8::1]:443' '[fe80::1%1]:53' @app 127.1:80 '*:8080') ||
  { echo "FAIL: exit status $?"; exit 1; }
printf '%s\n' "$out"
want="[2001:db8::1]:443: [2001:db8::1]:443  ('2001:db8::1', 443, 0, 0)  host=2001:db8::1 port=443
[fe80::1%1]:53: [fe80::1%lo]:53  ('fe80::1', 53, 0, 1)  host=fe80::1%lo port=53
@app: @app  b'\\x00app'
127.1:80: error at byte 0: legacy IPv4 form '127.1': write four decimal parts 0-255 without leading zeros
*:8080: [::]:8080  ('::', 8080, 0, 0)  host=:: port=8080
*:8080: 0.0.0.0:8080  ('0.0.0.0', 8080)  host=0.0.0.0 port=8080
accepted peer host=127.0.0.1 port > 0"
got=$(printf '%s\n' "$out" | head -n 7)
[ "$got" = "$want" ] || { echo "FAIL: expected"; printf '%s\n' "$want"; exit 1; }
last=$(printf '%s\n' "$out" | sed -n 8p)
[[ $last =~ ^peer:\ 127\.0\.0\.1:([0-9]+)\ \ \(\'127\.0\.0\.1\',\ ([0-9]+)\)\ \ host=127\.0\.0\.1\ port=([0-9]+)$ ]] &&
  [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ] && [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[3]}" ] ||
  { echo "FAIL: peer line '$last'"; exit 1; }
echo "ok"
