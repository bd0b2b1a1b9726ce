#!/usr/bin/env python3
"""Mutation testing for saddr: does the suite notice a real bug?

For each chosen file of core/src, the script lists the places where a
small, plausible bug can be planted:

  rel     a relational operator swapped (<  <=  >  >=  ==  !=)
  logic   && and || swapped
  const   an integer constant one more or one less
  branch  an error branch removed: the condition of an `if` whose body
          returns an error (saddr__fail, -1, false, SADDR_E...) made false
  zero    a memset() that clears memory removed

draws a seeded sample of them, and for each one: copies the source tree
once (the worktree is never touched), applies the mutation to the copy,
rebuilds incrementally in one dedicated -O1 build directory (only the
mutated object and the programs that link it), runs first the test
programs that cover the file, then, if none failed, the whole suite, each
under a timeout. A mutant is killed when a test fails or times out,
survives when the whole suite passes, and is stillborn when it does not
compile (not counted).

The report (--report, markdown) gives per file: mutants, killed,
survived, stillborn, the score, and the diff of each survivor with its
id. Survivors that cannot change behaviour (equivalent mutants) are
justified in docs/testing.md by id; --equivalent FILE reads those ids
(lines "ID: reason") and reports the score without them.

Usage (from the repository root, under nice on a shared machine):
  nice -n 10 python3 tests/mutate/mutate.py --files core/src/text/ip4.c \\
      core/src/text/ip6.c --per-file 12 --seed 1 --report /tmp/mutants.md
  python3 tests/mutate/mutate.py --list core/src/text/ip4.c   # the sites
  python3 tests/mutate/mutate.py --only ip4.c:rel:17 ... # one mutant
"""
import argparse
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))

# Which test programs cover which source: run first (regex for ctest -R).
# Files not listed run the whole suite directly.
FOCUS = [
    (r'core/src/(text/ip4|text/ip6|text/port|family/inet_fast)\.c',
     'test_page_boundary|test_inet|test_fastpath|test_ip_differential|'
     'cli_parse|fuzz.ip_literal|fuzz.compact'),
    (r'core/src/syntax/tuple\.c', 'test_tuple|test_inet|test_packet|test_vsock|'
     'test_tipc|test_netlink|test_unix|fuzz.tuple'),
    (r'core/src/text/escape\.c', 'test_tuple|test_unix|test_inet|test_alg|'
     'test_packet|fuzz.tuple|fuzz.roundtrip'),
    (r'core/src/syntax/parse\.c', 'test_inet|test_unix|test_vsock|test_fastpath|'
     'cli_parse|families_cli|digit_names|test_bluetooth'),
    (r'core/src/text/host\.c', 'test_inet|digit_names|test_resolve_unit|'
     'test_hosts'),
    (r'core/src/format\.c', 'test_inet|test_unix|test_unix108|cli_parse|'
     'families_cli|fuzz.format|fuzz.roundtrip'),
    (r'core/src/family/inet\.c', 'test_inet|digit_names|test_fastpath|'
     'cli_parse'),
    (r'core/src/family/(\w+)\.c', r'test_\1|test_family_consts|'
     'families_cli'),
    (r'core/src/bind/', 'test_bind|bind_cli'),
    (r'core/src/local/', 'test_hosts|test_services|bind_cli_local'),
    (r'core/src/resolve/', 'test_resolve|resolve_cli'),
]

ERROR_RETURN = re.compile(
    r'^\s*(\{\s*)?return\s+(saddr__fail|-1\b|false\b|SADDR_E|-?E[A-Z]+\b|'
    r'fail\b|\w*fail\w*\()')


# ---------------------------------------------------------------------------
# A small C lexer: tokens with offsets, outside comments, strings,
# character constants and preprocessor lines.
# ---------------------------------------------------------------------------

OPS = ['<<=', '>>=', '...', '->', '++', '--', '<<', '>>', '<=', '>=', '==',
       '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=']


def tokens(src):
    i, n = 0, len(src)
    line_start = True
    while i < n:
        c = src[i]
        if c == '\n':
            line_start = True
            i += 1
            continue
        if c in ' \t\r\f\v':
            i += 1
            continue
        if line_start and c == '#':
            # Preprocessor line, with continuations.
            while i < n and src[i] != '\n':
                i += 2 if src[i] == '\\' else 1
            continue
        line_start = False
        if src.startswith('//', i):
            i = src.find('\n', i)
            i = n if i < 0 else i
            continue
        if src.startswith('/*', i):
            j = src.find('*/', i + 2)
            i = n if j < 0 else j + 2
            continue
        if c in '"\'':
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == '\\' else 1
            yield ('str', src[i:j + 1], i)
            i = j + 1
            continue
        m = re.compile(r'0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*|[A-Za-z_]\w*'
                       ).match(src, i)
        if m:
            kind = 'num' if m.group()[0].isdigit() else 'id'
            yield (kind, m.group(), i)
            i = m.end()
            continue
        for op in OPS:
            if src.startswith(op, i):
                yield ('op', op, i)
                i += len(op)
                break
        else:
            yield ('op', c, i)
            i += 1


def matching_paren(toks, k):
    depth = 0
    for j in range(k, len(toks)):
        if toks[j][1] == '(':
            depth += 1
        elif toks[j][1] == ')':
            depth -= 1
            if depth == 0:
                return j
    return None


def sites(src):
    """Every mutation of src: (kind, start, end, replacement)."""
    toks = list(tokens(src))
    out = []
    swap = {'<': ['<='], '<=': ['<'], '>': ['>='], '>=': ['>'],
            '==': ['!='], '!=': ['==']}
    for k, (kind, text, pos) in enumerate(toks):
        if kind == 'op' and text in swap:
            # Skip '<'/'>' of #include (already skipped) and of casts.
            for r in swap[text]:
                out.append(('rel', pos, pos + len(text), r))
        elif kind == 'op' and text in ('&&', '||'):
            out.append(('logic', pos, pos + 2, '||' if text == '&&' else '&&'))
        elif kind == 'num':
            m = re.match(r'(0[xX][0-9a-fA-F]+|\d+)(\w*)', text)
            v = int(m.group(1), 0)
            # Array sizes and shifts of one bit are mostly stillborn or
            # trivially caught; keep them anyway, the build decides.
            prev = toks[k - 1][1] if k else ''
            if prev == '[' and k + 1 < len(toks) and toks[k + 1][1] == ']':
                continue
            # "return -1": callers test the sign only.
            if prev == '-' and k >= 2 and toks[k - 2][1] == 'return':
                continue
            out.append(('const', pos, pos + len(text), str(v + 1) + m.group(2)))
            if v > 0:
                out.append(('const', pos, pos + len(text),
                            str(v - 1) + m.group(2)))
        elif kind == 'id' and text == 'if' and k + 1 < len(toks) and \
                toks[k + 1][1] == '(':
            close = matching_paren(toks, k + 1)
            if close is None or close + 1 >= len(toks):
                continue
            body = src[toks[close + 1][2]:toks[close + 1][2] + 200]
            if ERROR_RETURN.match(body):
                a, b = toks[k + 1][2], toks[close][2] + 1
                out.append(('branch', a, b, '(0 && ' + src[a:b] + ')'))
        elif kind == 'id' and text in ('memset', 'explicit_bzero') and \
                k + 1 < len(toks) and toks[k + 1][1] == '(':
            close = matching_paren(toks, k + 1)
            if close is None or close + 1 >= len(toks) or \
                    toks[close + 1][1] != ';':
                continue
            # Only a statement: the token before is ';', '{', '}' or ')'.
            if k and toks[k - 1][1] in (';', '{', '}', ')', 'else'):
                out.append(('zero', pos, toks[close][2] + 1, '(void)0'))
    return out


def mutant_id(path, site, index):
    return '%s:%s:%d' % (os.path.basename(path), site[0], index)


def line_diff(src, site):
    kind, a, b, r = site
    ls = src.rfind('\n', 0, a) + 1
    le = src.find('\n', b)
    le = len(src) if le < 0 else le
    lineno = src.count('\n', 0, a) + 1
    old = src[ls:le]
    new = src[ls:a] + r + src[b:le]
    if '\n' in old:  # a multi-line condition: show its first line only
        old, new = old.split('\n')[0], new.split('\n')[0]
    return lineno, old.strip(), new.strip()


# ---------------------------------------------------------------------------
# Building and testing
# ---------------------------------------------------------------------------

def run(cmd, timeout, cwd=None):
    try:
        res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                             timeout=timeout)
        return res.returncode, res.stdout + res.stderr
    except subprocess.TimeoutExpired:
        return 'timeout', ''


def prepare(tree, build, fresh, check=True, sanitize=''):
    if fresh or not os.path.isdir(tree):
        shutil.rmtree(tree, ignore_errors=True)
        os.makedirs(tree)
        files = subprocess.run(['git', 'ls-files', '-co', '--exclude-standard'],
                               cwd=ROOT, capture_output=True, text=True,
                               check=True).stdout.split('\n')
        for f in files:
            if not f or f.startswith(('build', 'bench/')):
                continue
            src = os.path.join(ROOT, f)
            if not os.path.isfile(src):
                continue
            dst = os.path.join(tree, f)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy2(src, dst)
    rc, out = run(['cmake', '-S', tree, '-B', build,
                   '-DCMAKE_BUILD_TYPE=RelWithDebInfo',
                   '-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g0',
                   '-DSADDR_WERROR=OFF', '-DSADDR_HARDEN=OFF',
                   '-DSADDR_BUILD_BENCH=OFF',
                   # A shorter CPython differential: every survivor runs
                   # the whole suite.
                   '-DSADDR_DIFFERENTIAL_ARGS=--cases;400',
                   '-DSADDR_SANITIZE=' + sanitize], 600)
    if rc != 0:
        sys.exit('cmake failed:\n' + out[-3000:])
    rc, out = run(['cmake', '--build', build, '-j2'], 1800)
    if rc != 0:
        sys.exit('the unmutated tree does not build:\n' + out[-3000:])
    if not check:
        return
    rc, out = run(['ctest', '--test-dir', build, '-j2', '--timeout', '300'],
                  1800)
    if rc != 0:
        sys.exit('the unmutated suite fails:\n' + out[-3000:])


def focus_for(path):
    for pat, tests in FOCUS:
        m = re.match(pat, path)
        if m:
            return m.expand(tests)
    return None


def targets_for(build, regex):
    """The build targets of the tests that regex selects (ctest -N)."""
    rc, out = run(['ctest', '--test-dir', build, '-N', '-R', regex], 60)
    names = re.findall(r'Test +#\d+: (\S+)', out)
    targets = set()
    for n in names:
        if n.startswith('test_'):
            targets.add(n)
        elif n.startswith('fuzz.'):
            targets.add(n[5:] + '_replay')
        else:
            targets.add('saddr_cli')
    return sorted(targets)


def test_mutant(build, path, timeout):
    """'killed', 'survived' or 'stillborn', and what decided it."""
    focus = focus_for(path)
    if focus:
        targets = targets_for(build, focus)
        rc, out = run(['cmake', '--build', build, '-j2', '--target'] +
                      targets, 600)
        if rc != 0:
            return 'stillborn', 'does not compile'
        rc, out = run(['ctest', '--test-dir', build, '-j2', '-R', focus,
                       '--timeout', str(timeout), '--stop-on-failure'],
                      timeout * 4)
        if rc != 0:
            return 'killed', first_failure(out, rc)
    rc, out = run(['cmake', '--build', build, '-j2'], 900)
    if rc != 0:
        return 'stillborn', 'does not compile'
    args = ['ctest', '--test-dir', build, '-j2', '--timeout', str(timeout)]
    if focus:
        args += ['-E', focus]
    rc, out = run(args, timeout * 10)
    if rc != 0:
        return 'killed', first_failure(out, rc)
    return 'survived', ''


def first_failure(out, rc):
    if rc == 'timeout':
        return 'timeout'
    m = re.search(r'\d+ - (\S+) \((Failed|Timeout|SEGFAULT|Subprocess '
                  r'aborted|Child aborted|[^)]*)\)', out)
    return '%s (%s)' % (m.group(1), m.group(2)) if m else 'a test failed'


def main():
    ap = argparse.ArgumentParser(
        description='Mutation testing of core/src files against the suite')
    ap.add_argument('--files', nargs='*', default=[])
    ap.add_argument('--per-file', type=int, default=10)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--kinds', default='rel,logic,const,branch,zero')
    ap.add_argument('--only', nargs='*', help='mutant ids to run')
    ap.add_argument('--list', nargs='*', help='print the sites of files')
    ap.add_argument('--tree', default='/tmp/saddr-mutate/src')
    ap.add_argument('--build', default='/tmp/saddr-mutate/build')
    ap.add_argument('--fresh', action='store_true',
                    help='copy the worktree again')
    ap.add_argument('--no-check', action='store_true',
                    help='skip the run of the unmutated suite (a tree that '
                    'passed it before)')
    ap.add_argument('--timeout', type=int, default=120,
                    help='seconds per test program')
    ap.add_argument('--sanitize', default='',
                    help='build with these sanitizers (e.g. address): for '
                    'mutants that only a sanitizer can see, such as a '
                    'one-byte stack overflow; use its own --build directory')
    ap.add_argument('--report', help='write a markdown report here')
    ap.add_argument('--equivalent', help='file of "ID: reason" lines')
    args = ap.parse_args()

    if args.list:
        for path in args.list:
            src = open(os.path.join(ROOT, path)).read()
            for i, s in enumerate(sites(src)):
                ln, old, new = line_diff(src, s)
                print('%s  line %d\n    - %s\n    + %s' % (
                    mutant_id(path, s, i), ln, old, new))
        return 0

    kinds = set(args.kinds.split(','))
    chosen = []  # (path, index, site)
    if args.only:
        by_file = {}
        for mid in args.only:
            base, kind, idx = mid.rsplit(':', 2)
            by_file.setdefault(base, []).append(int(idx))
        for path in args.files:
            src = open(os.path.join(ROOT, path)).read()
            all_sites = sites(src)
            for idx in by_file.get(os.path.basename(path), []):
                chosen.append((path, idx, all_sites[idx]))
    else:
        for path in args.files:
            src = open(os.path.join(ROOT, path)).read()
            all_sites = [(i, s) for i, s in enumerate(sites(src))
                         if s[0] in kinds]
            rng = random.Random('%s/%d' % (path, args.seed))
            pick = rng.sample(all_sites, min(args.per_file, len(all_sites)))
            chosen += [(path, i, s) for i, s in sorted(pick)]

    equivalent = {}
    if args.equivalent and os.path.exists(args.equivalent):
        for line in open(args.equivalent):
            m = re.match(r'\s*[-*|]?\s*`?([\w./-]+:\w+:\d+)`?\s*[:|]\s*(.*)',
                         line)
            if m:
                equivalent[m.group(1)] = m.group(2).strip(' |')

    os.makedirs(os.path.dirname(args.tree), exist_ok=True)
    if not args.fresh:
        # An interrupted run may have left a mutant in the copy.
        for path in args.files:
            if os.path.exists(os.path.join(args.tree, path)):
                shutil.copy2(os.path.join(ROOT, path),
                             os.path.join(args.tree, path))
    prepare(args.tree, args.build, args.fresh, not args.no_check,
            args.sanitize)
    results = []
    started = time.time()
    for n, (path, idx, site) in enumerate(chosen):
        target = os.path.join(args.tree, path)
        original = open(target).read()
        pristine = open(os.path.join(ROOT, path)).read()
        if original != pristine:  # a previous run was interrupted
            original = pristine
        mutated = original[:site[1]] + site[3] + original[site[2]:]
        mid = mutant_id(path, site, idx)
        try:
            with open(target, 'w') as f:
                f.write(mutated)
            verdict, why = test_mutant(args.build, path, args.timeout)
        finally:
            with open(target, 'w') as f:
                f.write(original)
        ln, old, new = line_diff(original, site)
        results.append((path, mid, verdict, why, ln, old, new))
        print('[%d/%d %4.0fs] %-28s %-9s %s' % (
            n + 1, len(chosen), time.time() - started, mid, verdict, why))
        sys.stdout.flush()
    # Rebuild the pristine tree so that the directory is reusable.
    run(['cmake', '--build', args.build, '-j2'], 900)

    lines = ['| file | mutants | killed | survived | equivalent | stillborn '
             '| score | score without equivalent |', '|---|---|---|---|---|---|---|---|']
    survivors = []
    for path in dict.fromkeys(r[0] for r in results):
        rs = [r for r in results if r[0] == path]
        k = sum(r[2] == 'killed' for r in rs)
        s = [r for r in rs if r[2] == 'survived']
        e = [r for r in s if r[1] in equivalent]
        sb = sum(r[2] == 'stillborn' for r in rs)
        total = k + len(s)
        lines.append('| %s | %d | %d | %d | %d | %d | %s | %s |' % (
            path, total, k, len(s), len(e), sb,
            '%.0f%%' % (100.0 * k / total) if total else '-',
            '%.0f%%' % (100.0 * k / (total - len(e))) if total - len(e) else '-'))
        survivors += s
    lines.append('')
    for path, mid, verdict, why, ln, old, new in survivors:
        tag = ' (equivalent: %s)' % equivalent[mid] if mid in equivalent else ''
        lines.append('- `%s` line %d%s\n  ```diff\n  - %s\n  + %s\n  ```' % (
            mid, ln, tag, old, new))
    text = '\n'.join(lines) + '\n'
    print(text)
    if args.report:
        with open(args.report, 'w') as f:
            f.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
