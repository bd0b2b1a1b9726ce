#!/usr/bin/env bash
# The mistakes table (cli_mistakes.py) against the saddr command, with and
# without --json.
set -eu
exec python3 "$(dirname "$0")/cli_mistakes.py" "${1:?usage: cli_mistakes.test.sh PATH-TO-SADDR}"
