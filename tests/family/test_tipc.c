/* AF_TIPC: (addr_type, v1, v2, v3[, scope]) as CPython reads it (v3 ignored
 * for names and ids), ranges checked instead of wrapped; tipc@nameseq:,
 * tipc@name: and tipc@id: bodies. */
#include "famtest.h"

#define TI AF_TIPC
/* family, addrtype, scope, then the 12-byte union */
#define TA(type, scope, a, b, c) "1e00" type scope a b c

static const prow rows[] = {
    OK(TI, 0, TUP, "(TIPC_ADDR_NAMESEQ, 1000, 1, 10)",
       TA("01", "02", "e8030000", "01000000", "0a000000"),
       "(1, 1000, 1, 10, 2)", "tipc@nameseq:1000:1:10"),
    OK(TI, 0, TUP, "(TIPC_ADDR_NAME, 1000, 1, 99, TIPC_NODE_SCOPE)",
       TA("02", "03", "e8030000", "01000000", "00000000"), "(2, 1000, 1, 1, 3)",
       "tipc@name:1000:1:node"),
    OK(TI, 0, TUP, "(TIPC_ADDR_ID, 0x1001002, 7, 0)",
       TA("03", "02", "07000000", "02100001", "00000000"),
       "(3, 16781314, 7, 0, 2)", "tipc@id:16781314:7"),
    OK(TI, 0, TUP, "(3, 1, 2, 3, 0)",
       TA("03", "00", "02000000", "01000000", "00000000"), "(3, 1, 2, 0, 0)",
       "tipc@id:1:2:0"),
    OK(TI, 0, TUP, "(1, 4294967295, 0, 4294967295, TIPC_ZONE_SCOPE)",
       TA("01", "01", "ffffffff", "00000000", "ffffffff"),
       "(1, 4294967295, 0, 4294967295, 1)",
       "tipc@nameseq:4294967295:0:4294967295:zone"),
    ERR(TI, 0, TUP, "(2, 1, 2, 3, 0)", SADDR_ERANGE, 13, 1),
    ERR(TI, 0, TUP, "(2, 1, 2, 3, 4)", SADDR_ERANGE, 13, 1),
    ERR(TI, 0, TUP, "(2, 1, 2, 3, -1)", SADDR_ERANGE, 13, 2),
    ERR(TI, 0, TUP, "(2, 1, 2, 3, 300)", SADDR_ERANGE, 13, 3),
    ERR(TI, 0, TUP, "(4, 1, 2, 3)", SADDR_ERANGE, 1, 1),
    ERR(TI, 0, TUP, "(0, 1, 2, 3)", SADDR_ERANGE, 1, 1),
    ERR(TI, 0, TUP, "(2, 1, 2, 4294967296)", SADDR_ERANGE, 10, 10),
    ERR(TI, 0, TUP, "(2, -1, 2, 3)", SADDR_ERANGE, 4, 2),
    ERR(TI, 0, TUP, "(2, 1, 2)", SADDR_EARITY, 8, 1),
    ERR(TI, 0, TUP, "(2, 1, 2, 3, 2, 1)", SADDR_EARITY, 16, 1),
    ERR(TI, 0, TUP, "2", SADDR_ETYPE, 0, 1),
    /* compact */
    OK(0, 0, 0, "tipc@name:1000:1",
       TA("02", "02", "e8030000", "01000000", "00000000"), "(2, 1000, 1, 1, 2)",
       "tipc@name:1000:1"),
    OK(0, 0, 0, "tipc@nameseq:1000:1:10:node",
       TA("01", "03", "e8030000", "01000000", "0a000000"),
       "(1, 1000, 1, 10, 3)", "tipc@nameseq:1000:1:10:node"),
    OK(0, 0, 0, "tipc@id:0x1001002:7:0",
       TA("03", "00", "07000000", "02100001", "00000000"),
       "(3, 16781314, 7, 0, 0)", "tipc@id:16781314:7:0"),
    OK(0, 0, 0, "tipc@id:1:2:cluster",
       TA("03", "02", "02000000", "01000000", "00000000"), "(3, 1, 2, 0, 2)",
       "tipc@id:1:2"),
    OK(0, 0, 0, "rdm+tipc@name:1:2:zone",
       TA("02", "01", "01000000", "02000000", "00000000"), "(2, 1, 2, 2, 1)",
       "rdm+tipc@name:1:2:zone"),
    ERR(0, 0, 0, "tipc@", SADDR_ESYNTAX, 5, 0),
    ERR(0, 0, 0, "tipc@foo:1", SADDR_ESYNTAX, 5, 3),
    ERR(0, 0, 0, "tipc@name:1", SADDR_ESYNTAX, 11, 0),
    ERR(0, 0, 0, "tipc@name:1:2:0", SADDR_ERANGE, 14, 1),
    ERR(0, 0, 0, "tipc@name:1:2:4", SADDR_ERANGE, 14, 1),
    ERR(0, 0, 0, "tipc@name:1:2:world", SADDR_ESYNTAX, 14, 1),
    ERR(0, 0, 0, "tipc@name:1:2:node:1", SADDR_ESYNTAX, 18, 2),
    ERR(0, 0, 0, "tipc@nameseq:1:2", SADDR_ESYNTAX, 16, 0),
    ERR(0, 0, 0, "tipc@id:1:4294967296", SADDR_ERANGE, 10, 10),
};

static const frow frows[] = {
    FMT(TI, 0, TA("01", "02", "e8030000", "01000000", "0a000000"),
        "(1, 1000, 1, 10, 2)", "tipc@nameseq:1000:1:10"),
    /* the kernel's getsockname: a socket id with scope 0 */
    FMT(TI, 0, TA("03", "00", "2a000000", "01000001", "00000000"),
        "(3, 16777217, 42, 0, 0)", "tipc@id:16777217:42:0"),
    /* a name's domain word is not part of the Python form */
    FMT(TI, 0, TA("02", "02", "01000000", "02000000", "05000000"),
        "(2, 1, 2, 2, 2)", "tipc@name:1:2"),
    /* CPython prints the signed scope byte as an unsigned int */
    FMT(TI, 0, TA("01", "ff", "01000000", "02000000", "03000000"),
        "(1, 1, 2, 3, 4294967295)", "tipc@nameseq:1:2:3:4294967295"),
    FMTERR(TI, 0, TA("09", "02", "01000000", "02000000", "03000000"),
           SADDR_EINVAL),
    FMTERR(TI, 0, "1e000102010000000200000003", SADDR_ELENGTH),
};

int main(void) {
  ft_parse(rows, FT_COUNT(rows));
  ft_format(frows, FT_COUNT(frows));
  return th_done();
}
