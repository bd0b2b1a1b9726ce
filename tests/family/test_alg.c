/* AF_ALG: (type, name[, feat[, mask]]) with 32-bit feat and mask and the
 * 13/63-byte limits; alg@TYPE:NAME[:FEAT[:MASK]]. */
#include "famtest.h"

#define AL  AF_ALG
#define Z8  "0000000000000000"
#define Z32 Z8 Z8 Z8 Z8
/* family, type[14], feat, mask, name[64] */
#define HASH                                                                   \
  "2600"                                                                       \
  "68617368"                                                                   \
  "00000000000000000000"
#define SHA256                                                                 \
  "736861323536"                                                               \
  "0000" Z8 Z8 Z8 Z8 Z8 Z8 Z8
/* type 'a:b', name 'c\\d' */
#define AB_CD                                                                  \
  "2600613a6200000000000000000000000000000000000000635c64" Z32 Z8 Z8 Z8        \
  "0000000000"
#define A10 "aaaaaaaaaa"
#define H10 "61616161616161616161"

static const prow rows[] = {
    OK(AL, 0, TUP, "('hash', 'sha256')",
       HASH "00000000"
            "00000000" SHA256,
       "('hash', 'sha256', 0, 0)", "alg@hash:sha256"),
    OK(AL, 0, TUP, "('hash', 'sha256', 0x10000, 0xffffffff)",
       HASH "00000100"
            "ffffffff" SHA256,
       "('hash', 'sha256', 65536, 4294967295)",
       "alg@hash:sha256:0x10000:0xffffffff"),
    OK(AL, 0, TUP, "('hash', 'sha256', 1)",
       HASH "01000000"
            "00000000" SHA256,
       "('hash', 'sha256', 1, 0)", "alg@hash:sha256:0x1:0x0"),
    OK(AL, 0, TUP, "('" A10 "aaa', 'x')",
       "2600" H10 "616161"
       "00"
       "00000000"
       "00000000"
       "78"
       "00" Z32 Z8 Z8 Z8 "000000000000",
       NULL, "alg@" A10 "aaa:x"),
    OK(AL, 0, TUP, "('a:b', 'c\\\\d')", AB_CD, "('a:b', 'c\\\\d', 0, 0)",
       "alg@a\\x3ab:c\\\\d"),
    ERR(AL, 0, TUP, "('" A10 "aaaa', 'x')", SADDR_ETOOLONG, 1, 16),
    ERR(AL, 0, TUP, "(b'hash', 'x')", SADDR_ETYPE, 1, 7),
    ERR(AL, 0, TUP, "('hash', b'x')", SADDR_ETYPE, 9, 4),
    ERR(AL, 0, TUP, "('ha\\x00sh', 'x')", SADDR_ENUL, 1, 10),
    ERR(AL, 0, TUP, "('hash', 'x', 4294967296)", SADDR_ERANGE, 14, 10),
    ERR(AL, 0, TUP, "('hash', 'x', 0, -1)", SADDR_ERANGE, 17, 2),
    ERR(AL, 0, TUP, "('hash',)", SADDR_EARITY, 8, 1),
    ERR(AL, 0, TUP, "('hash', 'x', 0, 0, 0)", SADDR_EARITY, 20, 1),
    ERR(AL, 0, TUP, "'hash'", SADDR_ETYPE, 0, 6),
    OK(0, 0, 0, "alg@hash:sha256",
       HASH "00000000"
            "00000000" SHA256,
       "('hash', 'sha256', 0, 0)", "alg@hash:sha256"),
    OK(0, 0, 0, "alg@hash:sha256:1",
       HASH "01000000"
            "00000000" SHA256,
       NULL, "alg@hash:sha256:0x1:0x0"),
    OK(0, 0, 0, "alg@a\\x3ab:c\\\\d", AB_CD, NULL, "alg@a\\x3ab:c\\\\d"),
    ERR(0, 0, 0, "alg@hash", SADDR_ESYNTAX, 8, 0),
    OK(0, 0, 0, "alg@:",
       "2600" Z8 "000000000000"
       "00000000"
       "00000000" Z32 Z32,
       "('', '', 0, 0)", "alg@:"),
    ERR(0, 0, 0, "alg@" A10 "aaaa:x", SADDR_ETOOLONG, 4, 14),
    ERR(0, 0, 0, "alg@hash:a\\x00b", SADDR_ENUL, 9, 6),
    ERR(0, 0, 0, "alg@hash:x:0x100000000", SADDR_ERANGE, 11, 11),
    ERR(0, 0, 0, "alg@hash:x:1:2:3", SADDR_ESYNTAX, 14, 2),
    OK(0, 0, 0, "seqpacket+alg@hash:sha256",
       HASH "00000000"
            "00000000" SHA256,
       NULL, "alg@hash:sha256"),
    OK(0, 0, 0, "dgram+alg@hash:sha256",
       HASH "00000000"
            "00000000" SHA256,
       NULL, "dgram+alg@hash:sha256"),
};

static const frow frows[] = {
    FMT(AL, 0,
        HASH "00000000"
             "00000000" SHA256,
        "('hash', 'sha256', 0, 0)", "alg@hash:sha256"),
    /* 14-byte type and 64-byte name without their NUL: bounded reads */
    FMT(AL, 0,
        "2600" H10 "61616161"
        "00000000"
        "00000000" H10 H10 H10 H10 H10          H10 "62626262",
        "('" A10 "aaaa', '" A10 A10 A10 A10 A10 A10 "bbbb', 0, 0)",
        "alg@" A10 "aaaa:" A10 A10 A10 A10 A10  A10 "bbbb"),
    FMT(AL, 0,
        "2600"
        "ff00000000000000000000000000"
        "00000000"
        "00000000"
        "0a"
        "00" Z32 Z8 Z8 Z8 "000000000000",
        "('\\udcff', '\\n', 0, 0)", "alg@\\xff:\\x0a"),
    FMTERR(AL, 0,
           HASH "00000000"
                "00000000",
           SADDR_ELENGTH),
};

int main(void) {
  ft_parse(rows, FT_COUNT(rows));
  ft_format(frows, FT_COUNT(frows));
  return th_done();
}
