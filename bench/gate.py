#!/usr/bin/env python3
"""saddr's instruction-count regression gate, for any compiler.

Builds the change (a source tree, by default this checkout with its
uncommitted edits) and its base commit with the same compiler and the same
flags, in this job, counts instructions per operation in both with callgrind
(bench/icount.py on the fixed-iteration driver saddr_icount), and compares
them operation by operation (bench/compare.py, thresholds in
bench/gate-thresholds.json). Comparing against a base built here means the
result does not depend on which compiler or version the runner has.

The base commit is, in this order: --base REF; the merge-base of HEAD and
--against REF (what a pull request is compared with); HEAD^. It is checked
out with `git worktree add` into the work directory and removed afterwards.
Only when no base can be built (no git history, a shallow clone, a base
older than the driver, or --no-base) is the committed bench/baseline.json
used, and only if it was recorded by the same compiler id and version; the
report always says which comparison it made.

Usage:
  gate.py [--src DIR] [--base REF | --against REF | --no-base]
          [--cc CC] [--cxx CXX] [--cmake-arg ARG]... [--entries N]
          [--work DIR] [--keep] [--json OUT] [--update-baseline]
Environment defaults: CC, CXX, SADDR_GATE_BASE (for --base),
SADDR_GATE_AGAINST (for --against), SADDR_BENCH_CMAKE_ARGS (split on
spaces, for --cmake-arg).
Exit status: 0 passed; 1 an operation over its threshold; 2 no comparison
was possible (the reason is printed) or bad usage.
"""
import argparse
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import compare  # noqa: E402

BASELINE = os.path.join(HERE, "baseline.json")


class NoComparison(Exception):
    pass


def log(msg):
    print("gate: " + msg, flush=True)


def run(cmd, cwd=None, quiet=True):
    proc = subprocess.run(cmd, cwd=cwd, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, check=False)
    if proc.returncode != 0 and not quiet:
        sys.stdout.write(proc.stdout[-4000:])
    return proc


def git(repo, *args):
    proc = run(["git", "-C", repo] + list(args))
    return proc.stdout.strip() if proc.returncode == 0 else None


def resolve_base(repo, args):
    """Returns (sha, how) of the base commit, or raises NoComparison."""
    if args.no_base:
        raise NoComparison("--no-base given")
    if git(repo, "rev-parse", "--git-dir") is None:
        raise NoComparison("%s is not a git checkout" % repo)
    if args.base:
        sha = git(repo, "rev-parse", "--verify", "-q", args.base + "^{commit}")
        if not sha:
            raise NoComparison("base %s is not a commit here" % args.base)
        return sha, "base %s" % args.base
    if args.against:
        tip = git(repo, "rev-parse", "--verify", "-q",
                  args.against + "^{commit}")
        sha = tip and git(repo, "merge-base", "HEAD", tip)
        if not sha:
            raise NoComparison("no merge-base of HEAD and %s (fetch it, or "
                               "fetch-depth: 0)" % args.against)
        return sha, "merge-base of HEAD and %s" % args.against
    sha = git(repo, "rev-parse", "--verify", "-q", "HEAD^^{commit}")
    if not sha:
        raise NoComparison("HEAD has no parent here (a shallow clone?)")
    return sha, "HEAD^"


def compiler_of(build):
    """'<id> <version>' of the C compiler CMake found in a build dir."""
    for path in glob.glob(os.path.join(build, "CMakeFiles", "*",
                                       "CMakeCCompiler.cmake")):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        cid = re.search(r'set\(CMAKE_C_COMPILER_ID "([^"]*)"\)', text)
        ver = re.search(r'set\(CMAKE_C_COMPILER_VERSION "([^"]*)"\)', text)
        if cid and ver:
            name = {"GNU": "gcc", "Clang": "clang"}.get(cid.group(1),
                                                          cid.group(1))
            return "%s %s" % (name, ver.group(1))
    return "unknown"


def build(src, bdir, args, label):
    """Configures and builds saddr_icount; returns the driver's path."""
    cmd = ["cmake", "-S", src, "-B", bdir, "-DCMAKE_BUILD_TYPE=Release",
           "-DSADDR_BUILD_BENCH=ON", "-DSADDR_BUILD_TESTS=OFF",
           "-DSADDR_BUILD_FUZZ=OFF", "-DSADDR_WERROR=OFF",
           "-DCMAKE_C_COMPILER=" + args.cc,
           "-DCMAKE_CXX_COMPILER=" + args.cxx] + args.cmake_arg
    proc = run(cmd, quiet=False)
    if proc.returncode == 0:
        proc = run(["cmake", "--build", bdir, "-j2", "--target",
                    "saddr_icount"], quiet=False)
    if proc.returncode != 0:
        raise NoComparison("the %s does not build" % label)
    return os.path.join(bdir, "bench", "saddr_icount")


def saddr_ops(driver):
    """The saddr operations a driver knows (it lists them when run)."""
    proc = run([driver, "--entries", "64"])
    if proc.returncode != 0:
        sys.stdout.write(proc.stdout[-2000:])
        raise NoComparison("%s fails its self-check" % driver)
    return [p[1] for p in (line.split() for line in proc.stdout.splitlines())
            if len(p) == 3 and p[0] == "icount" and compare.is_saddr(p[1])]


def count(driver, out, entries, ops):
    proc = run([sys.executable, os.path.join(HERE, "icount.py"), driver, out,
                "--entries", str(entries)] + ops, quiet=False)
    if proc.returncode != 0:
        raise NoComparison("callgrind could not count %s" % driver)
    return compare.load(out)


def add_worktree(repo, path, sha):
    if os.path.isdir(path):
        if git(path, "rev-parse", "HEAD") == sha:
            return
        remove_worktree(repo, path)
    git(repo, "worktree", "prune")
    if git(repo, "worktree", "add", "--detach", "-f", path, sha) is None:
        raise NoComparison("git worktree add of %s failed" % sha[:12])


def remove_worktree(repo, path):
    if git(repo, "worktree", "remove", "--force", path) is None:
        shutil.rmtree(path, ignore_errors=True)
        git(repo, "worktree", "prune")


def verdict_block(failures, rows, compiler):
    gated = [r for r in rows if r[4] is not None]
    if failures:
        log("FAILED: %d of %d operations need more instructions than their "
            "threshold allows (%s)" % (len(failures), len(gated), compiler))
        for name, b, c, delta, limit, verdict in failures:
            if c is None:
                log("  %s: %s" % (name, verdict))
            else:
                log("  %s: %.1f -> %.1f instructions/op, %+.2f %% (threshold "
                    "%.0f %%)" % (name, b, c, delta * 100, limit * 100))
        return 1
    log("passed: %d operations within their thresholds (%s)" %
        (len(gated), compiler))
    return 0


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="instruction-count gate: the change against its base, "
        "same compiler, same job", usage=__doc__.split("Usage:")[1]
        .split("Environment")[0])
    p.add_argument("--src", default=os.path.dirname(HERE))
    g = p.add_mutually_exclusive_group()
    g.add_argument("--base", default=os.environ.get("SADDR_GATE_BASE"))
    g.add_argument("--against", default=os.environ.get("SADDR_GATE_AGAINST"))
    g.add_argument("--no-base", action="store_true")
    p.add_argument("--cc", default=os.environ.get("CC") or "cc")
    p.add_argument("--cxx", default=None)
    p.add_argument("--cmake-arg", action="append",
                   default=shlex.split(os.environ.get(
                       "SADDR_BENCH_CMAKE_ARGS", "")))
    p.add_argument("--entries", type=int, default=16384)
    p.add_argument("--work", default=None)
    p.add_argument("--keep", action="store_true")
    p.add_argument("--json", default=None)
    p.add_argument("--update-baseline", action="store_true")
    args = p.parse_args(argv[1:])
    if args.base and args.against:
        p.error("--base and --against exclude each other")
    if args.cxx is None:
        args.cxx = os.environ.get("CXX") or {
            "gcc": "g++", "clang": "clang++"}.get(
                re.sub(r"-[0-9.]+$", "", os.path.basename(args.cc)), "c++")
        if re.search(r"-[0-9.]+$", args.cc) and args.cxx != "c++":
            args.cxx += re.search(r"-[0-9.]+$", args.cc).group(0)
    return args


def main(argv):
    args = parse_args(argv)
    src = os.path.abspath(args.src)
    work = os.path.abspath(args.work) if args.work else tempfile.mkdtemp(
        prefix="saddr-gate-")
    os.makedirs(work, exist_ok=True)
    base_src = os.path.join(work, "base-src")
    try:
        return gate(args, src, work, base_src)
    except NoComparison as e:
        log("NOT COMPARED: %s" % e)
        return 2
    finally:
        if os.path.isdir(base_src) and not args.keep:
            remove_worktree(src, base_src)
        if not args.work and not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def gate(args, src, work, base_src):
    head_sha = git(src, "rev-parse", "--short=12", "HEAD") or "?"
    dirty = bool(git(src, "status", "--porcelain", "--untracked-files=no"))
    change_label = "change %s%s" % (head_sha, " + edits" if dirty else "")
    log("change: %s (%s)" % (src, change_label))
    driver = build(src, os.path.join(work, "change-build"), args, "change")
    compiler = compiler_of(os.path.join(work, "change-build"))
    log("compiler: %s (%s), Release, extra CMake arguments: %s" %
        (compiler, args.cc, " ".join(args.cmake_arg) or "none"))
    ops = saddr_ops(driver)

    base = None
    try:
        if args.update_baseline:
            raise NoComparison("--update-baseline counts the change only")
        sha, how = resolve_base(src, args)
        add_worktree(src, base_src, sha)
        if not os.path.exists(os.path.join(base_src, "bench", "icount.c")):
            raise NoComparison("base %s has no bench/icount.c" % sha[:12])
        log("base: %s = %s, checked out in %s" % (how, sha[:12], base_src))
        base_driver = build(base_src, os.path.join(work, "base-build"), args,
                            "base %s" % sha[:12])
        base_ops = saddr_ops(base_driver)
        both = [o for o in ops if o in base_ops]
        base = count(base_driver, os.path.join(work, "base.json"),
                     args.entries, both)
        base_label = "base %s" % sha[:7]
        how = "%s %s built here with the same compiler" % (how, sha[:12])
    except NoComparison as e:
        if args.update_baseline:
            base_label, how = "-", "no base: %s" % e
        else:
            base, base_label, how = fallback(e, compiler, args.entries)

    change = count(driver, os.path.join(work, "change.json"), args.entries,
                   ops)
    change["compiler"] = compiler
    if args.json:
        shutil.copyfile(os.path.join(work, "change.json"), args.json)
    if args.update_baseline:
        return update_baseline(change, compiler, args)

    rows, failures = compare.compare(compare.per_op(base),
                                     compare.per_op(change),
                                     compare.load_thresholds())
    print()
    compare.print_table(rows, base_label, "change")
    print()
    log("compared: %s" % how)
    return verdict_block(failures, rows, compiler)


def fallback(why, compiler, entries):
    """The committed baseline, when it was made by this compiler."""
    log("no base build (%s); trying bench/baseline.json" % why)
    doc = compare.load(BASELINE)
    made_by = doc.get("compiler", "an unrecorded compiler")
    if made_by != compiler:
        raise NoComparison(
            "%s, and bench/baseline.json was recorded by %s, not by %s: "
            "counts from different compilers are not comparable" %
            (why, made_by, compiler))
    if int(doc.get("entries", 0)) != entries:
        raise NoComparison("%s, and bench/baseline.json was counted on %s "
                           "entries, not %d" % (why, doc.get("entries"),
                                                entries))
    return doc, "baseline.json", ("the committed bench/baseline.json "
                                  "(recorded by %s; no base build: %s)" %
                                  (made_by, why))


def update_baseline(change, compiler, args):
    ops = compare.per_op(change)
    doc = {
        "about": "Fallback of bench/gate.py, used only when no base commit "
                 "can be built and the compiler id and version match "
                 "`compiler`. Update with: bench/gate.py --update-baseline, "
                 "in the commit that explains the change.",
        "compiler": compiler,
        "build": "Release; extra CMake arguments: %s" %
                 (" ".join(args.cmake_arg) or "none"),
        "entries": args.entries,
        "ops": {n: v for n, v in sorted(ops.items()) if compare.is_saddr(n)},
    }
    with open(BASELINE, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    log("bench/baseline.json updated: %d operations, %s" %
        (len(doc["ops"]), compiler))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
