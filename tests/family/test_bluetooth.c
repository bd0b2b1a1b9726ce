/* AF_BLUETOOTH in CPython main's shapes: L2CAP, RFCOMM, HCI and SCO tuples
 * and l2cap@, rfcomm@, hci@, sco@; strict XX:XX:XX:XX:XX:XX addresses stored
 * reversed; the kernel's struct layouts (psm and cid little-endian). */
#include "famtest.h"

#define B     AF_BLUETOOTH
#define L2    SADDR__BTPROTO_L2CAP
#define RC    SADDR__BTPROTO_RFCOMM
#define HCI   SADDR__BTPROTO_HCI
#define SCO   SADDR__BTPROTO_SCO
#define ADDR  "01:23:45:67:89:AB"
#define RADDR "ab8967452301" /* ADDR as the kernel stores it */

static const prow rows[] = {
    /* L2CAP: family, psm le16, bdaddr, cid le16, bdaddr_type, padding */
    OK(B, L2, TUP, "('" ADDR "', 0x1001)", "1f000110" RADDR "00000000",
       "('" ADDR "', 4097)", "l2cap@" ADDR ":0x1001"),
    OK(B, L2, TUP, "('01:23:45:67:89:ab', 1)", "1f000100" RADDR "00000000",
       "('" ADDR "', 1)", "l2cap@" ADDR ":0x0001"),
    OK(B, L2, TUP, "(BDADDR_ANY, 0, 4, BDADDR_LE_PUBLIC)",
       "1f000000"
       "000000000000"
       "04000100",
       "('00:00:00:00:00:00', 0, 4, 1)",
       "l2cap@00:00:00:00:00:00:0x0000:4:le-public"),
    OK(B, L2, TUP, "(socket.BDADDR_LOCAL, 0x1001, 0x40)",
       "1f000110"
       "ffffff000000"
       "40000000",
       "('00:00:00:FF:FF:FF', 4097, 64)", "l2cap@00:00:00:FF:FF:FF:0x1001:64"),
    OK(B, L2, TUP, "('" ADDR "', 65535, 65535, 255)",
       "1f00ffff" RADDR "ffffff00", "('" ADDR "', 65535, 65535, 255)",
       "l2cap@" ADDR ":0xffff:65535:255"),
    OK(B, L2, TUP, "('" ADDR "', 1, 0, 2)", "1f000100" RADDR "00000200",
       "('" ADDR "', 1, 0, 2)", "l2cap@" ADDR ":0x0001:0:le-random"),
    OK(B, L2, TUP, "('\\x30\\x31:23:45:67:89:AB', 1)",
       "1f000100" RADDR "00000000", NULL, NULL),
    ERR(B, L2, TUP, "('" ADDR "', 65536)", SADDR_ERANGE, 22, 5),
    ERR(B, L2, TUP, "('" ADDR "', -1)", SADDR_ERANGE, 22, 2),
    ERR(B, L2, TUP, "('" ADDR "', 1, 65536)", SADDR_ERANGE, 25, 5),
    ERR(B, L2, TUP, "('" ADDR "', 1, 0, 256)", SADDR_ERANGE, 28, 3),
    ERR(B, L2, TUP, "('" ADDR "',)", SADDR_EARITY, 21, 1),
    ERR(B, L2, TUP, "('" ADDR "', 1, 2, 3, 4)", SADDR_EARITY, 31, 1),
    ERR(B, L2, TUP, "'" ADDR "'", SADDR_ETYPE, 0, 19),
    ERR(B, L2, TUP, "(b'" ADDR "', 1)", SADDR_ETYPE, 1, 20),
    ERR(B, L2, TUP, "(1, 1)", SADDR_ETYPE, 1, 1),
    ERR(B, L2, TUP, "(BDADDR_NONE, 1)", SADDR_ETYPE, 1, 11),
    /* strict addresses: the first offending byte */
    ERR(B, L2, TUP, "('0:1:2:3:4:5', 1)", SADDR_ESYNTAX, 3, 1),
    ERR(B, L2, TUP, "('0x01:23:45:67:89:AB', 1)", SADDR_ESYNTAX, 3, 1),
    ERR(B, L2, TUP, "(' 01:23:45:67:89:AB', 1)", SADDR_ESYNTAX, 2, 1),
    ERR(B, L2, TUP, "('01-23-45-67-89-AB', 1)", SADDR_ESYNTAX, 4, 1),
    ERR(B, L2, TUP, "('01:23:45:67:89:AG', 1)", SADDR_ESYNTAX, 18, 1),
    ERR(B, L2, TUP, "('01:23:45:67:89', 1)", SADDR_ESYNTAX, 16, 0),
    ERR(B, L2, TUP, "('', 1)", SADDR_ESYNTAX, 2, 0),
    ERR(B, L2, TUP, "('01:23:45:67:89:ABC', 1)", SADDR_ESYNTAX, 19, 1),
    ERR(B, L2, TUP, "('01:23:45:67:89:AB ', 1)", SADDR_ESYNTAX, 19, 1),
    ERR(B, L2, TUP,
        "('01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:"
        "45:67:89:AB', 1)",
        SADDR_ESYNTAX, 1, 67),
    ERR(B, L2, TUP, "('\\x30:23:45:67:89:AB', 1)", SADDR_ESYNTAX, 1, 21),
    ERR(B, L2, TUP, "('01:23:45:67:89:AB\\x00', 1)", SADDR_ENUL, 1, 23),
    /* RFCOMM: family, bdaddr, channel, padding */
    OK(B, RC, TUP, "('" ADDR "', 3)", "1f00" RADDR "0300", "('" ADDR "', 3)",
       "rfcomm@" ADDR ":3"),
    OK(B, RC, TUP, "(BDADDR_ANY, 255)",
       "1f00"
       "000000000000"
       "ff00",
       "('00:00:00:00:00:00', 255)", "rfcomm@00:00:00:00:00:00:255"),
    ERR(B, RC, TUP, "('" ADDR "', 256)", SADDR_ERANGE, 22, 3),
    ERR(B, RC, TUP, "('" ADDR "', 1, 2)", SADDR_EARITY, 25, 1),
    ERR(B, RC, TUP, "('" ADDR "',)", SADDR_EARITY, 21, 1),
    /* HCI: family, dev, channel (host order) */
    OK(B, HCI, TUP, "0", "1f0000000000", "0", "hci@0"),
    OK(B, HCI, 0, "HCI_DEV_NONE", "1f00ffff0000", "65535", "hci@65535"),
    OK(B, HCI, TUP, "(1,)", "1f0001000000", "1", "hci@1"),
    OK(B, HCI, TUP, "(1, HCI_CHANNEL_MONITOR)", "1f0001000200", "(1, 2)",
       "hci@1:monitor"),
    OK(B, HCI, TUP, "(1, 65535)", "1f000100ffff", "(1, 65535)", "hci@1:65535"),
    OK(B, HCI, TUP, "True", "1f0001000000", "1", "hci@1"),
    ERR(B, HCI, TUP, "65536", SADDR_ERANGE, 0, 5),
    ERR(B, HCI, TUP, "(0x10001,)", SADDR_ERANGE, 1, 7),
    ERR(B, HCI, TUP, "(1, 2, 3)", SADDR_EARITY, 7, 1),
    ERR(B, HCI, TUP, "()", SADDR_EARITY, 1, 1),
    ERR(B, HCI, TUP, "'0'", SADDR_ETYPE, 0, 3),
    /* SCO: family, bdaddr */
    OK(B, SCO, TUP, "'" ADDR "'", "1f00" RADDR, "'" ADDR "'", "sco@" ADDR),
    OK(B, SCO, TUP, "b'" ADDR "'", "1f00" RADDR, "'" ADDR "'", "sco@" ADDR),
    OK(B, SCO, TUP, "BDADDR_ANY", "1f00000000000000", "'00:00:00:00:00:00'",
       "sco@00:00:00:00:00:00"),
    ERR(B, SCO, TUP, "('" ADDR "',)", SADDR_ETYPE, 0, 22),
    ERR(B, SCO, TUP, "b'" ADDR "\\x00junk'", SADDR_ENUL, 0, 28),
    ERR(B, SCO, TUP, "b'01:23'", SADDR_ESYNTAX, 7, 0),
    /* protocols without an address form */
    ERR(B, 4, TUP, "('" ADDR "', 1)", SADDR_EINVAL, 0, 0),
    ERR(B, -1, 0, "01:23:45:67:89:AB", SADDR_EINVAL, 0, 0),
    /* compact */
    OK(0, 0, 0, "l2cap@" ADDR ":0x1001", "1f000110" RADDR "00000000",
       "('" ADDR "', 4097)", "l2cap@" ADDR ":0x1001"),
    OK(0, 0, 0, "l2cap@" ADDR ":4097:4:le-public", "1f000110" RADDR "04000100",
       "('" ADDR "', 4097, 4, 1)", "l2cap@" ADDR ":0x1001:4:le-public"),
    OK(0, 0, 0, "l2cap@" ADDR ":1:0:bredr", "1f000100" RADDR "00000000",
       "('" ADDR "', 1)", "l2cap@" ADDR ":0x0001"),
    OK(0, 0, 0, "seqpacket+l2cap@" ADDR ":1:0:7", "1f000100" RADDR "00000700",
       "('" ADDR "', 1, 0, 7)", "l2cap@" ADDR ":0x0001:0:7"),
    OK(0, 0, 0, "rfcomm@" ADDR ":3", "1f00" RADDR "0300", "('" ADDR "', 3)",
       "rfcomm@" ADDR ":3"),
    OK(0, 0, 0, "sco@01:23:45:67:89:ab", "1f00" RADDR, "'" ADDR "'",
       "sco@" ADDR),
    OK(0, 0, 0, "hci@0", "1f0000000000", "0", "hci@0"),
    OK(0, 0, 0, "hci@1:user", "1f0001000100", "(1, 1)", "hci@1:user"),
    OK(0, 0, 0, "hci@1:3", "1f0001000300", "(1, 3)", "hci@1:control"),
    OK(B, RC, 0, ADDR ":3", "1f00" RADDR "0300", NULL, "rfcomm@" ADDR ":3"),
    ERR(0, 0, 0, "l2cap@" ADDR, SADDR_ESYNTAX, 23, 0),
    ERR(0, 0, 0, "l2cap@" ADDR ":", SADDR_ESYNTAX, 24, 0),
    ERR(0, 0, 0, "l2cap@" ADDR ":65536", SADDR_ERANGE, 24, 5),
    ERR(0, 0, 0, "l2cap@" ADDR ":1:65536", SADDR_ERANGE, 26, 5),
    ERR(0, 0, 0, "l2cap@" ADDR ":1:0:le", SADDR_ESYNTAX, 28, 1),
    ERR(0, 0, 0, "l2cap@" ADDR ":1:0:256", SADDR_ERANGE, 28, 3),
    ERR(0, 0, 0, "l2cap@" ADDR ":1:0:1:1", SADDR_ESYNTAX, 29, 2),
    ERR(0, 0, 0, "l2cap@01:23:45:67:89", SADDR_ESYNTAX, 20, 0),
    ERR(0, 0, 0, "l2cap@01:23:45:67:89:ABC:1", SADDR_ESYNTAX, 23, 1),
    ERR(0, 0, 0, "l2cap@1:23:45:67:89:AB:1", SADDR_ESYNTAX, 7, 1),
    ERR(0, 0, 0, "rfcomm@" ADDR ":256", SADDR_ERANGE, 25, 3),
    ERR(0, 0, 0, "rfcomm@" ADDR, SADDR_ESYNTAX, 24, 0),
    ERR(0, 0, 0, "sco@" ADDR ":1", SADDR_ESYNTAX, 21, 2),
    ERR(0, 0, 0, "hci@", SADDR_ESYNTAX, 4, 0),
    ERR(0, 0, 0, "hci@65536", SADDR_ERANGE, 4, 5),
    ERR(0, 0, 0, "hci@0:radio", SADDR_ESYNTAX, 6, 1),
    ERR(0, 0, 0, "hci@0:1:2", SADDR_ESYNTAX, 7, 2),
    OK(0, 0, 0, "raw+hci@0", "1f0000000000", "0", "hci@0"),
    OK(0, 0, 0, "seqpacket+hci@0", "1f0000000000", "0", "seqpacket+hci@0"),
    ERR(0, 0, 0, "bogus+hci@0", SADDR_ESCHEME, 0, 5),
};

static const frow frows[] = {
    FMT(B, L2, "1f000110" RADDR "00000000", "('" ADDR "', 4097)",
        "l2cap@" ADDR ":0x1001"),
    FMT(B, L2, "1f000110" RADDR "000000", "('" ADDR "', 4097)",
        "l2cap@" ADDR ":0x1001"),
    FMT(B, L2, "1f000110" RADDR "050000", "('" ADDR "', 4097, 5)",
        "l2cap@" ADDR ":0x1001:5"),
    FMT(B, L2, "1f000110" RADDR "000001", "('" ADDR "', 4097, 0, 1)",
        "l2cap@" ADDR ":0x1001:0:le-public"),
    FMTERR(B, L2, "1f000110" RADDR "0000", SADDR_ELENGTH),
    FMT(B, RC, "1f00" RADDR "03", "('" ADDR "', 3)", "rfcomm@" ADDR ":3"),
    FMTERR(B, RC, "1f00" RADDR, SADDR_ELENGTH),
    FMT(B, HCI, "1f0002000000", "2", "hci@2"),
    FMT(B, HCI, "1f0002000400", "(2, 4)", "hci@2:logging"),
    FMT(B, HCI, "1f0002000500", "(2, 5)", "hci@2:5"),
    FMTERR(B, HCI, "1f00020000", SADDR_ELENGTH),
    FMT(B, SCO, "1f00" RADDR, "'" ADDR "'", "sco@" ADDR),
    FMTERR(B, SCO,
           "1f00"
           "ab89674523",
           SADDR_ELENGTH),
    FMTERR(B, 5, "1f00" RADDR "0300", SADDR_EINVAL),
};

int main(void) {
  ft_parse(rows, FT_COUNT(rows));
  ft_format(frows, FT_COUNT(frows));
  return th_done();
}
