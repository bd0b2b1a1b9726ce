# Sourced by the resolver's shell tests: starts dnsmasq on 127.0.0.1 at a
# free port with the records below and nothing of the machine's
# configuration, and stops it when the script exits. Sets DNS_PORT and
# DNS_SERVER ("127.0.0.1:PORT").

DNSMASQ_RECORDS=(
  --host-record=example.test,192.0.2.10,2001:db8::10,300
  --host-record=v4only.test,192.0.2.20,120
  --cname=alias.test,example.test,60
  --host-record=xn--bcher-kva.test,192.0.2.50,300
)

DNSMASQ_USER=()
[ "$(id -u)" = 0 ] && DNSMASQ_USER=(--user=root --group=root)

dnsmasq_start() {
  local attempt port
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 40000))
    # setpriv --pdeathsig: dnsmasq dies with this script even when the
    # script is killed before its EXIT trap runs; as root it keeps its user,
    # since a change of credentials clears the death signal.
    setpriv --pdeathsig KILL /usr/sbin/dnsmasq --keep-in-foreground --no-resolv --no-hosts \
      --conf-file=/dev/null --listen-address=127.0.0.1 --bind-interfaces \
      --pid-file= --log-facility=/dev/null --local=/test/ --no-negcache \
      --port="$port" "${DNSMASQ_USER[@]}" "${DNSMASQ_RECORDS[@]}" "$@" &
    DNSMASQ_PID=$!
    sleep 0.3
    if kill -0 "$DNSMASQ_PID" 2>/dev/null; then
      DNS_PORT=$port
      DNS_SERVER=127.0.0.1:$port
      trap 'kill "$DNSMASQ_PID" 2>/dev/null; wait "$DNSMASQ_PID" 2>/dev/null' EXIT
      return 0
    fi
    wait "$DNSMASQ_PID" 2>/dev/null || true
  done
  echo "cannot start dnsmasq" >&2
  return 1
}
