#!/usr/bin/env bash
# Checks the CI files users copy (docs/ci.md):
#   1. yamllint (Debian's yamllint, settings in .yamllint), strict: every
#      workflow, .clusterfuzzlite/project.yaml and fuzz/oss-fuzz/project.yaml;
#   2. every workflow parses, has triggers and jobs, and every step has
#      `run` or `uses`;
#   3. every path a workflow names exists: repository paths in `run`
#      scripts, local actions (`uses: ./...`), and each `paths:` filter
#      matches at least one file; ClusterFuzzLite's three files exist when a
#      workflow uses its actions;
#   4. the one-line build scripts (fuzz/oss-fuzz/*.sh,
#      .clusterfuzzlite/build.sh) exec scripts that exist, and the
#      ClusterFuzzLite Dockerfile copies paths that exist.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v yamllint >/dev/null || {
  echo "workflows: yamllint missing (apt-get install -y yamllint)" >&2
  exit 1
}
mapfile -t files < <(ls .github/workflows/*.yml .clusterfuzzlite/project.yaml \
  fuzz/oss-fuzz/project.yaml)
yamllint -s "${files[@]}"
echo "yamllint: ${#files[@]} files clean"

python3 - <<'PY'
import glob, os, re, sys
import yaml

problems = []
REPO_PATH = re.compile(
    r"(?<![\w$./-])((?:\.ci|\.github|\.clusterfuzzlite|bench|cmake|core|docs|"
    r"fuzz|tests)/[\w./-]*[\w-])")


def exists_glob(pattern):
    if pattern.startswith("!"):
        pattern = pattern[1:]
    return bool(glob.glob(pattern, recursive=True)) or bool(
        glob.glob(pattern.replace("**", "**/*"), recursive=True))


for wf in sorted(glob.glob(".github/workflows/*.yml")):
    with open(wf, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    # PyYAML reads the key `on` as True.
    on = doc.get("on", doc.get(True))
    if not doc.get("name") or not on or not doc.get("jobs"):
        problems.append("%s: needs name, on and jobs" % wf)
        continue
    if isinstance(on, dict):
        for trig in on.values():
            for pat in (trig or {}).get("paths", []) if isinstance(trig, dict) else []:
                if not exists_glob(pat):
                    problems.append("%s: paths filter %r matches nothing" % (wf, pat))
    uses_cflite = False
    for jname, job in doc["jobs"].items():
        steps = job.get("steps", [])
        if not steps:
            problems.append("%s: job %s has no steps" % (wf, jname))
        for i, step in enumerate(steps):
            if "run" not in step and "uses" not in step:
                problems.append("%s: %s step %d has neither run nor uses" % (wf, jname, i))
            uses = step.get("uses", "")
            if uses.startswith("./") and not os.path.exists(uses):
                problems.append("%s: local action %s missing" % (wf, uses))
            if uses.startswith("google/clusterfuzzlite/"):
                uses_cflite = True
            for p in REPO_PATH.findall(step.get("run", "")):
                if not os.path.exists(p):
                    problems.append("%s: %s names %s, which does not exist" % (wf, jname, p))
    if uses_cflite:
        for p in (".clusterfuzzlite/project.yaml", ".clusterfuzzlite/Dockerfile",
                  ".clusterfuzzlite/build.sh"):
            if not os.path.exists(p):
                problems.append("%s: ClusterFuzzLite needs %s" % (wf, p))

for sh in glob.glob("fuzz/oss-fuzz/*.sh") + [".clusterfuzzlite/build.sh"]:
    with open(sh, encoding="utf-8") as f:
        for target in re.findall(r'exec "\$SRC/saddr/([^"]+)"', f.read()):
            if not os.path.exists(target):
                problems.append("%s: execs %s, which does not exist" % (sh, target))
with open(".clusterfuzzlite/Dockerfile", encoding="utf-8") as f:
    for line in f:
        m = re.match(r"COPY\s+(.+)\s+\S+$", line.strip())
        for src in (m.group(1).split() if m else []):
            if not os.path.exists(src):
                problems.append(".clusterfuzzlite/Dockerfile: COPY %s missing" % src)

for p in problems:
    print("workflows: " + p, file=sys.stderr)
if problems:
    sys.exit(1)
print("workflows: %d workflows parse, every path they name exists" %
      len(glob.glob(".github/workflows/*.yml")))
PY
