"""Writes the C program NAME.c found in a Markdown file to OUT.

A program is a ```c block whose first line is a comment that starts with
"/* NAME.c" (the way docs name their programs). Exits 1 when the file holds
no such block, so that a renamed program fails the build, not silently."""
import re
import sys

md, name, out = sys.argv[1:4]
text = open(md, encoding="utf-8").read()
for block in re.findall(r"^```c\n(.*?)^```", text, re.S | re.M):
    if block.startswith("/* " + name):
        with open(out, "w", encoding="utf-8") as f:
            f.write(block)
        sys.exit(0)
sys.exit(f"{md}: no ```c block starting with '/* {name}'")
