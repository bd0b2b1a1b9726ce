/* AF_QIPCRTR: (node, port) as u32 each, and qipcrtr@NODE:PORT. */
#include "famtest.h"

#define Q              AF_QIPCRTR
#define QR(node, port) "2a000000" node port

static const prow rows[] = {
    OK(Q, 0, TUP, "(1, 2)", QR("01000000", "02000000"), "(1, 2)",
       "qipcrtr@1:2"),
    OK(Q, 0, TUP, "(QRTR_NODE_BCAST, QRTR_PORT_CTRL)",
       QR("ffffffff", "feffffff"), "(4294967295, 4294967294)",
       "qipcrtr@4294967295:4294967294"),
    ERR(Q, 0, TUP, "(-2, 1)", SADDR_ERANGE, 1, 2),
    ERR(Q, 0, TUP, "(1, 4294967296)", SADDR_ERANGE, 4, 10),
    ERR(Q, 0, TUP, "(1,)", SADDR_EARITY, 3, 1),
    ERR(Q, 0, TUP, "1", SADDR_ETYPE, 0, 1),
    OK(0, 0, 0, "qipcrtr@1:0xfffffffe", QR("01000000", "feffffff"),
       "(1, 4294967294)", "qipcrtr@1:4294967294"),
    OK(Q, 0, 0, "7:8", QR("07000000", "08000000"), "(7, 8)", "qipcrtr@7:8"),
    ERR(0, 0, 0, "qipcrtr@1", SADDR_ESYNTAX, 9, 0),
    ERR(0, 0, 0, "qipcrtr@:1", SADDR_ESYNTAX, 8, 0),
    ERR(0, 0, 0, "qipcrtr@1:2:3", SADDR_ESYNTAX, 11, 2),
    ERR(0, 0, 0, "qipcrtr@x:1", SADDR_ESYNTAX, 8, 1),
    OK(0, 0, 0, "dgram+qipcrtr@1:2", QR("01000000", "02000000"), "(1, 2)",
       "qipcrtr@1:2"),
    OK(0, 0, 0, "seqpacket+qipcrtr@1:2", QR("01000000", "02000000"), "(1, 2)",
       "seqpacket+qipcrtr@1:2"),
};

static const frow frows[] = {
    FMT(Q, 0, QR("01000000", "02000000"), "(1, 2)", "qipcrtr@1:2"),
    FMTERR(Q, 0, "2a0000000100000002", SADDR_ELENGTH),
};

int main(void) {
  ft_parse(rows, FT_COUNT(rows));
  ft_format(frows, FT_COUNT(frows));
  return th_done();
}
