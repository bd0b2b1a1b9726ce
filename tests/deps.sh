#!/usr/bin/env bash
# Makes sure the Debian packages saddr needs are installed. Sourced by the
# quick-start and test scripts with the list of packages to check. As root it
# installs what is missing with apt-get; otherwise it prints the exact
# apt-get line and stops.
saddr_need_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "saddr needs these Debian packages; install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# What building the library and the CLI takes.
SADDR_BUILD_PACKAGES="build-essential cmake pkg-config libc-ares-dev libidn2-dev"
# What the whole test suite adds: DNS tests, the libuv example, scripts,
# systemd-socket-activate for the socket-activation tests.
SADDR_TEST_PACKAGES="$SADDR_BUILD_PACKAGES python3 dnsmasq-base libuv1-dev systemd iproute2"
