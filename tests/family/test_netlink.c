/* AF_NETLINK: (pid, groups) tuples as u32 each, and
 * netlink@PROTOCOL[:GROUPS[:PID]] whose protocol names are systemd's. */
#include "famtest.h"

#define N               AF_NETLINK
#define NL(pid, groups) "10000000" pid groups

static const prow rows[] = {
    OK(N, 0, TUP, "(0, 0)", NL("00000000", "00000000"), "(0, 0)",
       "netlink@route"),
    OK(N, 0, TUP, "(1234, 1)", NL("d2040000", "01000000"), "(1234, 1)",
       "netlink@route:1:1234"),
    OK(N, 0, TUP, "(4294967295, 0xffffffff)", NL("ffffffff", "ffffffff"),
       "(4294967295, 4294967295)", "netlink@route:4294967295:4294967295"),
    OK(N, 0, TUP, "(True, False)", NL("01000000", "00000000"), "(1, 0)",
       "netlink@route:0:1"),
    OK(N, 15, TUP, "(0, 1)", NL("00000000", "01000000"), "(0, 1)",
       "netlink@kobject-uevent:1"),
    OK(N, 0, TUP, "(0, 0b1_0000)", NL("00000000", "10000000"), "(0, 16)",
       "netlink@route:16"),
    ERR(N, 0, TUP, "(-1, 0)", SADDR_ERANGE, 1, 2),
    ERR(N, 0, TUP, "(0, 4294967296)", SADDR_ERANGE, 4, 10),
    ERR(N, 0, TUP, "(0,)", SADDR_EARITY, 3, 1),
    ERR(N, 0, TUP, "(0, 0, 0)", SADDR_EARITY, 7, 1),
    ERR(N, 0, TUP, "0", SADDR_ETYPE, 0, 1),
    ERR(N, 0, TUP, "('0', 0)", SADDR_ETYPE, 1, 3),
    ERR(N, 0, TUP, "(0, None)", SADDR_ETYPE, 4, 4),
    /* compact: the protocol goes to the socket, not the sockaddr */
    OK(0, 0, 0, "netlink@route", NL("00000000", "00000000"), "(0, 0)",
       "netlink@route"),
    OK(0, 0, 0, "netlink@kobject-uevent:1", NL("00000000", "01000000"),
       "(0, 1)", "netlink@kobject-uevent:1"),
    OK(0, 0, 0, "netlink@audit:0:1234", NL("d2040000", "00000000"), "(1234, 0)",
       "netlink@audit:0:1234"),
    OK(0, 0, 0, "netlink@sock-diag", NL("00000000", "00000000"), "(0, 0)",
       "netlink@inet-diag"),
    OK(0, 0, 0, "netlink@generic:0x10", NL("00000000", "10000000"), "(0, 16)",
       "netlink@generic:16"),
    OK(0, 0, 0, "netlink@31", NL("00000000", "00000000"), "(0, 0)",
       "netlink@31"),
    OK(0, 0, 0, "netlink@smc", NL("00000000", "00000000"), "(0, 0)",
       "netlink@smc"),
    OK(N, 9, 0, "netlink@audit", NL("00000000", "00000000"), "(0, 0)",
       "netlink@audit"),
    ERR(0, 0, 0, "netlink@", SADDR_ECONST, 8, 0),
    ERR(0, 0, 0, "netlink@32", SADDR_ERANGE, 8, 2),
    ERR(0, 0, 0, "netlink@foo", SADDR_ECONST, 8, 3),
    ERR(0, 0, 0, "netlink@Route", SADDR_ECONST, 8, 5),
    ERR(0, 0, 0, "netlink@route:", SADDR_ESYNTAX, 14, 0),
    ERR(0, 0, 0, "netlink@route:4294967296", SADDR_ERANGE, 14, 10),
    ERR(0, 0, 0, "netlink@route:1:-1", SADDR_ESYNTAX, 16, 1),
    ERR(0, 0, 0, "netlink@route:1:2:3", SADDR_ESYNTAX, 17, 2),
    ERR(N, 9, 0, "netlink@route", SADDR_ESCHEME, 8, 5),
    OK(0, 0, 0, "dgram+netlink@route", NL("00000000", "00000000"), "(0, 0)",
       "dgram+netlink@route"),
};

static const frow frows[] = {
    FMT(N, 0, NL("d2040000", "01000000"), "(1234, 1)", "netlink@route:1:1234"),
    FMT(N, 16, NL("00000000", "00000000"), "(0, 0)", "netlink@generic"),
    FMT(N, 1, NL("00000000", "00000000"), "(0, 0)", "netlink@1"),
    FMT(N, 0, NL("d2040000", "01000000") "ffff", "(1234, 1)",
        "netlink@route:1:1234"),
    FMTTUPLE(N, 32, NL("00000000", "00000000"), "(0, 0)", SADDR_EINVAL),
    FMTERR(N, 0, "10000000d2040000010000", SADDR_ELENGTH),
};

int main(void) {
  ft_parse(rows, FT_COUNT(rows));
  ft_format(frows, FT_COUNT(frows));
  return th_done();
}
