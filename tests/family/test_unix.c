/* AF_UNIX: str and bytes paths, abstract names, autobind and the lengths
 * CPython sends; the compact /path, unix:path, @name and unix@ forms; the
 * formatter on kernel-style addresses, bounded by their length. */
#include "famtest.h"

#define U    AF_UNIX
#define A10  "aaaaaaaaaa"
#define A50  A10 A10 A10 A10 A10
#define A106 A50 A50 "aaaaaa"
#define H10  "61616161616161616161"
#define H50  H10 H10 H10 H10 H10
#define H106 H50 H50 "616161616161"

static const prow rows[] = {
    /* tuples: paths get a counted NUL, abstract names do not */
    OK(U, 0, TUP, "'/tmp/x'", "01002f746d702f7800", "'/tmp/x'", "/tmp/x"),
    OK(U, 0, TUP, "b'/tmp/x'", "01002f746d702f7800", "'/tmp/x'", "/tmp/x"),
    OK(U, 0, TUP, "''", "0100", "''", "unix@"),
    OK(U, 0, TUP, "b''", "0100", "''", "unix@"),
    OK(U, 0, TUP, "b'\\x00app'", "010000617070", "b'\\x00app'", "@app"),
    OK(U, 0, TUP, "'\\x00app'", "010000617070", "b'\\x00app'", "@app"),
    OK(U, 0, TUP, "'\\0app'", "010000617070", "b'\\x00app'", "@app"),
    OK(U, 0, TUP, "b'\\x00'", "010000", "b'\\x00'", "@"),
    OK(U, 0, TUP, "b'\\x00a\\x00b\\x00'", "01000061006200",
       "b'\\x00a\\x00b\\x00'", "@a\\x00b\\x00"),
    OK(U, 0, TUP, "'\\udcff'", "0100ff00", "'\\udcff'", "unix@\\xff"),
    OK(U, 0, TUP, "'\\udc80x'", "0100807800", "'\\udc80x'", "unix@\\x80x"),
    OK(U, 0, TUP, "'\xc3\xa9'", "0100c3a900", "'\\xe9'", "unix@\\xc3\\xa9"),
    OK(U, 0, TUP, "'caf\\xe9'", "0100636166c3a900", "'caf\\xe9'",
       "unix@caf\\xc3\\xa9"),
    OK(U, 0, TUP, "r'a\\b'", "0100615c6200", "'a\\\\b'", "unix:a\\b"),
    OK(U, 0, TUP, "'@x'", "0100407800", "'@x'", "unix:@x"),
    OK(U, 0, TUP, "'@\\n'", "0100400a00", "'@\\n'", "unix@\\x40\\x0a"),
    OK(U, 0, TUP, "\"it's\"",
       "010069742773"
       "00",
       "\"it's\"", "unix:it's"),
    OK(U, 0, TUP, " ( '/x' ) ", "01002f7800", "'/x'", "/x"),
    OK(U, 0, TUP, "'/" A106 "'", "01002f" H106 "00", NULL, "/" A106),
    OK(U, 0, TUP, "b'\\x00" A106 "a'", "010000" H106 "61", NULL, "@" A106 "a"),
    OK(0, 0, TUP, "'/tmp/x'", "01002f746d702f7800", "'/tmp/x'", "/tmp/x"),
    OK(0, 0, 0, "b'\\x00app'", "010000617070", "b'\\x00app'", "@app"),
    /* tuple errors */
    ERR(U, 0, TUP, "'a\\x00b'", SADDR_ENUL, 0, 8),
    ERR(U, 0, TUP, "('/tmp/x',)", SADDR_ETYPE, 0, 11),
    ERR(U, 0, TUP, "1", SADDR_ETYPE, 0, 1),
    ERR(U, 0, TUP, "None", SADDR_ETYPE, 0, 4),
    ERR(U, 0, TUP, "'/" A106 "a'", SADDR_ETOOLONG, 1, 108),
    ERR(U, 0, TUP, "b'\\x00" A106 "aa'", SADDR_ETOOLONG, 0, 115),
    ERR(U, 0, TUP, "'\\ud800'", SADDR_EUTF8, 1, 2),
    ERR(U, 0, TUP, "b'\\udcff'", SADDR_EESCAPE, 2, 2),
    ERR(U, 0, TUP, "'\\x4'", SADDR_EESCAPE, 1, 2),
    ERR(U, 0, TUP, "'/x", SADDR_ESTRING, 0, 3),
    /* compact */
    OK(U, 0, CMP, "/tmp/x", "01002f746d702f7800", "'/tmp/x'", "/tmp/x"),
    OK(0, 0, 0, "/tmp/x", "01002f746d702f7800", "'/tmp/x'", "/tmp/x"),
    OK(0, 0, 0, "/", "01002f00", "'/'", "/"),
    OK(0, 0, 0, "/a\\x00", "01002f615c78303000", "'/a\\\\x00'", "/a\\x00"),
    OK(0, 0, 0, "/a b", "01002f61206200", "'/a b'", "/a b"),
    OK(0, 0, 0, "@app", "010000617070", "b'\\x00app'", "@app"),
    OK(0, 0, 0, "@", "010000", "b'\\x00'", "@"),
    OK(0, 0, 0, "@a\\x00b",
       "0100006100"
       "62",
       "b'\\x00a\\x00b'", "@a\\x00b"),
    OK(0, 0, 0, "@\\\\", "0100005c", "b'\\x00\\\\'", "@\\\\"),
    OK(0, 0, 0, "@\\101\\n", "010000410a", "b'\\x00A\\n'", "@A\\x0a"),
    OK(0, 0, 0, "@\xc3\xa9", "010000c3a9", "b'\\x00\\xc3\\xa9'", "@\\xc3\\xa9"),
    OK(0, 0, 0, "@" A106 "a", "010000" H106 "61", NULL, "@" A106 "a"),
    OK(0, 0, 0, "unix:rel/x", "010072656c2f7800", "'rel/x'", "unix:rel/x"),
    OK(0, 0, 0, "unix:@x", "0100407800", "'@x'", "unix:@x"),
    OK(0, 0, 0, "unix:a\\x41", "0100615c78343100", "'a\\\\x41'", "unix:a\\x41"),
    OK(0, 0, 0, "unix@", "0100", "''", "unix@"),
    OK(0, 0, 0, "unix@/p\\x41", "01002f704100", "'/pA'", "/pA"),
    OK(0, 0, 0, "unix@rel", "010072656c00", "'rel'", "unix:rel"),
    OK(0, 0, 0, "unix@@a", "01000061", "b'\\x00a'", "@a"),
    OK(0, 0, 0, "unix@\\x40x", "0100407800", "'@x'", "unix:@x"),
    OK(0, 0, 0, "unix@\\x00a", "01000061", "b'\\x00a'", "@a"),
    OK(0, 0, 0, "dgram+@x", "01000078", "b'\\x00x'", "dgram+@x"),
    OK(0, 0, 0, "seqpacket+unix:x", "01007800", "'x'", "seqpacket+unix:x"),
    OK(0, 0, 0, "/" A106, "01002f" H106 "00", NULL, "/" A106),
    /* compact errors */
    ERR(0, 0, 0, "unix:", SADDR_ESYNTAX, 5, 0),
    ERR(0, 0, 0, "unix@/p\\x00", SADDR_ENUL, 5, 6),
    ERR(0, 0, 0, "unix@p\\x00q", SADDR_ENUL, 5, 6),
    ERR(0, 0, 0, "@\\x", SADDR_EESCAPE, 1, 2),
    ERR(0, 0, 0, "@\\q", SADDR_EESCAPE, 1, 2),
    ERR(0, 0, 0, "@ab\\", SADDR_EESCAPE, 3, 1),
    ERR(0, 0, 0, "@\\u0041", SADDR_EESCAPE, 1, 2),
    ERR(0, 0, 0, "@" A106 "aa", SADDR_ETOOLONG, 0, 109),
    ERR(0, 0, 0, "@" A106 "aaa", SADDR_ETOOLONG, 0, 110),
    ERR(0, 0, 0, "unix@@" A106 "aaa", SADDR_ETOOLONG, 5, 110),
    ERR(0, 0, 0, "unix@\\x00" A106 "aa", SADDR_ETOOLONG, 5, 112),
    ERR(0, 0, 0, "/" A106 "a", SADDR_ETOOLONG, 0, 108),
    ERR(0, 0, 0, "unix:" A106 "aa", SADDR_ETOOLONG, 5, 108),
    ERR(0, 0, 0, "unix@/" A106 "a", SADDR_ETOOLONG, 5, 108),
    ERR(U, 0, CMP, "x", SADDR_ESYNTAX, 0, 1),
    ERR(U, 0, 0, "dgram+x", SADDR_ESYNTAX, 6, 1),
    ERR(U, 0, 0, "vsock:2:1", SADDR_EFAMILY, 0, 6),
    ERR(0, 0, 0, "bogus+@x", SADDR_ESCHEME, 0, 5),
};

static const frow frows[] = {
    FMTTUPLE(U, 0, "", "None", SADDR_ELENGTH),
    FMTERR(U, 0, "01", SADDR_ELENGTH),
    FMT(U, 0, "0100", "''", "unix@"),
    FMT(U, 0, "01002f6100ffff", "'/a'", "/a"),
    FMT(U, 0, "01002f61", "'/a'", "/a"),
    FMT(U, 0, "0100ff00", "'\\udcff'", "unix@\\xff"),
    FMT(U, 0, "010000610000", "b'\\x00a\\x00\\x00'", "@a\\x00\\x00"),
    FMT(U, 0, "0100" H50 H50 "6161616161616161", "'" A50 A50 "aaaaaaaa'",
        "unix:" A50 A50 "aaaaaaaa"),
    FMT(U, 0, "01002f" H106 "6100ffffffff", "'/" A106 "a'", "/" A106 "a"),
    FMT(U, 0, "010000" H106 "6162ffffffff", "b'\\x00" A106 "a'", "@" A106 "a"),
    FMT(0, 0, "01007800", "'x'", "unix:x"),
};

int main(void) {
  ft_parse(rows, FT_COUNT(rows));
  ft_format(frows, FT_COUNT(frows));
  return th_done();
}
