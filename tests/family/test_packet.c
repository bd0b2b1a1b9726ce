/* AF_PACKET: (ifname, proto[, pkttype[, hatype[, addr]]]) and
 * packet@IFNAME:PROTO[:PKTTYPE[:HATYPE[:HWADDR]]]; the formatter honours
 * sll_halen without reading past the struct or the given length. */
#include "famtest.h"

#define P AF_PACKET
/* family, protocol (network order), ifindex, hatype, pkttype, halen, addr */
#define LL(proto, idx, hatype, pkttype, halen, addr)                           \
  "1100" proto idx hatype pkttype halen addr
#define NOADDR "0000000000000000"
#define MAC6   "0102030405060000"

static const prow rows[] = {
    OK(P, 0, TUP, "('lo', 0x0800)",
       LL("0800", "LO", "0000", "00", "00", NOADDR), "('lo', 2048, 0, 0, b'')",
       "packet@lo:0x0800"),
    OK(P, 0, TUP, "('lo', ETH_P_ALL)",
       LL("0003", "LO", "0000", "00", "00", NOADDR), "('lo', 3, 0, 0, b'')",
       "packet@lo:0x0003"),
    OK(P, 0, TUP, "('', socket.ETH_P_IPV6)",
       LL("86dd", "00000000", "0000", "00", "00", NOADDR),
       "('', 34525, 0, 0, b'')", "packet@:0x86dd"),
    OK(P, 0, TUP,
       "('lo', 0x0800, PACKET_OTHERHOST, ARPHRD_LOOPBACK, "
       "b'\\x01\\x02\\x03\\x04\\x05\\x06')",
       LL("0800", "LO", "0403", "03", "06", MAC6),
       "('lo', 2048, 3, 772, b'\\x01\\x02\\x03\\x04\\x05\\x06')",
       "packet@lo:0x0800:3:772:01:02:03:04:05:06"),
    OK(P, 0, TUP, "('lo', 0xffff, 255, 65535, b'12345678')",
       LL("ffff", "LO", "ffff", "ff", "08", "3132333435363738"),
       "('lo', 65535, 255, 65535, b'12345678')",
       "packet@lo:0xffff:255:65535:31:32:33:34:35:36:37:38"),
    OK(P, 0, TUP, "('lo', 1, 0, 0, b'')",
       LL("0001", "LO", "0000", "00", "00", NOADDR), "('lo', 1, 0, 0, b'')",
       "packet@lo:0x0001"),
    OK(P, 0, TUP, "('lo', 1, 7)", LL("0001", "LO", "0000", "07", "00", NOADDR),
       "('lo', 1, 7, 0, b'')", "packet@lo:0x0001:7"),
    OK(P, 0, TUP, "('lo', 1, 0, 1)",
       LL("0001", "LO", "0100", "00", "00", NOADDR), "('lo', 1, 0, 1, b'')",
       "packet@lo:0x0001:0:1"),
    OK(P, 0, TUP, "('l\\x6f', True)",
       LL("0001", "LO", "0000", "00", "00", NOADDR), "('lo', 1, 0, 0, b'')",
       "packet@lo:0x0001"),
    OK(P, 0, TUP, "(0, 1)", LL("0001", "00000000", "0000", "00", "00", NOADDR),
       "('', 1, 0, 0, b'')", "packet@:0x0001"),
    /* tuple errors */
    ERR(P, 0, TUP, "'lo'", SADDR_ETYPE, 0, 4),
    ERR(P, 0, TUP, "('lo',)", SADDR_EARITY, 6, 1),
    ERR(P, 0, TUP, "('lo', 1, 2, 3, b'', 5)", SADDR_EARITY, 21, 1),
    ERR(P, 0, TUP, "(b'lo', 1)", SADDR_ETYPE, 1, 5),
    ERR(P, 0, TUP, "(None, 1)", SADDR_ETYPE, 1, 4),
    ERR(P, 0, TUP, "('nosuchif0', 1)", SADDR_ENOIFACE, 2, 9),
    ERR(P, 0, TUP, "('1', 1)", SADDR_ENOIFACE, 2, 1),
    ERR(P, 0, TUP, "('no\\x73uchif0', 1)", SADDR_ENOIFACE, 1, 14),
    ERR(P, 0, TUP, "('abcdefghijklmnop', 1)", SADDR_ETOOLONG, 1, 18),
    ERR(P, 0, TUP, "('l\\x00', 1)", SADDR_ENUL, 1, 7),
    ERR(P, 0, TUP, "(-1, 1)", SADDR_ERANGE, 1, 2),
    ERR(P, 0, TUP, "(2147483648, 1)", SADDR_ERANGE, 1, 10),
    ERR(P, 0, TUP, "('lo', -1)", SADDR_ERANGE, 7, 2),
    ERR(P, 0, TUP, "('lo', 65536)", SADDR_ERANGE, 7, 5),
    ERR(P, 0, TUP, "('lo', '1')", SADDR_ETYPE, 7, 3),
    ERR(P, 0, TUP, "('lo', 1, 256)", SADDR_ERANGE, 10, 3),
    ERR(P, 0, TUP, "('lo', 1, -1)", SADDR_ERANGE, 10, 2),
    ERR(P, 0, TUP, "('lo', 1, 0, 65536)", SADDR_ERANGE, 13, 5),
    ERR(P, 0, TUP, "('lo', 1, 0, 0, b'123456789')", SADDR_ETOOLONG, 16, 12),
    ERR(P, 0, TUP, "('lo', 1, 0, 0, '12')", SADDR_ETYPE, 16, 4),
    ERR(P, 0, TUP, "('lo', NO_SUCH_NAME)", SADDR_ECONST, 7, 12),
    /* compact */
    OK(0, 0, 0, "packet@lo:0x0800",
       LL("0800", "LO", "0000", "00", "00", NOADDR), "('lo', 2048, 0, 0, b'')",
       "packet@lo:0x0800"),
    OK(0, 0, 0, "packet@lo:2048", LL("0800", "LO", "0000", "00", "00", NOADDR),
       "('lo', 2048, 0, 0, b'')", "packet@lo:0x0800"),
    OK(0, 0, 0, "packet@:ETH_P_ALL",
       LL("0003", "00000000", "0000", "00", "00", NOADDR), "('', 3, 0, 0, b'')",
       "packet@:0x0003"),
    OK(0, 0, 0, "packet@lo:ETHERTYPE_ARP",
       LL("0806", "LO", "0000", "00", "00", NOADDR), "('lo', 2054, 0, 0, b'')",
       "packet@lo:0x0806"),
    OK(0, 0, 0, "packet@lo:0x0800:3:772:01:02:03:04:05:06",
       LL("0800", "LO", "0403", "03", "06", MAC6),
       "('lo', 2048, 3, 772, b'\\x01\\x02\\x03\\x04\\x05\\x06')",
       "packet@lo:0x0800:3:772:01:02:03:04:05:06"),
    OK(0, 0, 0, "packet@lo:1:0:0:aB",
       LL("0001", "LO", "0000", "00", "01", "ab00000000000000"),
       "('lo', 1, 0, 0, b'\\xab')", "packet@lo:0x0001:0:0:ab"),
    OK(0, 0, 0, "raw+packet@lo:1", LL("0001", "LO", "0000", "00", "00", NOADDR),
       NULL, "packet@lo:0x0001"),
    OK(0, 0, 0, "dgram+packet@lo:1",
       LL("0001", "LO", "0000", "00", "00", NOADDR), NULL,
       "dgram+packet@lo:0x0001"),
    OK(P, 0, 0, "lo:1", LL("0001", "LO", "0000", "00", "00", NOADDR), NULL,
       "packet@lo:0x0001"),
    OK(0, 0, 0, "packet@1:1",
       LL("0001", "01000000", "0000", "00", "00", NOADDR), NULL, NULL),
    /* compact errors */
    ERR(0, 0, 0, "packet@lo", SADDR_ESYNTAX, 9, 0),
    ERR(0, 0, 0, "packet@lo:", SADDR_ESYNTAX, 10, 0),
    ERR(0, 0, 0, "packet@lo:0x10000", SADDR_ERANGE, 10, 7),
    ERR(0, 0, 0, "packet@lo:08", SADDR_ESYNTAX, 10, 2),
    ERR(0, 0, 0, "packet@lo:-1", SADDR_ECONST, 10, 2),
    ERR(0, 0, 0, "packet@lo:0x", SADDR_ESYNTAX, 10, 2),
    ERR(0, 0, 0, "packet@lo:0x8g", SADDR_ESYNTAX, 13, 1),
    ERR(0, 0, 0, "packet@lo:ETH_P_NOPE", SADDR_ECONST, 10, 10),
    ERR(0, 0, 0, "packet@lo:AF_INET", SADDR_ECONST, 10, 7),
    ERR(0, 0, 0, "packet@lo:1:256", SADDR_ERANGE, 12, 3),
    ERR(0, 0, 0, "packet@lo:1:0:65536", SADDR_ERANGE, 14, 5),
    ERR(0, 0, 0, "packet@lo:1:0:0:", SADDR_ESYNTAX, 16, 0),
    ERR(0, 0, 0, "packet@lo:1:0:0:0g", SADDR_ESYNTAX, 16, 1),
    ERR(0, 0, 0, "packet@lo:1:0:0:012", SADDR_ESYNTAX, 16, 1),
    ERR(0, 0, 0, "packet@lo:1:0:0:01:", SADDR_ESYNTAX, 16, 1),
    ERR(0, 0, 0, "packet@lo:1:0:0:01:02:03:04:05:06:07:08:09", SADDR_ETOOLONG,
        16, 26),
    ERR(0, 0, 0, "packet@nosuchif0:1", SADDR_ENOIFACE, 7, 9),
    ERR(0, 0, 0, "packet@abcdefghijklmnop:1", SADDR_ETOOLONG, 7, 16),
    ERR(0, 0, 0, "packet@2147483648:1", SADDR_ERANGE, 7, 10),
};

static const frow frows[] = {
    FMT(P, 0, LL("0800", "LO", "0403", "00", "06", MAC6),
        "('lo', 2048, 0, 772, b'\\x01\\x02\\x03\\x04\\x05\\x06')",
        "packet@lo:0x0800:0:772:01:02:03:04:05:06"),
    /* the kernel's own length: 12 + halen */
    FMT(P, 0,
        "11000800"
        "LO"
        "0403"
        "00"
        "06"
        "010203040506",
        "('lo', 2048, 0, 772, b'\\x01\\x02\\x03\\x04\\x05\\x06')",
        "packet@lo:0x0800:0:772:01:02:03:04:05:06"),
    /* halen beyond the given bytes, and beyond the struct (InfiniBand) */
    FMT(P, 0,
        "11000800"
        "LO"
        "0403"
        "00"
        "06"
        "0102",
        "('lo', 2048, 0, 772, b'\\x01\\x02')", "packet@lo:0x0800:0:772:01:02"),
    FMT(P, 0,
        LL("0800", "LO", "2000", "00", "14", "0102030405060708") "090a0b0c",
        "('lo', 2048, 0, 32, b'\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08')",
        "packet@lo:0x0800:0:32:01:02:03:04:05:06:07:08"),
    FMT(P, 0,
        "11000800"
        "LO"
        "0000"
        "00"
        "00",
        "('lo', 2048, 0, 0, b'')", "packet@lo:0x0800"),
    FMT(P, 0, LL("0800", "f0ffff7f", "0000", "00", "00", NOADDR),
        "(2147483632, 2048, 0, 0, b'')", "packet@2147483632:0x0800"),
    FMT(P, 0, LL("0800", "00000000", "0000", "04", "00", NOADDR),
        "('', 2048, 4, 0, b'')", "packet@:0x0800:4"),
    FMT(P, 0,
        "11000800"
        "LO"
        "0403"
        "00"
        "06",
        "('lo', 2048, 0, 772, b'')", "packet@lo:0x0800:0:772"),
    FMTERR(P, 0, "1100080001000000040300", SADDR_ELENGTH),
};

int main(void) {
  ft_parse(rows, FT_COUNT(rows));
  ft_format(frows, FT_COUNT(frows));
  return th_done();
}
