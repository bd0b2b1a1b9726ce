/* AF_CAN: CAN_RAW/CAN_BCM (ifname,), CAN_ISOTP (ifname, rx_id, tx_id),
 * CAN_J1939 (ifname, name, pgn, addr); can@, bcm@, isotp@ and j1939@. */
#include "famtest.h"

#include <linux/can.h>

#define C AF_CAN
/* family, padding, ifindex, then 16 bytes of can_addr */
#define CA(idx, addr)      "1d000000" idx addr
#define Z16                "00000000000000000000000000000000"
#define TP(rx, tx)         rx tx "0000000000000000"
#define J(name, pgn, addr) name pgn addr "000000"

static const prow rows[] = {
    OK(C, 0, TUP, "('lo',)", CA("LO", Z16), "('lo',)", "can@lo"),
    OK(C, CAN_RAW, TUP, "('lo',)", CA("LO", Z16), "('lo',)", "can@lo"),
    OK(C, CAN_RAW, TUP, "('',)", CA("00000000", Z16), "('',)", "can@"),
    OK(C, CAN_BCM, TUP, "(b'lo',)", CA("LO", Z16), "('lo',)", "bcm@lo"),
    OK(C, CAN_RAW, TUP, "(0,)", CA("00000000", Z16), "('',)", "can@"),
    OK(C, CAN_ISOTP, TUP, "('lo', 0x7e0, 0x7e8)",
       CA("LO", TP("e0070000", "e8070000")), "('lo', 2016, 2024)",
       "isotp@lo:0x7e0:0x7e8"),
    OK(C, CAN_ISOTP, TUP, "('lo', CAN_EFF_FLAG, 0xffffffff)",
       CA("LO", TP("00000080", "ffffffff")), "('lo', 2147483648, 4294967295)",
       "isotp@lo:0x80000000:0xffffffff"),
    OK(C, CAN_J1939, TUP, "('lo', 0x1122334455667788, 0x3ffff, 0xfe)",
       CA("LO", J("8877665544332211", "ffff0300", "fe")),
       "('lo', 1234605616436508552, 262143, 254)",
       "j1939@lo:0x1122334455667788:0x3ffff:0xfe"),
    OK(C, CAN_J1939, TUP, "('', J1939_NO_NAME, J1939_NO_PGN, J1939_NO_ADDR)",
       CA("00000000", J("0000000000000000", "00000400", "ff")),
       "('', 0, 262144, 255)", "j1939@:0x0:0x40000:0xff"),
    OK(C, CAN_J1939, TUP, "('lo', 18446744073709551615, 4294967295, 255)",
       CA("LO", J("ffffffffffffffff", "ffffffff", "ff")), NULL,
       "j1939@lo:0xffffffffffffffff:0xffffffff:0xff"),
    /* tuple errors */
    ERR(C, CAN_RAW, TUP, "'lo'", SADDR_ETYPE, 0, 4),
    ERR(C, CAN_RAW, TUP, "('lo', 1)", SADDR_EARITY, 7, 1),
    ERR(C, CAN_RAW, TUP, "()", SADDR_EARITY, 1, 1),
    ERR(C, CAN_RAW, TUP, "('abcdefghijklmnop',)", SADDR_ETOOLONG, 1, 18),
    ERR(C, CAN_RAW, TUP, "('nosuchif0',)", SADDR_ENOIFACE, 2, 9),
    ERR(C, CAN_RAW, TUP, "(b'1',)", SADDR_ENOIFACE, 3, 1),
    ERR(C, CAN_RAW, TUP, "('\\udcff',)", SADDR_ENOIFACE, 1, 8),
    ERR(C, CAN_RAW, TUP, "('lo\\x00',)", SADDR_ENUL, 1, 8),
    ERR(C, CAN_RAW, TUP, "(None,)", SADDR_ETYPE, 1, 4),
    ERR(C, CAN_ISOTP, TUP, "'lo'", SADDR_ETYPE, 0, 4),
    ERR(C, CAN_ISOTP, TUP, "('lo', 1)", SADDR_EARITY, 8, 1),
    ERR(C, CAN_ISOTP, TUP, "('lo', 0x100000000, 1)", SADDR_ERANGE, 7, 11),
    ERR(C, CAN_ISOTP, TUP, "('lo', 1, -1)", SADDR_ERANGE, 10, 2),
    ERR(C, CAN_J1939, TUP, "('lo', 1, 2)", SADDR_EARITY, 11, 1),
    ERR(C, CAN_J1939, TUP, "('lo', 18446744073709551616, 0, 0)", SADDR_ERANGE,
        7, 20),
    ERR(C, CAN_J1939, TUP, "('lo', -1, 0, 0)", SADDR_ERANGE, 7, 2),
    ERR(C, CAN_J1939, TUP, "('lo', 0, 4294967296, 0)", SADDR_ERANGE, 10, 10),
    ERR(C, CAN_J1939, TUP, "('lo', 0, 0, 256)", SADDR_ERANGE, 13, 3),
    ERR(C, CAN_J1939, TUP, "('nosuchif0', 0, 0, 256)", SADDR_ERANGE, 20, 3),
    ERR(C, 3, TUP, "('lo',)", SADDR_EINVAL, 0, 0),
    /* compact */
    OK(0, 0, 0, "can@lo", CA("LO", Z16), "('lo',)", "can@lo"),
    OK(0, 0, 0, "can@", CA("00000000", Z16), "('',)", "can@"),
    OK(0, 0, 0, "bcm@lo", CA("LO", Z16), "('lo',)", "bcm@lo"),
    OK(0, 0, 0, "isotp@lo:0x7e0:2024", CA("LO", TP("e0070000", "e8070000")),
       "('lo', 2016, 2024)", "isotp@lo:0x7e0:0x7e8"),
    OK(0, 0, 0, "j1939@lo:0x1122334455667788:0x3ffff:0xfe",
       CA("LO", J("8877665544332211", "ffff0300", "fe")), NULL,
       "j1939@lo:0x1122334455667788:0x3ffff:0xfe"),
    OK(C, CAN_ISOTP, 0, "lo:1:2", CA("LO", TP("01000000", "02000000")),
       "('lo', 1, 2)", "isotp@lo:0x1:0x2"),
    ERR(0, 0, 0, "can@lo:1", SADDR_ESYNTAX, 6, 2),
    ERR(0, 0, 0, "can@nosuchif0", SADDR_ENOIFACE, 4, 9),
    ERR(0, 0, 0, "isotp@lo", SADDR_ESYNTAX, 8, 0),
    ERR(0, 0, 0, "isotp@lo:1", SADDR_ESYNTAX, 10, 0),
    ERR(0, 0, 0, "isotp@lo:0x100000000:1", SADDR_ERANGE, 9, 11),
    ERR(0, 0, 0, "isotp@lo:1:2:3", SADDR_ESYNTAX, 12, 2),
    ERR(0, 0, 0, "j1939@lo:1:2", SADDR_ESYNTAX, 12, 0),
    ERR(0, 0, 0, "j1939@lo:0x10000000000000000:0:0", SADDR_ERANGE, 9, 19),
    ERR(0, 0, 0, "j1939@lo:1:2:256", SADDR_ERANGE, 13, 3),
    OK(0, 0, 0, "raw+can@lo", CA("LO", Z16), "('lo',)", "can@lo"),
    OK(0, 0, 0, "dgram+can@lo", CA("LO", Z16), "('lo',)", "dgram+can@lo"),
    ERR(C, 5, 0, "lo", SADDR_EINVAL, 0, 0),
};

static const frow frows[] = {
    FMT(C, CAN_RAW, CA("LO", Z16), "('lo',)", "can@lo"),
    FMT(C, CAN_RAW,
        "1d000000"
        "LO",
        "('lo',)", "can@lo"),
    FMT(C, 0, CA("LO", "ffffffffffffffffffffffffffffffff"), "('lo',)",
        "can@lo"),
    FMT(C, CAN_BCM, CA("f0ffff7f", Z16), "(2147483632,)", "bcm@2147483632"),
    FMT(C, CAN_ISOTP,
        "1d000000"
        "LO"
        "e0070000"
        "e8070000",
        "('lo', 2016, 2024)", "isotp@lo:0x7e0:0x7e8"),
    FMT(C, CAN_J1939,
        "1d000000"
        "LO"
        "8877665544332211"
        "ffff0300"
        "fe",
        "('lo', 1234605616436508552, 262143, 254)",
        "j1939@lo:0x1122334455667788:0x3ffff:0xfe"),
    FMTERR(C, CAN_RAW, "1d000000010000", SADDR_ELENGTH),
    FMTERR(C, CAN_ISOTP,
           "1d000000"
           "LO"
           "e0070000"
           "e80700",
           SADDR_ELENGTH),
    FMTERR(C, CAN_J1939,
           "1d000000"
           "LO"
           "8877665544332211"
           "ffff0300",
           SADDR_ELENGTH),
    FMTERR(C, 4, CA("LO", Z16), SADDR_EINVAL),
};

int main(void) {
  ft_parse(rows, FT_COUNT(rows));
  ft_format(frows, FT_COUNT(frows));
  return th_done();
}
