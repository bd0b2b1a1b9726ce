#!/usr/bin/env bash
# Fails when the files of a C source tree call or include each other in a
# cycle. Usage: cycles.sh SRC OBJDIR
#   SRC     the source tree (core/src): its headers' #include "..." lines
#           give the include graph;
#   OBJDIR  where the build put one object per source file, mirroring SRC
#           (build/core/CMakeFiles/saddr_objects.dir/src): the saddr_
#           symbols each object defines and leaves undefined give the call
#           graph, one node per source file ("family/inet").
# Each graph must have a topological order (tsort); a cycle is printed with
# the files on it. Objects of files no longer in SRC are skipped.
set -euo pipefail
src=$1
objs=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/defs"
: >"$tmp/uses"
: >"$tmp/includes"

while IFS= read -r o; do
  f=${o#"$objs"/}
  f=${f%.c.o}
  [ -e "$src/$f.c" ] || continue
  nm "$o" | awk -v f="$f" '$2 ~ /^[TDBRV]$/ && $3 ~ /^saddr_/ {print $3, f}' >>"$tmp/defs"
  nm "$o" | awk -v f="$f" '$1 == "U" && $2 ~ /^saddr_/ {print $2, f}' >>"$tmp/uses"
done < <(find "$objs" -name '*.c.o' | sort)
[ -s "$tmp/defs" ] || { echo "FAIL: no objects under $objs" >&2; exit 1; }

# "user definer" pairs between two files.
sort -o "$tmp/defs" "$tmp/defs"
sort -o "$tmp/uses" "$tmp/uses"
join "$tmp/uses" "$tmp/defs" | awk '$2 != $3 {print $2, $3}' | sort -u >"$tmp/calls"

# "includer included" pairs between two headers of the tree; quoted
# includes are relative to SRC (or to the header's own folder).
while IFS= read -r h; do
  rel=${h#"$src"/}
  dir=$(dirname "$rel")
  sed -n 's/^#include "\([^"]*\)".*/\1/p' "$h" | while IFS= read -r inc; do
    if [ -e "$src/$dir/$inc" ] && [ "$dir" != . ]; then
      echo "$rel $dir/$inc"
    elif [ -e "$src/$inc" ]; then
      echo "$rel $inc"
    fi
  done
done < <(find "$src" -name '*.h' | sort) | sort -u >"$tmp/includes"

status=0
for graph in calls includes; do
  n=$(wc -l <"$tmp/$graph")
  if ! tsort <"$tmp/$graph" >/dev/null 2>"$tmp/err"; then
    echo "FAIL: a cycle in the $graph between files of $src:" >&2
    sed -e 's/^tsort: -: input contains a loop:/  a loop:/' \
      -e 's/^tsort: /    /' "$tmp/err" >&2
    status=1
  else
    echo "$graph: $n edges between files, no cycle"
  fi
done
exit $status
