# Runs a resolver example ($1) against a dnsmasq this script starts and
# checks what it prints.
set -euo pipefail
EXAMPLE=$1
. "$(dirname "$0")/dnsmasq.sh"
dnsmasq_start

passed=0 failed=0
check() { # name, expected, actual
  if [ "$2" = "$3" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL %s\n--- expected\n%s\n--- got\n%s\n' "$1" "$2" "$3" >&2
  fi
}

status=0
out=$("$EXAMPLE" "$DNS_SERVER" example.test:80 alias.test:443 v4only.test:1 \
  | sort) || status=$?
check status 0 "$status"
check output "alias.test:443 192.0.2.10:443 60
alias.test:443 [2001:db8::10]:443 60
example.test:80 192.0.2.10:80 300
example.test:80 [2001:db8::10]:80 300
v4only.test:1 192.0.2.20:1 120" "$out"

status=0
out=$("$EXAMPLE" "$DNS_SERVER" nx.test:80 localhost:1 | sort) || status=$?
check failure-status 1 "$status"
check failure-output "localhost:1 127.0.0.1:1 0
localhost:1 [::1]:1 0
nx.test:80 error SADDR_ENOTFOUND: no such name: nx.test" "$out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
