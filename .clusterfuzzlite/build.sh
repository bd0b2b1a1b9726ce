#!/bin/bash -eu
# The recipe lives in the repository, shared with OSS-Fuzz, so the two
# never drift apart.
exec "$SRC/saddr/fuzz/oss-fuzz-build.sh"
