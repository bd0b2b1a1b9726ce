# The resolver's files form layers without cycles: which file calls which
# is read from the object files (the saddr_ symbols each defines and
# uses), and tsort must find an order. $1 is the CLI; the objects are in
# the same build tree.
set -euo pipefail
objs=$(dirname "$1")/CMakeFiles/saddr_objects.dir/src/resolve
ls "$objs"/*.o >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$(cd "$(dirname "$0")/../../core/src/resolve" && pwd)
for o in "$objs"/*.o; do
  f=$(basename "$o" .c.o)
  # An object left from a file since removed is not part of the library.
  [ -e "$src/$f.c" ] || continue
  nm "$o" | awk -v f="$f" '$2 ~ /^[TDBR]$/ && $3 ~ /^saddr_/ {print $3, f}' >>"$tmp/defs"
  nm "$o" | awk -v f="$f" '$1 == "U" && $2 ~ /^saddr_/ {print $2, f}' >>"$tmp/uses"
done
sort -o "$tmp/defs" "$tmp/defs"
sort -o "$tmp/uses" "$tmp/uses"
# "user definer" pairs between two resolver files.
join "$tmp/uses" "$tmp/defs" | awk '$2 != $3 {print $2, $3}' | sort -u >"$tmp/edges"
echo "calls between resolver files:"
sed 's/ / -> /' "$tmp/edges"
if ! tsort "$tmp/edges" >/dev/null 2>"$tmp/err"; then
  echo "FAIL: a cycle among the resolver's files:" >&2
  cat "$tmp/err" >&2
  exit 1
fi
echo "no cycle"
