/* The family layer: the address model (addr.c), the family table
 * (table.c) and one module a family. Each module reads its tuple form and
 * its compact body, and formats both ways; IP is a row like the others,
 * with its numeric fast path (inet_fast.c) as an optional hook. */
#ifndef SADDR_FAMILY_FAMILY_H
#define SADDR_FAMILY_FAMILY_H

#include "syntax/syntax.h"

#include <string.h>

/* Bluetooth protocol numbers (kernel ABI; <bluetooth/bluetooth.h> may be
 * absent). */
#define SADDR__BTPROTO_L2CAP  0
#define SADDR__BTPROTO_HCI    1
#define SADDR__BTPROTO_SCO    2
#define SADDR__BTPROTO_RFCOMM 3

/* ---- The address model (addr.c) ------------------------------------------ */

/* Sixteen bytes. Zeroing a saddr_addr through these compiles to vector
 * stores with gcc and clang alike, where gcc turns a memset of this size,
 * a copy of a zero object or a loop of such stores into `rep stos` or `rep
 * movs` (at least in code it deems cold), whose start-up costs more than
 * the whole parse. */
typedef unsigned char saddr__v16
    __attribute__((vector_size(16), aligned(1), may_alias));

_Static_assert(sizeof(saddr_addr) >= 144 && sizeof(saddr_addr) < 160,
               "saddr__addr_init zeroes 9 vectors and the rest of saddr_addr");

/* The one address initialiser, of every family, the fast path, the
 * resolver and bind: zeroes all of a, padding included, and sets every
 * field but the sockaddr's own. Inline, so that the fast path keeps its
 * stores in registers. */
__attribute__((always_inline)) static inline void
saddr__addr_init(saddr_addr *a, int family, int type, int protocol,
                 socklen_t len, unsigned flags) {
  saddr__v16 *q = (saddr__v16 *)(void *)a;
  q[0] = q[1] = q[2] = q[3] = q[4] = q[5] = q[6] = q[7] = q[8] =
      (saddr__v16){0};
  memset((unsigned char *)a + 144, 0, sizeof *a - 144);
  a->len      = len;
  a->family   = family;
  a->type     = type;
  a->protocol = protocol;
  a->flags    = flags;
}

/* Starts the one result a non-IP reader returns: out holds one address,
 * of the context's type and protocol, and nothing else. */
saddr_addr *saddr__parsed_one(const saddr__ctx *c, saddr_parsed *out,
                              int family);

/* ---- The family table (table.c) ------------------------------------------
 * A compact reader gets the body after its scheme ("vsock:", "unix@") as
 * [off, off+n) of c->s. Readers return 0 or a negative saddr_status. */
typedef struct saddr__fmt_in {
  const unsigned char *sa; /* salen bytes; never read beyond them */
  size_t               len;
  int                  family; /* reported family (AF_RDS for RDS) */
  int                  type;
  int                  protocol;
  saddr_error         *err;
} saddr__fmt_in;

/* A reader of one address, with saddr_parse_addr's arguments. */
typedef int saddr__one_fn(const char *s, size_t len, const saddr_hints *h,
                          saddr_addr *a, saddr_error *err);

typedef struct saddr__family {
  int family;
  int (*tuple)(const saddr__ctx *c, const saddr__tuple *t, saddr_parsed *out);
  int (*compact)(const saddr__ctx *c, size_t off, size_t n, saddr_parsed *out);
  int (*format)(const saddr__fmt_in *in, int style, saddr__buf *b);
  /* Optional: a fast path tried before syntax detection, for one address
   * and for a whole spec. fast_one answers the forms it knows in a and
   * returns 0; anything else it hands, untouched, to `general` (a tail
   * call, so that its caller needs no stack frame to keep its arguments
   * for the general path). fast_all is true when it produced the result,
   * false to take the general path. Either way the general path decides
   * exactly as without them. */
  int (*fast_one)(const char *s, size_t len, const saddr_hints *h,
                  saddr_addr *a, saddr_error *err, saddr__one_fn *general);
  bool (*fast_all)(const char *s, size_t len, const saddr_hints *h,
                   saddr_parsed *out);
} saddr__family;

/* The row that formats a family. */
const saddr__family *saddr__family_find(int family);
/* The row that reads a spec of a family: a spec without one (AF_UNSPEC) is
 * IP, whose readers take the family from the host. */
const saddr__family *saddr__family_reader(int family);
/* The IP row, whose fast path saddr_parse tries first; the fast path's
 * two entries (family/inet_fast.c). */
extern const saddr__family saddr__family_inet
    __attribute__((visibility("hidden"))); /* no GOT load on the fast path */
int  saddr__inet_fast_one(const char *s, size_t len, const saddr_hints *h,
                          saddr_addr *a, saddr_error *err,
                          saddr__one_fn *general);
bool saddr__inet_fast_all(const char *s, size_t len, const saddr_hints *h,
                          saddr_parsed *out);

/* Compact prefixes: `[socktype "+"] scheme "@" body`, plus the compat
 * spellings `unix:` and `vsock:` (sep ':'). A row may also fix the protocol
 * (l2cap@ is AF_BLUETOOTH/BTPROTO_L2CAP) or the type (udp@ is SOCK_DGRAM);
 * 0 leaves them to the caller. */
typedef struct saddr__scheme {
  const char *name;
  char        sep;      /* '@' or ':' */
  int         family;   /* AF_UNSPEC for ip@, tcp@, udp@ */
  int         protocol; /* -1: keep the caller's */
  int         type;     /* 0: keep the caller's */
} saddr__scheme;
const saddr__scheme *saddr__scheme_find(const char *s, size_t n, char sep);

/* Each family's natural socket type (saddr_default_type): the one its
 * sockets are usually made with, so that what parse returns can be bound
 * without a type of the caller's. Inline: parse and format ask for it on
 * their hot paths. Bluetooth and CAN decide by protocol (CAN protocol 0 reads
 * as CAN_RAW, Bluetooth protocol 0 is L2CAP). */
static inline int saddr__default_type(int family, int protocol) {
  switch (family) {
  case AF_PACKET:
  case AF_NETLINK:
    return SOCK_RAW;
  case AF_QIPCRTR:
    return SOCK_DGRAM;
  case AF_ALG:
  case AF_TIPC:
  case AF_RDS:
    return SOCK_SEQPACKET;
  case AF_CAN:
    return protocol == 0 || protocol == 1 /* CAN_RAW */ ? SOCK_RAW : SOCK_DGRAM;
  case AF_BLUETOOTH:
    return protocol == SADDR__BTPROTO_RFCOMM ? SOCK_STREAM
           : protocol == SADDR__BTPROTO_HCI  ? SOCK_RAW
                                             : SOCK_SEQPACKET;
  default:
    return SOCK_STREAM;
  }
}

/* Whether the family (and protocol) can have sockets of this type. Linux
 * silently turns some (AF_UNIX SOCK_RAW becomes SOCK_DGRAM); bind refuses
 * them instead. */
bool saddr__type_ok(int family, int protocol, int type);

#endif
