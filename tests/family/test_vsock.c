/* AF_VSOCK: (cid, port) as u32 each; vsock:CID:PORT and vsock@CID:PORT with
 * the named CIDs (an empty CID is VMADDR_CID_ANY). */
#include "famtest.h"

#define V AF_VSOCK
/* family, reserved, port, cid, flags and zero padding */
#define VM(port, cid) "28000000" port cid "00000000"

static const prow rows[] = {
    OK(V, 0, TUP, "(2, 1024)", VM("00040000", "02000000"), "(2, 1024)",
       "vsock:2:1024"),
    OK(V, 0, TUP, "(VMADDR_CID_ANY, VMADDR_PORT_ANY)",
       VM("ffffffff", "ffffffff"), "(4294967295, 4294967295)",
       "vsock:any:4294967295"),
    OK(V, 0, TUP, "(socket.VMADDR_CID_HOST, 0)", VM("00000000", "02000000"),
       "(2, 0)", "vsock:2:0"),
    OK(V, 0, TUP, "(VMADDR_CID_LOCAL, 1)", VM("01000000", "01000000"), "(1, 1)",
       "vsock:1:1"),
    OK(V, 0, TUP, "(0, 0)", VM("00000000", "00000000"), "(0, 0)", "vsock:0:0"),
    ERR(V, 0, TUP, "(-1, 1)", SADDR_ERANGE, 1, 2),
    ERR(V, 0, TUP, "(1, 4294967296)", SADDR_ERANGE, 4, 10),
    ERR(V, 0, TUP, "(1,)", SADDR_EARITY, 3, 1),
    ERR(V, 0, TUP, "(1, 2, 3)", SADDR_EARITY, 7, 1),
    ERR(V, 0, TUP, "[1, 2]", SADDR_ETUPLE, 0, 1),
    ERR(V, 0, TUP, "1", SADDR_ETYPE, 0, 1),
    ERR(V, 0, TUP, "('2', 1)", SADDR_ETYPE, 1, 3),
    ERR(V, 0, TUP, "(VMADDR_CID_NOPE, 1)", SADDR_ECONST, 1, 15),
    /* compact */
    OK(0, 0, 0, "vsock:2:1024", VM("00040000", "02000000"), "(2, 1024)",
       "vsock:2:1024"),
    OK(0, 0, 0, "vsock@2:1024", VM("00040000", "02000000"), "(2, 1024)",
       "vsock:2:1024"),
    OK(0, 0, 0, "vsock::1234", VM("d2040000", "ffffffff"), "(4294967295, 1234)",
       "vsock:any:1234"),
    OK(0, 0, 0, "vsock:any:1", VM("01000000", "ffffffff"), NULL, "vsock:any:1"),
    OK(0, 0, 0, "vsock:hypervisor:1", VM("01000000", "00000000"), "(0, 1)",
       "vsock:0:1"),
    OK(0, 0, 0, "vsock:local:1", VM("01000000", "01000000"), "(1, 1)",
       "vsock:1:1"),
    OK(0, 0, 0, "vsock:host:1", VM("01000000", "02000000"), "(2, 1)",
       "vsock:2:1"),
    OK(0, 0, 0, "vsock:4294967295:4294967295", VM("ffffffff", "ffffffff"), NULL,
       "vsock:any:4294967295"),
    OK(0, 0, 0, "vsock:0x10:0x10", VM("10000000", "10000000"), "(16, 16)",
       "vsock:16:16"),
    OK(0, 0, 0, "dgram+vsock:3:1", VM("01000000", "03000000"), "(3, 1)",
       "dgram+vsock:3:1"),
    OK(0, 0, 0, "seqpacket+vsock@3:1", VM("01000000", "03000000"), NULL,
       "seqpacket+vsock:3:1"),
    OK(V, 0, 0, "3:1", VM("01000000", "03000000"), NULL, "vsock:3:1"),
    ERR(0, 0, 0, "vsock:2", SADDR_ESYNTAX, 7, 0),
    ERR(0, 0, 0, "vsock:2:", SADDR_ESYNTAX, 8, 0),
    ERR(0, 0, 0, "vsock::", SADDR_ESYNTAX, 7, 0),
    ERR(0, 0, 0, "vsock:-1:1", SADDR_ESYNTAX, 6, 2),
    ERR(0, 0, 0, "vsock:Host:1", SADDR_ESYNTAX, 6, 4),
    ERR(0, 0, 0, "vsock:4294967296:1", SADDR_ERANGE, 6, 10),
    ERR(0, 0, 0, "vsock:2:4294967296", SADDR_ERANGE, 8, 10),
    ERR(0, 0, 0, "vsock:02:1", SADDR_ESYNTAX, 6, 2),
    ERR(0, 0, 0, "vsock:2:+1", SADDR_ESYNTAX, 8, 1),
    ERR(0, 0, 0, "vsock:2: 1", SADDR_ESYNTAX, 8, 1),
    ERR(0, 0, 0, "vsock:2:1:3", SADDR_ESYNTAX, 9, 2),
    ERR(AF_UNIX, 0, 0, "vsock:2:1", SADDR_EFAMILY, 0, 6),
};

static const frow frows[] = {
    FMT(V, 0, VM("00040000", "02000000"), "(2, 1024)", "vsock:2:1024"),
    FMT(V, 0,
        "28000000"
        "00040000"
        "02000000"
        "01000000",
        "(2, 1024)", "vsock:2:1024"),
    FMTERR(V, 0, "2800000000040000020000", SADDR_ELENGTH),
    FMTERR(V, 0, "280000000004000002000000000000", SADDR_ELENGTH),
};

int main(void) {
  ft_parse(rows, FT_COUNT(rows));
  ft_format(frows, FT_COUNT(frows));
  return th_done();
}
