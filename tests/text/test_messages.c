/* The full text of error messages. Elsewhere tests compare the code, the
 * span and a piece of the message; a message that says the wrong thing
 * with the right code and span would pass them. Each row here is one
 * message of the parsing and family code, whole, with its code and span;
 * the last checks build the long inputs (over-long names and paths) and
 * read the formatting messages. */
#include "harness.h"
#include "internal.h"

#include <sys/socket.h>

#ifndef AF_TIPC
#define AF_TIPC 30
#endif
#ifndef AF_CAN
#define AF_CAN 29
#endif
#ifndef AF_ALG
#define AF_ALG 38
#endif
#ifndef AF_QIPCRTR
#define AF_QIPCRTR 42
#endif

#define T    SADDR_SYNTAX_TUPLE
#define C    SADDR_SYNTAX_COMPACT
#define L(s) s, sizeof s - 1 /* text holding a NUL byte, and its length */

typedef struct row {
  int         family, proto, type;
  unsigned    flags;
  const char *text;
  size_t      n;   /* text length; 0: strlen */
  int         one; /* through saddr_parse_addr instead of saddr_parse */
  int         rc;
  size_t      off, len;
  const char *message;
} row;

static const row rows[] = {
    {0, 0, 0, 0, "[1::2::3]:80", 0, 0, SADDR_EIPV6, 1, 7,
     "invalid IPv6 address '1::2::3'"},
    {AF_INET, 0, 0, 0, "[::1]:80", 0, 0, SADDR_EFAMILY, 1, 3,
     "IPv6 address on an AF_INET socket"},
    {0, 0, 0, 0, "example.com:443", 0, 0, SADDR_ERESOLVE, 0, 11,
     "host name 'example.com' needs resolution: use saddr resolve"},
    {AF_INET6, 0, 0, T, "('<broadcast>', 1, 0, 0)", 0, 0, SADDR_EFAMILY, 2, 11,
     "'<broadcast>' is AF_INET only"},
    {AF_INET6, 0, 0, 0, "1.2.3.4:80", 0, 0, SADDR_EFAMILY, 0, 7,
     "IPv4 address on an AF_INET6 socket: write ::ffff:1.2.3.4 for a mapped "
     "address"},
    {0, 0, 0, 0, "127.1:80", 0, 0, SADDR_EIPV4LEGACY, 0, 5,
     "legacy IPv4 form '127.1': write four decimal parts 0-255 without leading "
     "zeros"},
    {0, 0, 0, 0, "256.1.1.1:80", 0, 0, SADDR_EIPV4, 0, 9,
     "invalid IPv4 address '256.1.1.1': four decimal parts 0-255"},
    {AF_INET6, 0, 0, T, "('::1',)", 0, 0, SADDR_EARITY, 0, 8,
     "AF_INET6 address must be a tuple (host, port[, flowinfo[, scope_id]])"},
    {AF_INET6, 0, 0, T, "('::1', 1, 2, 3, 4)", 0, 0, SADDR_EARITY, 0, 19,
     "AF_INET6 address must be a tuple (host, port[, flowinfo[, scope_id]])"},
    {AF_INET, 0, 0, T, "('a', 1, 2)", 0, 0, SADDR_EARITY, 0, 11,
     "AF_INET address must be a pair (host, port)"},
    {AF_INET, 0, 0, T, "('a\\x00b', 1)", 0, 0, SADDR_ENUL, 1, 8,
     "host name must not contain a NUL byte"},
    {0, 0, 0, 0, "1.2.3.4:", 0, 0, SADDR_ENOPORT, 8, 0,
     "missing port after ':'"},
    {0, 0, 0, 0, ":99999", 0, 0, SADDR_EPORT, 1, 5,
     "port must be 0-65535 in decimal (no sign, blank, radix prefix or leading "
     "zero)"},
    {0, 0, 0, 0, "example.com:https", 0, 0, SADDR_ESERVICE, 12, 5,
     "service name 'https' needs the services database: use saddr resolve or "
     "saddr bind"},
    {0, 0, 0, 0, "1.2.3.4", 0, 0, SADDR_ENOPORT, 0, 7,
     "missing port: write 1.2.3.4:PORT"},
    {0, 0, 0, 0, "[::1", 0, 0, SADDR_EIPV6, 0, 4, "missing ']'"},
    {0, 0, 0, 0, "[::1]%lo:80", 0, 0, SADDR_EZONE, 5, 6,
     "the zone goes inside the brackets: [addr%zone]:port"},
    {0, 0, 0, 0, "[::1]x", 0, 0, SADDR_ESYNTAX, 5, 1,
     "expected ':' and a port after ']'"},
    {0, 0, 0, 0, "[1.2.3.4]:80", 0, 0, SADDR_EIPV6, 1, 7,
     "brackets hold IPv6 addresses only: write 1.2.3.4 without them"},
    {0, 0, 0, 0, "[foo]:80", 0, 0, SADDR_EIPV6, 1, 3,
     "brackets must hold an IPv6 address"},
    {0, 0, 0, 0, "2001:db8::1:443", 0, 0, SADDR_EBRACKETS, 0, 15,
     "IPv6 address with a port needs brackets: [2001:db8::1]:443"},
    {0, 0, 0, 0, "::1", 0, 0, SADDR_ENOPORT, 0, 3,
     "missing port: write [::1]:PORT"},
    {0, 0, 0, 0, "", 0, 0, SADDR_EEMPTY, 0, 0, "empty address"},
    {0, 0, 0, 0,
     "\xef"
     "\xbc"
     "\x91"
     ".\xef"
     "\xbc"
     "\x92"
     ".\xef"
     "\xbc"
     "\x93"
     ".\xef"
     "\xbc"
     "\x94"
     ":80",
     0, 0, SADDR_ENUMERIC, 0, 15,
     "host name maps to the numeric address '1.2.3.4'"},
    {0, 0, 0, 0,
     "a\x00"
     "b:80",
     6, 0, SADDR_ENUL, 1, 1, "NUL byte in host name"},
    {0, 0, 0, 0, "a b:80", 0, 0, SADDR_EHOSTNAME, 1, 1,
     "invalid character in host name"},
    {0, 0, 0, 0, "a.1:80", 0, 0, SADDR_EIPV4LEGACY, 0, 3,
     "host name ends in a number: IPv4 addresses are dotted-decimal with four "
     "parts 0-255"},
    {0, 0, 0, 0,
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com:80",
     0, 0, SADDR_ETOOLONG, 0, 64, "host name label is longer than 63 bytes"},
    {0, 0, 0, 0, "a..b:80", 0, 0, SADDR_EHOSTNAME, 2, 1,
     "empty label in host name"},
    {0, 0, 0, 0, "-a.com:80", 0, 0, SADDR_EHOSTNAME, 0, 1,
     "host name labels cannot start or end with '-'"},
    {0, 0, 0, 0, "a-.com:80", 0, 0, SADDR_EHOSTNAME, 1, 1,
     "host name labels cannot start or end with '-'"},
    {0, 0, 0, 0,
     "\xff"
     ".com:80",
     0, 0, SADDR_EUTF8, 0, 1, "host name is not valid UTF-8"},
    {0, 0, 0, 0, "[fe80::1%aaaaaaaaaaaaaaaaa]:80", 0, 0, SADDR_ETOOLONG, 9, 17,
     "interface name is 17 bytes, at most 15 allowed"},
    {0, 0, 0, 0,
     "[fe80::1%a\x00"
     "]:80",
     15, 0, SADDR_ENUL, 10, 1, "NUL byte in interface name"},
    {0, 0, 0, 0, "[fe80::1%nosuchif0]:53", 0, 0, SADDR_ENOIFACE, 9, 9,
     "no such interface 'nosuchif0'"},
    {0, 0, 0, 0, "[fe80::1%]:53", 0, 0, SADDR_EZONE, 9, 0,
     "empty interface name or index"},
    {0, 0, 0, 0, "[fe80::1%01]:53", 0, 0, SADDR_EZONE, 10, 1,
     "interface index must be decimal digits without leading zeros"},
    {0, 0, 0, 0, "[fe80::1%99999999999]:53", 0, 0, SADDR_ERANGE, 9, 11,
     "interface index must be 0-4294967295"},
    {AF_INET6, 0, 0, T, "('fe80::1%01', 1)", 0, 0, SADDR_EZONE, 11, 1,
     "interface index must be decimal digits without leading zeros"},
    {AF_INET, 0, 0, T, "(", 0, 0, SADDR_ETUPLE, 1, 0,
     "unexpected end of input: expected a value"},
    {AF_INET, 0, 0, T,
     "('a',\x00"
     " 1)",
     9, 0, SADDR_ENUL, 5, 1, "NUL byte in tuple text"},
    {AF_INET, 0, 0, T,
     "('a\x00"
     "', 1)",
     9, 0, SADDR_ENUL, 3, 1, "NUL byte in a string literal: write \\x00"},
    {AF_INET, 0, 0, T, "('a, 1)", 0, 0, SADDR_ESTRING, 1, 6,
     "unterminated string literal"},
    {AF_INET, 0, 0, T, "('a', 0x)", 0, 0, SADDR_ESYNTAX, 8, 1,
     "invalid integer literal"},
    {AF_INET, 0, 0, T, "('a', 01)", 0, 0, SADDR_ESYNTAX, 6, 2,
     "leading zeros in a decimal integer: write 0o for octal"},
    {AF_INET, 0, 0, T, "('a', -'x')", 0, 0, SADDR_ETYPE, 6, 4,
     "a sign applies to integers only"},
    {AF_INET, 0, 0, T, "((((((((((((((((((((((((((((((((((((((((", 0, 0,
     SADDR_ETUPLE, 32, 1, "nested too deeply"},
    {AF_INET, 0, 0, T, "(('a',), 1)", 0, 0, SADDR_ETUPLE, 0, 8,
     "nested tuples are not allowed here"},
    {AF_INET, 0, 0, T, "('a', 1", 0, 0, SADDR_ETUPLE, 7, 0,
     "unexpected end of input: expected ',' or ')'"},
    {AF_INET, 0, 0, T, "('a', FOO)", 0, 0, SADDR_ECONST, 6, 3,
     "unknown constant 'FOO'"},
    {AF_INET, 0, 0, T, "('a', 'b')", 0, 0, SADDR_ETYPE, 6, 3,
     "port must be an integer, not str"},
    {AF_INET, 0, 0, T, "('a', 70000)", 0, 0, SADDR_ERANGE, 6, 5,
     "port must be 0-65535"},
    {AF_INET, 0, 0, T, "('a', 1,,)", 0, 0, SADDR_ETUPLE, 8, 1,
     "expected a value (string, integer or name)"},
    {0, 0, SOCK_STREAM, 0, "dgram+1.2.3.4:1", 0, 0, SADDR_ESCHEME, 0, 5,
     "socket type 'dgram' conflicts with the one given"},
    {0, 0, 0, 0, "stram+[::1]:1", 0, 0, SADDR_ESCHEME, 0, 5,
     "unknown socket type 'stram+': expected stream, dgram, seqpacket, raw, "
     "rdm, dccp or packet"},
    {AF_INET6, 0, 0, 0, "ip4@1.2.3.4:80", 0, 0, SADDR_EFAMILY, 0, 4,
     "prefix 'ip4@' does not match the family given"},
    {0, 0, 0, 0, "dgram+tcp@1.2.3.4:1", 0, 0, SADDR_ESCHEME, 6, 4,
     "prefix 'tcp@' conflicts with the socket type"},
    {AF_QIPCRTR, 0, 0, C, "x", 0, 0, SADDR_ESYNTAX, 0, 1,
     "node must be a decimal or 0x-hex number"},
    {12345, 0, 0, 0, "x", 0, 0, SADDR_EFAMILY, 0, 1,
     "no compact form for this address family"},
    {0, 0, 0, 0, "*:80", 0, 1, SADDR_EINVAL, 0, 4,
     "the spec gives 2 addresses where one is needed"},
    {0, 0, 0, 0, "localhost:80", 0, 1, SADDR_EINVAL, 0, 12,
     "the spec gives 2 addresses where one is needed"},
    {0, 0, 0, 0, "example.com:80", 0, 1, SADDR_ERESOLVE, 0, 11,
     "host name 'example.com' needs resolution: use saddr resolve"},
    {AF_UNIX, 0, 0, T,
     "b'\xc3"
     "\xa9"
     "'",
     0, 0, SADDR_ESTRING, 2, 1, "bytes literals hold ASCII characters only"},
    {AF_UNIX, 0, 0, T,
     "'\xff"
     "'",
     0, 0, SADDR_EUTF8, 1, 1, "string is not valid UTF-8"},
    {AF_UNIX, 0, 0, T, "b'\\udc80'", 0, 0, SADDR_EESCAPE, 2, 2,
     "invalid escape sequence"},
    {AF_UNIX, 0, 0, T, "'\\N{x}'", 0, 0, SADDR_EESCAPE, 1, 2,
     "invalid escape sequence"},
    {AF_UNIX, 0, 0, T, "'\\x1'", 0, 0, SADDR_EESCAPE, 1, 2,
     "invalid escape sequence"},
    {AF_ALG, 0, 0, T, "('tttttttttttttttttttt', 'x')", 0, 0, SADDR_ETOOLONG, 1,
     22, "AF_ALG type is 20 bytes, at most 13 allowed"},
    {AF_UNIX, 0, 0, T, "'a\\x00b'", 0, 0, SADDR_ENUL, 0, 8,
     "NUL byte in an AF_UNIX path: only abstract names (which start with NUL) "
     "may hold NUL bytes"},
    {AF_UNIX, 0, 0, T, "('a',)", 0, 0, SADDR_ETYPE, 0, 6,
     "AF_UNIX address must be str or bytes, not tuple"},
    {0, 0, 0, 0, "unix:", 0, 0, SADDR_ESYNTAX, 5, 0,
     "expected a path after 'unix:' (autobind is 'unix@')"},
    {AF_UNIX, 0, 0, C, "x", 0, 0, SADDR_ESYNTAX, 0, 1,
     "AF_UNIX address must be /path, @name, unix:path or unix@ followed by an "
     "escaped path or @name"},
    {AF_BLUETOOTH, 0, 0, T, "('01:23', 1)", 0, 0, SADDR_ESYNTAX, 7, 0,
     "Bluetooth address must be six two-digit hex octets joined by ':', such "
     "as 01:23:45:67:89:AB"},
    {AF_BLUETOOTH, 2, 0, T,
     "'01:23:45:67:89:A\x00"
     "'",
     19, 0, SADDR_ENUL, 17, 1, "NUL byte in a string literal: write \\x00"},
    {AF_BLUETOOTH, 9, 0, T, "('01:23:45:67:89:AB', 1)", 0, 0, SADDR_EINVAL, 0,
     0,
     "AF_BLUETOOTH protocol must be BTPROTO_L2CAP (0), BTPROTO_HCI (1), "
     "BTPROTO_SCO (2) or BTPROTO_RFCOMM (3), not 9"},
    {AF_BLUETOOTH, 2, 0, T, "('01:23:45:67:89:AB',)", 0, 0, SADDR_ETYPE, 0, 22,
     "BTPROTO_SCO address must be a Bluetooth address (str or bytes), not "
     "tuple"},
    {0, 0, 0, 0, "rfcomm@01:23:45:67:89:zz:1", 0, 0, SADDR_ESYNTAX, 22, 1,
     "Bluetooth address must be six two-digit hex octets joined by ':', such "
     "as 01:23:45:67:89:AB"},
    {AF_TIPC, 0, 0, T, "(1, 1, 2, 3, 9)", 0, 0, SADDR_ERANGE, 13, 1,
     "scope must be 1-3 (TIPC_ZONE_SCOPE 1, TIPC_CLUSTER_SCOPE 2, "
     "TIPC_NODE_SCOPE 3)"},
    {AF_TIPC, 0, 0, T, "(9, 1, 2, 3)", 0, 0, SADDR_ERANGE, 1, 1,
     "addr_type must be TIPC_ADDR_NAMESEQ (1), TIPC_ADDR_NAME (2) or "
     "TIPC_ADDR_ID (3)"},
    {0, 0, 0, 0, "tipc@x", 0, 0, SADDR_ESYNTAX, 5, 1,
     "expected nameseq, name or id after tipc@"},
    {AF_PACKET, 0, 0, T, "('lo', 'x')", 0, 0, SADDR_ETYPE, 7, 3,
     "proto must be an integer, not str"},
    {AF_PACKET, 0, 0, T, "('lo', 0, 0, 0, b'123456789')", 0, 0, SADDR_ETOOLONG,
     16, 12, "hardware address is 9 bytes, at most 8 allowed"},
    {AF_NETLINK, 5, 0, C, "netlink@0:1:0", 0, 0, SADDR_ESCHEME, 8, 1,
     "netlink protocol 0 conflicts with protocol 5 given by the caller"},
    {0, 0, 0, 0, "netlink@99:1:0", 0, 0, SADDR_ERANGE, 8, 2,
     "netlink protocol must be 0-31"},
    {AF_CAN, 9, 0, T, "('vcan0',)", 0, 0, SADDR_EINVAL, 0, 0,
     "AF_CAN protocol must be CAN_RAW (1), CAN_BCM (2), CAN_ISOTP (6) or "
     "CAN_J1939 (7), not 9"},
    {0, 0, 0, 0, "vsock@x:1", 0, 0, SADDR_ESYNTAX, 6, 1,
     "CID must be a number, any, hypervisor, local or host"},
    {0, 0, 0, 0, "foo+fd@3", 0, 0, SADDR_ESCHEME, 0, 4,
     "'foo+' before fd@/sd@: expected a socket type (dgram, ...) then a family "
     "(AF_INET6, ...)"},
    {AF_INET6, 0, 0, 0, "AF_INET+fd@3", 0, 0, SADDR_EFAMILY, 0, 8,
     "'AF_INET+' does not match the family given"},
    {0, 0, 0, 0, "fd@x", 0, 0, SADDR_ESYNTAX, 3, 1,
     "the descriptor after fd@ must be decimal digits"},
    {0, 0, 0, 0, "fd@01", 0, 0, SADDR_ESYNTAX, 3, 2,
     "the descriptor after fd@ must not have a leading zero"},
    {0, 0, 0, 0, "fd@1", 0, 0, SADDR_ERANGE, 3, 1,
     "fd@1 is standard output: inherited sockets are descriptors 3-2147483647"},
    {0, 0, 0, 0,
     "sd@a\x00"
     "",
     5, 0, SADDR_ENUL, 4, 1, "NUL byte in an sd@ name"},
    {0, 0, 0, 0, "sd@a:b", 0, 0, SADDR_ESYNTAX, 4, 1,
     "an sd@ name is printable ASCII without blanks, quotes, backslashes or "
     "':'"},
    {0, 0, 0, 0, "sd@99999999999", 0, 0, SADDR_ERANGE, 3, 11,
     "sd@ index must be 0-2147483644"},
    {0, 0, 0, 0, "fd@", 0, 0, SADDR_ESYNTAX, 0, 3,
     "fd@ needs a descriptor number"},
    {0, 0, 0, 0, "sd@", 0, 0, SADDR_ESYNTAX, 0, 3,
     "sd@ needs a name or an index"},
    /* A word that names no HCI channel (all five are compared, no more). */
    {0, 0, 0, 0, "hci@0:bogus", 0, 0, SADDR_ESYNTAX, 6, 1,
     "HCI channel must be a decimal or 0x-hex number"},
    /* Each CAN form names itself when text follows it. */
    {0, 0, 0, 0, "can@vcan0:x", 0, 0, SADDR_ESYNTAX, 9, 2,
     "unexpected text after the address: the form is can@IFNAME"},
    {0, 0, 0, 0, "j1939@vcan0:1:2:3:4", 0, 0, SADDR_ESYNTAX, 17, 2,
     "unexpected text after the address: the form is "
     "j1939@IFNAME:NAME:PGN:ADDR"},
    {0, 0, 0, 0, "isotp@vcan0:1:2:3", 0, 0, SADDR_ESYNTAX, 15, 2,
     "unexpected text after the address: the form is isotp@IFNAME:RX:TX"},
    /* An empty hardware address: the span is empty, at the end. */
    {0, 0, 0, 0, "packet@lo:0x0800:0:0:", 0, 0, SADDR_ESYNTAX, 21, 0,
     "hardware address must be 1-8 hex octets such as 02:00:5e:10:00:01"},
    {0, 0, 0, 0, "packet@lo:0x0800:0:0:0z", 0, 0, SADDR_ESYNTAX, 21, 1,
     "hardware address must be 1-8 hex octets such as 02:00:5e:10:00:01"},
    {0, 0, 0, 0, "packet@lo:0x0800:0:0:01:02:03:04:05:06:07:08:09", 0, 0,
     SADDR_ETOOLONG, 21, 26, "hardware address must be at most 8 octets"},
};

static void check_one(const char *what, int family, int proto, int type,
                      unsigned flags, const char *text, size_t n, int one,
                      int rc, size_t off, size_t len, const char *message) {
  saddr_hints h = {0};
  h.family      = family;
  h.protocol    = proto;
  h.type        = type;
  h.flags       = flags;
  saddr_error e;
  memset(&e, 0, sizeof e);
  int got;
  if (one) {
    saddr_addr a;
    got = saddr_parse_addr(text, n, &h, &a, &e);
  } else {
    saddr_parsed p;
    got = saddr_parse(text, n, &h, &p, &e);
  }
  CHECK_CTX(got == rc, "%s: %s, expected %s", what, saddr_err_name(got),
            saddr_err_name(rc));
  CHECK_CTX(e.code == rc, "%s: error code %d", what, e.code);
  CHECK_CTX(e.offset == off && e.length == len,
            "%s: span %zu+%zu, expected %zu+%zu", what, (size_t)e.offset,
            (size_t)e.length, off, len);
  CHECK_CTX(strcmp(e.message, message) == 0,
            "%s: message\n  \"%s\", expected\n  \"%s\"", what, e.message,
            message);
}

static void check_rows(void) {
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    const row *r = &rows[i];
    char       what[160];
    snprintf(what, sizeof what, "row %zu '%.100s'", i, r->text);
    check_one(what, r->family, r->proto, r->type, r->flags, r->text,
              r->n ? r->n : strlen(r->text), r->one, r->rc, r->off, r->len,
              r->message);
  }
}

/* Inputs too long to write out: names, labels, paths, sd@ names. */
static void check_long(void) {
  char text[600];
  /* A 254-byte host name: four labels of 63 bytes, 62 in the last. */
  size_t n = 0;
  for (int l = 0; l < 4; l++) {
    memset(text + n, 'a' + l, l < 3 ? 63 : 62);
    n += l < 3 ? 63 : 62;
    text[n++] = l < 3 ? '.' : ':';
  }
  memcpy(text + n, "80", 3);
  check_one("254-byte name", 0, 0, 0, 0, text, n + 2, 0, SADDR_ETOOLONG, 0, 254,
            "host name is 254 bytes, at most 253 allowed");
  /* The same length as a tuple's host. */
  n = (size_t)snprintf(text, sizeof text, "('%0300d', 1)", 0);
  memset(text + 2, 'a', 300);
  check_one("300-byte tuple host", AF_INET, 0, 0, T, text, n, 0, SADDR_ETOOLONG,
            2, 300, "host name is 300 bytes, at most 253 allowed");
  /* A 64-byte label. */
  memset(text, 'a', 64);
  memcpy(text + 64, ".com:80", 8);
  check_one("64-byte label", 0, 0, 0, 0, text, 71, 0, SADDR_ETOOLONG, 0, 64,
            "host name label is longer than 63 bytes");
  /* AF_UNIX: a 108-byte abstract name (109 with its NUL), a 121-byte path. */
  text[0] = '@';
  memset(text + 1, 'n', 108);
  check_one("abstract name", 0, 0, 0, 0, text, 109, 0, SADDR_ETOOLONG, 0, 109,
            "AF_UNIX abstract name is 109 bytes with its leading NUL, at most "
            "108 allowed");
  text[0] = '/';
  memset(text + 1, 'd', 120);
  check_one("long path", 0, 0, 0, 0, text, 121, 0, SADDR_ETOOLONG, 0, 121,
            "AF_UNIX path is 121 bytes, at most 107 allowed");
  /* An sd@ name longer than a name may be. */
  memcpy(text, "sd@", 3);
  memset(text + 3, 'w', 256);
  check_one("long sd@ name", 0, 0, 0, 0, text, 259, 0, SADDR_ETOOLONG, 3, 256,
            "an sd@ name is at most 112 bytes");
  /* More tuple items than any form has. */
  n         = 0;
  text[n++] = '(';
  for (int i = 0; i < 40; i++)
    n += (size_t)snprintf(text + n, sizeof text - n, i ? ", 1" : "1");
  text[n++] = ')';
  check_one("40 items", AF_INET, 0, 0, T, text, n, 0, SADDR_EARITY, 25, 95,
            "too many tuple items (at most 8)");
}

/* Formatting messages: each with its code and span. */
static void check_format(const char *what, const void *sa, size_t len,
                         int family, int proto, int style, size_t cap, int rc,
                         size_t off, size_t elen, const char *message) {
  saddr_hints h = {.family = family, .protocol = proto};
  char        buf[SADDR_FORMAT_MAX];
  saddr_error e;
  memset(&e, 0, sizeof e);
  int got =
      saddr_format(sa, len, family || proto ? &h : NULL, style, buf, cap, &e);
  CHECK_CTX(got == rc, "%s: %d, expected %s", what, got, saddr_err_name(rc));
  CHECK_CTX(e.offset == off && e.length == elen,
            "%s: span %zu+%zu, expected %zu+%zu", what, (size_t)e.offset,
            (size_t)e.length, off, elen);
  CHECK_CTX(strcmp(e.message, message) == 0,
            "%s: message\n  \"%s\", expected\n  \"%s\"", what, e.message,
            message);
}

static void check_format_messages(void) {
  unsigned char b[64];
  memset(b, 0, sizeof b);
  b[0] = AF_INET;
  check_format("style 9", b, 16, 0, 0, 9, 64, SADDR_EINVAL, 0, 0,
               "invalid argument");
  check_format("1 byte", b, 1, 0, 0, SADDR_FORMAT_TUPLE, 64, SADDR_ELENGTH, 0,
               1, "address is 1 byte: too short for a family field");
  check_format("0 bytes", b, 0, 0, 0, SADDR_FORMAT_TUPLE, 64, SADDR_ELENGTH, 0,
               0, "address is 0 bytes: too short for a family field");
  check_format("no room", b, 16, 0, 0, SADDR_FORMAT_COMPACT, 4, SADDR_ENOSPACE,
               0, 0, "output buffer of 4 bytes is too small");
  check_format("short AF_INET", b, 8, 0, 0, SADDR_FORMAT_TUPLE, 64,
               SADDR_ELENGTH, 0, 8, "address is 8 bytes, at least 16 expected");
  b[0] = AF_INET6;
  b[7] = 1; /* sin6_flowinfo, network order: 1 */
  check_format("flowinfo", b, 28, 0, 0, SADDR_FORMAT_COMPACT, 64, SADDR_EINVAL,
               8, 4, "flowinfo 1 has no compact form: use tuple syntax");
  memset(b, 0, sizeof b);
  b[0] = AF_UNIX;
  check_format("1-byte AF_UNIX", b, 1, AF_UNIX, 0, SADDR_FORMAT_COMPACT, 64,
               SADDR_ELENGTH, 0, 1,
               "a 1-byte AF_UNIX address has no compact form");
  b[0] = AF_NETLINK;
  check_format("netlink 40", b, 12, 0, 40, SADDR_FORMAT_COMPACT, 64,
               SADDR_EINVAL, 0, 0,
               "netlink protocol 40 has no compact form (0-31)");
  b[0] = AF_BLUETOOTH;
  check_format("bluetooth 9", b, 14, 0, 9, SADDR_FORMAT_TUPLE, 64, SADDR_EINVAL,
               0, 0,
               "AF_BLUETOOTH protocol 9 is not BTPROTO_L2CAP, BTPROTO_HCI, "
               "BTPROTO_SCO or BTPROTO_RFCOMM");
  b[0] = AF_CAN;
  check_format("can 9", b, 24, 0, 9, SADDR_FORMAT_TUPLE, 64, SADDR_EINVAL, 0, 0,
               "AF_CAN protocol 9 is not CAN_RAW, CAN_BCM, CAN_ISOTP or "
               "CAN_J1939");
  b[0] = AF_TIPC;
  b[2] = 9; /* addrtype */
  check_format("tipc type 9", b, 16, 0, 0, SADDR_FORMAT_TUPLE, 64, SADDR_EINVAL,
               2, 1,
               "TIPC address type 9 is not TIPC_ADDR_NAMESEQ, TIPC_ADDR_NAME "
               "or TIPC_ADDR_ID");
}

/* The API's own messages: missing arguments, unknown families, a spec that
 * needs a resolver where one address is wanted. */
static void check_api_messages(void) {
  saddr_parsed p;
  saddr_addr   a;
  saddr_error  e;
  CHECK_INT(saddr_parse("1.2.3.4:1", 9, NULL, NULL, &e), SADDR_EINVAL);
  CHECK_STR(e.message, "invalid argument");
  CHECK_INT(saddr_parse_addr("1.2.3.4:1", 9, NULL, NULL, &e), SADDR_EINVAL);
  CHECK_STR(e.message, "invalid argument");
  saddr_hints odd = {.family = 12345};
  CHECK_INT(saddr_parse("(1, 2)", 6, &odd, &p, &e), SADDR_EFAMILY);
  CHECK_STR(e.message, "address family 12345 is not supported");
  CHECK_INT(e.offset, 0);
  CHECK_INT(e.length, 6);
  saddr_hints defer = {.flags = SADDR_DEFER};
  CHECK_INT(saddr_parse_addr("example.com:80", 14, &defer, &a, &e),
            SADDR_ERESOLVE);
  CHECK_STR(e.message, "the spec needs resolution: use the resolver");
  CHECK_INT(e.offset, 0);
  CHECK_INT(e.length, 14);
}

int main(void) {
  check_rows();
  check_long();
  check_format_messages();
  check_api_messages();
  return th_done();
}
