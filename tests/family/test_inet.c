/* AF_INET / AF_INET6 / AF_RDS in both syntaxes: input -> exact sockaddr
 * bytes, or error code and offset; then format -> parse round trips. */
#include "harness.h"
#include "internal.h"

#define T      SADDR_SYNTAX_TUPLE
#define NOPORT -1

typedef struct row {
  int         family;
  unsigned    flags;
  int         port; /* default port, or NOPORT */
  const char *text;
  int         rc;
  size_t      off;    /* error offset */
  const char *hex[2]; /* expected sockaddrs */
} row;

#define V4(p, a)       "0200" p a "0000000000000000"
#define V6(p, f, a, s) "0a00" p f a s
#define Z6             "00000000000000000000000000000000"
#define L6             "00000000000000000000000000000001"

/* The rows keep one spec a line, which clang-format would break apart. */
/* clang-format off */
static const row rows[] = {
    /* compact: literals, wildcards, localhost */
    {0, 0, NOPORT, "192.0.2.1:80", 0, 0, {V4("0050", "c0000201")}},
    {0, 0, NOPORT, "[2001:db8::1]:443", 0, 0,
     {V6("01bb", "00000000", "20010db8000000000000000000000001", "00000000")}},
    {0, 0, NOPORT, "[fe80::1%1]:53", 0, 0,
     {V6("0035", "00000000", "fe800000000000000000000000000001", "01000000")}},
    {0, 0, NOPORT, "[fe80::1%lo]:53", 0, 0,
     {V6("0035", "00000000", "fe800000000000000000000000000001", "01000000")}},
    {0, 0, NOPORT, "[fe80::1%0]:53", 0, 0,
     {V6("0035", "00000000", "fe800000000000000000000000000001", "00000000")}},
    {0, 0, NOPORT, "[::1%lo]:1", 0, 0, {V6("0001", "00000000", L6, "01000000")}},
    {0, 0, NOPORT, "0.0.0.0:80", 0, 0, {V4("0050", "00000000")}},
    {0, 0, NOPORT, "[::]:80", 0, 0, {V6("0050", "00000000", Z6, "00000000")}},
    {0, 0, NOPORT, "*:80", 0, 0,
     {V6("0050", "00000000", Z6, "00000000"), V4("0050", "00000000")}},
    {0, 0, NOPORT, ":80", 0, 0,
     {V6("0050", "00000000", Z6, "00000000"), V4("0050", "00000000")}},
    {0, 0, NOPORT, "80", 0, 0,
     {V6("0050", "00000000", Z6, "00000000"), V4("0050", "00000000")}},
    {0, 0, NOPORT, "0", 0, 0,
     {V6("0000", "00000000", Z6, "00000000"), V4("0000", "00000000")}},
    {AF_INET, 0, NOPORT, "*:80", 0, 0, {V4("0050", "00000000")}},
    {AF_INET6, 0, NOPORT, "80", 0, 0, {V6("0050", "00000000", Z6, "00000000")}},
    {0, 0, NOPORT, "localhost:80", 0, 0,
     {V6("0050", "00000000", L6, "00000000"), V4("0050", "7f000001")}},
    {0, 0, NOPORT, "LocalHost.:80", 0, 0,
     {V6("0050", "00000000", L6, "00000000"), V4("0050", "7f000001")}},
    {0, 0, NOPORT, "a.b.localhost:80", 0, 0,
     {V6("0050", "00000000", L6, "00000000"), V4("0050", "7f000001")}},
    {AF_INET, 0, NOPORT, "localhost:65535", 0, 0, {V4("ffff", "7f000001")}},
    /* IDNA maps full-width letters to localhost: still answered locally. */
    {AF_INET, 0, NOPORT,
     "\xef\xbd\x8c\xef\xbd\x8f\xef\xbd\x83\xef\xbd\x81\xef\xbd\x8c"
     "\xef\xbd\x88\xef\xbd\x8f\xef\xbd\x93\xef\xbd\x94:1",
     0, 0, {V4("0001", "7f000001")}},
    {0, 0, NOPORT, "255.255.255.255:65535", 0, 0, {V4("ffff", "ffffffff")}},
    {0, 0, NOPORT, "[::ffff:1.2.3.4]:1", 0, 0,
     {V6("0001", "00000000", "00000000000000000000ffff01020304", "00000000")}},
    {0, 0, NOPORT, "tcp4@1.2.3.4:1", 0, 0, {V4("0001", "01020304")}},
    {0, 0, NOPORT, "udp6@[::1]:1", 0, 0, {V6("0001", "00000000", L6, "00000000")}},
    {0, 0, NOPORT, "ip@*:7", 0, 0,
     {V6("0007", "00000000", Z6, "00000000"), V4("0007", "00000000")}},
    /* default port */
    {0, SADDR_DEFAULT_PORT, 53, "192.0.2.1", 0, 0, {V4("0035", "c0000201")}},
    {0, SADDR_DEFAULT_PORT, 53, "2001:db8::1:443", 0, 0,
     {V6("0035", "00000000", "20010db8000000000000000000010443", "00000000")}},
    {0, SADDR_DEFAULT_PORT, 53, "[::1]", 0, 0,
     {V6("0035", "00000000", L6, "00000000")}},
    {0, SADDR_DEFAULT_PORT, 53, "fe80::2%lo", 0, 0,
     {V6("0035", "00000000", "fe800000000000000000000000000002", "01000000")}},
    {0, SADDR_DEFAULT_PORT, 53, "*", 0, 0,
     {V6("0035", "00000000", Z6, "00000000"), V4("0035", "00000000")}},
    /* compact errors */
    {0, 0, NOPORT, "2001:db8::1:443", SADDR_EBRACKETS, 0, {0}},
    {0, 0, NOPORT, "fe80::1%lo:80", SADDR_EBRACKETS, 0, {0}},
    {0, 0, NOPORT, "::1", SADDR_ENOPORT, 0, {0}},
    {0, 0, NOPORT, "192.0.2.1", SADDR_ENOPORT, 0, {0}},
    {0, 0, NOPORT, "localhost", SADDR_ENOPORT, 0, {0}},
    {0, 0, NOPORT, "1.2.3.4:", SADDR_ENOPORT, 8, {0}},
    {0, 0, NOPORT, ":99999", SADDR_EPORT, 1, {0}},
    {0, 0, NOPORT, "1.2.3.4:65536", SADDR_EPORT, 8, {0}},
    {0, 0, NOPORT, "1.2.3.4:080", SADDR_EPORT, 8, {0}},
    {0, 0, NOPORT, "1.2.3.4:+80", SADDR_EPORT, 8, {0}},
    {0, 0, NOPORT, "1.2.3.4:0x50", SADDR_EPORT, 8, {0}},
    {0, 0, NOPORT, "1.2.3.4: 80", SADDR_EPORT, 8, {0}},
    {0, 0, NOPORT, "1.2.3.4:http", SADDR_ESERVICE, 8, {0}},
    {0, 0, NOPORT, "[::1", SADDR_EIPV6, 0, {0}},
    {0, 0, NOPORT, "[1.2.3.4]:80", SADDR_EIPV6, 1, {0}},
    {0, 0, NOPORT, "[]:80", SADDR_EIPV6, 1, {0}},
    {0, 0, NOPORT, "[::1]%lo:80", SADDR_EZONE, 5, {0}},
    {0, 0, NOPORT, "[::1]:80%lo", SADDR_EZONE, 5, {0}},
    {0, 0, NOPORT, "[::1]x", SADDR_ESYNTAX, 5, {0}},
    {0, 0, NOPORT, "[fe80::1%nosuchif0]:1", SADDR_ENOIFACE, 9, {0}},
    {0, 0, NOPORT, "[fe80::1%0123456789abcdef]:1", SADDR_EZONE, 10, {0}},
    {0, 0, NOPORT, "[fe80::1%abcdefghijklmnop]:1", SADDR_ETOOLONG, 9, {0}},
    {0, 0, NOPORT, "[fe80::1%4294967296]:1", SADDR_ERANGE, 9, {0}},
    {0, 0, NOPORT, "[fe80::1%]:1", SADDR_EZONE, 9, {0}},
    {0, 0, NOPORT, "[fe80::1::2]:1", SADDR_EIPV6, 1, {0}},
    {0, 0, NOPORT, "[12345::]:1", SADDR_EIPV6, 1, {0}},
    {0, 0, NOPORT, "1.2.3:80", SADDR_EIPV4LEGACY, 0, {0}},
    {0, 0, NOPORT, "127.1:80", SADDR_EIPV4LEGACY, 0, {0}},
    {0, 0, NOPORT, "010.0.0.1:80", SADDR_EIPV4LEGACY, 0, {0}},
    {0, 0, NOPORT, "0x7f.0.0.1:80", SADDR_EIPV4LEGACY, 0, {0}},
    {0, SADDR_DEFAULT_PORT, 1, "2130706433.", SADDR_EIPV4LEGACY, 0, {0}},
    {0, 0, NOPORT, "example.0x10:80", SADDR_EIPV4LEGACY, 0, {0}},
    {0, 0, NOPORT, "example.123:80", SADDR_EIPV4LEGACY, 0, {0}},
    {0, 0, NOPORT, "256.1.1.1:80", SADDR_EIPV4, 0, {0}},
    {0, 0, NOPORT, "1.2.3.4.5:80", SADDR_EIPV4, 0, {0}},
    /* Only the last label decides whether a host is a number: these are
     * names (digits, dots, 'x' and hex letters first, any TLD shape). */
    {0, 0, NOPORT, "3d.de:80", SADDR_ERESOLVE, 0, {0}},
    {0, 0, NOPORT, "365.de:80", SADDR_ERESOLVE, 0, {0}},
    {0, 0, NOPORT, "123.cafe:80", SADDR_ERESOLVE, 0, {0}},
    {0, 0, NOPORT, "51.ca:80", SADDR_ERESOLVE, 0, {0}},
    {0, 0, NOPORT, "10.be:80", SADDR_ERESOLVE, 0, {0}},
    {0, 0, NOPORT, "0x1.de:80", SADDR_ERESOLVE, 0, {0}},
    {0, 0, NOPORT, "2fa.de:80", SADDR_ERESOLVE, 0, {0}},
    {0, 0, NOPORT, "1.2.3.4a:80", SADDR_ERESOLVE, 0, {0}},
    {0, 0, NOPORT, "1.2.3.4.de:80", SADDR_ERESOLVE, 0, {0}},
    {0, 0, NOPORT, "0.de.:80", SADDR_ERESOLVE, 0, {0}},
    {0, 0, NOPORT, "1e100.net:80", SADDR_ERESOLVE, 0, {0}},
    {0, 0, NOPORT, "9.xn--p1ai:80", SADDR_ERESOLVE, 0, {0}},
    {0, 0, NOPORT, "0xbad:80", SADDR_EIPV4LEGACY, 0, {0}},
    {0, 0, NOPORT, "3d.de.0x:80", SADDR_EIPV4, 0, {0}},
    {0, 0, NOPORT, "3d.10:80", SADDR_EIPV4, 0, {0}},
    {0, 0, NOPORT, "de.0x1f:80", SADDR_EIPV4LEGACY, 0, {0}},
    {0, 0, NOPORT, "1.2.3.999:80", SADDR_EIPV4, 6, {0}},
    {0, 0, NOPORT, "1.2.3.4.5.:80", SADDR_EIPV4, 0, {0}},
    {0, 0, NOPORT, "0xa.1.1.1:80", SADDR_EIPV4LEGACY, 0, {0}},
    {0, 0, NOPORT, "0x1:80", SADDR_EIPV4LEGACY, 0, {0}},
    {AF_INET, T, NOPORT, "('3d.de', 80)", SADDR_ERESOLVE, 2, {0}},
    {AF_INET6, T, NOPORT, "('0x1.de', 80)", SADDR_ERESOLVE, 2, {0}},
    /* "*.localhost" is loopback only when it is a valid host name. */
    {0, 0, NOPORT, "x.localhost:80", 0, 0,
     {V6("0050", "00000000", L6, "00000000"), V4("0050", "7f000001")}},
    {AF_INET, 0, NOPORT, "A_b.X.LocalHost.:80", 0, 0, {V4("0050", "7f000001")}},
    {AF_INET, 0, NOPORT, "3d.localhost:80", 0, 0, {V4("0050", "7f000001")}},
    {0, 0, NOPORT, "a b.localhost:80", SADDR_EHOSTNAME, 1, {0}},
    {0, 0, NOPORT, "a..b.localhost:80", SADDR_EHOSTNAME, 2, {0}},
    {0, 0, NOPORT, ".x.localhost:80", SADDR_EHOSTNAME, 0, {0}},
    {0, 0, NOPORT, ".localhost:80", SADDR_EHOSTNAME, 0, {0}},
    {0, 0, NOPORT, "..localhost:80", SADDR_EHOSTNAME, 0, {0}},
    {0, 0, NOPORT, "localhost..:80", SADDR_EHOSTNAME, 10, {0}},
    {0, 0, NOPORT, "x\x0elocalhost:80", SADDR_EHOSTNAME, 1, {0}},
    {0, 0, NOPORT, "xlocalhost:80", SADDR_EHOSTNAME, 1, {0}},
    {0, 0, NOPORT, "xlocalhos:80", SADDR_EHOSTNAME, 1, {0}},
    {0, 0, NOPORT, "-a.localhost:80", SADDR_EHOSTNAME, 0, {0}},
    {0, 0, NOPORT, "a-.localhost:80", SADDR_EHOSTNAME, 1, {0}},
    {0, 0, NOPORT, "a/b.localhost:80", SADDR_EHOSTNAME, 1, {0}},
    {0, 0, NOPORT, "xlocalhost:80", SADDR_ERESOLVE, 0, {0}},
    {0, 0, NOPORT,
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     ".localhost:80",
     SADDR_ETOOLONG, 0, {0}},
    {AF_INET, T, NOPORT, "('a b.localhost', 1)", SADDR_EHOSTNAME, 3, {0}},
    {AF_INET, T, NOPORT, "('x\\x00.localhost', 1)", SADDR_ENUL, 1, {0}},
    {AF_INET, T, NOPORT, "('.localhost', 1)", SADDR_EHOSTNAME, 2, {0}},
    {0, 0, NOPORT, "example.com:443", SADDR_ERESOLVE, 0, {0}},
    {0, 0, NOPORT, "exa_mple.com:443", SADDR_ERESOLVE, 0, {0}},
    {0, 0, NOPORT, "-bad.example:1", SADDR_EHOSTNAME, 0, {0}},
    {0, 0, NOPORT, "a..b:1", SADDR_EHOSTNAME, 2, {0}},
    {0, 0, NOPORT, "a b:1", SADDR_EHOSTNAME, 1, {0}},
    {0, 0, NOPORT, " 1.2.3.4:1", SADDR_EHOSTNAME, 0, {0}},
    {0, 0, NOPORT, "bad@1.2.3.4:1", SADDR_ESCHEME, 0, {0}},
    {0, 0, NOPORT, "bogus+1.2.3.4:1", SADDR_ESCHEME, 0, {0}},
    {AF_INET, 0, NOPORT, "[::1]:1", SADDR_EFAMILY, 1, {0}},
    {AF_INET6, 0, NOPORT, "1.2.3.4:1", SADDR_EFAMILY, 0, {0}},
    {AF_INET, 0, NOPORT, "ip6@[::1]:1", SADDR_EFAMILY, 0, {0}},
    {0, 0, NOPORT, "", SADDR_EEMPTY, 0, {0}},
    /* tuples */
    {AF_INET, T, NOPORT, "('127.0.0.1', 80)", 0, 0, {V4("0050", "7f000001")}},
    {AF_INET, T, NOPORT, " ( '127.0.0.1' ,\n80 , ) ", 0, 0,
     {V4("0050", "7f000001")}},
    {AF_INET, T, NOPORT, "(b'127.0.0.1', True)", 0, 0,
     {V4("0001", "7f000001")}},
    {AF_INET, T, NOPORT, "(\"\\x31\\x32\\x37.0.0.1\", 0o17)", 0, 0,
     {V4("000f", "7f000001")}},
    {AF_INET, T, NOPORT, "('', 0x1_F)", 0, 0, {V4("001f", "00000000")}},
    {AF_INET, T, NOPORT, "('<broadcast>', 0b1)", 0, 0,
     {V4("0001", "ffffffff")}},
    {AF_INET, T, NOPORT, "('localhost', 1)", 0, 0, {V4("0001", "7f000001")}},
    {AF_INET6, T, NOPORT, "('::1', 80, 0, 0)", 0, 0,
     {V6("0050", "00000000", L6, "00000000")}},
    {AF_INET6, T, NOPORT, "('::1', 80, 0xfffff, 7)", 0, 0,
     {V6("0050", "000fffff", L6, "07000000")}},
    {AF_INET6, T, NOPORT, "('fe80::1%lo', 80)", 0, 0,
     {V6("0050", "00000000", "fe800000000000000000000000000001", "01000000")}},
    {AF_INET6, T, NOPORT, "('fe80::1%lo', 80, 0, 1)", 0, 0,
     {V6("0050", "00000000", "fe800000000000000000000000000001", "01000000")}},
    {AF_INET6, T, NOPORT, "('fe80::1%0', 80, 0, 9)", 0, 0,
     {V6("0050", "00000000", "fe800000000000000000000000000001", "09000000")}},
    {AF_INET6, T, NOPORT, "('', 65535)", 0, 0,
     {V6("ffff", "00000000", Z6, "00000000")}},
    {AF_INET6, T, NOPORT, "('::', 1, 0, 4294967295)", 0, 0,
     {V6("0001", "00000000", Z6, "ffffffff")}},
    {0, T, NOPORT, "('', 80)", 0, 0,
     {V6("0050", "00000000", Z6, "00000000"), V4("0050", "00000000")}},
    {0, T, NOPORT, "('192.0.2.1', 80)", 0, 0, {V4("0050", "c0000201")}},
    {0, T, NOPORT, "('::1', 80)", 0, 0,
     {V6("0050", "00000000", L6, "00000000")}},
    {0, T, NOPORT, "('::1', 80, 1)", 0, 0,
     {V6("0050", "00000001", L6, "00000000")}},
    {AF_RDS, T, NOPORT, "('127.0.0.1', 80)", 0, 0, {V4("0050", "7f000001")}},
    {AF_INET, T, NOPORT, "('1.2.3.4', 65536)", SADDR_ERANGE, 12, {0}},
    {AF_INET, T, NOPORT, "('1.2.3.4', -1)", SADDR_ERANGE, 12, {0}},
    {AF_INET, T, NOPORT, "('1.2.3.4', 99999999999999999999999)",
     SADDR_ERANGE, 12, {0}},
    {AF_INET, T, NOPORT, "('1.2.3.4', '80')", SADDR_ETYPE, 12, {0}},
    {AF_INET, T, NOPORT, "('1.2.3.4', None)", SADDR_ETYPE, 12, {0}},
    {AF_INET, T, NOPORT, "(80, 80)", SADDR_ETYPE, 1, {0}},
    {AF_INET, T, NOPORT, "('1.2.3.4', 1, 2)", SADDR_EARITY, 0, {0}},
    {AF_INET, T, NOPORT, "('1.2.3.4',)", SADDR_EARITY, 0, {0}},
    {AF_INET, T, NOPORT, "('1.2.3.4')", SADDR_ETUPLE, 0, {0}},
    {AF_INET, T, NOPORT, "'1.2.3.4'", SADDR_ETUPLE, 0, {0}},
    {AF_INET, T, NOPORT, "(", SADDR_ETUPLE, 1, {0}},
    {AF_INET, T, NOPORT, "('a', 1", SADDR_ETUPLE, 7, {0}},
    {AF_INET, T, NOPORT, "('a, 1)", SADDR_ESTRING, 1, {0}},
    {AF_INET, T, NOPORT, "('\\q', 1)", SADDR_EESCAPE, 2, {0}},
    {AF_INET, T, NOPORT, "('\\x4', 1)", SADDR_EESCAPE, 2, {0}},
    {AF_INET, T, NOPORT, "('1.2.3.4', 1) x", SADDR_ETUPLE, 15, {0}},
    {AF_INET, T, NOPORT, "('1.2.3.4', 08)", SADDR_ESYNTAX, 12, {0}},
    {AF_INET, T, NOPORT, "('1.2.3.4', 1__0)", SADDR_ESYNTAX, 12, {0}},
    {AF_INET, T, NOPORT, "('1.2.3.4', 1.5)", SADDR_ESYNTAX, 12, {0}},
    {AF_INET, T, NOPORT, "('1.2.3.4', NOPE)", SADDR_ECONST, 12, {0}},
    {AF_INET, T, NOPORT, "('1.2.3', 1)", SADDR_EIPV4LEGACY, 2, {0}},
    {AF_INET, T, NOPORT, "('127.1', 1)", SADDR_EIPV4LEGACY, 2, {0}},
    {AF_INET, T, NOPORT, "('2130706433', 1)", SADDR_EIPV4LEGACY, 2, {0}},
    {AF_INET, T, NOPORT, "('::ffff:1.2.3.4', 1)", SADDR_EFAMILY, 2, {0}},
    {AF_INET, T, NOPORT, "('<BROADCAST>', 1)", SADDR_EHOSTNAME, 2, {0}},
    {AF_INET, T, NOPORT, "('a\\x00b', 1)", SADDR_ENUL, 1, {0}},
    {AF_INET, T, NOPORT, "('\xef\xbc\x91\xef\xbc\x92\xef\xbc\x97.0.0.1', 1)",
     SADDR_ENUMERIC, 2, {0}},
    {AF_INET, T, NOPORT, "('\xff', 1)", SADDR_EUTF8, 2, {0}},
    {AF_INET, T, NOPORT, "('www.python.org', 80)", SADDR_ERESOLVE, 2, {0}},
    {AF_INET, T, NOPORT, "('1.2.3.4', 1)", 0, 0, {V4("0001", "01020304")}},
    {AF_INET6, T, NOPORT, "('1.2.3.4', 1)", SADDR_EFAMILY, 2, {0}},
    {AF_INET6, T, NOPORT, "('<broadcast>', 1)", SADDR_EFAMILY, 2, {0}},
    {AF_INET6, T, NOPORT, "('::1', 1, 0x100000)", SADDR_ERANGE, 11, {0}},
    {AF_INET6, T, NOPORT, "('::1', 1, 0, 4294967296)", SADDR_ERANGE, 14, {0}},
    {AF_INET6, T, NOPORT, "('::1', 1, 0, -1)", SADDR_ERANGE, 14, {0}},
    {AF_INET6, T, NOPORT, "('fe80::1%lo', 1, 0, 2)", SADDR_ESCOPE, 2, {0}},
    {AF_INET6, T, NOPORT, "('[::1]', 1)", SADDR_EIPV6, 2, {0}},
    {AF_INET6, T, NOPORT, "('::1', 1, 0, 0, 0)", SADDR_EARITY, 0, {0}},
    {AF_INET6, T, NOPORT, "('fe80::1%nosuchif0', 1)", SADDR_ENOIFACE, 10, {0}},
};
/* clang-format on */

static void check_row(size_t i, const row *r) {
  saddr_hints h = {.family = r->family, .flags = r->flags};
  if (r->port != NOPORT) {
    h.flags |= SADDR_DEFAULT_PORT;
    h.default_port = (uint16_t)r->port;
  }
  saddr_parsed p;
  saddr_error  e;
  memset(&e, 0, sizeof e);
  int rc = saddr_parse(r->text, strlen(r->text), &h, &p, &e);
  CHECK_CTX(rc == r->rc, "row %zu '%s': rc %s (%s), expected %s", i, r->text,
            saddr_err_name(rc), rc ? e.message : "", saddr_err_name(r->rc));
  if (rc != 0 || r->rc != 0) {
    CHECK_CTX(rc == 0 || e.offset == r->off,
              "row %zu '%s': offset %zu, expected %zu (%s)", i, r->text,
              e.offset, r->off, e.message);
    CHECK_CTX(rc == 0 || e.offset + e.length <= strlen(r->text),
              "row %zu: error span past the input", i);
    return;
  }
  size_t want = r->hex[1] ? 2 : 1;
  CHECK_CTX(p.count == want, "row %zu '%s': %zu addresses, expected %zu", i,
            r->text, p.count, want);
  for (size_t k = 0; k < p.count && k < want; k++) {
    char hex[300];
    th_hex(&p.addr[k].sa, p.addr[k].len, hex);
    CHECK_CTX(strcmp(hex, r->hex[k]) == 0,
              "row %zu '%s' addr %zu: %s, "
              "expected %s",
              i, r->text, k, hex, r->hex[k]);
    for (size_t z = p.addr[k].len; z < sizeof p.addr[k].sa; z++)
      CHECK_CTX(p.addr[k].sa.bytes[z] == 0, "row %zu: byte %zu not zeroed", i,
                z);
  }
}

/* Every address formats both ways, and each text parses back identically. */
static void check_round_trip(size_t i, const row *r) {
  saddr_hints h = {.family       = r->family,
                   .flags        = r->flags,
                   .default_port = (uint16_t)r->port};
  if (r->port != NOPORT)
    h.flags |= SADDR_DEFAULT_PORT;
  saddr_parsed p, q;
  if (r->rc != 0 || saddr_parse(r->text, strlen(r->text), &h, &p, NULL) != 0)
    return;
  for (size_t k = 0; k < p.count; k++) {
    const saddr_addr *a = &p.addr[k];
    for (int style = 0; style < 2; style++) {
      char        text[SADDR_FORMAT_MAX];
      saddr_error e;
      int         n = saddr_format_addr(a, style, text, sizeof text, &e);
      if (n < 0 && style == SADDR_FORMAT_COMPACT && a->family == AF_INET6 &&
          a->sa.in6.sin6_flowinfo != 0)
        continue; /* flowinfo has no compact form */
      CHECK_CTX(n > 0, "row %zu: format %d failed: %s", i, style, e.message);
      saddr_hints back = {.family = a->family,
                          .type   = a->type,
                          .flags  = style ? SADDR_SYNTAX_COMPACT
                                          : SADDR_SYNTAX_TUPLE};
      int         rc   = saddr_parse(text, (size_t)n, &back, &q, &e);
      CHECK_CTX(rc == 0 && q.count == 1 && q.addr[0].len == a->len &&
                    memcmp(&q.addr[0].sa, &a->sa, a->len) == 0,
                "row %zu: '%s' does not parse back (%s)", i, text,
                rc ? e.message : "different bytes");
    }
  }
}

static void check_formats(void) {
  static const struct {
    int         family;
    const char *text, *tuple, *compact;
  } f[] = {
      {AF_INET, "192.0.2.1:80", "('192.0.2.1', 80)", "192.0.2.1:80"},
      {AF_INET6, "[2001:db8:0:0:1:0:0:1]:443",
       "('2001:db8::1:0:0:1', 443, 0, 0)", "[2001:db8::1:0:0:1]:443"},
      {AF_INET6, "[::2:3]:1", "('::0.2.0.3', 1, 0, 0)", "[::2:3]:1"},
      {AF_INET6, "[::ffff:1.2.3.4]:1", "('::ffff:1.2.3.4', 1, 0, 0)",
       "[::ffff:1.2.3.4]:1"},
      {AF_INET6, "[2001:DB8:0::0:1]:1", "('2001:db8::1', 1, 0, 0)",
       "[2001:db8::1]:1"},
      {AF_INET6, "[fe80::1%lo]:1", "('fe80::1', 1, 0, 1)", "[fe80::1%lo]:1"},
      {AF_INET6, "[fe80::1%4000000000]:1", "('fe80::1', 1, 0, 4000000000)",
       "[fe80::1%4000000000]:1"},
      {AF_RDS, "rds@1.2.3.4:5", "('1.2.3.4', 5)", "rds@1.2.3.4:5"},
      {AF_INET, "dgram+1.2.3.4:5", "('1.2.3.4', 5)", "dgram+1.2.3.4:5"},
  };
  for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
    saddr_hints h = {.family = f[i].family};
    saddr_addr  a;
    saddr_error e;
    char        text[SADDR_FORMAT_MAX];
    int         rc = saddr_parse_addr(f[i].text, strlen(f[i].text), &h, &a, &e);
    CHECK_CTX(rc == 0, "format row %zu: %s", i, rc ? e.message : "");
    if (rc != 0)
      continue;
    saddr_format_addr(&a, SADDR_FORMAT_TUPLE, text, sizeof text, NULL);
    CHECK_STR(text, f[i].tuple);
    saddr_format_addr(&a, SADDR_FORMAT_COMPACT, text, sizeof text, NULL);
    CHECK_STR(text, f[i].compact);
  }
}

/* Flags and the deferred-resolution fields. */
static void check_flags_and_defer(void) {
  saddr_parsed p;
  CHECK_INT(saddr_parse("*:80", 4, NULL, &p, NULL), 0);
  CHECK(p.addr[0].flags & SADDR_ADDR_ALLFAM);
  CHECK(p.addr[0].flags & SADDR_ADDR_V6ONLY);
  CHECK(p.addr[1].flags & SADDR_ADDR_WILDCARD);
  saddr_hints dual = {.flags = SADDR_DUALSTACK};
  CHECK_INT(saddr_parse("[::]:80", 7, &dual, &p, NULL), 0);
  CHECK(!(p.addr[0].flags & SADDR_ADDR_V6ONLY));
  saddr_hints defer = {
      .type = SOCK_DGRAM, .protocol = 17, .flags = SADDR_DEFER};
  const char *spec = "Example.COM.:https";
  CHECK_INT(saddr_parse(spec, strlen(spec), &defer, &p, NULL), 0);
  CHECK_INT(p.count, 0);
  CHECK_INT(p.need, SADDR_NEED_HOST | SADDR_NEED_SERVICE);
  CHECK_STR(p.host, "example.com");
  CHECK_STR(p.service, "https");
  CHECK_INT(p.type, SOCK_DGRAM);
  CHECK_INT(p.protocol, 17);
  CHECK_INT(p.host_offset, 0);
  CHECK_INT(p.service_offset, 13);
  const char *bucher = "b\xc3\xbc"
                       "cher.example:80";
  CHECK_INT(saddr_parse(bucher, strlen(bucher), &defer, &p, NULL), 0);
  CHECK_STR(p.host, "xn--bcher-kva.example");
  CHECK_INT(p.port, 80);
  CHECK_INT(saddr_parse("1.2.3.4:ssh", 11, &defer, &p, NULL), 0);
  CHECK_INT(p.count, 1);
  CHECK_INT(p.need, SADDR_NEED_SERVICE);
  saddr_addr a;
  CHECK_INT(saddr_parse_addr("*:80", 4, NULL, &a, NULL), SADDR_EINVAL);
  char big[300];
  memset(big, 'a', sizeof big);
  memcpy(big + 290, ".com:80", 7);
  CHECK_INT(saddr_parse(big, 297, NULL, &p, NULL), SADDR_ETOOLONG);
  CHECK_INT(saddr_parse("x.y:1\0", 6, NULL, &p, NULL), SADDR_EPORT);
  CHECK_INT(saddr_parse(NULL, 0, NULL, &p, NULL), SADDR_EEMPTY);
  CHECK_INT(saddr_parse(NULL, 1, NULL, &p, NULL), SADDR_EINVAL);
}

/* What table rows cannot hold: a NUL byte and very long names before
 * ".localhost", and digit-initial names through the deferred path. */
static void check_localhost_limits(void) {
  saddr_parsed p;
  saddr_error  e;
  CHECK_INT(saddr_parse("a\0.localhost:80", 15, NULL, &p, &e), SADDR_ENUL);
  CHECK_INT(e.offset, 1);
  CHECK_INT(saddr_parse("\0.localhost:80", 14, NULL, &p, &e), SADDR_ENUL);
  char big[400];
  memset(big, 'a', 300);
  memcpy(big + 300, ".localhost:80", 13);
  CHECK_INT(saddr_parse(big, 313, NULL, &p, &e), SADDR_ETOOLONG);
  /* 4 labels of 63 = 255 bytes with the dots, then ".localhost". */
  size_t n = 0;
  for (int l = 0; l < 4; l++) {
    memset(big + n, 'b', 63);
    n += 63;
    big[n++] = '.';
  }
  memcpy(big + n, "localhost:80", 12);
  CHECK_INT(saddr_parse(big, n + 12, NULL, &p, &e), SADDR_ETOOLONG);
  /* 3 labels of 63 and one of 51: 253 bytes in all, loopback. */
  memset(big, 'c', 63 * 3 + 3 + 51);
  big[63] = big[127] = big[191] = '.';
  memcpy(big + 243, ".localhost:80", 14);
  CHECK_INT(saddr_parse(big, 243 + 13, NULL, &p, &e), 0);
  memset(big, 'c', 244);
  big[63] = big[127] = big[191] = '.';
  memcpy(big + 244, ".localhost:80", 13);
  CHECK_INT(saddr_parse(big, 244 + 13, NULL, &p, &e), SADDR_ETOOLONG);
  saddr_hints              defer   = {.flags = SADDR_DEFER};
  static const char *const names[] = {"3d.de", "365.de", "123.cafe", "51.ca",
                                      "10.be", "0x1.de", "2fa.de"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    char text[64];
    int  len = snprintf(text, sizeof text, "%s:80", names[i]);
    int  rc  = saddr_parse(text, (size_t)len, &defer, &p, &e);
    CHECK_CTX(rc == 0 && p.need == SADDR_NEED_HOST &&
                  strcmp(p.host, names[i]) == 0 && p.port == 80,
              "deferred '%s': %s", text, saddr_err_name(rc));
  }
}

int main(void) {
  check_localhost_limits();
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
    check_row(i, &rows[i]);
    check_round_trip(i, &rows[i]);
  }
  check_formats();
  check_flags_and_defer();
  return th_done();
}
