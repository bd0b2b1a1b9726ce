"""Realistic mistakes against the saddr command, in both output modes.

Each row: the arguments, the exit status, the error code (spec errors), a
piece of the message, the span the error points at (offset and length in
the spec's bytes; None for usage errors) and a piece of the hint (None: no
hint line at all). Without --json the test reads the person's form: the
message line, the spec with a caret line under exactly that span, the hint.
With --json it reads the one JSON object (same code, offset and length).
"""
import json
import subprocess
import sys

SADDR = sys.argv[1]
LONG_PATH = "/tmp/" + "d" * 120
LONG_NAME = "@" + "n" * 108

# (args, status, code, message, (offset, length) or None, hint)
ROWS = [
    (["parse", "127.1:80"], 1, "SADDR_EIPV4LEGACY", "legacy IPv4 form '127.1'", (0, 5), None),
    (["parse", "010.0.0.1:80"], 1, "SADDR_EIPV4LEGACY", "legacy IPv4", (0, 9), None),
    (["parse", "0x7f.0.0.1:80"], 1, "SADDR_EIPV4LEGACY", "legacy IPv4", (0, 10), None),
    (["parse", "2130706433:80"], 1, "SADDR_EIPV4LEGACY", "legacy IPv4", (0, 10), None),
    (["parse", "1.2.3:80"], 1, "SADDR_EIPV4LEGACY", "legacy IPv4", (0, 5), None),
    (["parse", "256.1.1.1:80"], 1, "SADDR_EIPV4", "", (0, 9), None),
    (["parse", "2001:db8::1:443"], 1, "SADDR_EBRACKETS", "[2001:db8::1]:443", (0, 15), None),
    (["parse", "[1.2.3.4]:80"], 1, "SADDR_EIPV6", "brackets hold IPv6", (1, 7), None),
    (["parse", "[::1]%lo:80"], 1, "SADDR_EZONE", "inside the brackets", (5, 6), None),
    (["parse", "[::1"], 1, "SADDR_EIPV6", "", (0, 4), None),
    (["parse", "1.2.3.4"], 1, "SADDR_ENOPORT", "", (0, 7), None),
    (["parse", "1.2.3.4:"], 1, "SADDR_ENOPORT", "", (8, 0), None),
    (["parse", ":99999"], 1, "SADDR_EPORT", "0-65535", (1, 5), None),
    (["parse", "localhost:080"], 1, "SADDR_EPORT", "leading zero", (10, 3), None),
    (["parse", "localhost:80 "], 1, "SADDR_EPORT", "0-65535", (10, 3), "blank at its start or end"),
    (["parse", " localhost:80"], 1, "SADDR_EHOSTNAME", "", (0, 1), "blank at its start or end"),
    (["parse", "example.com:443"], 1, "SADDR_ERESOLVE", "saddr resolve", (0, 11), None),
    (["parse", "example.com:https"], 1, "SADDR_ESERVICE", "services", (12, 5), None),
    (["parse", "tcp://[::1]:80"], 1, "SADDR_EIPV6", "", (0, 14), "write 'tcp@[::1]:80'"),
    (["parse", "udp://192.0.2.1:53/x"], 1, "SADDR_EIPV6", "", (0, 20), "write 'udp@192.0.2.1:53'"),
    (["parse", "http://example.com"], 1, "SADDR_ESERVICE", "", (5, 13), "here 'example.com:80'"),
    (["parse", "https://example.com/index.html"], 1, "SADDR_ESERVICE", "", (6, 24), "here 'example.com:443'"),
    (["parse", "http://example.com:8080/x"], 1, "SADDR_EIPV6", "", (0, 25), "here 'example.com:8080'"),
    (["parse", "http://[::1]:8080/"], 1, "SADDR_EIPV6", "", (0, 18), "here '[::1]:8080'"),
    (["parse", "udp:1.2.3.4:53"], 1, "SADDR_EIPV6", "", (0, 14), "write 'udp@1.2.3.4:53'"),
    (["parse", "tcp6:[::1]:80"], 1, "SADDR_EIPV6", "", (0, 13), "write 'tcp6@[::1]:80'"),
    (["parse", "0.0.0.0:80,[::]:80"], 1, "SADDR_EIPV6", "", (10, 8), "'0.0.0.0:80' and '[::]:80' are two runs"),
    (["parse", "ipv4@1.2.3.4:80"], 1, "SADDR_ESCHEME", "unknown prefix 'ipv4@'", (0, 5), "did you mean 'ip4@'?"),
    (["parse", "unx@/tmp/x"], 1, "SADDR_ESCHEME", "unknown prefix", (0, 4), "did you mean 'unix@'?"),
    (["parse", "vsok@2:1"], 1, "SADDR_ESCHEME", "unknown prefix", (0, 5), "did you mean 'vsock@'?"),
    (["parse", "stram+[::1]:1"], 1, "SADDR_ESCHEME", "unknown socket type", (0, 5), "did you mean 'stream+'?"),
    (["parse", "udp+[::1]:1"], 1, "SADDR_ESCHEME", "unknown socket type", (0, 3), "did you mean 'dgram+'?"),
    (["parse", ""], 1, "SADDR_EEMPTY", "empty", (0, 0), None),
    (["parse", "("], 1, "SADDR_ETUPLE", "", (1, 0), None),
    (["parse", "-f", "AF_INET", "('a', 1"], 1, "SADDR_ETUPLE", "", (7, 0), None),
    (["parse", "-f", "inet", "('1.2.3.4', 70000)"], 1, "SADDR_ERANGE", "", (12, 5), None),
    (["parse", "-f", "inet6", "1.2.3.4:80"], 1, "SADDR_EFAMILY", "::ffff:1.2.3.4", (0, 7), None),
    (["parse", "-f", "packet", "('lo', 0x10000)"], 1, "SADDR_ERANGE", "", (7, 7), None),
    (["parse", "[fe80::1%nosuchif0]:53"], 1, "SADDR_ENOIFACE", "nosuchif0", (9, 9), None),
    (["parse", LONG_NAME], 1, "SADDR_ETOOLONG", "", None, None),
    (["parse", LONG_PATH], 1, "SADDR_ETOOLONG", "", None, None),
    (["parse", "a\x01:99999"], 1, "SADDR_EPORT", "", (3, 5), None),
    (["format", "-f", "inet", "0200zz"], 1, "SADDR_EHEX", "hexadecimal", (4, 1), None),
    (["format", "-f", "inet", "020"], 1, "SADDR_EHEX", "odd number", (2, 1), None),
    (["prase", "127.0.0.1:80"], 2, None, "unknown command 'prase'", None, "did you mean 'saddr parse'?"),
    (["bnid", "*:0"], 2, None, "unknown command 'bnid'", None, "did you mean 'saddr bind'?"),
    (["frobnicate"], 2, None, "unknown command", None, "'saddr help' lists the commands"),
    (["help", "resolv"], 2, None, "unknown command 'resolv'", None, "did you mean 'saddr resolve'?"),
    (["parse", "-f", "ipv8", "x"], 2, None, "unknown family 'ipv8' for -f", None, "did you mean 'ipv"),
    (["parse", "-f", "inte6", "x"], 2, None, "unknown family", None, "did you mean 'inet6'?"),
    (["parse", "-f", "AF_INTE6", "x"], 2, None, "unknown family", None, "did you mean 'inet6'?"),
    (["parse", "-f", "SOCK_DGRAM", "x"], 2, None, "unknown family", None, "-f takes"),
    (["parse", "-t", "dgarm", "x"], 2, None, "unknown socket type 'dgarm'", None, "did you mean 'dgram'?"),
    (["parse", "-t", "AF_INET", "x"], 2, None, "unknown socket type", None, "-t takes"),
    (["parse", "-p", "l2cp", "x"], 2, None, "unknown protocol 'l2cp'", None, "did you mean 'l2cap'?"),
    (["parse", "-f"], 2, None, "-f needs a family", None, None),
    (["parse", "--jsn", "x"], 2, None, "unknown option '--jsn'", None, "did you mean '--json'?"),
    (["parse", "--prot", "80", "x"], 2, None, "unknown option", None, "did you mean '--port'?"),
    (["resolve", "--sever", "127.0.0.1", "x"], 2, None, "unknown option", None, "did you mean '--server'?"),
    (["bind", "--dualstak", "*:0"], 2, None, "unknown option", None, "did you mean '--dualstack'?"),
    (["parse", "--port", "http", "::1"], 2, None, "--port needs 0-65535", None, None),
    (["parse", "--syntax", "python", "x"], 2, None, "--syntax takes", None, None),
    (["parse", "[::1]:80", "[::2]:80"], 2, None, "takes one SPEC", None, "quote"),
    (["format", "0200"], 2, None, "needs -f FAMILY", None, "saddr format -f inet"),
    (["resolve", "--server", "localhost:53", "example.com:80"], 1, "SADDR_EINVAL", "2 addresses", None,
     "--server is one address and a port"),
]


def run(args):
    p = subprocess.run([SADDR] + args, capture_output=True, timeout=20)
    return p.returncode, p.stdout.decode(), p.stderr.decode("utf-8", "replace")


def shown(ch):
    c = ord(ch)
    if 0x20 <= c < 0x7F:
        return ch
    return {"\t": "\\t", "\n": "\\n", "\r": "\\r"}.get(ch, "\\x%02x" % c)


failures = 0
checks = 0


def check(cond, what):
    global failures, checks
    checks += 1
    if not cond:
        failures += 1
        print("FAIL:", what, file=sys.stderr)


def with_json(args):
    return args[:1] + ["--json"] + args[1:]


for args, status, code, message, span, hint in ROWS:
    name = " ".join(repr(a) if (not a or " " in a or "\x01" in a) else a for a in args)[:60]
    rc, out, err = run(args)
    lines = err.splitlines()
    check(rc == status, f"{name}: exit {rc}, expected {status}")
    check(out == "", f"{name}: stdout not empty: {out!r}")
    check(lines and lines[0].startswith("saddr: error: ") and message in lines[0],
          f"{name}: first line {lines[:1]}, expected 'saddr: error: ...{message}...'")
    check(not any(l.startswith("{") for l in lines), f"{name}: JSON without --json")
    hints = [l for l in lines if l.startswith("hint: ")]
    if hint is None:
        check(hints == [], f"{name}: unexpected hint {hints}")
    else:
        check(len(hints) == 1 and hint in hints[0], f"{name}: hints {hints}, expected '{hint}'")
    if span is not None:
        spec = args[-1]
        off, n = span
        shown_spec = "".join(shown(c) for c in spec)
        col = len("".join(shown(c) for c in spec[:off]))
        width = max(1, len("".join(shown(c) for c in spec[off:off + n])))
        want = " " * (2 + col) + "^" + "~" * (width - 1)
        check(len(lines) >= 3 and lines[1] == "  " + shown_spec and lines[2] == want,
              f"{name}: caret lines {lines[1:3]}, expected {['  ' + shown_spec, want]}")
        check(len(lines) == 3 + len(hints), f"{name}: {len(lines)} lines: {lines}")
    if status == 1 and code is not None:
        rc, out, err = run(with_json(args))
        check(rc == 1 and out == "", f"{name} --json: exit {rc}, stdout {out!r}")
        try:
            obj = json.loads(err)
        except ValueError:
            obj = {}
        check(obj.get("error") == code and message in obj.get("message", "") and
              set(obj) == {"error", "offset", "length", "message"},
              f"{name} --json: {err!r}, expected {code}")
        if span is not None:
            check((obj.get("offset"), obj.get("length")) == span,
                  f"{name} --json: span {obj.get('offset')},{obj.get('length')}, expected {span}")

# Long input is cut around the span, with the cuts shown.
rc, out, err = run(["parse", LONG_PATH])
lines = err.splitlines()
check(len(lines) >= 3 and lines[1].endswith("...") and len(lines[1]) < 90 and "^" in lines[2],
      f"long path: {lines}")
rc, out, err = run(["parse", "x" * 100 + ":99999" + "y" * 50])
lines = err.splitlines()
check(len(lines) >= 3 and lines[1].startswith("  ...") and lines[1].endswith("...") and
      lines[1].index(":99999") + 1 == lines[2].index("^"),
      f"long spec elided around the span: {lines}")

# The names people type for -f, -t and -p, and the exact three-line error.
NAMES = [
    (["-f", "inet6"], "AF_INET6"), (["-f", "INET6"], "AF_INET6"), (["-f", "ipv6"], "AF_INET6"),
    (["-f", "AF_INET6"], "AF_INET6"), (["-f", "10"], "AF_INET6"), (["-f", "af_inet6"], "AF_INET6"),
]
for opts, fam in NAMES:
    rc, out, err = run(["parse", "--json"] + opts + ["[::1]:80"])
    check(rc == 0 and json.loads(out.splitlines()[0])["family"] == fam, f"parse {opts}: {out}{err}")
TYPES = [(["-t", "udp"], "SOCK_DGRAM"), (["-t", "dgram"], "SOCK_DGRAM"), (["-t", "SOCK_DGRAM"], "SOCK_DGRAM"),
         (["-t", "tcp"], "SOCK_STREAM"), (["-t", "seqpacket"], "SOCK_SEQPACKET"), (["-t", "RAW"], "SOCK_RAW")]
for opts, typ in TYPES:
    rc, out, err = run(["parse", "--json"] + opts + ["[::1]:80"])
    check(rc == 0 and json.loads(out.splitlines()[0])["type"] == typ, f"parse {opts}: {out}{err}")
for opts, want in [(["-f", "bluetooth", "-p", "hci"], 1), (["-f", "bt", "-p", "BTPROTO_HCI"], 1),
                   (["-f", "can", "-p", "bcm"], 2)]:
    spec = "0" if want == 1 else "('lo',)"
    rc, out, err = run(["parse", "--json"] + opts + [spec])
    check(rc == 0 and json.loads(out.splitlines()[0])["proto"] == want, f"parse {opts}: {out}{err}")
rc, out, err = run(["parse", "127.1:80"])
check(err == "saddr: error: legacy IPv4 form '127.1': write four decimal parts 0-255 without "
      "leading zeros\n  127.1:80\n  ^~~~~\n", f"127.1:80 exactly: {err!r}")
rc, out, err = run(["parse", "-f", "AF_PACKET", "('lo', 0x0800)"])
check(rc == 0 and "SOCK_RAW" in out, f"AF_PACKET default type: {out}")
rc, out, err = run(["--version"])
check(rc == 0 and out.startswith("saddr ") and out.split()[1][0].isdigit(), f"--version: {out!r}")
for cmd in ["parse", "format", "resolve", "bind"]:
    rc, out, err = run(["help", cmd])
    check(rc == 0 and out.startswith("usage: saddr " + cmd), f"help {cmd}: {out[:40]!r}")
rc, out, err = run(["help"])
check(rc == 0 and "commands:" in out and "--version" in out, f"help: {out[:40]!r}")

print(f"{len(ROWS)} mistakes; {checks - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
