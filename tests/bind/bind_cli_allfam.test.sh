#!/bin/bash
# saddr bind --json '*:0' binds IPv6 and IPv4 on one port and prints both:
# requested addresses with port 0, bound addresses with the shared port.
set -euo pipefail
saddr=$1
out=$("$saddr" bind --json '*:0')
python3 - "$out" <<'PY'
import json, sys
lines = sys.argv[1].splitlines()
assert len(lines) == 2, lines
v6, v4 = (json.loads(l) for l in lines)
assert v6["family"] == "AF_INET6" and v4["family"] == "AF_INET", lines
assert v6["hex"] == "0a00" + "00" * 26, v6["hex"]  # [::]:0 as requested
assert v4["hex"] == "0200" + "00" * 14, v4["hex"]  # 0.0.0.0:0
assert v6["bound"].startswith("[::]:"), v6["bound"]
assert v4["bound"].startswith("0.0.0.0:"), v4["bound"]
assert v6["inherited"] is False and v4["inherited"] is False
p6 = int(v6["bound"].rsplit(":", 1)[1])
p4 = int(v4["bound"].rsplit(":", 1)[1])
assert p6 == p4 and 0 < p6 < 65536, (p6, p4)
PY
# The readable table says the same.
table=$("$saddr" bind '*:0')
[ "$(printf '%s\n' "$table" | grep -c ' bound ')" = 2 ]
# UDP and a fixed family.
out=$("$saddr" bind --json -t SOCK_DGRAM -f AF_INET '*:0')
[ "$(printf '%s\n' "$out" | wc -l)" = 1 ]
printf '%s\n' "$out" | grep -q '"type":"SOCK_DGRAM"'
echo ok
