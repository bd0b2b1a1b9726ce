#!/usr/bin/env python3
"""Writes the hand-made seed inputs of the saddr fuzz targets.

Every seed is a named file (fuzz/corpus/<target>/<name>), so that a reader
sees what each one covers; inputs found by fuzzing and merged in by
fuzz/campaign.sh are named by their SHA-1 instead. Run from anywhere:

    python3 fuzz/tools/mkseeds.py

It rewrites only the named seeds it knows and leaves the rest alone. The
seeds follow SPEC 1.1 and 1.2 (every tuple and compact form) and the
boundary lessons of the address-parser CVEs: 107/108 (sun_path), 15/16
(IFNAMSIZ), 63/253/255/256 (DNS label and name), 65535/65536 (ports),
2^32 and 2^64 (u32 and u64 fields), "", ".", long runs of ':' and digits.
"""
import os
import re
import struct
import sys

FUZZ = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(FUZZ, "corpus")

# The order of fz_combos in fuzz/fuzz_common.h.
COMBOS = ["UNSPEC", "INET", "INET6", "UNIX", "PACKET", "NETLINK", "L2CAP",
          "RFCOMM", "HCI", "SCO", "VSOCK", "CAN_RAW", "CAN_BCM", "CAN_ISOTP",
          "CAN_J1939", "TIPC", "ALG", "QIPCRTR", "RDS", "APPLETALK", "F250"]
# The order of fz_types.
TYPES = ["0", "STREAM", "DGRAM", "RAW", "SEQPACKET", "RDM", "DCCP", "T77"]
DEFAULT_PORT, DEFER, DUALSTACK, AUTO, CROSS = 0x08, 0x10, 0x20, 0x40, 0x80

AF = {"INET": 2, "INET6": 10, "UNIX": 1, "PACKET": 17, "NETLINK": 16,
      "BLUETOOTH": 31, "VSOCK": 40, "CAN": 29, "TIPC": 30, "ALG": 38,
      "QIPCRTR": 42, "RDS": 21, "APPLETALK": 5}


def header(combo, typ="0", mode=0, port=0):
    return bytes([COMBOS.index(combo), TYPES.index(typ) | mode,
                  port >> 8, port & 0xFF])


def name_of(text):
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text)[:40].strip("-")
    # 40 hex digits would read as a SHA-1-named input merged by a campaign.
    if re.fullmatch(r"[0-9a-f]{40}", slug):
        slug = "seed-" + slug
    return slug or "empty"


class Corpus:
    """The seeds of one target. Inputs that crash on a bug not fixed yet go
    to fuzz/reproducers/<target>/ instead (kind="reproducers"), so that the
    corpus replay stays green; they move into the corpus with the fix."""

    def __init__(self, target, kind="corpus"):
        self.dir = os.path.join(FUZZ, kind, target)
        self.names = set()
        os.makedirs(self.dir, exist_ok=True)

    def add(self, name, data):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        base, k = name, 2
        while name in self.names:
            name = "%s-%d" % (base, k)
            k += 1
        self.names.add(name)
        with open(os.path.join(self.dir, name), "wb") as f:
            f.write(data)


LONG_LABEL = "a" * 63
NAME_253 = ".".join([LONG_LABEL] * 3 + ["b" * 61])
NAME_254 = NAME_253 + "c"
NAME_255 = NAME_254 + "d"
NAME_256 = NAME_255 + "e"

# Tuple forms of SPEC 1.1, by family/protocol pair.
TUPLES = {
    "INET": [
        "('127.0.0.1', 80)", "('', 0)", "('<broadcast>', 65535)",
        "('<BROADCAST>', 1)", "('0.0.0.0', 65536)", "('localhost', 80)",
        "('LocalHost.', 80)", "('x.localhost', 80)", "('example.com', 443)",
        "('example.com.', 443)", "('1.2.3', 80)", "('127.1', 80)",
        "('010.0.0.1', 80)", "('0x7f.0.0.1', 80)", "('2130706433', 80)",
        "('example.123', 80)", "('example.0x1f', 80)",
        "(\"192.0.2.1\", 0x50)", "('192.0.2.1', 0o120)",
        "('192.0.2.1', 0b1010000)", "('192.0.2.1', 8_0)",
        "('192.0.2.1', -1)", "('192.0.2.1', +80)", "('192.0.2.1', True)",
        "('192.0.2.1', None)", "('192.0.2.1', 4294967296)",
        "('192.0.2.1', 18446744073709551616)", "('192.0.2.1', 1_)",
        "('192.0.2.1', '80')", "(b'127.0.0.1', 80)",
        "(r'127.0.0.1', 80,)", "( '127.0.0.1' ,\t80 , )",
        "('127.0.0.1')", "('127.0.0.1',)", "('127.0.0.1', 80, 0)",
        "('::ffff:1.2.3.4', 80)", "('::1', 80)",
        "('\\x31\\x32\\x37.0.0.1', 80)", "('1.2.3.4 junk', 80)",
        "('1.2.3.4\\x00', 80)", "('1.2.3.4\\0', 80)",
        "('%s.com', 80)" % LONG_LABEL, "('%sa.com', 80)" % LONG_LABEL,
        "('%s', 80)" % NAME_253, "('%s', 80)" % NAME_254,
        "('%s', 80)" % NAME_255, "('%s', 80)" % NAME_256,
        "('b\u00fccher.example', 80)", "('xn--bcher-kva.example', 80)",
        "('\uff11\uff12\uff17.\uff10.\uff10.\uff11', 80)",
        "('127\u30020\u30020\u30021', 80)", "('.', 80)", "('..', 80)",
        "('a..b', 80)", "('-a.com', 80)", "('a_b.com', 80)",
        "('192.0.2.1', 80) x", "\n ('192.0.2.1', 80)\n",
    ],
    "INET6": [
        "('::1', 80, 0, 0)", "('::1', 80)", "('', 0)", "('::', 0, 0, 0)",
        "('fe80::1%lo', 80, 0, 0)", "('fe80::1%1', 80, 0, 1)",
        "('fe80::1%lo', 80, 0, 1)", "('fe80::1%2', 80, 0, 3)",
        "('fe80::1%0', 80)", "('fe80::1%', 80)", "('fe80::1%nosuchif0', 80)",
        "('fe80::1%abcdefghijklmno', 80)", "('fe80::1%abcdefghijklmnop', 80)",
        "('::1', 80, 0xfffff, 4294967295)", "('::1', 80, 0x100000, 0)",
        "('::1', 80, 0, 4294967296)", "('::1', 80, -1)",
        "('1.2.3.4', 80)", "('::ffff:1.2.3.4', 80)", "('::1.2.3.4', 80)",
        "('1:2:3:4:5:6:7:8', 65535)", "('1:2:3:4:5:6:7::', 1)",
        "('1::2::3', 80)", "('1:2:3:4:5:6:7:8:9', 80)", "('12345::', 80)",
        "('0::00:00:00', 80)", "('1:2:3:4:5:6:1.2.3.4', 80)",
        "('::ffff:01.2.3.4', 80)", "('%s', 80)" % (":" * 100),
        "('%s', 80)" % ("1" * 100), "('localhost', 80)",
        "('example.com', 80, 0, 0)", "(b'::1', 80)", "('::1', 80, 0, 0, 0)",
        "('[::1]', 80)", "('FE80::A%1', 80)",
    ],
    "UNIX": [
        "'/tmp/x'", "b'\\x00name'", "''", "b''", "'/%s'" % ("a" * 106),
        "'/%s'" % ("a" * 107), "'/%s'" % ("a" * 108),
        "b'\\x00%s'" % ("a" * 107), "b'\\x00%s'" % ("a" * 108),
        "'\\udc80\\udcff'", "'rel/path'", "'/tmp/\\x00x'", "b'/tmp/sock'",
        "('/tmp/x',)", "'\\u00e9'", "r'\\x00'", "'\\N{DASH}'", "'\\ud800'",
        "'\\U0001F600'", "'\\U00110000'", "'\\777'", "'\\x4'", "\"/tmp/'\"",
        "'\\\n'", "'unterminated", "b'\\u00e9'", "rb'/tmp/x'", "Rb'/x'",
        "br'/x'", "u'/x'", "f'/x'", "None", "0", "'\\xff\\xfe'",
        "'\xe9'",
    ],
    "PACKET": [
        "('lo', 0x0800)", "('', ETH_P_ALL)", "('', socket.ETH_P_ALL)",
        "('lo', 0x0800, 0, 1, b'\\x00\\x11\\x22\\x33\\x44\\x55')",
        "('lo', 65536)", "('lo', 0x0800, 256)", "('lo', 0, 0, 65536)",
        "('lo', 0, 0, 0, b'12345678')", "('lo', 0, 0, 0, b'123456789')",
        "('lo', ETH_P_IP, PACKET_HOST)", "('lo', 0, PACKET_OUTGOING, 1, '')",
        "(1, 0x0800)", "('abcdefghijklmno', 0)", "('abcdefghijklmnop', 0)",
        "('nosuchif0', 0)", "('lo',)", "('lo', -1)",
    ],
    "NETLINK": [
        "(0, 0)", "(4294967295, 4294967295)", "(4294967296, 0)",
        "(0, 4294967296)", "(-1, 0)", "(True, False)", "(0,)",
        "(0, 0, 0)", "('0', 0)", "(0x7fffffff, 1)",
    ],
    "L2CAP": [
        "('00:11:22:33:44:55', 1)", "('00:11:22:33:44:55', 0x1001, 0, 1)",
        "(BDADDR_ANY, 0)", "('00:11:22:33:44:5', 1)",
        "('00:11:22:33:44:55:66', 1)", "('0:11:22:33:44:55', 1)",
        "('00:11:22:33:44:GG', 1)", "('aA:bB:cC:dD:eE:fF', 1)",
        "('00:11:22:33:44:55', 65536)", "('00:11:22:33:44:55', 1, 65536)",
        "('00:11:22:33:44:55', 1, 0, 3)", "('00:11:22:33:44:55',)",
        "(b'00:11:22:33:44:55', 1)", "('00-11-22-33-44-55', 1)",
    ],
    "RFCOMM": [
        "('00:11:22:33:44:55', 1)", "('00:11:22:33:44:55', 30)",
        "('00:11:22:33:44:55', 256)", "(BDADDR_LOCAL, 0)",
        "('00:11:22:33:44:55', 1, 2)",
    ],
    "HCI": [
        "0", "(0,)", "(0, HCI_CHANNEL_RAW)", "(65535, 0)", "(65536, 0)",
        "(0, HCI_CHANNEL_USER)", "(0, HCI_CHANNEL_CONTROL)", "'hci0'",
        "(0, 0, 0)", "HCI_DEV_NONE", "-1",
    ],
    "SCO": [
        "'00:11:22:33:44:55'", "b'00:11:22:33:44:55'",
        "('00:11:22:33:44:55',)", "BDADDR_ANY", "'00:11:22:33:44'",
    ],
    "VSOCK": [
        "(VMADDR_CID_ANY, VMADDR_PORT_ANY)", "(2, 1234)",
        "(socket.VMADDR_CID_HOST, 80)", "(4294967295, 4294967295)",
        "(4294967296, 0)", "(-1, 0)", "(VMADDR_CID_LOCAL, 1)",
        "(VMADDR_CID_HYPERVISOR, 1)", "(2,)",
    ],
    "CAN_RAW": [
        "('vcan0',)", "('',)", "('lo',)", "('vcan0')",
        "('abcdefghijklmno',)", "('abcdefghijklmnop',)", "(0,)",
        "('vcan0', 1)",
    ],
    "CAN_BCM": ["('vcan0',)", "('',)", "('lo',)"],
    "CAN_ISOTP": [
        "('lo', 0x123, 0x456)", "('lo', 0x80000000, 0)",
        "('lo', 4294967296, 0)", "('lo', 0x1fffffff, 0x7ff)", "('lo',)",
    ],
    "CAN_J1939": [
        "('lo', J1939_NO_NAME, J1939_NO_PGN, J1939_NO_ADDR)",
        "('lo', 18446744073709551615, 0x3ffff, 0xff)",
        "('lo', 18446744073709551616, 0, 0)", "('lo', 0, 4294967296, 0)",
        "('lo', 0, 0, 256)", "('', 0, 0, 0)",
    ],
    "TIPC": [
        "(TIPC_ADDR_NAMESEQ, 1000, 1, 10)",
        "(TIPC_ADDR_NAME, 1000, 1, 0, TIPC_NODE_SCOPE)",
        "(TIPC_ADDR_ID, 1, 2, 3)", "(TIPC_ADDR_NAME, 1, 2, 3, 4)",
        "(4, 0, 0, 0)", "(TIPC_ADDR_NAMESEQ, 4294967296, 0, 0)",
        "(TIPC_ADDR_NAMESEQ, 1, 2, 3, 0)", "(TIPC_ADDR_NAME, 1, 2)",
        "(TIPC_ADDR_NAMESEQ, 1, 2, 3, TIPC_CLUSTER_SCOPE)",
        "(TIPC_ADDR_NAMESEQ, 1, 2, 3, TIPC_ZONE_SCOPE)",
    ],
    "ALG": [
        "('hash', 'sha256')", "('skcipher', 'cbc(aes)', 0, 0)",
        "('aead', 'gcm(aes)', 4294967295, 4294967295)",
        "('abcdefghijklm', 'x')", "('abcdefghijklmn', 'x')",
        "('hash', '%s')" % ("a" * 63), "('hash', '%s')" % ("a" * 64),
        "('hash', 'sha256', 4294967296)", "(b'hash', b'sha256')",
        "('hash',)",
    ],
    "QIPCRTR": ["(1, 2)", "(4294967295, 4294967295)", "(4294967296, 0)",
                "(1,)"],
    "RDS": ["('127.0.0.1', 4000)", "('', 0)", "('::1', 80)",
            "('localhost', 80)"],
    "UNSPEC": ["('127.0.0.1', 80)", "('::1', 80)", "('', 80)",
               "('localhost', 80)", "('example.com', 80)",
               "('fe80::1%lo', 80)"],
    "APPLETALK": ["(1, 2)"],
    "F250": ["(1, 2)"],
}

# Inputs about the literal language itself, read as AF_INET tuples.
LITERALS = [
    "", " ", ".", "(", ")", "()", "(,)", "((1, 2), 3)", "(1, (2,))",
    "'", "\"", "'a\"", "b'", "b'\\", "0x", "0b2", "0o8", "1__0", "_1",
    "- 5", "--5", "+-5", "1e3", "1.5", "True", "False", "None", "socket.",
    "socket.AF_INET", "AF_INET", "UNKNOWN_CONST", "socket.socket.AF_INET",
    "'a' 'b'", "(1, 2, 3, 4, 5, 6, 7, 8)", "(1, 2, 3, 4, 5, 6, 7, 8, 9)",
    "(" * 64, ")" * 64, "(" * 64 + ")" * 64, "1" * 64, "0x" + "f" * 40,
    "-0", "-0x0", "\x00", "('\x00', 80)", "# comment", "\\",
    "(\t\r\n\v\f1, 2)", "\u00a0(1, 2)",
]

# Compact forms of SPEC 1.2 (family from the text unless given).
COMPACTS = [
    "192.0.2.1:80", "[2001:db8::1]:443", "[fe80::1%eth0]:53",
    "[fe80::1%lo]:53", "[fe80::1%2]:53", "[fe80::1%0]:53",
    "[fe80::1%nosuchif0]:53", "2001:db8::1:443", "0.0.0.0:80", "[::]:80",
    "*:80", ":80", "80", "0", "65535", "65536", "localhost:80",
    "LOCALHOST:80", "localhost.:80", "foo.localhost:80", "example.com:443",
    "example.com.:443", "example.com:https", "/run/app.sock",
    "unix:relative/path", "unix:/tmp/x", "unix:", "@name", "@\\x00abc",
    "@\\\\", "@\\x4", "@", "vsock:2:1234", "vsock:any:80",
    "vsock:hypervisor:80", "vsock:local:80", "vsock:host:80",
    "vsock::1234", "vsock:4294967295:4294967295", "vsock:4294967296:1",
    "vsock:2:4294967296", "vsock:2", "vsock:", "192.0.2.1", "2001:db8::1",
    "[1.2.3.4]:80", "[::1]%lo:80", "[::1]:80%lo", "192.0.2.1:080",
    "192.0.2.1:+80", "192.0.2.1:0x50", "192.0.2.1: 80", "192.0.2.1:65535",
    "192.0.2.1:65536", "192.0.2.1:4294967296", "192.0.2.1:0",
    "192.0.2.1:", "", ".", "..", ":", "::", ":" * 300, "1" * 300,
    "[", "[]", "[]:80", "[::1]", "[::1]:", "[::1]:80:80",
    "@" + "a" * 107, "@" + "a" * 108, "/" + "a" * 106, "/" + "a" * 107,
    "/" + "a" * 108, "127.1:80", "010.0.0.1:80", "0x7f.0.0.1:80",
    "2130706433:80", "1.2.3:80", "example.123:80", "example.0x1F:80",
    LONG_LABEL + ".com:80", LONG_LABEL + "a.com:80", NAME_253 + ":80",
    NAME_254 + ":80", NAME_255 + ":80", NAME_256 + ":80",
    "xn--bcher-kva.example:80", "b\u00fccher.example:80",
    "\uff11\uff12\uff17.\uff10.\uff10.\uff11:80", "127\u30020\u30020\u30021:80",
    "1.2.3.4 junk:80", "1.2.3.4\x00:80", "1.2.3.4%:80", "1.2.3.4/24:80",
    "[0::00:00:00/2]:80", " 192.0.2.1:80", "192.0.2.1:80 ", "*", "*:",
    "*:https", "[::ffff:1.2.3.4]:80", "[::1%]:80", "[::1%%]:80",
    "[fe80::1%abcdefghijklmno]:1", "[fe80::1%abcdefghijklmnop]:1",
    "tcp:192.0.2.1:80", "udp:192.0.2.1:53", "tcp@192.0.2.1:80",
    "udp@[::1]:53", "udp6@[::1]:53", "tcp4@192.0.2.1:80", "ip@*:80",
    "unix@/tmp/x", "dgram+unix@/tmp/x", "stream+tcp@1.2.3.4:1",
    "abns@name", "netlink@0:0", "netlink:0:0", "packet@lo:0x0800",
    "can@vcan0", "l2cap@00:11:22:33:44:55:1", "nosuch@x", "@@",
    "\\x00", "a" * 64 + ":80",
]

IP_LITERALS = [
    "0.0.0.0", "255.255.255.255", "256.0.0.0", "1.2.3", "127.1",
    "010.0.0.1", "0x7f.0.0.1", "0X7F.1", "2130706433", "4294967295",
    "4294967296", "1.2.3.4 ", "1.2.3.4 junk", "1.2.3.4\x00", " 1.2.3.4",
    "1.2.3.4.", "1..2.3", "01.2.3.4", "00.0.0.0", "0.0.0.00", "08.0.0.0",
    "1.2.3.0x4", "1.2.3.-4", "1.2.3.+4", "1.2.3.4\n", "0x", "0", "0xg",
    "0x100000000", "1.0x1000000", "1.2.0x10000", "\u0661.\u0662.\u0663.\u0664",
    "::", "::1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7",
    "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "::ffff:1.2.3.4",
    "::1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4",
    "::ffff:01.2.3.4", "::ffff:1.2.3", "::ffff:1.2.3.4.5", "::1.2.3.4:5",
    "a:b:c:d:e:f:1.2.3.4", "fe80::1%lo", "0::00:00:00/2", ":" * 40,
    "1" * 40, "::::::", "00000::", "[::1]", "2001:db8::", "2001:DB8::A",
    ":1::", "1::", ":", "", ".", "1.2.3.4:80", "::1:", ":1", "1:::2",
    "0:0:0:0:0:0:0:0", "0:0:0:0:0:ffff:1.2.3.4", "0000:0000::",
    "::0.0.0.0", "::ffff:0.0.0.0", "1:0:0:2:0:0:0:3", "ffff:" * 7 + "ffff",
    "::ffff:255.255.255.255", "::ffff:256.1.1.1", "g::", "::g",
]


def write_parsers():
    tup = Corpus("tuple_fuzzer")
    rt = Corpus("roundtrip_fuzzer")
    for combo, texts in TUPLES.items():
        for text in texts:
            name = "%s-%s" % (combo.lower(), name_of(text))
            tup.add(name, header(combo) + text.encode("utf-8", "surrogatepass"))
            rt.add(name, header(combo) + text.encode("utf-8", "surrogatepass"))
    for text in LITERALS:
        tup.add("lit-" + name_of(text), header("INET") + text.encode())
    tup.add("defer-name", header("INET", mode=DEFER) + b"('example.com', 80)")
    tup.add("defer-v6", header("UNSPEC", mode=DEFER) + b"('example.com', 80)")
    tup.add("dgram", header("INET", "DGRAM") + b"('127.0.0.1', 53)")
    tup.add("seqpacket-unix", header("UNIX", "SEQPACKET") + b"'/tmp/x'")
    tup.add("auto-syntax", header("INET", mode=AUTO) + b"('127.0.0.1', 80)")
    tup.add("auto-syntax-hci", header("HCI", mode=AUTO) + b"0")
    tup.add("cross-check", header("UNSPEC", mode=CROSS) + b"('', 80)")
    tup.add("cross-check-one", header("INET", mode=CROSS) + b"('::1', 80)")
    tup.add("dualstack", header("UNSPEC", mode=DUALSTACK) + b"('', 80)")
    tup.add("type77", header("INET", "T77") + b"('127.0.0.1', 80)")

    com = Corpus("compact_fuzzer")
    for text in COMPACTS:
        data = text.encode("utf-8")
        com.add(name_of(text), header("UNSPEC") + data)
        rt.add("compact-" + name_of(text),
               header("UNSPEC", mode=AUTO) + data)
    for text in ["192.0.2.1", "2001:db8::1", "fe80::1%lo", "[::1]",
                 "localhost", "*", "", "example.com"]:
        com.add("default-port-" + name_of(text),
                header("UNSPEC", mode=DEFAULT_PORT, port=8080) + text.encode())
    for text in ["example.com:443", "example.com:https", "*:https",
                 "x:0", NAME_253 + ":1"]:
        com.add("defer-" + name_of(text),
                header("UNSPEC", mode=DEFER) + text.encode())
    for combo, text in [("INET", "[::1]:80"), ("INET6", "1.2.3.4:80"),
                        ("INET6", "*:80"), ("INET", "*:80"),
                        ("UNIX", "/tmp/x"), ("UNIX", "@x"),
                        ("VSOCK", "vsock:1:2"), ("VSOCK", "1:2"),
                        ("RDS", "127.0.0.1:80"), ("NETLINK", "0:0"),
                        ("CAN_RAW", "vcan0"), ("F250", "1:2")]:
        com.add("family-%s-%s" % (combo.lower(), name_of(text)),
                header(combo) + text.encode())
    com.add("dgram-wildcard", header("UNSPEC", "DGRAM") + b"*:53")
    com.add("dualstack", header("UNSPEC", mode=DUALSTACK) + b"[::]:80")
    com.add("cross-check", header("UNSPEC", mode=CROSS) + b"*:80")
    com.add("cross-check-one", header("UNSPEC", mode=CROSS) + b"1.2.3.4:5")
    com.add("auto-tuple", header("UNSPEC", mode=AUTO) + b"('::1', 80)")

    ip = Corpus("ip_literal_fuzzer")
    for text in IP_LITERALS:
        ip.add(name_of(text), text.encode("utf-8"))


def sockaddrs():
    """(name, family-pair, bytes) for the formatter seeds."""
    le = "<"
    ip4 = bytes([127, 0, 0, 1])
    ip6 = bytes(15) + b"\x01"
    ll6 = b"\xfe\x80" + bytes(13) + b"\x01"
    bd = bytes([0x55, 0x44, 0x33, 0x22, 0x11, 0x00])
    sin = struct.pack(le + "H", AF["INET"]) + struct.pack(">H", 80) + ip4 + bytes(8)
    sin6 = (struct.pack(le + "H", AF["INET6"]) + struct.pack(">HI", 443, 0)
            + ip6 + struct.pack(le + "I", 0))
    sin6z = (struct.pack(le + "H", AF["INET6"]) + struct.pack(">HI", 53, 0xfffff)
             + ll6 + struct.pack(le + "I", 1))
    mapped = b"\x00" * 10 + b"\xff\xff" + ip4
    un = struct.pack(le + "H", AF["UNIX"])
    out = [
        ("inet", "INET", sin), ("inet-short", "INET", sin[:8]),
        ("inet-15", "INET", sin[:15]), ("inet-17", "INET", sin + b"\x00"),
        ("inet-zero-tail", "INET", sin[:8] + b"\xff" * 8),
        ("inet6", "INET6", sin6), ("inet6-zone", "INET6", sin6z),
        ("inet6-24", "INET6", sin6[:24]), ("inet6-27", "INET6", sin6[:27]),
        ("inet6-mapped", "INET6", sin6[:8] + mapped + sin6[24:]),
        ("inet6-scope-big", "INET6", sin6[:24] + b"\xff\xff\xff\xff"),
        ("unix-path", "UNIX", un + b"/tmp/x\x00"),
        ("unix-path-nonul", "UNIX", un + b"/tmp/x"),
        ("unix-abstract", "UNIX", un + b"\x00name"),
        ("unix-abstract-nul", "UNIX", un + b"\x00a\x00b"),
        ("unix-autobind", "UNIX", un),
        ("unix-full-108", "UNIX", un + b"a" * 108),
        ("unix-full-107", "UNIX", un + b"/" + b"a" * 106 + b"\x00"),
        ("unix-abstract-108", "UNIX", un + b"\x00" + b"a" * 107),
        ("unix-beyond", "UNIX", un + b"a" * 200),
        ("unix-nonutf8", "UNIX", un + b"/tmp/\x80\xff\x00"),
        ("unix-utf8", "UNIX", un + "/tmp/\u00e9".encode() + b"\x00"),
        ("packet", "PACKET", struct.pack(le + "HHiHBB8s", AF["PACKET"], 0x0008,
                                         1, 1, 0, 6, bd + b"\x00\x00")),
        ("packet-halen-9", "PACKET", struct.pack(le + "HHiHBB8s", AF["PACKET"],
                                                 0, 0, 0, 0, 9, bytes(8))),
        ("packet-noif", "PACKET", struct.pack(le + "HHiHBB8s", AF["PACKET"], 0,
                                              999999, 0, 0, 0, bytes(8))),
        ("netlink", "NETLINK", struct.pack(le + "HHII", AF["NETLINK"], 0,
                                           1234, 0xffffffff)),
        ("l2cap", "L2CAP", struct.pack(le + "HH6sHBx", AF["BLUETOOTH"], 0x1001,
                                       bd, 0, 1)),
        ("rfcomm", "RFCOMM", struct.pack(le + "H6sBx", AF["BLUETOOTH"], bd, 1)),
        ("hci", "HCI", struct.pack(le + "HHH", AF["BLUETOOTH"], 0, 0)),
        ("sco", "SCO", struct.pack(le + "H6s", AF["BLUETOOTH"], bd)),
        ("vsock", "VSOCK", struct.pack(le + "HHIIB3x", AF["VSOCK"], 0, 1234,
                                       2, 0)),
        ("vsock-any", "VSOCK", struct.pack(le + "HHIIB3x", AF["VSOCK"], 0,
                                           0xffffffff, 0xffffffff, 0)),
        ("can-raw", "CAN_RAW", struct.pack(le + "H2xi16x", AF["CAN"], 1)),
        ("can-any", "CAN_RAW", struct.pack(le + "H2xi16x", AF["CAN"], 0)),
        ("can-isotp", "CAN_ISOTP", struct.pack(le + "H2xiII8x", AF["CAN"], 1,
                                               0x123, 0x456)),
        ("can-j1939", "CAN_J1939", struct.pack(le + "H2xiQIB3x", AF["CAN"], 1,
                                               2 ** 64 - 1, 0x3ffff, 0xff)),
        ("tipc-nameseq", "TIPC", struct.pack(le + "HBbIII", AF["TIPC"], 1, 2,
                                             1000, 1, 10)),
        ("tipc-name", "TIPC", struct.pack(le + "HBbIII", AF["TIPC"], 2, 3,
                                          1000, 1, 0)),
        ("tipc-id", "TIPC", struct.pack(le + "HBbIII", AF["TIPC"], 3, 0, 1,
                                        2, 0)),
        ("tipc-badtype", "TIPC", struct.pack(le + "HBbIII", AF["TIPC"], 9, -1,
                                             0, 0, 0)),
        ("alg", "ALG", struct.pack(le + "H14sII64s", AF["ALG"], b"hash", 0, 0,
                                   b"sha256")),
        ("alg-full", "ALG", struct.pack(le + "H14sII64s", AF["ALG"], b"t" * 14,
                                        1, 2, b"n" * 64)),
        ("qipcrtr", "QIPCRTR", struct.pack(le + "HHII", AF["QIPCRTR"], 0, 1,
                                           2)),
        ("rds", "RDS", sin), ("appletalk", "APPLETALK",
                              struct.pack(le + "H", AF["APPLETALK"]) + b"\x01\x02"),
        ("unknown", "F250", struct.pack(le + "H", 250) + b"\x00\xff'\\"),
        ("empty", "INET", b""), ("one-byte", "INET", b"\x02"),
        ("family-only", "INET", struct.pack(le + "H", AF["INET"])),
    ]
    return out


def write_format():
    fmt = Corpus("format_fuzzer")
    for name, combo, sa in sockaddrs():
        typ = "STREAM"
        fmt.add(name, bytes([COMBOS.index(combo), TYPES.index(typ), 0]) + sa)
    # The family from the bytes, a stamped family, other types, small caps.
    for name, combo, sa in sockaddrs()[:12]:
        fmt.add(name + "-from-bytes", bytes([0, 0x10, 0]) + sa)
        fmt.add(name + "-dgram", bytes([COMBOS.index(combo),
                                        TYPES.index("DGRAM"), 0]) + sa)
        for cap in (1, 8, 16):
            fmt.add("%s-cap%d" % (name, cap),
                    bytes([COMBOS.index(combo), 1, cap]) + sa)
    fmt.add("stamp-vsock", bytes([COMBOS.index("VSOCK"), 0x08 | 1, 0])
            + bytes(16))
    fmt.add("stamp-rds", bytes([COMBOS.index("RDS"), 0x08 | 1, 0]) + bytes(16))


HOSTS_DEBIAN = """127.0.0.1\tlocalhost
127.0.1.1\tdebian.example debian

# The following lines are desirable for IPv6 capable hosts
::1     localhost ip6-localhost ip6-loopback
ff02::1 ip6-allnodes
ff02::2 ip6-allrouters
"""

SERVICES_DEBIAN = """# Network services, Internet style
tcpmux\t\t1/tcp\t\t\t\t# TCP port service multiplexer
echo\t\t7/tcp
echo\t\t7/udp
discard\t\t9/tcp\t\tsink null
ftp\t\t21/tcp
ssh\t\t22/tcp\t\t\t\t# SSH Remote Login Protocol
domain\t\t53/tcp\t\t\t\t# Domain Name Server
domain\t\t53/udp
http\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP
https\t\t443/tcp\t\t\t\t# http protocol over TLS/SSL
https\t\t443/udp\t\t\t\t# HTTP/3
kerberos-adm\t749/tcp\t\t\t\t# Kerberos `kadmin' (v5)
at-rtmp\t\t201/ddp
"""


def write_files():
    h = Corpus("hostsfile_fuzzer")
    h.add("debian", HOSTS_DEBIAN)
    h.add("crlf", HOSTS_DEBIAN.replace("\n", "\r\n"))
    h.add("no-final-newline", "10.0.0.1 a.example")
    h.add("empty", "")
    h.add("newline", "\n")
    h.add("dot", ". .\n")
    h.add("comments", "# only\n10.0.0.1 host#x\n#10.0.0.2 y\n10.0.0.3 z # c\n")
    h.add("aliases-case", "10.0.0.1 Web.Example. web www WWW.example\n"
          "2001:db8::1 web.example\n10.0.0.2 WEB.EXAMPLE\n")
    h.add("duplicates", "10.0.0.1 a\n10.0.0.1 a\n10.0.0.1 A.\n::1 a\n0::1 a\n")
    h.add("interleave", "".join("10.0.0.%d x\n" % i for i in range(1, 5))
          + "".join("2001:db8::%x x\n" % i for i in range(1, 3)))
    h.add("name-65-addrs", "".join("10.0.%d.%d many\n" % (i // 250, i % 250 + 1)
                                   for i in range(70)))
    h.add("legacy-ipv4", "127.1 legacy\n010.0.0.1 octal\n0x7f.0.0.1 hex\n"
          "2130706433 dec\n1.2.3 short\n")
    h.add("zones", "fe80::1%lo zoned\nfe80::1%1 zoned2\nfe80::1 plain\n")
    h.add("mapped", "::ffff:1.2.3.4 mapped\n::1.2.3.4 compat\n")
    h.add("bad-fields", "10.0.0.1\n256.0.0.1 a\n10.0.0.1 .lead\n"
          "10.0.0.1 a..b\n10.0.0.1 \x01ctl\n10.0.0.1 ok\n")
    h.add("nul-line", "10.0.0.1 a\x00b\n10.0.0.2 b\n\x00\n")
    h.add("long-line-4096", "10.0.0.1 " + "a" * 4087 + "\n10.0.0.2 b\n")
    h.add("long-line-4097", "10.0.0.1 " + "a" * 4088 + "\n10.0.0.2 b\n")
    h.add("name-253", "10.0.0.1 %s\n10.0.0.2 %s\n10.0.0.3 %s.\n"
          % (NAME_253, NAME_254, NAME_253))
    h.add("label-63-64", "10.0.0.1 %s.x\n10.0.0.2 %sa.x\n" % (LONG_LABEL, LONG_LABEL))
    h.add("utf8", "10.0.0.1 b\u00fccher.example xn--bcher-kva.example\n")
    h.add("blanks", "\t10.0.0.1\v\fa\r\n  \t\n10.0.0.2 \t b \r\n")
    h.add("many-fields", "10.0.0.1 " + " ".join("n%d" % i for i in range(40)) + "\n")
    h.add("numeric-names", "10.0.0.1 1.2.3.4 123 example.123 0x1f\n")
    h.add("localhost-override", "10.9.9.9 localhost\n::2 localhost\n")

    v = Corpus("servicesfile_fuzzer")
    v.add("debian", SERVICES_DEBIAN)
    v.add("crlf", SERVICES_DEBIAN.replace("\n", "\r\n"))
    v.add("empty", "")
    v.add("protocols", "svc 1/tcp\nsvc 2/udp\nsvc 3/sctp\nsvc 4/dccp\n"
          "svc 5/ddp\nsvc 6/TCP\nSVC 7/Udp\n")
    v.add("first-wins", "web 80/tcp www\nwww 8080/tcp\nweb 81/tcp\n")
    v.add("bad-ports", "a 080/tcp\nb 65536/tcp\nc -1/tcp\nd +1/tcp\ne /tcp\n"
          "f 1/\ng 1\nh 1/tcp/udp\ni 65535/tcp\nj 0/udp\n")
    v.add("names-63-64", "%s 1/tcp\n%sa 2/tcp\n" % (LONG_LABEL, LONG_LABEL))
    v.add("aliases-case", "Http 80/tcp WWW www-http\n")
    v.add("comments", "#x 1/tcp\nsvc 2/tcp#c\nsvc2 3/tcp # c\n# end")
    v.add("nul", "a 1/tcp\x00\nb 2/tcp\n")
    v.add("numeric-name", "80 81/tcp\n0 1/tcp\n")
    v.add("long-line", "a 1/tcp " + "b" * 4090 + "\nc 2/tcp\n")
    v.add("blanks", "\tsvc\v9/tcp\f alias\r\n")


# resolve_fuzzer scripts (fuzz/resolve_fuzzer.c): a configuration byte,
# then commands. Spec indexes follow its specs[] table.
R_START, R_REPLY, R_RAW, R_CANCEL, R_DISTURB, R_TICK, R_DESTROY, R_SYNC = (
    0, 2, 4, 5, 6, 7, 8, 9)
SPEC_A, SPEC_B, SPEC_LOOP, SPEC_MIXED, SPEC_IDN, SPEC_X, SPEC_TUPLE = range(7)
SPEC_LOCALHOST, SPEC_V4, SPEC_V6, SPEC_STAR, SPEC_SERVICE, SPEC_NOPORT, SPEC_LEGACY = range(7, 14)
UNSPEC_, INET_, INET6_, SHORT_DEADLINE = 0, 1, 2, 4


def rstart(spec, how=UNSPEC_, reaction=0):
    return bytes([R_START, spec, how, reaction])


def rec(owner=0, kind=0, ttl=3, val=1):
    return bytes([owner | kind << 2 | ttl << 5, val])


def rreply(k, flags=0, code=0, records=(), trunc=None, chunk=None):
    out = bytes([R_REPLY, k, flags, code, len(records)]) + b"".join(records)
    if trunc is not None:
        out += bytes([trunc >> 8, trunc & 0xFF])
    if chunk is not None:
        out += bytes([chunk])
    return out


def write_resolve():
    r = Corpus("resolve_fuzzer")
    one = bytes([0])            # one server, one try, cache on
    three = bytes([2 | 2 << 2])  # three servers, three tries
    addr = rec()
    r.add("a-unspec", one + rstart(SPEC_A) + rreply(0, records=[addr])
          + rreply(1, records=[rec(val=2)]))
    r.add("a-inet-three", one + rstart(SPEC_A, INET_)
          + rreply(0, records=[rec(val=1), rec(val=2), rec(val=1)]))
    r.add("a-inet6", one + rstart(SPEC_B, INET6_) + rreply(0, records=[addr]))
    r.add("mixed-case", one + rstart(SPEC_MIXED, INET_) + rreply(0, records=[addr]))
    r.add("idn", one + rstart(SPEC_IDN, INET_) + rreply(0, records=[addr]))
    r.add("tuple", one + rstart(SPEC_TUPLE) + rreply(0, records=[addr])
          + rreply(1, records=[addr]))
    r.add("tc-tcp", one + rstart(SPEC_A, INET_) + rreply(0, flags=2)
          + rreply(1, records=[addr], chunk=255))
    r.add("tc-tcp-short-reads", one + rstart(SPEC_A, INET_) + rreply(0, flags=2)
          + rreply(1, records=[addr, rec(val=3)], chunk=1))
    r.add("tc-tcp-reset", one + rstart(SPEC_A, INET_) + rreply(0, flags=2)
          + bytes([R_DISTURB, 1, 1]) + bytes([R_DISTURB, 0, 1]))
    r.add("tc-tcp-eof", three + rstart(SPEC_A, INET_) + rreply(0, flags=2)
          + bytes([R_DISTURB, 1, 0]))
    r.add("cname-chain", one + rstart(SPEC_A, INET_)
          + rreply(0, records=[rec(0, 4), rec(1, 4), rec(1, 2, val=5)]))
    r.add("cname-loop", one + rstart(SPEC_LOOP, INET_)
          + rreply(0, records=[rec(0, 5), rec(0, 5)]))
    r.add("cname-only", one + rstart(SPEC_A, INET_) + rreply(0, records=[rec(0, 4)]))
    r.add("bug-wrong-type", one + rstart(SPEC_A, INET_) + rreply(0, records=[rec(0, 3)]))
    r.add("other-owner", one + rstart(SPEC_A, INET_) + rreply(0, records=[rec(2, 2)]))
    r.add("txt-and-bad-a", one + rstart(SPEC_A, INET_)
          + rreply(0, records=[rec(0, 6), rec(0, 7), addr]))
    for code, name in [(3, "nxdomain"), (4, "servfail"), (5, "refused"),
                       (6, "notimp"), (7, "formerr")]:
        r.add(name, one + rstart(SPEC_A, INET_) + rreply(0, code=code))
        r.add(name + "-failover", three + rstart(SPEC_A, INET_)
              + rreply(0, code=code) + rreply(1, records=[addr]))
    r.add("nodata", one + rstart(SPEC_A) + rreply(0) + rreply(1))
    r.add("wrong-id-then-right", one + rstart(SPEC_A, INET_)
          + rreply(0, flags=1, records=[addr]) + rreply(0, records=[addr]))
    r.add("wrong-source", one + rstart(SPEC_A, INET_)
          + rreply(0, flags=0x10, records=[addr]) + rreply(0, records=[addr]))
    r.add("wrong-question", one + rstart(SPEC_A, INET_)
          + rreply(0, flags=4, records=[addr]) + rreply(0, flags=8, records=[addr])
          + rreply(0, flags=0x40, records=[addr]))
    r.add("oversized-udp", one + rstart(SPEC_A, INET_)
          + rreply(0, flags=0x80, records=[rec(val=i) for i in range(60)]))
    r.add("truncated", one + rstart(SPEC_A, INET_)
          + rreply(0, flags=0x20, records=[addr, addr], trunc=30))
    r.add("empty-datagram", one + rstart(SPEC_A, INET_) + bytes([R_DISTURB, 0, 0])
          + rreply(0, records=[addr]))
    r.add("raw-garbage", one + rstart(SPEC_A, INET_)
          + bytes([R_RAW, 0, 20]) + bytes(range(1, 21)))
    r.add("raw-short", one + rstart(SPEC_A, INET_) + bytes([R_RAW, 0, 5, 1, 2, 3, 4, 5]))
    r.add("cancel-pending", one + rstart(SPEC_A) + bytes([R_CANCEL, 0])
          + rreply(0, records=[addr]))
    r.add("cancel-done", one + rstart(SPEC_LOCALHOST) + bytes([R_CANCEL, 0]))
    r.add("destroy-pending", one + rstart(SPEC_A) + rstart(SPEC_B, INET_)
          + bytes([R_DESTROY]))
    r.add("callback-destroys", one + rstart(SPEC_A, INET_, 3) + rstart(SPEC_B, INET_)
          + rreply(0, records=[addr]))
    r.add("callback-cancels", one + rstart(SPEC_A, INET_, 1 | 1 << 2)
          + rstart(SPEC_B, INET_) + rreply(0, records=[addr]))
    r.add("callback-starts", one + rstart(SPEC_A, INET_, 2 | 1 << 2)
          + rreply(0, records=[addr]) + rreply(1, records=[addr]))
    r.add("local-destroys", one + rstart(SPEC_V4, UNSPEC_, 3))
    r.add("deadline", one + rstart(SPEC_A, SHORT_DEADLINE) + bytes([R_TICK])
          + rreply(0, records=[addr]))
    r.add("cache-hit", one + rstart(SPEC_A, INET_) + rreply(0, records=[addr])
          + rstart(SPEC_A, INET_))
    r.add("no-cache", bytes([0x10]) + rstart(SPEC_A, INET_) + rreply(0, records=[addr])
          + rstart(SPEC_A, INET_) + rreply(1, records=[addr]))
    r.add("queue-bound", bytes([0x20]) + rstart(SPEC_A) + rstart(SPEC_B)
          + rstart(SPEC_X) + rreply(0, records=[addr]) + rreply(1, records=[addr])
          + rreply(2, records=[addr]) + rreply(3, records=[addr]))
    r.add("locals", one + b"".join(rstart(i, h) for i in range(7, 14)
                                    for h in (UNSPEC_, INET_, INET6_)))
    r.add("zero-ttl", one + rstart(SPEC_A, INET_) + rreply(0, records=[rec(ttl=0)])
          + rstart(SPEC_A, INET_))
    r.add("huge-ttl", one + rstart(SPEC_A, INET_) + rreply(0, records=[rec(ttl=7)])
          + rstart(SPEC_A, INET_))
    r.add("sync-locals", one + b"".join(bytes([R_SYNC, k]) for k in range(7)))
    r.add("sync-with-pending", one + rstart(SPEC_A) + bytes([R_SYNC, 0])
          + rreply(0, records=[addr]) + rreply(1, records=[addr]) + bytes([R_SYNC, 3]))
    r.add("sync-callback-destroys", one + rstart(SPEC_A, SHORT_DEADLINE, 3)
          + bytes([R_TICK, R_SYNC, 1]))
    r.add("two-servers-v6", bytes([1]) + rstart(SPEC_A, INET6_) + rreply(0, code=4)
          + rreply(1, records=[addr]))


def main():
    write_parsers()
    write_format()
    write_files()
    write_resolve()
    return 0


if __name__ == "__main__":
    sys.exit(main())
