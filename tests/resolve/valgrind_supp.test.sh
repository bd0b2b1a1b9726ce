# The parser's page-checked reads past the text, under valgrind with the
# suppression file the library installs (core/saddr.supp): no error left.
# $1 is the CLI; the test program sits in the same build tree.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
prog=$(dirname "$1")/../tests/test_resolve_heapspec
if ! command -v valgrind >/dev/null; then
  echo "SKIP: valgrind is not installed"
  exit 0
fi
if nm "$prog" 2>/dev/null | grep -E '__(asan|tsan|msan)_init|__ubsan_handle' >/dev/null; then
  echo "SKIP: a sanitizer build (it reads nothing past the text, and valgrind cannot run it)"
  exit 0
fi
valgrind -q --error-exitcode=9 --suppressions="$here/../../core/saddr.supp" \
  "$prog"
