#!/usr/bin/env bash
# The "done means" commands for the non-IP families, through the
# CLI: each parse gives exactly these JSON lines, and each format of the
# same bytes gives the same line back.
set -u
SADDR=${1:?usage: families_cli.test.sh PATH-TO-SADDR}
pass=0 fail=0
lo=$(printf '%08x' "$(cat /sys/class/net/lo/ifindex)")
lo_le=${lo:6:2}${lo:4:2}${lo:2:2}${lo:0:2}

# same EXPECTED-LINE ARGS...: the command's stdout is exactly that line.
same() {
  local want=$1 got
  shift
  got=$("$SADDR" "$@" 2>&1)
  if [ "$got" = "$want" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    printf 'FAIL: saddr %s\n  got:  %s\n  want: %s\n' "$*" "$got" "$want" >&2
  fi
}

# check EXPECTED-LINE HEX FORMAT-ARGS -- PARSE-ARGS
check() {
  local want=$1 hex=$2 fargs=() pargs=()
  shift 2
  while [ "$1" != "--" ]; do fargs+=("$1"); shift; done
  shift
  pargs=("$@")
  same "$want" parse --json "${pargs[@]}"
  same "$want" format --json "${fargs[@]}" "$hex"
}

j='{"family":"AF_UNIX","type":"SOCK_STREAM","proto":0,"len":6,"hex":"010000617070","tuple":"b'"'"'\\x00app'"'"'","compact":"@app"}'
check "$j" 010000617070 -f AF_UNIX -- -f AF_UNIX "b'\\x00app'"
check "$j" 010000617070 -f AF_UNIX -- "@app"

h="11000800${lo_le}000000000000000000000000"
j='{"family":"AF_PACKET","type":"SOCK_RAW","proto":0,"len":20,"hex":"'$h'","tuple":"('"'"'lo'"'"', 2048, 0, 0, b'"''"')","compact":"packet@lo:0x0800"}'
check "$j" "$h" -f AF_PACKET -- -f AF_PACKET "('lo', 0x0800)"

h=1f000110ab896745230100000000
j='{"family":"AF_BLUETOOTH","type":"SOCK_SEQPACKET","proto":0,"len":14,"hex":"'$h'","tuple":"('"'"'01:23:45:67:89:AB'"'"', 4097)","compact":"l2cap@01:23:45:67:89:AB:0x1001"}'
check "$j" "$h" -f AF_BLUETOOTH -p BTPROTO_L2CAP -- \
  -f AF_BLUETOOTH -p BTPROTO_L2CAP "('01:23:45:67:89:AB', 0x1001)"

h=28000000000400000200000000000000
j='{"family":"AF_VSOCK","type":"SOCK_STREAM","proto":0,"len":16,"hex":"'$h'","tuple":"(2, 1024)","compact":"vsock:2:1024"}'
check "$j" "$h" -f AF_VSOCK -- "vsock:2:1024"

printf '%d passed, %d failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
