#!/usr/bin/env python3
"""Randomized differential of saddr's tuple syntax against CPython 3.11.

Where cpython_parity.py checks hand-picked tables, this generates tuple
texts from a grammar, per family: each field from its own generator (IPv4
and IPv6 host text with zones, AF_UNIX paths of every length class,
interface names and indexes, Bluetooth addresses, AF_ALG names, integers
at and past their kernel type's edges), every integer written in one of
the literal spellings Python accepts (bases, '_' separators, unary signs
before integers, True/False, constants and groups, grouping parentheses),
with random blanks and trailing commas; then one in four cases gets one
field replaced by a wrong value, and some get the wrong number of items.

Each case is asked of CPython (socket.bind() through the LD_PRELOAD shim
of cpython_parity.py, which records the sockaddr and never reaches the
kernel) and of the library (tests/parity/saddr_batch.c, one process for
all cases). The verdict:
  - a case the generator built to hit a deliberate difference (a section
    of docs/cpython-differences.md: legacy IPv4, kept zones, integer
    wrapping, ...) must give exactly the outcome the docs list for saddr,
    whatever CPython does;
  - a host name must fail in both (the shim keeps CPython off DNS) and
    saddr must say SADDR_ERESOLVE;
  - every other case: both refuse, or both give the same sockaddr bytes
    and length.
Every address both accept is then formatted by both (CPython's repr of
getsockname() against saddr's tuple text), and saddr's text must parse
back to the same bytes.

The run is seeded and reproducible (--seed); --cases sets the number of
cases per family (CI: a few thousand; use tens of thousands for a long
run). A failure prints the family, the text and both outcomes.
"""
import argparse
import ipaddress
import os
import random
import socket
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cpython_parity as cp  # noqa: E402  (shares the capture machinery)

LO = cp.LO
NS = {k: v for k, v in vars(socket).items() if k.isupper()}
NS['socket'] = socket
NS['__builtins__'] = {}

# ---------------------------------------------------------------------------
# Literal grammar
# ---------------------------------------------------------------------------


def blank(rng):
    return rng.choice(['', '', '', ' ', '  ', '\t', '\n'])


class Gen:
    """Literal spellings; consts maps a value to constant names that both
    CPython and saddr know."""

    def __init__(self, rng, consts):
        self.rng = rng
        self.consts = consts

    def integer(self, v):
        rng = self.rng
        form = rng.randrange(14)
        if form == 0 and v in (0, 1):
            return rng.choice(['True', '+True', '-(-True)', '(True)']) \
                if v else rng.choice(['False', '-False', '+False', '-(0)'])
        if form == 1 and v == -1:
            return rng.choice(['-True', '-(True)', '- True', '-(+1)'])
        if form == 2 and v in self.consts:
            name = rng.choice(self.consts[v])
            return rng.choice(['', 'socket.']) + name if rng.random() < 0.7 \
                else '+' + blank(rng) + name
        if form == 3 and -v in self.consts and v < 0:
            return '-' + blank(rng) + rng.choice(self.consts[-v])
        if form == 4:
            return '-(' + blank(rng) + self.integer(-v) + blank(rng) + ')'
        if form == 5:
            return '(' + blank(rng) + self.integer(v) + blank(rng) + ')'
        if form == 6 and v >= 0:
            return '+' + blank(rng) + self.integer(v)
        if form == 7 and v > 9:
            digits = str(v)
            return '_'.join(digits[i:i + 1] if rng.random() < 0.3 else
                            digits[i:i + 1] for i in range(len(digits))) \
                if rng.random() < 0.5 else format(v, '_d')
        return cp.int_lit(v, rng)

    def string(self, s, kind=None):
        """s (str, or bytes for a bytes literal) as a literal."""
        if isinstance(s, bytes):
            text = s.decode('latin-1')
            lit = cp.str_lit(text, self.rng, kind='bytes')
        else:
            lit = cp.str_lit(s, self.rng, kind=kind or 'str')
            # Lone surrogates (surrogateescape bytes) only as escapes.
            lit = ''.join('\\u%04x' % ord(c) if 0xd800 <= ord(c) < 0xe000
                          else c for c in lit)
        return lit

    def tuple(self, items):
        return cp.tup(items, self.rng)

    def group(self, text):
        """Grouping parentheses around an element, sometimes."""
        if self.rng.random() < 0.05:
            return '(' + blank(self.rng) + text + blank(self.rng) + ')'
        return text


# ---------------------------------------------------------------------------
# Fields. A field generator returns (literal, value, expect): value is what
# the literal must evaluate to (None: not checked), expect is None (saddr
# and CPython must agree) or (reason, outcome) for saddr.
# ---------------------------------------------------------------------------

ERANGE = ('err', 'ERANGE')
OK = ('ok', None)


def edge_ints(lo, hi):
    return sorted({lo, lo + 1, hi - 1, hi, (lo + hi) // 2, 0, 1}
                  & set(range(lo, hi + 1)) if hi - lo < 1000 else
                  {lo, lo + 1, hi - 1, hi, (lo + hi) // 2, 1, 0x7fffffff & hi})


def out_ints(lo, hi):
    return [lo - 1, hi + 1, hi * 2 + 1, -1 if lo == 0 else lo - 2,
            1 << 31, 1 << 32, (1 << 32) + 5, 1 << 63, 1 << 64, -(1 << 31)]


def int_field(lo, hi, reason='integer-wrap', ok_above=None):
    """An integer in [lo, hi]; out of range is `reason` (saddr ERANGE).
    ok_above: (limit, reason): values in (hi, limit] are a difference in
    which saddr accepts (AF_ALG's 32-bit feat/mask)."""
    def gen(g, bad):
        rng = g.rng
        if not bad:
            v = rng.choice(edge_ints(lo, hi) + [rng.randint(lo, hi)] * 3)
            return g.integer(v), v, None
        v = rng.choice([x for x in out_ints(lo, hi) if not lo <= x <= hi])
        if ok_above and hi < v <= ok_above[0]:
            return g.integer(v), v, (ok_above[1], OK)
        return g.integer(v), v, (reason, ERANGE)
    return gen


def wrong_type(g):
    """A value no integer or name field takes."""
    return g.rng.choice([('None', None), ('1.0', None), ('()', None),
                         ("(1,)", None), ('[1]', None)])


IPV4_LEGACY = ['127.1', '1.2.3', '010.0.0.1', '0x7f.0.0.1', '2130706433',
               '1.2.3.04', '0177.0.0.1', '1.0x2.3.4', '0', '0x7f000001']
IPV4_BAD = ['1.2.3.999', '256.1.1.1', '1.2.3.4.5', '1..2.3', ' 1.2.3.4',
            '1.2.3.4 ', '1.2.3.-4', '::1', '[1.2.3.4]', '1.2.3.4%lo']
NAMES = ['3d.de', '365.de', '123.cafe', '0x1.de', '2fa.de', 'example.com',
         'a.b-c.d', 'x_y.example', '1.2.3.4a']


def host4(g, bad):
    rng = g.rng
    if not bad:
        h = rng.choice(['', '0.0.0.0', '255.255.255.255', '<broadcast>',
                        '127.0.0.1', cp.rand_ipv4(rng), cp.rand_ipv4(rng)])
        value = h
        if rng.random() < 0.15 and h.isascii():
            value = h.encode()
        return g.string(value), value, None
    kind = rng.randrange(3)
    if kind == 0:
        h = rng.choice(IPV4_LEGACY)
        return g.string(h), h, ('legacy-ipv4', ('err', 'EIPV4LEGACY'))
    if kind == 1:
        h = rng.choice(NAMES)
        return g.string(h), h, (None, ('err', 'ERESOLVE'))
    h = rng.choice(IPV4_BAD)
    return g.string(h), h, None


IPV6_BAD = ['1::2::3', ':::', '1:2:3:4:5:6:7:8:9', '12345::', '::g', '[::1]',
            '::1 ', '1.2.3.4', '::ffff:1.2.3', '::ffff:01.2.3.4', '1:',
            ':1', 'fe80::1%', 'fe80::1%nosuchif0', '::aaaaa', '::' + 'a' * 64]


def host6(g, bad, flow_scope):
    """flow_scope: the scope_id the tuple gives (None: not given)."""
    rng = g.rng
    raw = cp.rand_ipv6_bytes(rng)
    text = cp.ipv6_text(raw, rng)
    if not bad:
        if rng.random() < 0.05:
            text = rng.choice(['', '::', '::1'])
        value = text.encode() if rng.random() < 0.1 else text
        return g.string(value), value, None
    kind = rng.randrange(3)
    if kind == 0:
        h = rng.choice(IPV6_BAD)
        return g.string(h), h, None
    scope = flow_scope or 0
    if rng.random() < 0.1 and scope in (0, LO):
        h = 'fe80::1%0' + str(LO)
        return g.string(h), h, ('zone-numeric', ('err', 'EZONE'))
    # A zone: saddr keeps it where CPython drops or refuses it.
    linklocal = rng.random() < 0.6
    if linklocal:
        text = 'fe80::' + format(rng.randrange(1, 0x10000), 'x')
    zone = rng.choice(['lo', str(LO)])
    h = text + '%' + zone
    if scope not in (0, LO):
        return g.string(h), h, ('zone-conflict', ('err', 'ESCOPE'))
    if not zone.isdigit() and not ipaddress.IPv6Address(text).is_link_local:
        return g.string(h), h, ('zone-any-address', OK)
    if scope == LO:
        return g.string(h), h, None
    return g.string(h), h, ('zone-kept', OK)


def ifname(accepts_int_reason):
    def gen(g, bad):
        rng = g.rng
        if not bad:
            v = rng.choice(['lo', 'lo', ''])
            return g.string(v), v, None
        kind = rng.randrange(3)
        if kind == 0:
            v = rng.choice(['nosuchif0', 'x' * 16, 'lo\0', 'l o'])
            return g.string(v), v, None
        if kind == 1:
            v = rng.choice([0, 1, LO, 99999])
            return cp.int_lit(v, rng), v, (accepts_int_reason, OK)
        return wrong_type(g) + (None,)
    return gen


def unix_path(g, bad):
    rng = g.rng
    alphabet = 'abcxyz/._-09 ~'
    length = rng.choice([0, 1, 2, 40, 105, 106, 107, 108, 109,
                         rng.randrange(1, 110)])
    kind = rng.randrange(4)
    if kind == 0:
        s = '\0' + ''.join(rng.choice(alphabet + '\0\n\x7f')
                           for _ in range(max(0, length - 1)))
    elif kind == 1:
        s = ''.join(rng.choice('é€😀a~') for _ in range(length // 3 + 1))
    else:
        s = '/' + ''.join(rng.choice(alphabet) for _ in range(length))
        s = s[:max(length, 1)]
    value = s
    if rng.random() < 0.3:
        value = s.encode()
    elif rng.random() < 0.1:
        value = s + '\udcff\udc80'
    raw = value if isinstance(value, bytes) else \
        value.encode('utf-8', 'surrogateescape')
    if bad or rng.random() < 0.1:
        # A NUL inside a path (not an abstract name).
        if raw and raw[0] != 0 and len(raw) < 100:
            value = value[:1] + (b'\0' if isinstance(value, bytes) else '\0') \
                + value[1:]
            return g.string(value), value, ('unix-nul', ('err', 'ENUL'))
    return g.string(value), value, None


def bt_addr(kind_default):
    def gen(g, bad):
        rng = g.rng
        octets = [rng.choice([0, 0xff, rng.randrange(256)]) for _ in range(6)]
        text = ':'.join(('%02X' if rng.random() < 0.5 else '%02x') % o
                        for o in octets)
        if not bad:
            if rng.random() < 0.1 and kind_default == 'str':
                return 'BDADDR_ANY', None, ('kernel-constants', OK)
            value = text.encode() if kind_default == 'bytes' else text
            return g.string(value), value, None
        loose = rng.choice(['0:1:2:3:4:5', '001:23:45:67:89:AB',
                            '+1:23:45:67:89:AB'])
        value = loose.encode() if kind_default == 'bytes' else loose
        return g.string(value), value, ('bt-bdaddr', ('err', 'ESYNTAX'))
    return gen


def short_str(maxlen, pool):
    def gen(g, bad):
        rng = g.rng
        if not bad:
            v = rng.choice(pool + [''.join(rng.choice('abcxyz-()0')
                                           for _ in range(rng.randint(1, maxlen)))])
            return g.string(v), v, None
        v = 'a' * (maxlen + 1 + rng.randrange(3))
        return g.string(v), v, None
    return gen


# ---------------------------------------------------------------------------
# Families: the tuple forms (fields, minimum items) and special shapes.
# ---------------------------------------------------------------------------

U8, U16, U32, U64 = (0, 0xff), (0, 0xffff), (0, 0xffffffff), (0, (1 << 64) - 1)


def family_cases(key, g, n):
    rng = g.rng
    fam, proto = key
    out = []

    def add(fields, minimum, special=None, arity=None):
        """fields: generator list; the tuple has minimum..len(fields)
        items; one field may be bad. arity: the form's real (fewest,
        most) items, if other than (minimum, len(fields))."""
        fewest, most = arity or (minimum, len(fields))
        count = rng.randint(minimum, len(fields))
        bad_at = rng.randrange(count) if rng.random() < 0.25 else -1
        items, expects = [], []
        for i in range(count):
            lit, _, exp = fields[i](g, i == bad_at)
            items.append(g.group(lit))
            expects.append(exp)
        # A refusal decides the outcome; an accepting difference only
        # when nothing else differs.
        expect = next((e for e in expects if e is not None and
                       e[1][0] == 'err'), None) or \
            next((e for e in expects if e is not None), None)
        if special:
            expect = special(count, expect) if expect is None else expect
        if bad_at >= 0 and expects[bad_at] is None:
            expect = None  # a plain wrong field: both must refuse
        if rng.random() < 0.03:
            # The wrong number of items.
            extra = rng.choice([items[:fewest - 1], items + ['0'] *
                                (most - count + 1)])
            if extra:
                return out.append((g.tuple(extra), None))
        out.append((g.tuple(items), expect))

    for _ in range(n):
        if fam in ('AF_INET', 'AF_RDS'):
            add([host4, int_field(*U16)], 2)
        elif fam == 'AF_INET6':
            scope = rng.choice([None, 0, LO, 7])
            flow = int_field(0, 0xfffff)

            def host(gg, bad, scope=scope):
                return host6(gg, bad, scope)

            def scope_f(gg, bad, scope=scope):
                if bad:
                    return int_field(*U32)(gg, True)
                return gg.integer(scope or 0), scope or 0, None
            fields = [host, int_field(*U16), flow, scope_f]
            add(fields, 2 if scope is None else 4, arity=(2, 4))
        elif fam == 'AF_UNIX':
            lit, _, exp = unix_path(g, rng.random() < 0.2)
            out.append((g.group(lit), exp))
        elif fam == 'AF_PACKET':
            def addr(gg, bad):
                n = gg.rng.randint(9, 10) if bad else gg.rng.randint(0, 8)
                v = bytes(gg.rng.randrange(256) for _ in range(n))
                return gg.string(v), v, None

            def packet_special(count, expect):
                return expect
            ifn = ifname('ifindex-number')

            def pif(gg, bad):
                lit, v, exp = ifn(gg, bad)
                if v == '':
                    return lit, v, ('packet-any', OK)
                return lit, v, exp
            add([pif, int_field(*U16), int_field(*U8), int_field(*U16),
                 addr], 2, packet_special)
        elif fam in ('AF_NETLINK', 'AF_VSOCK', 'AF_QIPCRTR'):
            add([int_field(*U32), int_field(*U32)], 2)
        elif fam == 'AF_TIPC':
            kind = rng.choice([1, 2, 3])

            def atype(gg, bad, kind=kind):
                v = kind if not bad else gg.rng.choice([0, 4, -1])
                if not bad and gg.rng.random() < 0.3:
                    name = {1: 'TIPC_ADDR_NAMESEQ', 2: 'TIPC_ADDR_NAME',
                            3: 'TIPC_ADDR_ID'}[v]
                    return name, v, None
                return gg.integer(v), v, None
            # A socket id's scope may be 0 (it carries none).
            scope = int_field(0 if kind == 3 else 1, 3, 'tipc-scope')
            add([atype, int_field(*U32), int_field(*U32), int_field(*U32),
                 scope], 4)
        elif fam == 'AF_ALG':
            add([short_str(13, ['hash', 'skcipher', 'aead', 'rng']),
                 short_str(63, ['sha256', 'cbc(aes)', 'hmac(sha1)']),
                 int_field(0, 0xffff, ok_above=(0xffffffff, 'alg-u32')),
                 int_field(0, 0xffff, ok_above=(0xffffffff, 'alg-u32'))], 2)
        elif proto in ('CAN_RAW', 'CAN_BCM'):
            add([ifname('ifindex-number')], 1)
        elif proto == 'CAN_ISOTP':
            add([ifname('ifindex-number'), int_field(*U32), int_field(*U32)],
                3)
        elif proto == 'CAN_J1939':
            add([ifname('ifindex-number'), int_field(*U64), int_field(*U32),
                 int_field(*U8)], 4)
        elif proto == 'BTPROTO_L2CAP':
            add([bt_addr('str'), int_field(*U16), int_field(*U16),
                 int_field(*U8)], 2,
                lambda count, e: ('bt-main', OK) if count > 2 else e)
        elif proto == 'BTPROTO_RFCOMM':
            add([bt_addr('str'), int_field(*U8)], 2)
        elif proto == 'BTPROTO_HCI':
            if rng.random() < 0.2:
                lit, v, exp = int_field(*U16)(g, False)
                out.append((lit, exp or ('bt-main', OK)))
            else:
                add([int_field(*U16), int_field(*U16)], 1,
                    lambda count, e: ('bt-main', OK) if count > 1 else e)
        elif proto == 'BTPROTO_SCO':
            if rng.random() < 0.3:
                lit, v, exp = bt_addr('str')(g, False)
                out.append((lit, exp or ('bt-main', OK)))
            else:
                lit, v, exp = bt_addr('bytes')(g, rng.random() < 0.2)
                out.append((lit, exp))
    return out


# ---------------------------------------------------------------------------
# saddr through the batch driver
# ---------------------------------------------------------------------------

def batch(driver, requests):
    """requests: (op, fam, proto, bytes) -> answers as strings."""
    lines = ['%s %s %s %s' % (op, fam, proto or '-', data.hex())
             for op, fam, proto, data in requests]
    res = subprocess.run([driver], input='\n'.join(lines) + '\n',
                         capture_output=True, text=True, timeout=600)
    answers = res.stdout.splitlines()
    if res.returncode != 0 or len(answers) != len(lines):
        raise RuntimeError('saddr_batch failed (status %d, %d of %d answers)'
                           ': %s' % (res.returncode, len(answers), len(lines),
                                     res.stderr[-500:]))
    return answers


def as_saddr(answer):
    """An answer as cpython_parity's ('ok', hex, len) / ('err', code)."""
    parts = answer.split()
    if parts[0] == 'ok' and len(parts) == 3:
        return ('ok', parts[2], int(parts[1]))
    if parts[0] == 'ok' and len(parts) == 2:
        return ('ok', bytes.fromhex(parts[1]).decode('utf-8', 'replace'), None)
    if parts[0] == 'ok':
        return ('ok', '', 0)
    return ('err', parts[1])


def constant_pool(driver):
    """value -> names that CPython's socket module exports and saddr
    accepts with the same value."""
    names = sorted(k for k, v in NS.items()
                   if k.isupper() and isinstance(v, int) and 0 < v < 1 << 32)
    reqs = [('P', 'AF_NETLINK', None, ('(%s, 0)' % k).encode()) for k in names]
    pool = {}
    for k, ans in zip(names, batch(driver, reqs)):
        s = as_saddr(ans)
        if s[0] == 'ok' and int.from_bytes(bytes.fromhex(s[1])[4:8],
                                           sys.byteorder) == NS[k]:
            pool.setdefault(NS[k], []).append(k)
    return pool


# ---------------------------------------------------------------------------
# Running and judging
# ---------------------------------------------------------------------------

def judge(key, cpy, sad, expect):
    if sad[0] == 'crash':
        return 'saddr misbehaved'
    if expect is not None:
        reason, want = expect
        if reason is None and cpy['ok']:
            return 'CPython accepts a case both must refuse'
        if sad[0] != want[0] or (want[0] == 'err' and sad[1] != want[1]):
            return 'saddr must %s (%s)' % (
                'fail with ' + want[1] if want[0] == 'err' else 'accept',
                reason or 'host names need resolution')
        return None
    job = {'op': 'parse', 'fam': key[0], 'proto': key[1]}
    return cp.judge_plain(job, cpy, sad)


def run_family(report, driver, shim, interp, key, pool, seed, n, stats):
    rng = random.Random('%s/%d' % (cp.key_name(key), seed))
    g = Gen(rng, pool)
    cases = list(dict.fromkeys(family_cases(key, g, n)))
    fam, proto = key
    jobs = [{'op': 'parse', 'fam': fam, 'proto': proto, 'text': t}
            for t, _ in cases]
    cpys = cp.capture(interp, shim, jobs)
    sads = [as_saddr(a) for a in batch(driver, [
        ('P', fam, proto, t.encode('utf-8', 'surrogatepass'))
        for t, _ in cases])]
    agreed = []
    for (text, expect), cpy, sad in zip(cases, cpys, sads):
        problem = judge(key, cpy, sad, expect)
        what = 'differential %s %r' % (cp.key_name(key), text)
        if expect and expect[0]:
            what += ' [difference %s]' % expect[0]
            stats[expect[0]] = stats.get(expect[0], 0) + 1
        report.check(what, problem, [cp.show_cpy(cpy), cp.show_saddr(sad)])
        if problem is None and expect is None and cpy['ok'] and sad[0] == 'ok':
            agreed.append((sad, cpy))
    # Formatting and round trips of what both accepted.
    uniq = list(dict.fromkeys(s[1] for s, _ in agreed))[:max(200, n // 4)]
    if not uniq:
        return len(cases)
    fjobs = [{'op': 'format', 'fam': fam, 'proto': proto, 'hex': h}
             for h in uniq]
    fcpy = cp.capture(interp, shim, fjobs)
    fsad = [as_saddr(a) for a in batch(driver, [
        ('F', fam, proto, bytes.fromhex(h)) for h in uniq])]
    back = batch(driver, [('P', fam, proto, s[1].encode('utf-8'))
                          if s[0] == 'ok' else ('P', fam, proto, b'')
                          for s in fsad])
    for h, c, s, b in zip(uniq, fcpy, fsad, back):
        what = 'differential format %s %s' % (cp.key_name(key), h)
        problem = 'saddr cannot format it' if s[0] != 'ok' else \
            ('CPython cannot format it' if not c['ok'] else
             cp.same_format(c, s))
        report.check(what, problem, [cp.show_cpy(c), cp.show_saddr(s)])
        bs = as_saddr(b)
        report.check('round trip %s %s' % (cp.key_name(key), h),
                     None if bs[0] == 'ok' and bs[1] == h else
                     'the tuple text does not parse back',
                     [cp.show_saddr(s), cp.show_saddr(bs)])
    return len(cases)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--batch', required=True, help='saddr_batch program')
    ap.add_argument('--shim', required=True, help='parity_shim.so')
    ap.add_argument('--seed', type=int, default=11)
    ap.add_argument('--cases', type=int, default=2500,
                    help='generated cases per family (default 2500)')
    ap.add_argument('--only', help='one family (AF_X or AF_X/PROTO)')
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args()
    report = cp.Report(args.verbose)
    interpreters = cp.probe_interpreters()
    report.check('a CPython 3.11 is available', None if interpreters else
                 'no python3 3.11 found')
    pool = constant_pool(args.batch)
    stats, total = {}, 0
    print('seed %d, %d cases per family' % (args.seed, args.cases))
    for key in cp.SOCKETS:
        name = cp.key_name(key)
        if key == cp.GENERIC or (args.only and args.only not in (name, key[0])):
            continue
        interp = cp.interpreter_for(key, interpreters)
        if interp is None:
            print('not covered: %s (no local CPython 3.11 has it)' % name)
            continue
        before = report.failed
        try:
            n = run_family(report, args.batch, args.shim, interp, key, pool,
                           args.seed, args.cases, stats)
        except cp.CaptureError as e:
            report.check('CPython capture for %s' % name, str(e))
            continue
        total += n
        print('%-24s %5d distinct cases, %d failed' % (name, n,
                                                       report.failed - before))
        sys.stdout.flush()
    print('deliberate differences exercised: %s' %
          ', '.join('%s %d' % kv for kv in sorted(stats.items())))
    print('%d cases; %d passed, %d failed' % (total, report.passed,
                                               report.failed))
    return 1 if report.failed else 0


if __name__ == '__main__':
    sys.exit(main())
