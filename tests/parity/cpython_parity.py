#!/usr/bin/env python3
"""CPython parity test for saddr.

For a few hundred tuples per address family this script asks the local
CPython how socket.bind() converts the tuple into a sockaddr, asks
`saddr parse --json --syntax tuple` the same question, and compares the
bytes and the length. In the other direction it feeds sockaddr bytes to
CPython's makesockaddr() (through getsockname()) and compares repr() of the
result with `saddr format --json`'s "tuple" text.

CPython is observed through an LD_PRELOAD shim (parity_shim.c): while
capturing, bind() records the sockaddr and returns success without reaching
the kernel; getsockname() can be made to answer crafted bytes; getaddrinfo()
always gets AI_NUMERICHOST so no input can cause a DNS or hosts-file lookup.
Families this kernel lacks are parsed through the "foreign fd" trick: a socket
object of the wanted family wrapped around a UDP descriptor.

Every place where saddr deliberately differs from CPython is a row of
DIFFERENCES below, with the reason; such inputs must produce exactly the
listed saddr result. Any other disagreement fails the test and prints the
input, CPython's result and saddr's result. The same list is explained in
docs/cpython-differences.md, and the test checks that every reason has its
section there holding the current table of its rows (--doc-tables prints
them).

Usage: cpython_parity.py --saddr PATH --shim PATH [--only FAMILY] [-v]
The script starts its capture interpreters itself, with LD_PRELOAD set.
"""

import argparse
import concurrent.futures
import ipaddress
import json
import os
import random
import re
import socket
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOC = os.path.join(HERE, '..', '..', 'docs', 'cpython-differences.md')

LO = socket.if_nametoindex('lo')

# ---------------------------------------------------------------------------
# Families under test: (family, proto) -> socket type and proto number that
# the capture interpreter uses, and which interpreter must have the family.
# ---------------------------------------------------------------------------

SOCKETS = {
    ('AF_INET', None): ('SOCK_STREAM', 0),
    ('AF_INET6', None): ('SOCK_STREAM', 0),
    ('AF_UNIX', None): ('SOCK_STREAM', 0),
    ('AF_PACKET', None): ('SOCK_RAW', 0),
    ('AF_NETLINK', None): ('SOCK_RAW', 0),
    ('AF_VSOCK', None): ('SOCK_STREAM', 0),
    ('AF_CAN', 'CAN_RAW'): ('SOCK_RAW', 'CAN_RAW'),
    ('AF_CAN', 'CAN_BCM'): ('SOCK_DGRAM', 'CAN_BCM'),
    ('AF_CAN', 'CAN_ISOTP'): ('SOCK_DGRAM', 'CAN_ISOTP'),
    ('AF_CAN', 'CAN_J1939'): ('SOCK_DGRAM', 'CAN_J1939'),
    ('AF_TIPC', None): ('SOCK_RDM', 0),
    ('AF_ALG', None): ('SOCK_SEQPACKET', 0),
    ('AF_QIPCRTR', None): ('SOCK_DGRAM', 0),
    ('AF_RDS', None): ('SOCK_SEQPACKET', 0),
    ('AF_BLUETOOTH', 'BTPROTO_L2CAP'): ('SOCK_SEQPACKET', 'BTPROTO_L2CAP'),
    ('AF_BLUETOOTH', 'BTPROTO_RFCOMM'): ('SOCK_STREAM', 'BTPROTO_RFCOMM'),
    ('AF_BLUETOOTH', 'BTPROTO_HCI'): ('SOCK_RAW', 'BTPROTO_HCI'),
    ('AF_BLUETOOTH', 'BTPROTO_SCO'): ('SOCK_SEQPACKET', 'BTPROTO_SCO'),
    # A family without a form of its own: only formatted, through an AF_INET
    # socket, because makesockaddr() switches on the returned sa_family.
    ('AF_APPLETALK', None): ('SOCK_DGRAM', 0),
}

GENERIC = ('AF_APPLETALK', None)

# One address per family that saddr must accept (None: one it must format);
# checked first, so that a family saddr lacks fails with one clear line.
CANONICAL = {
    ('AF_INET', None): "('127.0.0.1', 80)",
    ('AF_INET6', None): "('::1', 80)",
    ('AF_UNIX', None): "'/tmp/x'",
    ('AF_PACKET', None): "('lo', 2048)",
    ('AF_NETLINK', None): "(0, 0)",
    ('AF_VSOCK', None): "(2, 1024)",
    ('AF_CAN', 'CAN_RAW'): "('lo',)",
    ('AF_CAN', 'CAN_BCM'): "('lo',)",
    ('AF_CAN', 'CAN_ISOTP'): "('lo', 1, 2)",
    ('AF_CAN', 'CAN_J1939'): "('lo', 1, 2, 3)",
    ('AF_TIPC', None): "(1, 2, 3, 4)",
    ('AF_ALG', None): "('hash', 'sha256')",
    ('AF_QIPCRTR', None): "(1, 2)",
    ('AF_RDS', None): "('127.0.0.1', 80)",
    ('AF_BLUETOOTH', 'BTPROTO_L2CAP'): "('01:23:45:67:89:AB', 4097)",
    ('AF_BLUETOOTH', 'BTPROTO_RFCOMM'): "('01:23:45:67:89:AB', 1)",
    ('AF_BLUETOOTH', 'BTPROTO_HCI'): "(0,)",
    ('AF_BLUETOOTH', 'BTPROTO_SCO'): "b'01:23:45:67:89:AB'",
    GENERIC: None,
}


def key_name(key):
    fam, proto = key
    return fam if proto is None else fam + '/' + proto


# ---------------------------------------------------------------------------
# Literal text generators. Every generated text is checked with eval() to
# denote the intended value, so a generator bug cannot pass silently.
# ---------------------------------------------------------------------------

def int_lit(v, rng):
    """A Python integer literal for v in a random base and spelling."""
    if v < 0:
        return '-' + int_lit(-v, rng)
    form = rng.randrange(9)
    if form == 0:
        return hex(v)
    if form == 1:
        return '0X' + format(v, 'X')
    if form == 2:
        return '0o' + format(v, 'o')
    if form == 3:
        return '0B' + format(v, 'b')
    if form == 4 and v >= 1000:
        return format(v, '_d')
    if form == 5 and v > 0xffff:
        return '0x' + format(v, '_x')
    if form == 6:
        return '+' + str(v)
    if form == 7 and v in (0, 1):
        return 'True' if v else 'False'
    return str(v)


def esc_char(c, rng, is_bytes):
    """c written as a Python escape sequence."""
    o = ord(c)
    form = rng.randrange(4 if not is_bytes else 2)
    if form == 0 and o < 256:
        return '\\x%02x' % o
    if form == 1 and o < 256:
        return '\\%03o' % o
    if form == 2 and o < 0x10000 and not is_bytes:
        return '\\u%04x' % o
    if not is_bytes:
        return '\\U%08x' % o
    return '\\x%02X' % o


def str_lit(s, rng, kind=None, escape=0.15):
    """A Python string literal for s: kind 'str', 'bytes' or None (random)."""
    if kind is None:
        kind = 'bytes' if rng.random() < 0.25 and s.isascii() else 'str'
    is_bytes = kind == 'bytes'
    quote = rng.choice("'\"")
    raw = rng.random() < 0.2 and '\\' not in s and quote not in s and \
        all(32 <= ord(c) < 127 for c in s)
    body = []
    for c in s:
        o = ord(c)
        if raw:
            body.append(c)
        elif c in ('\\', quote):
            body.append('\\' + c)
        elif o < 32 or o == 127 or (is_bytes and o > 127):
            body.append({'\n': '\\n', '\t': '\\t', '\r': '\\r'}.get(c) or
                        esc_char(c, rng, is_bytes))
        elif rng.random() < escape:
            body.append(esc_char(c, rng, is_bytes))
        else:
            body.append(c)
    prefix = rng.choice(['', '', '', 'u', 'U']) if not raw else ''
    if is_bytes:
        prefix = rng.choice(['b', 'B'])
    if raw:
        prefix = rng.choice(['r', 'R']) + prefix if rng.random() < 0.5 else \
            prefix + rng.choice(['r', 'R'])
    return prefix + quote + ''.join(body) + quote


def tup(items, rng):
    """A tuple display of item texts with random blanks and trailing comma."""
    def ws():
        return rng.choice(['', '', '', ' ', '  ', '\t', '\n', '\r\n', '\f'])
    sep = [ws() + ',' + rng.choice([' ', ' ', '', '\n ']) for _ in items]
    trailing = len(items) == 1 or rng.random() < 0.1
    parts = []
    for i, item in enumerate(items):
        parts.append(item)
        if i < len(items) - 1 or trailing:
            parts.append(sep[i])
    return '(' + ws() + ''.join(parts) + ws() + ')'


def plain(value):
    """value with bools as ints, so True stands for 1 as in CPython."""
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    return int(value) if isinstance(value, bool) else value


def checked(text, value):
    got = eval(text, {'__builtins__': {}})
    if repr(plain(got)) != repr(plain(value)):
        raise AssertionError('generator bug: %r evaluates to %r, not %r'
                             % (text, got, value))
    return text


# ---------------------------------------------------------------------------
# sockaddr builders used by the expected results of DIFFERENCES
# ---------------------------------------------------------------------------

def sin(port, host, family=socket.AF_INET):
    return (struct.pack('=H', family) + struct.pack('>H', port) +
            socket.inet_aton(host) + bytes(8)).hex()


def sin6(port, host, flow=0, scope=0):
    return (struct.pack('=H', socket.AF_INET6) + struct.pack('>HI', port, flow)
            + socket.inet_pton(socket.AF_INET6, host) +
            struct.pack('=I', scope)).hex()


def sll(ifindex, proto, pkttype=0, hatype=0, addr=b''):
    return (struct.pack('=H', socket.AF_PACKET) + struct.pack('>H', proto) +
            struct.pack('=iHBB', ifindex, hatype, pkttype, len(addr)) +
            addr.ljust(8, b'\0')).hex()


def alg(typ, name, feat=0, mask=0):
    return (struct.pack('=H', socket.AF_ALG) + typ.ljust(14, b'\0') +
            struct.pack('=II', feat, mask) + name.ljust(64, b'\0')).hex()


def bdaddr(text):
    return bytes(reversed(bytes.fromhex(text.replace(':', ''))))


def l2(addr, psm, cid=0, btype=0):
    return (struct.pack('=H', 31) + struct.pack('<H', psm) + bdaddr(addr) +
            struct.pack('<HBB', cid, btype, 0)).hex()


def hci(dev, channel=0):
    return struct.pack('=HHH', 31, dev, channel).hex()


def sco(addr):
    return (struct.pack('=H', 31) + bdaddr(addr)).hex()


# ---------------------------------------------------------------------------
# Parse cases per family: texts that CPython and saddr must treat alike.
# Valid texts come from seeded random generators plus hand-picked edges;
# invalid texts must be refused by both (any error on either side).
# ---------------------------------------------------------------------------

def rand_ipv4(rng):
    shape = rng.randrange(4)
    if shape == 0:
        return '.'.join(str(rng.choice([0, 1, 9, 10, 99, 100, 199, 200, 249,
                                        250, 255])) for _ in range(4))
    return '.'.join(str(rng.randrange(256)) for _ in range(4))


def port_lit(rng, v=None):
    if v is None:
        v = rng.choice([0, 1, 80, 443, 1023, 1024, 8080, 32767, 32768, 65534,
                        65535, rng.randrange(65536), rng.randrange(65536)])
    return checked(int_lit(v, rng), v), v


def gen_inet(rng, n=160):
    hosts = ['', '0.0.0.0', '255.255.255.255', '<broadcast>', '127.0.0.1',
             '1.2.3.4', '192.0.2.1', '10.0.0.255', '100.64.0.0', '8.8.8.8']
    hosts += [rand_ipv4(rng) for _ in range(n)]
    out = []
    for h in hosts:
        lit = str_lit(h, rng)
        value = h.encode() if lit.lstrip('rR').startswith(('b', 'B')) else h
        checked(lit, value)
        plit, port = port_lit(rng)
        out.append(checked(tup([lit, plit], rng), (value, port)))
    out += [
        "('127.0.0.1', 80)", "(('127.0.0.1'), (80))", "('127.0.0.1',80,)",
        "(\n  '127.0.0.1' ,\n  80\n)", "('1.2.3.4', 0x_ff_ff)",
        "('1.2.3.4', 0o177777)", "('1.2.3.4', 0b1111111111111111)",
        "('127.0.0.1', (80))", "((('127.0.0.1', 80)))",
        "('1.2.3.4', True)", "('1.2.3.4', False)", "('1.2.3.4', -0)",
        "('1.2.3.4', +0)", "('1.2.3.4', 00)", "('1.2.3.4', 0_0)",
        "('1.2.3.4', 6_5_5_3_5)", "(b'', 1)", "(b'<broadcast>', 2)",
        "(r'1.2.3.4', 3)", "(Rb'1.2.3.4', 4)", "(bR'1.2.3.4', 5)",
        "('\\x31\\x32\\x37.0.0.1', 6)", "('\\61\\62\\67.0.0.1', 7)",
        "('\\u0031.2.3.4', 8)", "('\\U00000031.2.3.4', 9)",
        "(b'\\x31.2.3.4', 10)", "('1.2.3.4' , 11)", "(\t'1.2.3.4',\t12\t)",
        "(\"1.2.3.4\", 13)", "('0.0.0.0', 65535)", "('255.255.255.255', 0)",
    ]
    return out


INET_BAD = [
    "('1.2.3.4', 65536)", "('1.2.3.4', -1)",
    "('1.2.3.4', 0x10000)", "('1.2.3.4', 2147483648)",
    "('1.2.3.4', 9223372036854775808)", "('1.2.3.4', -2147483649)",
    "('1.2.3.4', '80')", "('1.2.3.4', b'80')", "('1.2.3.4', None)",
    "('1.2.3.4', 80.0)", "('1.2.3.4', 8e1)", "('1.2.3.4', (80,))",
    "(None, 80)", "(1, 80)", "(('1.2.3.4',), 80)", "('1.2.3.4',)",
    "('1.2.3.4', 80, 0)", "()", "'1.2.3.4'", "80", "None",
    "['1.2.3.4', 80]", "('256.1.1.1', 80)", "('1.2.3.256', 80)",
    "(' 1.2.3.4', 80)", "('1.2.3.4 ', 80)", "('1.2.3.4.', 80)",
    "('1.2.3.4\\n', 80)", "('1.2.3.4\\x00', 80)", "('\\x001.2.3.4', 80)",
    "(b'1.2.3.4\\0', 80)", "('1..2.3', 80)", "('1.2.3.4.5', 80)",
    "('::1', 80)", "('::', 80)", "('[::1]', 80)", "('<BROADCAST>', 80)",
    "('<broadcast> ', 80)", "('1.2.3.-4', 80)", "('+1.2.3.4', 80)",
    "('1.2.3.4:80', 80)", "('1.2.3.4/32', 80)", "('1.2.3.4%lo', 80)",
    "('1.2.3.4', 080)", "('1.2.3.4', 0x)", "('1.2.3.4', 1__0)",
    "('1.2.3.4', 80_)", "('1.2.3.4', 0b2)", "('1.2.3.4', 0o8)",
    "('1.2.3.4' 80)", "('1.2.3.4', 80", "('1.2.3.4, 80)", "(,)",
    "('1.2.3.4', 80))", "('1.2.3.4',, 80)", "('1.2.3.4', --)",
    "('١٢٧.0.0.1', 80)", "('\\u0661.2.3.4', 80)", "('1.2.3.4\\t', 80)",
    "('1.2.3.4', 80j)", "(True, 80)", "('1.2.3.4', -+1)", "('1.2.3.4', 80,,)",
    "(\x0b'1.2.3.4', 80)", "\x0b('1.2.3.4', 80)", "('1.2.3.4', 0_80)",
    "('1.2.3.4', 8\\\n0)", "('1.2.3.4', 1, 2, 3, 4, 5, 6, 7, 8, 9)", "( )",
    "('\\xff.2.3.4', 80)", "('\\udc80', 80)", "('1.2.3.4', 80) x",
]


def rand_ipv6_bytes(rng):
    groups = []
    for _ in range(8):
        groups.append(rng.choice([0, 0, 0, 1, 0xffff, rng.randrange(0x10000),
                                  rng.randrange(0x100), rng.randrange(0x10)]))
    if rng.random() < 0.1:
        groups[:6] = [0, 0, 0, 0, 0, 0xffff]
    return b''.join(struct.pack('>H', g) for g in groups)


def ipv6_text(raw, rng):
    """One of the many valid RFC 4291 spellings of the address raw."""
    groups = [struct.unpack('>H', raw[i:i + 2])[0] for i in range(0, 16, 2)]
    form = rng.randrange(6)
    if form == 0:
        return str(ipaddress.IPv6Address(raw))
    if form == 1:
        return ':'.join('%04x' % g for g in groups)
    if form == 2:
        return str(ipaddress.IPv6Address(raw)).upper()
    if form == 3:
        head = ':'.join('%x' % g for g in groups[:6])
        return head + ':' + socket.inet_ntoa(raw[12:])
    # Compress a zero run of our choice, not necessarily the longest.
    runs = [(i, j) for i in range(8) for j in range(i + 1, 9)
            if all(g == 0 for g in groups[i:j])]
    if not runs:
        return ':'.join('%X' % g if rng.random() < 0.3 else '%x' % g
                        for g in groups)
    i, j = rng.choice(runs)
    left = ':'.join('%x' % g for g in groups[:i])
    right = ':'.join('%x' % g for g in groups[j:])
    return left + '::' + right


def gen_inet6(rng, n=170):
    hosts = ['', '::', '::1', '::ffff:1.2.3.4', '::1.2.3.4', 'fe80::1',
             '2001:db8::1', 'ff02::1', '1:2:3:4:5:6:7:8', '1::', '::2:3:4:5:6:7:8',
             '1:2:3:4:5:6:7::', '1::2:3:4:5:6:7', '::ffff:0.0.0.0',
             '64:ff9b::192.0.2.1', 'FE80::ABCD', '0:0:0:0:0:0:0:0',
             '0000:0000:0000:0000:0000:0000:0000:0001']
    for _ in range(n):
        raw = rand_ipv6_bytes(rng)
        text = ipv6_text(raw, rng)
        assert socket.inet_pton(socket.AF_INET6, text) == raw, text
        hosts.append(text)
    out = []
    for h in hosts:
        lit = str_lit(h, rng, escape=0.05)
        value = h.encode() if lit.lstrip('rR').startswith(('b', 'B')) else h
        plit, port = port_lit(rng)
        items, val = [lit, plit], [value, port]
        arity = rng.randrange(2, 5)
        if arity >= 3:
            flow = rng.choice([0, 1, 0xfffff, rng.randrange(0x100000)])
            items.append(int_lit(flow, rng))
            val.append(flow)
        if arity == 4:
            scope = rng.choice([0, 1, LO, 0xffffffff, rng.randrange(1 << 32)])
            items.append(int_lit(scope, rng))
            val.append(scope)
        out.append(checked(tup(items, rng), tuple(val)))
    out += [
        "('fe80::1%%lo', 80, 0, %d)" % LO, "('fe80::1%%%d', 80, 0, %d)" % (LO, LO),
        "('FE80::1%%lo', 1, 2, %d)" % LO, "(b'fe80::1%%lo', 1, 0, %d)" % LO,
        "('fe80::1%0', 80)", "('fe80::1%0', 80, 0, 0)", "('::', 0, 0, 0)",
        "('::1', 65535, 0xfffff, 0xffffffff)", "('::1', 80, True, True)",
        "('::1', 80, 0xF_FF_FF)", "('::1', 80, 0o3777777)", "(('::1'), 80)",
        "('::FFFF:1.2.3.4', 80)", "('::1', 80, (0), (0),)",
        "('\\x3a\\x3a1', 80)", "(b'::\\x31', 80)", "(r'::1', 80)",
    ]
    return out


INET6_BAD = [
    "('::1', 65536)", "('::1', -1)", "('::1', 80, 0x100000)",
    "('::1', 80, -1)", "('::1', 80, 0, 0, 0)", "('::1',)", "'::1'",
    "('::1', 80, 0.0)", "('::1', 80, 0, None)", "('::1', '80')",
    "('1.2.3.4', 80)", "('0.0.0.0', 80)", "('<broadcast>', 80)",
    "('255.255.255.255', 80)", "('[::1]', 80)", "('::1 ', 80)",
    "(' ::1', 80)", "(':::', 80)", "('1::2::3', 80)", "('1:2:3:4:5:6:7:8:9', 80)",
    "('12345::1', 80)", "('::ffff:1.2.3', 80)", "('::ffff:1.2.3.256', 80)",
    "('::ffff:01.2.3.4', 80)", "('1:2:3:4:5:6:7:1.2.3.4', 80)", "('::1q', 80)",
    "('::g', 80)", "('fe80::1%', 80)", "('fe80::1%nosuchif0', 80)",
    "('fe80::1%lo%lo', 80)", "('::1\\x00', 80)", "(b'::1\\0', 80)",
    "('fe80::1%lo\\x00', 80)", "(':', 80)", "('1:', 80)", "(':1', 80)",
    "('1:2:3:4:5:6:7:8::', 80)", "('::1.2.3.04', 80)", "('fe80::1%LO', 80)",
    "('fe80::1%1%', 80)", "('fe80::1%+1', 80)", "('fe80::1%-1', 80)",
    "('fe80::1%0x1', 80)", "('fe80::1% 1', 80)", "('١٢٧::1', 80)", "('::1', 80, 0, 1, 1)",
]


def gen_unix(rng, n=120):
    out = []
    alphabet = 'abcxyz/._-09 ~'
    for _ in range(n):
        length = rng.choice([1, 2, 5, 10, 40, 100, 106, 107,
                             rng.randrange(1, 108)])
        kind = rng.randrange(5)
        if kind == 0:
            s = '\0' + ''.join(rng.choice(alphabet + '\0\n')
                               for _ in range(length))
            s = s[:108]
        elif kind == 1:
            s = '/' + ''.join(rng.choice(alphabet) for _ in range(length - 1))
        elif kind == 2:
            s = ''.join(rng.choice('é€😀a') for _ in range(length // 4 + 1))
        else:
            s = ''.join(rng.choice(alphabet) for _ in range(length))
        if len(s.encode()) > (108 if s.startswith('\0') else 107):
            continue
        lit = str_lit(s, rng)
        value = s.encode() if lit.lstrip('rR').startswith(('b', 'B')) else s
        out.append(checked(lit, value))
    out += [
        "''", "b''", "'/tmp/x'", "b'/tmp/x'", "'\\0'", "b'\\x00'",
        "'\\x00abc'", "b'\\x00abc\\x00'", "b'\\x00\\xff\\xfe'",
        "'\\udcff\\udc80'", "'/tmp/\\udcff'", "b'/tmp/\\xff'",
        "'" + 'a' * 107 + "'", "b'\\0" + 'a' * 107 + "'",
        "'" + 'é' * 53 + "a'", "'" + '€' * 35 + "aa'", "r'/tmp/a\\b'",
        "'/tmp/a b'", "'\\t\\n\\r'", "('/tmp/x')", "'\\\\'", "'\"'",
        "\"'\"", "'\\x7f'", "'\\u00e9'", "'\\U0001F600'", "'\\351'",
        "b'\\351'", "'\\x00\\udcff'",
    ]
    return out


UNIX_BAD = [
    "'" + 'a' * 108 + "'", "b'\\0" + 'a' * 108 + "'", "'" + 'é' * 54 + "'",
    "'\\ud800'", "'\\udc7f'", "'\\udd00'", "('/tmp/x',)", "None", "1",
    "('/tmp/x', 1)", "'/tmp/x", "b'\\u00e9'x", "'é' b'x'",
]


def gen_packet(rng, n=120):
    out = []
    for _ in range(n):
        items = [str_lit('lo', rng, kind='str')]
        val = ['lo']
        proto = rng.choice([0, 3, 0x0800, 0x86dd, 0x0806, 0xffff,
                            rng.randrange(0x10000)])
        items.append(int_lit(proto, rng))
        val.append(proto)
        arity = rng.randrange(2, 6)
        if arity >= 3:
            v = rng.choice([0, 1, 2, 3, 4, 7, 255, rng.randrange(256)])
            items.append(int_lit(v, rng))
            val.append(v)
        if arity >= 4:
            v = rng.choice([0, 1, 772, 0xffff, rng.randrange(0x10000)])
            items.append(int_lit(v, rng))
            val.append(v)
        if arity == 5:
            hw = bytes(rng.randrange(256) for _ in range(rng.randrange(9)))
            items.append(repr(hw))
            val.append(hw)
        out.append(checked(tup(items, rng), tuple(val)))
    out += ["('lo', 0x0800)", "('lo', 0, 0, 0, b'')",
            "('lo', 3, 4, 772, b'\\1\\2')",
            "('lo', True, True, True, b'12345678')", "(\"lo\", 65535)"]
    return out


PACKET_BAD = [
    "('lo', 65536)", "('lo', -1)", "('lo', 0, 0, 0, b'123456789')",
    "(b'lo', 0)", "('lo',)", "('lo', 0, 0, 0, b'', 0)", "'lo'",
    "('nosuchif0', 0)", "('lo\\x00', 0)", "('" + 'x' * 16 + "', 0)",
    "('lo', 0, 0, 0, 'ab')", "('lo', '0')", "('lo', 0, None)", "('1', 2048)",
]


def u32_lit(rng):
    v = rng.choice([0, 1, 2, 3, 0x7fffffff, 0x80000000, 0xffffffff,
                    rng.randrange(1 << 32), rng.randrange(1 << 16)])
    return checked(int_lit(v, rng), v), v


def gen_pair(rng, n=100):
    out = []
    for _ in range(n):
        a, va = u32_lit(rng)
        b, vb = u32_lit(rng)
        out.append(checked(tup([a, b], rng), (va, vb)))
    return out


PAIR_BAD = [
    "(0,)", "(0, 0, 0)", "0", "('0', 0)", "(0, None)", "(1.0, 0)", "[0, 0]",
]


# Names CPython's socket module exports that are not about addresses (socket
# options and levels, message and resolver flags, errno values): saddr does
# not take them as constants (difference constants-scope).
NOT_ADDRESS_CONSTANTS = re.compile(
    r'^(AI|NI|MSG|SO|SCM|SHUT|TCP|IP|IPV6|IPPORT|UDPLITE)_|^SOL_(IP|TCP|UDP|'
    r'SOCKET|RDS)$|^(SOMAXCONN|EAGAIN|EBADF|EWOULDBLOCK)$')


def gen_netlink(rng):
    """Also every address constant of the socket module as the pid, so that
    each name saddr knows is checked for CPython's value."""
    names = sorted(n for n, v in vars(socket).items() if n.isupper() and
                   isinstance(v, int) and 0 <= v <= 0xffffffff and
                   not NOT_ADDRESS_CONSTANTS.match(n))
    consts = ['(%s%s, %d)' % (rng.choice(['', 'socket.']), n, rng.randrange(9))
              for n in names]
    return gen_pair(rng) + consts + ["(0, 0)", "(True, False)", "(0xffffffff, 1)"]


def gen_vsock(rng):
    return gen_pair(rng) + [
        "(VMADDR_CID_ANY, VMADDR_PORT_ANY)", "(socket.VMADDR_CID_HOST, 1)",
        "(VMADDR_CID_HOST, socket.VMADDR_PORT_ANY)", "(2, 1024)", "(1, 0)"]


def gen_qipcrtr(rng):
    return gen_pair(rng) + ["(0, 0)", "(0xffffffff, 0xfffffffe)"]


def gen_can_raw():
    return ["('lo',)", "(b'lo',)", "('',)", "(b'',)", "( 'lo' , )",
            "(\"lo\",)", "('\\x6co',)", "(r'lo',)"]


CAN_RAW_BAD = ["('lo')", "'lo'", "('nosuchif0',)", "('" + 'x' * 16 + "',)",
               "('lo\\x00',)", "('lo', 1)", "()", "(None,)", "('1',)"]


def gen_can_isotp(rng, n=60):
    out = []
    for _ in range(n):
        a, va = u32_lit(rng)
        b, vb = u32_lit(rng)
        name = rng.choice(['lo', ''])
        out.append(checked(tup([str_lit(name, rng, kind='str'), a, b], rng),
                           (name, va, vb)))
    return out + ["('lo', 0x123, 0x456)", "('', 0, 0)", "(b'lo', 1, 2)"]


CAN_ISOTP_BAD = ["('lo', 1)", "('lo',)", "('nosuchif0', 1, 2)",
                 "('lo', '1', 2)", "('lo', 1, None)"]


def gen_can_j1939(rng, n=60):
    out = []
    for _ in range(n):
        name = rng.choice([0, 1, (1 << 64) - 1, rng.randrange(1 << 64)])
        pgn, vp = u32_lit(rng)
        addr = rng.choice([0, 1, 0xfe, 0xff, rng.randrange(256)])
        out.append(tup([repr(rng.choice(['lo', ''])), int_lit(name, rng), pgn,
                        int_lit(addr, rng)], rng))
    return out + ["('lo', J1939_NO_NAME, J1939_NO_PGN, J1939_NO_ADDR)",
                  "('lo', socket.J1939_NO_NAME, 0x40000, 0xff)"]


CAN_J1939_BAD = ["('lo', 1, 2)", "('lo', 1, 2, 3, 4)", "('nosuchif0', 0, 0, 0)",
                 "('lo', None, 0, 0)"]


def gen_tipc(rng, n=100):
    out = []
    for _ in range(n):
        atype = rng.choice([1, 2, 3])
        aname = rng.choice([str(atype), {1: 'TIPC_ADDR_NAMESEQ', 2: 'TIPC_ADDR_NAME',
                                         3: 'TIPC_ADDR_ID'}[atype]])
        items = [aname] + [u32_lit(rng)[0] for _ in range(3)]
        if rng.random() < 0.5:
            items.append(rng.choice(['1', '2', '3', 'TIPC_ZONE_SCOPE',
                                     'TIPC_CLUSTER_SCOPE', 'socket.TIPC_NODE_SCOPE']))
        out.append(tup(items, rng))
    return out


TIPC_BAD = ["(0, 1, 2, 3)", "(4, 1, 2, 3)", "(1, 2, 3)", "(1, 2, 3, 4, 2, 6)",
            "(1, 2, 3, None)", "(1, 2, 3, '4')", "[1, 2, 3, 4]"]


def gen_alg(rng, n=80):
    out = []
    types = ['hash', 'skcipher', 'aead', 'rng', 'akcipher', 'a' * 13, '']
    names = ['sha256', 'cbc(aes)', 'hmac(sha256)', 'gcm(aes)', 'x' * 63, '',
             'é' * 31]
    for _ in range(n):
        items = [str_lit(rng.choice(types), rng, kind='str'),
                 str_lit(rng.choice(names), rng, kind='str')]
        arity = rng.randrange(2, 5)
        for _ in range(arity - 2):
            items.append(int_lit(rng.choice([0, 1, 0xff, 0xffff,
                                              rng.randrange(0x10000)]), rng))
        out.append(tup(items, rng))
    return out + ["('hash', 'sha256')", "('hash', 'sha256', 0, 0)",
                  "('éééééé', 'x')"]


ALG_BAD = ["('" + 'a' * 14 + "', 'x')",
           "('hash', '" + 'x' * 64 + "')", "(b'hash', 'sha256')",
           "('hash', b'sha256')", "('hash',)", "('hash', 'x', 0, 0, 0)",
           "('ha\\x00sh', 'x')", "('hash', 'sh\\0a')", "'hash'",
           "('hash', 'sha256', None)", "('" + 'é' * 7 + "', 'x')"]


BDADDRS = ['01:23:45:67:89:AB', '00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff',
           '00:00:00:FF:FF:FF', 'aB:cD:eF:01:23:45']


def gen_l2cap(rng, n=40):
    out = []
    for _ in range(n):
        psm = rng.choice([0, 1, 0x1001, 0xffff, rng.randrange(0x10000)])
        out.append(tup([repr(rng.choice(BDADDRS)), int_lit(psm, rng)], rng))
    return out + ["(BDADDR_ANY, 0x1001)", "(socket.BDADDR_LOCAL, 1)"]


def gen_rfcomm(rng, n=30):
    return [tup([repr(rng.choice(BDADDRS)), int_lit(rng.randrange(256), rng)],
                rng) for _ in range(n)] + ["(BDADDR_ANY, 1)"]


def gen_hci():
    return ["(0,)", "(1,)", "(0xffff,)", "(True,)", "(65535,)", "(123,)"]


def gen_sco():
    return ["b'%s'" % a for a in BDADDRS]


BT_BAD = {
    'BTPROTO_L2CAP': ["('01:23:45:67:89', 1)", "('01:23:45:67:89:AB:CD', 1)",
                      "('01-23-45-67-89-AB', 1)", "('', 1)", "(b'01:23:45:67:89:AB', 1)",
                      "('01:23:45:67:89:AB',)", "'01:23:45:67:89:AB'",
                      "('01:23:45:67:89:AB ', 1)", "('01:23:45:67:89:1AB', 1)"],
    'BTPROTO_RFCOMM': ["('01:23:45:67:89:AB',)", "('zz:23:45:67:89:AB', 1)"],
    'BTPROTO_HCI': ["('0',)", "(None,)", "()", "-1", "(-1, 0)", "(0, -1)"],
    'BTPROTO_SCO': ["b'01:23:45:67:89'", "b''", "None"],
}


def parse_cases(key, rng):
    """(good, bad) text lists for one family."""
    fam, proto = key
    gens = {
        ('AF_INET', None): (lambda: gen_inet(rng), INET_BAD),
        ('AF_INET6', None): (lambda: gen_inet6(rng), INET6_BAD),
        ('AF_RDS', None): (lambda: gen_inet(rng, 40), INET_BAD[:20]),
        ('AF_UNIX', None): (lambda: gen_unix(rng), UNIX_BAD),
        ('AF_PACKET', None): (lambda: gen_packet(rng), PACKET_BAD),
        ('AF_NETLINK', None): (lambda: gen_netlink(rng), PAIR_BAD),
        ('AF_VSOCK', None): (lambda: gen_vsock(rng), PAIR_BAD),
        ('AF_QIPCRTR', None): (lambda: gen_qipcrtr(rng), PAIR_BAD),
        ('AF_CAN', 'CAN_RAW'): (lambda: gen_can_raw(), CAN_RAW_BAD),
        ('AF_CAN', 'CAN_BCM'): (lambda: gen_can_raw(), CAN_RAW_BAD),
        ('AF_CAN', 'CAN_ISOTP'): (lambda: gen_can_isotp(rng), CAN_ISOTP_BAD),
        ('AF_CAN', 'CAN_J1939'): (lambda: gen_can_j1939(rng), CAN_J1939_BAD),
        ('AF_TIPC', None): (lambda: gen_tipc(rng), TIPC_BAD),
        ('AF_ALG', None): (lambda: gen_alg(rng), ALG_BAD),
        ('AF_BLUETOOTH', 'BTPROTO_L2CAP'): (lambda: gen_l2cap(rng),
                                            BT_BAD['BTPROTO_L2CAP']),
        ('AF_BLUETOOTH', 'BTPROTO_RFCOMM'): (lambda: gen_rfcomm(rng),
                                             BT_BAD['BTPROTO_RFCOMM']),
        ('AF_BLUETOOTH', 'BTPROTO_HCI'): (lambda: gen_hci(),
                                          BT_BAD['BTPROTO_HCI']),
        ('AF_BLUETOOTH', 'BTPROTO_SCO'): (lambda: gen_sco(),
                                          BT_BAD['BTPROTO_SCO']),
        GENERIC: (lambda: [], []),
    }
    good, bad = gens[key]
    return good(), list(bad)


# ---------------------------------------------------------------------------
# Format cases: sockaddr bytes whose makesockaddr() repr saddr must print.
# ---------------------------------------------------------------------------

def format_cases(key, rng, parsed_hex):
    """Hex sockaddrs to format: a sample of what the parse cases produced
    plus crafted ones that parsing cannot reach."""
    fam, proto = key
    sample = sorted(set(parsed_hex))
    rng.shuffle(sample)
    out = sample[:80]
    if key == ('AF_INET', None):
        out += [sin(80, '1.2.3.4')[:-16] + 'ffffffffffffffff',
                sin(0, '0.0.0.0'), sin(65535, '255.255.255.255')]
    if key == ('AF_INET6', None):
        for host in ['::', '::1', '::2', '::0.1.0.0', '::1.2.3.4', '::ffff:0:0',
                     '::ffff:1.2.3.4', '::ffff:0:1.2.3.4', '64:ff9b::1.2.3.4',
                     '1:0:0:1:0:0:0:1', '1:0:0:1:0:0:1:1', '1:0:1:0:1:0:1:0',
                     '0:1:0:0:0:0:0:0', 'fe80::1', 'ff02::1:ff00:1',
                     '2001:db8:0:0:1:0:0:1', '1:2:3:4:5:6:7:8', '::fffe:1.2.3.4',
                     '0:0:0:0:1:ffff:1.2.3.4', '::1:0:0:0']:
            out.append(sin6(rng.randrange(65536), host,
                            rng.choice([0, 0xfffff, 0xfffff000 & 0xfffff]),
                            rng.choice([0, LO, 0xffffffff])))
        out.append(sin6(80, '::1', 0xffffffff, 0))
    if key == ('AF_UNIX', None):
        fam_hex = struct.pack('=H', socket.AF_UNIX).hex()
        out += ['', fam_hex[:2], fam_hex, fam_hex + '2f746d702f78', fam_hex + '2f746d702f7800',
                fam_hex + '00', fam_hex + '0061620000', fam_hex + '61' * 108,
                fam_hex + '61' * 107 + '00', fam_hex + '00' + '62' * 107,
                fam_hex + '2f74ff80', fam_hex + '6100626300',
                fam_hex + 'c3a9e282ac00', fam_hex + '27225c0a0900']
    if key == GENERIC:
        fam_hex = struct.pack('=H', socket.AF_APPLETALK).hex()
        out += [fam_hex + '00' * 14, fam_hex + 'ff' * 14,
                fam_hex + b"'\"\\\n\t\r\x7f\x80a~ 0..".hex(),
                fam_hex + b"it's".hex() + '00' * 10]
        out += [fam_hex + bytes(rng.randrange(256) for _ in range(14)).hex()
                for _ in range(30)]
    if key == ('AF_PACKET', None):
        out += [sll(LO, 0x0800), sll(LO, 0x86dd, 4, 772, b'\1\2\3\4\5\6'),
                sll(LO, 0xffff, 255, 0xffff, b'12345678')]
    return out


# ---------------------------------------------------------------------------
# Deliberate differences. Each row: reason id (a section of
# docs/cpython-differences.md), family key, 'parse' text or 'format' hex,
# what CPython 3.11 does, and what saddr must do instead.
#   ok(x):  CPython/saddr succeeds with hex x (parse) or tuple text x (format)
#   err(n): CPython raises exception class n / saddr fails with code n
# ---------------------------------------------------------------------------

def ok(value):
    return ('ok', value)


def err(name):
    return ('err', name)


INET = ('AF_INET', None)
INET6 = ('AF_INET6', None)
UNIX = ('AF_UNIX', None)
PACKET = ('AF_PACKET', None)
NETLINK = ('AF_NETLINK', None)
VSOCK = ('AF_VSOCK', None)
QIPCRTR = ('AF_QIPCRTR', None)
TIPC = ('AF_TIPC', None)
ALG = ('AF_ALG', None)
RDS = ('AF_RDS', None)
ISOTP = ('AF_CAN', 'CAN_ISOTP')
J1939 = ('AF_CAN', 'CAN_J1939')
CANRAW = ('AF_CAN', 'CAN_RAW')
L2CAP = ('AF_BLUETOOTH', 'BTPROTO_L2CAP')
RFCOMM = ('AF_BLUETOOTH', 'BTPROTO_RFCOMM')
HCI = ('AF_BLUETOOTH', 'BTPROTO_HCI')
SCO = ('AF_BLUETOOTH', 'BTPROTO_SCO')

REASONS = {
    'legacy-ipv4': 'IPv4 text that inet_pton refuses reaches getaddrinfo in '
                   'CPython, which accepts the inet_aton forms',
    'mapped-on-inet': "glibc's getaddrinfo unmaps ::ffff:a.b.c.d for an "
                      'AF_INET socket',
    'idna-numeric': 'IDNA 2003 nameprep maps full-width digits and dots to '
                    'an ASCII IPv4 literal',
    'zone-kept': 'CPython overwrites the scope of a %zone with the tuple '
                 'scope_id, 0 by default',
    'zone-conflict': 'a %zone and a different non-zero scope_id: CPython '
                     'keeps the scope_id silently',
    'zone-any-address': "glibc refuses an interface-name zone on an address "
                        'that is not link-local',
    'zone-numeric': 'glibc reads a numeric zone with leading zeros; saddr '
                    'refuses them like leading zeros in ports',
    'literal-subset': 'the tuple syntax is the literal subset of docs/syntax.md, '
                      'not Python expressions',
    'integer-wrap': 'CPython masks integers to the C field (I, H, B, k, K '
                    'format units) instead of range-checking',
    'tipc-scope': 'CPython stores any TIPC scope in a signed char; the kernel '
                  'knows scopes 1-3',
    'alg-u32': 'CPython writes AF_ALG feat/mask through a 16-bit unit into '
               'the 32-bit fields',
    'unix-nul': 'CPython passes a NUL inside an AF_UNIX path to the kernel, '
                'which binds the shorter path',
    'packet-any': "CPython cannot express AF_PACKET ifindex 0: '' fails "
                  'with ENODEV',
    'bt-main': 'saddr follows the Bluetooth shapes of CPython main, not the '
               'narrower ones of 3.11',
    'bt-bdaddr': "CPython's sscanf %X accepts loose Bluetooth addresses",
    'bt-nul': 'CPython 3.11 reads an SCO address only up to a NUL',
    'zeroed-padding': 'CPython 3.11 leaves padding and unused fields '
                      'uninitialised; saddr zeroes every byte',
    'short-sockaddr': 'CPython reads fields past the address length (zeros '
                      'or stale bytes of its buffer)',
    'packet-halen': 'CPython reads sll_halen bytes of sll_addr even past '
                    'its 8 bytes',
    'alg-undecodable': 'CPython cannot decode a non-UTF-8 AF_ALG type or '
                       'name',
    'ifindex-number': 'saddr takes an interface index (int) where CPython '
                      'needs a name',
    'constants-scope': 'names of socket options, flags and errno values are '
                       'not address constants in saddr',
    'kernel-constants': "saddr also knows the kernel's names that CPython "
                        '3.11 does not export',
    'unknown-ifindex': 'CPython prints an interface index without a name '
                       "as ''; saddr prints the number",
}

DIFFERENCES = [
    # AF_INET / AF_RDS host text.
    ('legacy-ipv4', INET, "('1.2.3', 80)", ok(sin(80, '1.2.0.3')), err('EIPV4LEGACY')),
    ('legacy-ipv4', INET, "('127.1', 80)", ok(sin(80, '127.0.0.1')), err('EIPV4LEGACY')),
    ('legacy-ipv4', INET, "('01.2.3.4', 80)", ok(sin(80, '1.2.3.4')), err('EIPV4LEGACY')),
    ('legacy-ipv4', INET, "('1.2.3.04', 80)", ok(sin(80, '1.2.3.4')), err('EIPV4LEGACY')),
    ('legacy-ipv4', INET, "('010.0.0.1', 80)", ok(sin(80, '8.0.0.1')), err('EIPV4LEGACY')),
    ('legacy-ipv4', INET, "('0177.0.0.1', 80)", ok(sin(80, '127.0.0.1')), err('EIPV4LEGACY')),
    ('legacy-ipv4', INET, "('0x7f.1', 80)", ok(sin(80, '127.0.0.1')), err('EIPV4LEGACY')),
    ('legacy-ipv4', INET, "('0x7f.0.0.1', 80)", ok(sin(80, '127.0.0.1')), err('EIPV4LEGACY')),
    ('legacy-ipv4', INET, "('1.0x2.3.4', 80)", ok(sin(80, '1.2.3.4')), err('EIPV4LEGACY')),
    ('legacy-ipv4', INET, "('2130706433', 80)", ok(sin(80, '127.0.0.1')), err('EIPV4LEGACY')),
    ('legacy-ipv4', INET, "('0x7f000001', 80)", ok(sin(80, '127.0.0.1')), err('EIPV4LEGACY')),
    ('legacy-ipv4', INET, "('4294967295', 80)", ok(sin(80, '255.255.255.255')), err('EIPV4LEGACY')),
    ('legacy-ipv4', INET, "('1.16777215', 80)", ok(sin(80, '1.255.255.255')), err('EIPV4LEGACY')),
    ('legacy-ipv4', INET, "('0', 80)", ok(sin(80, '0.0.0.0')), err('EIPV4LEGACY')),
    ('legacy-ipv4', INET, "(b'127.1', 80)", ok(sin(80, '127.0.0.1')), err('EIPV4LEGACY')),
    ('legacy-ipv4', RDS, "('127.1', 80)", ok(sin(80, '127.0.0.1')), err('EIPV4LEGACY')),
    ('mapped-on-inet', INET, "('::ffff:1.2.3.4', 80)", ok(sin(80, '1.2.3.4')), err('EFAMILY')),
    ('mapped-on-inet', INET, "('::ffff:7f00:1', 80)", ok(sin(80, '127.0.0.1')), err('EFAMILY')),
    ('idna-numeric', INET, "('１２７.０.０.１', 80)", ok(sin(80, '127.0.0.1')), err('ENUMERIC')),
    ('idna-numeric', INET, "('127。0。0。1', 80)", ok(sin(80, '127.0.0.1')), err('ENUMERIC')),
    ('idna-numeric', INET, "('127．0．0．1', 80)", ok(sin(80, '127.0.0.1')), err('ENUMERIC')),
    ('idna-numeric', INET, "('\\uff11.2.3.4', 80)", ok(sin(80, '1.2.3.4')), err('ENUMERIC')),
    ('idna-numeric', INET, "('𝟏.2.3.4', 80)", ok(sin(80, '1.2.3.4')), err('ENUMERIC')),
    ('idna-numeric', INET, "('①.2.3.4', 80)", ok(sin(80, '1.2.3.4')), err('ENUMERIC')),
    ('idna-numeric', INET6, "('：：１', 80)", ok(sin6(80, '::1')), err('ENUMERIC')),
    # Python syntax beyond the literal language of docs/syntax.md.
    ('literal-subset', INET, "('1.2.3.4', 80) # comment", ok(sin(80, '1.2.3.4')), err('ETUPLE')),
    ('literal-subset', INET, "('1.2.' '3.4', 80)", ok(sin(80, '1.2.3.4')), err('ETUPLE')),
    ('literal-subset', INET, "(\'\'\'1.2.3.4\'\'\', 80)", ok(sin(80, '1.2.3.4')), err('ETUPLE')),
    ('literal-subset', INET, "(f'1.2.3.4', 80)", ok(sin(80, '1.2.3.4')), err('ETUPLE')),
    ('literal-subset', INET, "('\\N{DIGIT ONE}.2.3.4', 80)", ok(sin(80, '1.2.3.4')), err('EESCAPE')),
    ('literal-subset', INET, "('1.2.3.4',\\\n 80)", ok(sin(80, '1.2.3.4')), err('ETUPLE')),
    ('literal-subset', INET, "('1.2.3.4', 8 * 10)", ok(sin(80, '1.2.3.4')), err('ETUPLE')),
    ('literal-subset', INET6, "('::1', 80, 0, 2 ** 32 - 1)", ok(sin6(80, '::1', 0, 0xffffffff)), err('ETUPLE')),
    # AF_INET6 zones and integer fields.
    ('zone-kept', INET6, "('fe80::1%lo', 80)", ok(sin6(80, 'fe80::1')), ok(sin6(80, 'fe80::1', 0, LO))),
    ('zone-kept', INET6, "('fe80::1%%%d', 80)" % LO, ok(sin6(80, 'fe80::1')), ok(sin6(80, 'fe80::1', 0, LO))),
    ('zone-kept', INET6, "('fe80::1%lo', 80, 5)", ok(sin6(80, 'fe80::1', 5)), ok(sin6(80, 'fe80::1', 5, LO))),
    ('zone-kept', INET6, "('fe80::1%lo', 80, 0, 0)", ok(sin6(80, 'fe80::1')), ok(sin6(80, 'fe80::1', 0, LO))),
    ('zone-kept', INET6, "(b'fe80::1%lo', 80)", ok(sin6(80, 'fe80::1')), ok(sin6(80, 'fe80::1', 0, LO))),
    ('zone-kept', INET6, "('ff02::1%lo', 80)", ok(sin6(80, 'ff02::1')), ok(sin6(80, 'ff02::1', 0, LO))),
    ('zone-kept', INET6, "('::1%%%d', 80)" % LO, ok(sin6(80, '::1')), ok(sin6(80, '::1', 0, LO))),
    ('zone-kept', INET6, "('fe80::1%4294967295', 80)", ok(sin6(80, 'fe80::1')), ok(sin6(80, 'fe80::1', 0, 0xffffffff))),
    ('zone-numeric', INET6, "('fe80::1%01', 80)", ok(sin6(80, 'fe80::1')), err('EZONE')),
    ('zone-conflict', INET6, "('fe80::1%lo', 80, 0, 9)", ok(sin6(80, 'fe80::1', 0, 9)), err('ESCOPE')),
    ('zone-conflict', INET6, "('fe80::1%%%d', 80, 0, %d)" % (LO, LO + 1), ok(sin6(80, 'fe80::1', 0, LO + 1)), err('ESCOPE')),
    ('zone-any-address', INET6, "('::1%lo', 80)", err('gaierror'), ok(sin6(80, '::1', 0, LO))),
    ('zone-any-address', INET6, "('2001:db8::1%%lo', 80, 0, %d)" % LO, err('gaierror'), ok(sin6(80, '2001:db8::1', 0, LO))),
    ('integer-wrap', INET6, "('::1', 80, 4294967296)", ok(sin6(80, '::1')), err('ERANGE')),
    ('integer-wrap', INET6, "('::1', 80, 4294967301)", ok(sin6(80, '::1', 5)), err('ERANGE')),
    ('integer-wrap', INET6, "('::1', 80, 0, -1)", ok(sin6(80, '::1', 0, 0xffffffff)), err('ERANGE')),
    ('integer-wrap', INET6, "('::1', 80, 0, 4294967296)", ok(sin6(80, '::1')), err('ERANGE')),
    ('integer-wrap', INET6, "('::1', 80, 0, -4294967295)", ok(sin6(80, '::1', 0, 1)), err('ERANGE')),
    ('integer-wrap', INET6, "('::1', 80, 0, 18446744073709551617)", ok(sin6(80, '::1', 0, 1)), err('ERANGE')),
]

DIFFERENCES += [
    # AF_UNIX.
    ('unix-nul', UNIX, "'a\\x00b'", ok('0100610062' + '00'), err('ENUL')),
    ('unix-nul', UNIX, "'/tmp/x\\0'", ok('01002f746d702f780000'), err('ENUL')),
    ('unix-nul', UNIX, "b'a\\x00'", ok('0100610000'), err('ENUL')),
    ('literal-subset', UNIX, "'/tmp/\\q'", ok('01002f746d702f5c7100'), err('EESCAPE')),
    ('literal-subset', UNIX, "b'/tmp/\\u00e9'", ok('01002f746d702f5c753030653900'), err('EESCAPE')),
    ('literal-subset', UNIX, "'/tmp/\\N{LATIN SMALL LETTER E WITH ACUTE}'", ok('01002f746d702fc3a900'), err('EESCAPE')),
    ('literal-subset', UNIX, "b'\\400'", ok('010000'), err('EESCAPE')),
    ('literal-subset', UNIX, "'/tmp/x' '/y'", ok('01002f746d702f782f7900'), err('ETUPLE')),
    ('literal-subset', UNIX, "'\\0' * 2", ok('01000000'), err('ETUPLE')),
    ('constants-scope', NETLINK, "(SOMAXCONN, 0)", ok('1000' + '0000' + struct.pack('=I', socket.SOMAXCONN).hex() + '00000000'), err('ECONST')),
    ('constants-scope', NETLINK, "(socket.SO_REUSEADDR, 0)", ok('1000' + '0000' + struct.pack('=I', socket.SO_REUSEADDR).hex() + '00000000'), err('ECONST')),
    ('constants-scope', INET, "('1.2.3.4', IPPORT_RESERVED)", ok(sin(1024, '1.2.3.4')), err('ECONST')),
    ('kernel-constants', VSOCK, "(VMADDR_CID_LOCAL, 1)", err('NameError'), ok('2800' + '0000' + '01000000' + '01000000' + '00000000')),
    ('kernel-constants', VSOCK, "(socket.VMADDR_CID_HYPERVISOR, 1)", err('AttributeError'), ok('2800' + '0000' + '01000000' + '00000000' + '00000000')),
    ('kernel-constants', PACKET, "('lo', ETH_P_ALL)", err('NameError'), ok(sll(LO, 3))),
    ('kernel-constants', PACKET, "('lo', socket.ETH_P_IPV6, PACKET_OTHERHOST)", err('AttributeError'), ok(sll(LO, 0x86dd, 3))),
    ('kernel-constants', HCI, "(0, HCI_CHANNEL_USER)", err('NameError'), ok(hci(0, 1))),
    ('kernel-constants', L2CAP, "(BDADDR_ANY, L2CAP_PSM_SDP)", err('NameError'), ok(l2('00:00:00:00:00:00', 1))),
    # AF_PACKET.
    ('ifindex-number', PACKET, "(1, 2048)", err('TypeError'), ok(sll(1, 0x0800))),
    ('ifindex-number', PACKET, "(99999, 0x86dd, 4)", err('TypeError'), ok(sll(99999, 0x86dd, 4))),
    ('ifindex-number', PACKET, "(0, 2048)", err('TypeError'), ok(sll(0, 0x0800))),
    ('ifindex-number', CANRAW, "(1,)", err('TypeError'), ok('1d000000' + '01000000' + '00' * 16)),
    ('ifindex-number', CANRAW, "(0,)", err('TypeError'), ok('1d000000' + '00000000' + '00' * 16)),
    ('ifindex-number', ISOTP, "(1, 2, 3)", err('TypeError'), ok('1d000000' + '01000000' + '02000000' + '03000000' + '00' * 8)),
    ('ifindex-number', J1939, "(1, 2, 3, 4)", err('TypeError'), ok('1d000000' + '01000000' + '0200000000000000' + '03000000' + '04000000')),
    ('packet-any', PACKET, "('', 2048)", err('OSError'), ok(sll(0, 0x0800))),
    ('packet-any', PACKET, "('', 0, 4, 772, b'ab')", err('OSError'), ok(sll(0, 0, 4, 772, b'ab'))),
    ('integer-wrap', PACKET, "('lo', 0, 256)", ok(sll(LO, 0, 0)), err('ERANGE')),
    ('integer-wrap', PACKET, "('lo', 0, -1)", ok(sll(LO, 0, 255)), err('ERANGE')),
    ('integer-wrap', PACKET, "('lo', 0, 0, 65536)", ok(sll(LO, 0, 0, 0)), err('ERANGE')),
    ('integer-wrap', PACKET, "('lo', 0, 0, -1)", ok(sll(LO, 0, 0, 0xffff)), err('ERANGE')),
    # Pairs of u32.
    ('integer-wrap', NETLINK, "(-1, 0)", ok('1000' + '0000' + 'ffffffff' + '00000000'), err('ERANGE')),
    ('integer-wrap', NETLINK, "(4294967296, 0)", ok('1000' + '0000' + '00000000' + '00000000'), err('ERANGE')),
    ('integer-wrap', NETLINK, "(0, 0x1_0000_0000)", ok('1000' + '0000' + '00000000' + '00000000'), err('ERANGE')),
    ('integer-wrap', VSOCK, "(0, 4294967296)", ok('2800' + '0000' + '00000000' + '00000000' + '00000000'), err('ERANGE')),
    ('integer-wrap', NETLINK, "(0, 4294967296)", ok('1000' + '0000' + '00000000' + '00000000'), err('ERANGE')),
    ('integer-wrap', VSOCK, "(-1, -1)", ok('2800' + '0000' + 'ffffffff' * 2 + '00000000'), err('ERANGE')),
    ('integer-wrap', VSOCK, "(4294967298, 1)", ok('2800' + '0000' + '01000000' + '02000000' + '00000000'), err('ERANGE')),
    ('integer-wrap', QIPCRTR, "(-1, 4294967296)", ok('2a00' + '0000' + 'ffffffff' + '00000000'), err('ERANGE')),
    # AF_CAN ISOTP / J1939.
    ('integer-wrap', ISOTP, "('', 4294967296, -1)", ok('1d00' + '0000' + '00000000' + '00000000' + 'ffffffff' + '00' * 8), err('ERANGE')),
    ('integer-wrap', J1939, "('', 18446744073709551616, 0, 0)", ok('1d00' + '0000' + '00000000' + '00' * 8 + '00000000' + '00' * 4), err('ERANGE')),
    ('integer-wrap', J1939, "('', -1, 0, 0)", ok('1d00' + '0000' + '00000000' + 'ff' * 8 + '00000000' + '00' * 4), err('ERANGE')),
    ('integer-wrap', J1939, "('', 0, 4294967296, 0)", ok('1d00' + '0000' + '00000000' + '00' * 8 + '00000000' + '00' * 4), err('ERANGE')),
    ('integer-wrap', J1939, "('', 0, 0, 256)", ok('1d00' + '0000' + '00000000' + '00' * 8 + '00000000' + '00' * 4), err('ERANGE')),
    ('integer-wrap', J1939, "('', 0, 0, -1)", ok('1d00' + '0000' + '00000000' + '00' * 8 + '00000000' + 'ff' + '00' * 3), err('ERANGE')),
    # AF_TIPC.
    ('integer-wrap', TIPC, "(1, 4294967296, 2, 3)", ok('1e00' + '0102' + '00000000' + '02000000' + '03000000'), err('ERANGE')),
    ('integer-wrap', TIPC, "(1, 1, -1, 3)", ok('1e00' + '0102' + '01000000' + 'ffffffff' + '03000000'), err('ERANGE')),
    ('tipc-scope', TIPC, "(1, 1, 2, 3, 0)", ok('1e00' + '0100' + '01000000' + '02000000' + '03000000'), err('ERANGE')),
    ('tipc-scope', TIPC, "(1, 1, 2, 3, 4)", ok('1e00' + '0104' + '01000000' + '02000000' + '03000000'), err('ERANGE')),
    ('tipc-scope', TIPC, "(1, 1, 2, 3, 300)", ok('1e00' + '012c' + '01000000' + '02000000' + '03000000'), err('ERANGE')),
    ('tipc-scope', TIPC, "(1, 1, 2, 3, -1)", ok('1e00' + '01ff' + '01000000' + '02000000' + '03000000'), err('ERANGE')),
    # AF_ALG.
    ('alg-u32', ALG, "('hash', 'sha256', 0x10000, 0)", ok(alg(b'hash', b'sha256', 0)), ok(alg(b'hash', b'sha256', 0x10000))),
    ('alg-u32', ALG, "('hash', 'sha256', 0, 0xffffffff)", ok(alg(b'hash', b'sha256', 0, 0xffff)), ok(alg(b'hash', b'sha256', 0, 0xffffffff))),
    ('alg-u32', ALG, "('hash', 'sha256', 0x12345678, 0x80000000)", ok(alg(b'hash', b'sha256', 0x5678, 0)), ok(alg(b'hash', b'sha256', 0x12345678, 0x80000000))),
    ('integer-wrap', ALG, "('hash', 'sha256', -1)", ok(alg(b'hash', b'sha256', 0xffff)), err('ERANGE')),
    ('integer-wrap', ALG, "('hash', 'sha256', 0, 4294967296)", ok(alg(b'hash', b'sha256')), err('ERANGE')),
    # Bluetooth (CPython 3.11.2 of Debian: the only local build with it).
    ('integer-wrap', L2CAP, "('01:23:45:67:89:AB', 0x11001)", ok(l2('01:23:45:67:89:AB', 0x1001)), err('ERANGE')),
    ('integer-wrap', L2CAP, "('01:23:45:67:89:AB', -1)", ok(l2('01:23:45:67:89:AB', 0xffff)), err('ERANGE')),
    ('integer-wrap', RFCOMM, "('01:23:45:67:89:AB', 256)", ok(struct.pack('=H', 31).hex() + bdaddr('01:23:45:67:89:AB').hex() + '0001'), err('ERANGE')),
    ('integer-wrap', HCI, "(65537,)", ok(hci(1, 1)), err('ERANGE')),
    ('integer-wrap', HCI, "(-1,)", ok(hci(0xffff, 0xffff)), err('ERANGE')),
    ('bt-main', L2CAP, "('01:23:45:67:89:AB', 0x1001, 4)", err('OSError'), ok(l2('01:23:45:67:89:AB', 0x1001, 4))),
    ('bt-main', L2CAP, "(BDADDR_ANY, 0, 4, 1)", err('OSError'), ok(l2('00:00:00:00:00:00', 0, 4, 1))),
    ('bt-main', HCI, "0", err('OSError'), ok(hci(0))),
    ('bt-main', HCI, "(1, 1)", err('OSError'), ok(hci(1, 1))),
    ('bt-main', SCO, "'01:23:45:67:89:AB'", err('OSError'), ok(sco('01:23:45:67:89:AB'))),
    ('bt-bdaddr', L2CAP, "('0:1:2:3:4:5', 1)", ok(l2('00:01:02:03:04:05', 1)), err('ESYNTAX')),
    ('bt-bdaddr', L2CAP, "('0x01:23:45:67:89:AB', 1)", ok(l2('01:23:45:67:89:AB', 1)), err('ESYNTAX')),
    ('bt-bdaddr', L2CAP, "(' 01: 23:45:67:89:AB', 1)", ok(l2('01:23:45:67:89:AB', 1)), err('ESYNTAX')),
    ('bt-bdaddr', L2CAP, "('+1:23:45:67:89:AB', 1)", ok(l2('01:23:45:67:89:AB', 1)), err('ESYNTAX')),
    ('bt-bdaddr', L2CAP, "('001:23:45:67:89:AB', 1)", ok(l2('01:23:45:67:89:AB', 1)), err('ESYNTAX')),
    ('bt-nul', SCO, "b'01:23:45:67:89:AB\\x00junk'", ok(sco('01:23:45:67:89:AB')), err('ENUL')),
]

# Format differences: family key, hex, CPython's repr, saddr's tuple text.
FORMAT_DIFFERENCES = [
    ('short-sockaddr', INET, '02000050', ok("('0.0.0.0', 80)"), err('ELENGTH')),
    ('short-sockaddr', INET6, '0a000050' + '00' * 22, ok("('::', 80, 0, 0)"), err('ELENGTH')),
    ('short-sockaddr', NETLINK, '1000', ok('(0, 0)'), err('ELENGTH')),
    ('short-sockaddr', VSOCK, '28000000', ok('(0, 0)'), err('ELENGTH')),
    ('short-sockaddr', PACKET, '11000800', ok("('', 2048, 0, 0, b'')"), err('ELENGTH')),
    ('short-sockaddr', PACKET, sll(LO, 0x0800, 0, 1, b'1234567\0')[:-2], ok("('lo', 2048, 0, 1, b'1234567\\x00')"), ok("('lo', 2048, 0, 1, b'1234567')")),
    ('packet-halen', PACKET, sll(LO, 0x0800, 0, 1, b'12345678')[:22] + '09' + sll(LO, 0x0800, 0, 1, b'12345678')[24:], ok(None), ok("('lo', 2048, 0, 1, b'12345678')")),
    ('packet-halen', PACKET, sll(LO, 0x0800, 0, 1, b'12345678')[:22] + 'ff' + sll(LO, 0x0800, 0, 1, b'12345678')[24:], ok(None), ok("('lo', 2048, 0, 1, b'12345678')")),
    ('alg-undecodable', ALG, alg(b'h\xffsh', b'\xc3\xa9'), err('UnicodeDecodeError'), ok("('h\\udcffsh', '\\xe9', 0, 0)")),
    ('short-sockaddr', GENERIC, '0500616263', ok("(5, b'abc\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00')"), ok("(5, b'abc')")),
    ('short-sockaddr', GENERIC, '0500', ok("(5, b'" + '\\x00' * 14 + "')"), ok("(5, b'')")),
    ('unknown-ifindex', PACKET, sll(99999, 0x0800), ok("('', 2048, 0, 0, b'')"), ok("(99999, 2048, 0, 0, b'')")),
    ('unknown-ifindex', CANRAW, '1d00000000000100' + '00' * 16, ok("('',)"), ok("(65536,)")),
    ('bt-main', L2CAP, l2('01:23:45:67:89:AB', 0x1001, 4), ok("('01:23:45:67:89:AB', 4097)"), ok("('01:23:45:67:89:AB', 4097, 4)")),
    ('bt-main', L2CAP, l2('01:23:45:67:89:AB', 1, 4, 1), ok("('01:23:45:67:89:AB', 1)"), ok("('01:23:45:67:89:AB', 1, 4, 1)")),
    ('bt-main', HCI, hci(1, 1), ok('1'), ok('(1, 1)')),
]


def cpython_garbage(key, raw):
    """Byte offsets that CPython 3.11 leaves uninitialised (gh-132075): they
    hold stack contents there, and saddr must have zeros (zeroed-padding)."""
    fam, proto = key
    if fam in ('AF_NETLINK', 'AF_QIPCRTR'):
        return set(range(2, 4))
    if fam == 'AF_PACKET' and len(raw) >= 12:
        return set(range(12 + min(raw[11], 8), 20))
    if fam == 'AF_CAN':
        start = {'CAN_ISOTP': 16, 'CAN_J1939': 21}.get(proto, 8)
        return set(range(2, 4)) | set(range(start, 24))
    return set()


# ---------------------------------------------------------------------------
# The capture side: runs inside a CPython with the shim preloaded.
# ---------------------------------------------------------------------------

def capture_main():
    import ctypes
    import warnings
    warnings.simplefilter('ignore')
    lib = ctypes.CDLL(os.environ['SADDR_PARITY_SHIM'])
    lib.parity_answer.argtypes = [ctypes.c_char_p, ctypes.c_int]
    buf = ctypes.create_string_buffer(512)
    namespace = {k: v for k, v in vars(socket).items() if k.isupper()}
    namespace['socket'] = socket
    namespace['__builtins__'] = {}
    sockets = {}

    def sock_for(fam, proto):
        if (fam, proto) == GENERIC:
            fam = 'AF_INET'
        if (fam, proto) not in sockets:
            typ, pnum = SOCKETS[(fam, proto)]
            args = (getattr(socket, fam), getattr(socket, typ),
                    pnum if isinstance(pnum, int) else getattr(socket, pnum))
            try:
                s = socket.socket(*args)
            except OSError:
                # The "foreign fd" trick: CPython trusts the family it is
                # given, so a UDP descriptor parses like the real thing.
                udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s = socket.socket(*args, fileno=os.dup(udp.fileno()))
                udp.close()
            sockets[(fam, proto)] = s
        return sockets[(fam, proto)]

    def failure(e):
        return {'ok': False, 'exc': type(e).__name__, 'msg': str(e)}

    def parse(job):
        try:
            addr = eval(job['text'], namespace)
        except Exception as e:  # noqa: BLE001 - any refusal counts
            return failure(e)
        s = sock_for(job['fam'], job['proto'])
        lib.parity_capture(1)
        try:
            s.bind(addr)
        except Exception as e:  # noqa: BLE001
            return failure(e)
        finally:
            lib.parity_capture(0)
        n = lib.parity_captured(buf, len(buf))
        if n < 0:
            return {'ok': False, 'exc': 'NoCapture', 'msg': 'bind not seen'}
        return {'ok': True, 'hex': buf.raw[:n].hex(), 'len': n}

    def fmt(job):
        raw = bytes.fromhex(job['hex'])
        s = sock_for(job['fam'], job['proto'])
        lib.parity_answer(raw, len(raw))
        try:
            return {'ok': True, 'repr': repr(s.getsockname())}
        except Exception as e:  # noqa: BLE001
            return failure(e)
        finally:
            lib.parity_answer(None, -1)

    jobs = json.load(sys.stdin)
    json.dump([parse(j) if j['op'] == 'parse' else fmt(j) for j in jobs],
              sys.stdout)
    return 0


# ---------------------------------------------------------------------------
# The comparing side.
# ---------------------------------------------------------------------------

def interpreter_for(key, interpreters):
    """The first interpreter whose socket module has the family (and the
    protocol), or None."""
    fam, proto = key
    for interp, names in interpreters:
        if fam in names and (proto is None or proto in names):
            return interp
    return None


def probe_interpreters():
    found = []
    seen = set()
    for interp in [sys.executable, '/usr/bin/python3.11', '/usr/bin/python3']:
        real = os.path.realpath(interp)
        if real in seen or not os.access(real, os.X_OK):
            continue
        seen.add(real)
        code = ('import socket, sys, json; json.dump([sys.version_info[:2], '
                '[n for n in dir(socket) if n.isupper()]], sys.stdout)')
        res = subprocess.run([interp, '-c', code], capture_output=True,
                             text=True, timeout=30)
        if res.returncode != 0:
            continue
        version, names = json.loads(res.stdout)
        if tuple(version) == (3, 11):
            found.append((interp, set(names)))
    return found


class CaptureError(Exception):
    pass


def capture(interp, shim, jobs):
    """CPython's result for each job, from interp with the shim preloaded."""
    env = dict(os.environ, LD_PRELOAD=shim, SADDR_PARITY_SHIM=shim,
               PYTHONIOENCODING='utf-8')
    try:
        res = subprocess.run([interp, os.path.abspath(__file__), '--capture'],
                             input=json.dumps(jobs), capture_output=True,
                             text=True, env=env, timeout=600)
    except subprocess.TimeoutExpired as e:
        raise CaptureError('%s timed out' % interp) from e
    if res.returncode != 0:
        raise CaptureError('%s failed: %s' % (interp, res.stderr.strip()))
    return json.loads(res.stdout)


def saddr_run(saddr, job):
    """Runs the saddr CLI for one job: ('ok', value, len) or ('err', code)."""
    fam, proto = job['fam'], job['proto']
    argv = [saddr, job['op'], '--json', '-f', fam]
    if proto:
        argv += ['-p', proto]
    # The type of the socket CPython used, so that both sides describe the
    # same socket (the bytes do not depend on it; the reported type does).
    sock_type = SOCKETS.get((fam, proto), (None, 0))[0]
    if sock_type:
        argv += ['-t', sock_type]
    if job['op'] == 'parse':
        argv += ['--syntax', 'tuple', '--', job['text']]
    else:
        argv += ['--', job['hex']]
    try:
        res = subprocess.run(argv, capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        return ('crash', 'timed out')
    if res.returncode < 0:
        return ('crash', 'killed by signal %d' % -res.returncode)
    out = res.stdout.decode('utf-8', 'replace')
    errtext = res.stderr.decode('utf-8', 'replace')
    if res.returncode != 0:
        try:
            code = json.loads(errtext.strip().splitlines()[-1])['error']
        except (ValueError, KeyError, IndexError):
            return ('crash', 'exit %d, stderr %r' % (res.returncode, errtext))
        if out:
            return ('crash', 'stdout not empty on failure: %r' % out)
        return ('err', re.sub('^SADDR_', '', code))
    lines = out.splitlines()
    try:
        objs = [json.loads(line) for line in lines]
    except ValueError:
        return ('crash', 'stdout is not JSON lines: %r' % out)
    if len(objs) != 1:
        return ('crash', '%d addresses, expected 1: %r' % (len(objs), out))
    if job['op'] == 'parse':
        return ('ok', objs[0].get('hex'), objs[0].get('len'))
    return ('ok', objs[0].get('tuple'), None)


def show_cpy(c):
    if not c['ok']:
        return 'CPython raises %s: %s' % (c['exc'], c['msg'])
    if 'hex' in c:
        return 'CPython gives len %d hex %s' % (c['len'], c['hex'])
    return 'CPython gives %s' % c['repr']


def show_saddr(s):
    if s[0] == 'ok':
        if s[2] is None:
            return 'saddr gives %s' % s[1]
        return 'saddr gives len %s hex %s' % (s[2], s[1])
    if s[0] == 'err':
        return 'saddr fails with %s' % s[1]
    return 'saddr BROKE: %s' % s[1]


def same_parse(key, cpy, sad):
    """None when saddr produced CPython's bytes, else the reason."""
    if sad[2] != cpy['len'] or not isinstance(sad[1], str) or \
            len(sad[1]) != 2 * cpy['len']:
        return 'length differs'
    mine, theirs = bytes.fromhex(sad[1]), bytes.fromhex(cpy['hex'])
    garbage = cpython_garbage(key, theirs)
    for i in range(len(theirs)):
        if i in garbage:
            if mine[i] != 0:
                return 'byte %d must be zero (CPython leaves it unset)' % i
        elif mine[i] != theirs[i]:
            return 'byte %d differs' % i
    return None


def same_format(cpy, sad):
    if sad[1] == cpy['repr']:
        return None
    if cpy['repr'].isascii():
        return 'text differs'
    # Non-ASCII may be printed or escaped: the value must be the same.
    try:
        if eval(sad[1], {'__builtins__': {}}) == eval(cpy['repr']):
            return None
    except Exception:  # noqa: BLE001
        return 'saddr text is not a Python literal'
    return 'value differs'


def judge_plain(job, cpy, sad):
    """Ordinary cases: saddr must agree with CPython."""
    if sad[0] == 'crash':
        return 'saddr misbehaved'
    if not cpy['ok']:
        return None if sad[0] == 'err' else 'CPython refuses, saddr accepts'
    if sad[0] == 'err':
        return 'CPython accepts, saddr refuses'
    if job['op'] == 'parse':
        return same_parse((job['fam'], job['proto']), cpy, sad)
    return same_format(cpy, sad)


def judge_difference(job, cpy, sad, want_cpy, want_saddr):
    """Listed differences: both sides must do exactly what the row says."""
    if cpy['ok'] != (want_cpy[0] == 'ok'):
        return 'CPython no longer behaves as listed'
    if cpy['ok'] and want_cpy[1] is not None:
        got = cpy['hex'] if job['op'] == 'parse' else cpy['repr']
        if job['op'] == 'parse':
            fake = {'ok': True, 'hex': want_cpy[1], 'len': len(want_cpy[1]) // 2}
            if same_parse((job['fam'], job['proto']), fake,
                          ('ok', got, len(got) // 2)):
                return 'CPython no longer gives the listed bytes'
        elif got != want_cpy[1]:
            return 'CPython no longer gives the listed text'
    elif want_cpy[1] is not None and cpy['exc'] != want_cpy[1]:
        return 'CPython raises %s, not the listed %s' % (cpy['exc'], want_cpy[1])
    if sad[0] != want_saddr[0]:
        return 'saddr must %s' % ('fail with ' + want_saddr[1]
                                  if want_saddr[0] == 'err' else
                                  'give ' + want_saddr[1])
    if sad[1] != want_saddr[1]:
        return 'saddr must give %s' % want_saddr[1]
    if job['op'] == 'parse' and sad[0] == 'ok' and \
            sad[2] != len(want_saddr[1]) // 2:
        return 'saddr length must be %d' % (len(want_saddr[1]) // 2)
    return None


def doc_cell(text):
    return '`%s`' % text.replace('|', '\\|').replace('\n', '⏎')


def doc_outcome(result, op, side):
    kind, value = result
    if value is None:
        return 'bytes past its buffer (they vary)'
    if kind == 'err':
        return ('raises ' if side == 'cpython' else 'error ') + value
    if op == 'format':
        return doc_cell(value)
    # Long sockaddrs end in zeros; the length says how many.
    short = re.sub('(00)+$', '', value)
    if len(short) + 8 < len(value):
        return '`%s…` (%d bytes)' % (short, len(value) // 2)
    return doc_cell(value)


def doc_tables():
    """reason -> the markdown table of its rows, as the doc must show it."""
    tables = {}
    rows = [(r, k, t, c, sd, 'parse') for r, k, t, c, sd in DIFFERENCES] + \
        [(r, k, h, c, sd, 'format') for r, k, h, c, sd in FORMAT_DIFFERENCES]
    for reason, key, given, cpy, sad, op in rows:
        if reason not in tables:
            tables[reason] = ['| family | %s | CPython 3.11 | saddr |' % 'input',
                              '|---|---|---|---|']
        tables[reason].append('| %s | %s%s | %s | %s |' % (
            key_name(key), 'format ' if op == 'format' else '',
            doc_cell(given), doc_outcome(cpy, op, 'cpython'),
            doc_outcome(sad, op, 'saddr')))
    return {r: '\n'.join(lines) + '\n' for r, lines in tables.items()}


def check_doc(report):
    """Every reason has a section in the doc holding exactly its rows."""
    try:
        with open(DOC, encoding='utf-8') as f:
            text = f.read()
    except OSError as e:
        report.check('docs/cpython-differences.md exists', str(e))
        return
    sections = set(re.findall(r'^#+ .*\(`([a-z0-9-]+)`\)\s*$', text, re.M))
    tables = doc_tables()
    for reason in sorted(REASONS):
        what = 'difference %s is explained in docs/cpython-differences.md' \
            % reason
        if reason not in sections:
            report.check(what, 'missing section "... (`%s`)"' % reason)
        elif reason in tables and tables[reason] not in text:
            report.check(what, 'the table of its rows is out of date '
                         '(regenerate with --doc-tables)')
        else:
            report.check(what, None)


class Report:
    def __init__(self, verbose):
        self.passed = 0
        self.failed = 0
        self.verbose = verbose

    def check(self, what, problem, detail=()):
        if problem is None:
            self.passed += 1
            if self.verbose:
                print('ok   %s' % what)
            return
        self.failed += 1
        print('FAIL %s: %s' % (what, problem))
        for line in detail:
            print('       ' + line)


def build_jobs(key, rng):
    """Parse jobs for key, then (after capture) format jobs."""
    fam, proto = key
    good, bad = parse_cases(key, rng)
    listed = {d[2] for d in DIFFERENCES if d[1] == key}
    jobs = []
    for text in dict.fromkeys(good + bad):
        if text not in listed:
            jobs.append({'op': 'parse', 'fam': fam, 'proto': proto,
                         'text': text, 'diff': None})
    for reason, dkey, text, want_cpy, want_saddr in DIFFERENCES:
        if dkey == key:
            jobs.append({'op': 'parse', 'fam': fam, 'proto': proto,
                         'text': text, 'diff': (reason, want_cpy, want_saddr)})
    return jobs


def format_jobs(key, rng, parsed_hex):
    fam, proto = key
    jobs = [{'op': 'format', 'fam': fam, 'proto': proto, 'hex': h,
             'diff': None} for h in dict.fromkeys(
                 format_cases(key, rng, parsed_hex))]
    for reason, dkey, hexa, want_cpy, want_saddr in FORMAT_DIFFERENCES:
        if dkey == key:
            jobs.append({'op': 'format', 'fam': fam, 'proto': proto,
                         'hex': hexa, 'diff': (reason, want_cpy, want_saddr)})
    return jobs


def run_saddr(saddr, jobs):
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda j: saddr_run(saddr, j), jobs))


def judge_all(report, jobs, cpys, sads):
    for job, cpy, sad in zip(jobs, cpys, sads):
        given = job.get('text', job.get('hex'))
        what = '%s %s %s' % (job['op'], key_name((job['fam'], job['proto'])),
                             given if given.isprintable() else repr(given))
        if job['diff']:
            reason, want_cpy, want_saddr = job['diff']
            problem = judge_difference(job, cpy, sad, want_cpy, want_saddr)
            what += ' [difference %s]' % reason
        else:
            problem = judge_plain(job, cpy, sad)
        report.check(what, problem, [show_cpy(cpy), show_saddr(sad)])


def family_landed(saddr, key):
    fam, proto = key
    if CANONICAL[key] is None:
        job = {'op': 'format', 'fam': fam, 'proto': proto,
               'hex': struct.pack('=H', getattr(socket, fam)).hex() + '00' * 14}
    else:
        job = {'op': 'parse', 'fam': fam, 'proto': proto,
               'text': CANONICAL[key]}
    sad = saddr_run(saddr, job)
    return sad[0] == 'ok', sad


def test_family(report, saddr, shim, key, interp, seed):
    rng = random.Random('%s-%d' % (key_name(key), seed))
    jobs = build_jobs(key, rng)
    cpys = capture(interp, shim, jobs)
    sads = run_saddr(saddr, jobs)
    judge_all(report, jobs, cpys, sads)
    parsed = []
    for job, cpy in zip(jobs, cpys):
        if cpy['ok'] and not job['diff']:
            raw = bytearray.fromhex(cpy['hex'])
            for i in cpython_garbage(key, raw):
                raw[i] = 0
            parsed.append(raw.hex())
    fjobs = format_jobs(key, rng, parsed)
    judge_all(report, fjobs, capture(interp, shim, fjobs),
              run_saddr(saddr, fjobs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--capture', action='store_true', help=argparse.SUPPRESS)
    ap.add_argument('--saddr')
    ap.add_argument('--shim')
    ap.add_argument('--only', help='test one family (AF_X or AF_X/PROTO)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('--doc-tables', action='store_true',
                    help='print the tables docs/cpython-differences.md shows')
    args = ap.parse_args()
    if args.capture:
        return capture_main()
    if args.doc_tables:
        for reason, table in sorted(doc_tables().items()):
            print('(`%s`): %s\n\n%s' % (reason, REASONS[reason], table))
        return 0
    report = Report(args.verbose)
    interpreters = probe_interpreters()
    report.check('a CPython 3.11 is available', None if interpreters else
                 'no python3 3.11 found (parity is defined against 3.11)')
    check_doc(report)
    for key in SOCKETS:
        name = key_name(key)
        if args.only and args.only not in (name, key[0]):
            continue
        interp = interpreter_for(key, interpreters)
        if interp is None:
            print('not covered: %s (no local CPython 3.11 has it)' % name)
            continue
        landed, sad = family_landed(args.saddr, key)
        if not landed:
            report.check('saddr handles %s %s' % (name, CANONICAL[key]),
                         'saddr lacks the family', [show_saddr(sad)])
            continue
        print('testing %s with %s' % (name, interp))
        sys.stdout.flush()
        try:
            test_family(report, args.saddr, args.shim, key, interp, args.seed)
        except CaptureError as e:
            report.check('CPython capture for %s' % name, str(e))
    print('%d passed, %d failed' % (report.passed, report.failed))
    return 1 if report.failed else 0


if __name__ == '__main__':
    sys.exit(main())
