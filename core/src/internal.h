/* Internal interfaces shared by saddr's modules. Nothing here is exported:
 * the library is built with -fvisibility=hidden and cross-file internals
 * carry the saddr__ prefix. */
#ifndef SADDR_INTERNAL_H
#define SADDR_INTERNAL_H

#include "saddr.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SADDR__UNUSED(x) ((void)(x))

/* Bluetooth protocol numbers (kernel ABI; <bluetooth/bluetooth.h> may be
 * absent). */
#define SADDR__BTPROTO_L2CAP  0
#define SADDR__BTPROTO_HCI    1
#define SADDR__BTPROTO_SCO    2
#define SADDR__BTPROTO_RFCOMM 3

/* ---- Errors (error.c) ---------------------------------------------------
 * Fills err (which may be NULL) and returns code, so that failures read
 * `return saddr__fail(err, SADDR_EPORT, off, n, "port must be 0-65535");`. */
int saddr__fail(saddr_error *err, int code, size_t off, size_t len,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* ---- Bounded output (buf.c) ----------------------------------------------
 * A string builder that never writes past cap and remembers overflow. */
typedef struct saddr__buf {
  char  *p;
  size_t cap;
  size_t n;
  bool   overflow;
} saddr__buf;

void saddr__put(saddr__buf *b, const char *s, size_t n);
void saddr__puts(saddr__buf *b, const char *s);
void saddr__putc(saddr__buf *b, char c);
void saddr__put_u64(saddr__buf *b, uint64_t v);
void saddr__put_hex(saddr__buf *b, uint64_t v); /* 0x-prefixed, lowercase */
/* Python repr of a str (UTF-8 bytes; with surrogateescape, a byte that is
 * not valid UTF-8 prints as \udcXX) or of a bytes object (b'...'). */
void saddr__put_pystr(saddr__buf *b, const unsigned char *s, size_t n);
void saddr__put_pybytes(saddr__buf *b, const unsigned char *s, size_t n);
/* C-style escaping for compact text: printable ASCII except `\` as is,
 * everything else \xHH, and the bytes in `also` escaped too. */
void saddr__put_cescaped(saddr__buf *b, const unsigned char *s, size_t n,
                         const char *also);

/* ---- Python string escapes (escape.c) -----------------------------------
 * Decodes the body of a string literal (between the quotes) into out.
 * mode: SADDR__ESC_STR (result is UTF-8; \u, \U and \N-less escapes),
 * SADDR__ESC_BYTES (bytes literal: ASCII source only, \u is literal),
 * SADDR__ESC_SURROGATE may be or-ed with STR: \udc80-\udcff become the raw
 * bytes 0x80-0xff (surrogateescape). raw: the r prefix (no escapes).
 * base is the offset of body in the whole input, for error offsets. */
#define SADDR__ESC_STR       0x1u
#define SADDR__ESC_BYTES     0x2u
#define SADDR__ESC_SURROGATE 0x4u
int saddr__unescape(const char *body, size_t n, size_t base, unsigned mode,
                    bool raw, unsigned char *out, size_t cap, size_t *outlen,
                    saddr_error *err);

/* Validates UTF-8 (no surrogates, no overlongs); returns the offset of the
 * first bad byte or n. */
size_t saddr__utf8_check(const unsigned char *s, size_t n);

/* ---- The tuple reader (tuple.c) ------------------------------------------ */
enum saddr__kind {
  SADDR__INT,
  SADDR__STR,
  SADDR__BYTES,
  SADDR__BOOL,
  SADDR__NONE,
  SADDR__NAME /* a symbolic constant, looked up by the field reader */
};

typedef struct saddr__item {
  uint8_t  kind;
  bool     neg;                /* INT, NAME: a unary minus applies */
  bool     big;                /* INT: the magnitude does not fit in 64 bits */
  bool     raw;                /* STR/BYTES: r prefix */
  bool     escapes;            /* STR/BYTES: the body holds a backslash */
  size_t   off, len;           /* the whole token in the input */
  size_t   body_off, body_len; /* STR/BYTES between the quotes; NAME text */
  uint64_t mag;                /* INT magnitude, BOOL 0/1 */
} saddr__item;

#define SADDR__TUPLE_MAX 8
typedef struct saddr__tuple {
  size_t      n;
  bool        is_tuple; /* (a, ...) or (); false for a bare value */
  size_t      off, len; /* the whole literal */
  saddr__item item[SADDR__TUPLE_MAX];
} saddr__tuple;

int saddr__tuple_read(const char *s, size_t len, saddr__tuple *t,
                      saddr_error *err);

/* Field readers. `what` names the field in messages ("port", "flowinfo").
 * Integers accept INT, BOOL and NAME (constants); the value must lie in
 * [min, max] or the error is SADDR_ERANGE with "<what> must be min-max". */
int saddr__item_uint(const char *s, const saddr__item *it, uint64_t max,
                     const char *what, uint64_t *v, saddr_error *err);
int saddr__item_int(const char *s, const saddr__item *it, int64_t min,
                    int64_t max, const char *what, int64_t *v,
                    saddr_error *err);
/* Text fields: accept is a mask of (1u << SADDR__STR) | (1u << SADDR__BYTES).
 * The decoded value goes to out (cap bytes); longer is SADDR_ETOOLONG. */
#define SADDR__ACCEPT_STR   (1u << SADDR__STR)
#define SADDR__ACCEPT_BYTES (1u << SADDR__BYTES)
int saddr__item_text(const char *s, const saddr__item *it, unsigned accept,
                     unsigned escmode, const char *what, unsigned char *out,
                     size_t cap, size_t *outlen, saddr_error *err);
const char *saddr__kind_name(int kind);

/* ---- Constants (const.c) ------------------------------------------------
 * One table of symbolic names; "socket." prefixes are stripped by the
 * lookup. */
typedef struct saddr__const {
  const char *name;
  long long   value;
} saddr__const;
int saddr__const_lookup(const char *name, size_t len, long long *value);

/* ---- Parse context --------------------------------------------------------
 * What every family reader gets: the whole input (offsets in errors are
 * into it), the caller's hints with defaults applied, and the error slot. */
typedef struct saddr__ctx {
  const char  *s;
  size_t       len;
  int          family; /* AF_UNSPEC or forced by hints or a prefix */
  int          type;   /* never 0 */
  int          protocol;
  unsigned     flags; /* saddr_hints.flags */
  uint16_t     default_port;
  saddr_error *err;
} saddr__ctx;

/* An internal hints flag: skip the fast path (tests compare both paths). */
#define SADDR__GENERAL 0x80000000u

/* The fast path (fastpath.c): true when it produced the result. */
bool saddr__fast_one(const char *s, size_t len, const saddr_hints *h,
                     saddr_addr *a);
bool saddr__fast_wildcard(const char *s, size_t len, const saddr_hints *h,
                          saddr_parsed *out);

/* Zeroes addr (all of it) and sets type, protocol and the reported family. */
void saddr__addr_init(saddr_addr *addr, const saddr__ctx *c, int family);
/* A socket-type word of the compact syntax ("dgram" in "dgram+…") at
 * [off, off + w): 1 and *type when it is one, 0 when it is not, or an error
 * when the hints already chose another type (type_given). */
int saddr__socktype_word(const saddr__ctx *c, size_t off, size_t w,
                         bool type_given, int *type);

/* ---- Families (one module a family, listed in family/table.c)
 * --------------------- Each module reads its tuple form and its compact body,
 * and formats both ways. A compact reader gets the body after its scheme
 * ("vsock:", "unix@") as [off, off+n) of c->s. Readers return 0 or a negative
 * saddr_status. */
typedef struct saddr__fmt_in {
  const unsigned char *sa; /* salen bytes; never read beyond them */
  size_t               len;
  int                  family; /* reported family (AF_RDS for RDS) */
  int                  type;
  int                  protocol;
  saddr_error         *err;
} saddr__fmt_in;

typedef struct saddr__family {
  int         family;
  const char *scheme; /* compact prefix before '@' (or ':' for compat) */
  int (*tuple)(const saddr__ctx *c, const saddr__tuple *t, saddr_parsed *out);
  int (*compact)(const saddr__ctx *c, size_t off, size_t n, saddr_parsed *out);
  int (*format)(const saddr__fmt_in *in, int style, saddr__buf *b);
} saddr__family;

const saddr__family *saddr__family_find(int family);

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

/* Symbolic constants of the non-IP families (family/consts.c). */
extern const saddr__const saddr__family_consts[];
extern const size_t       saddr__family_consts_n;

/* The IP readers (family/inet.c) also serve specs without a family:
 * c->family AF_UNSPEC means "from the host". */
int saddr__ip_tuple(const saddr__ctx *c, const saddr__tuple *t,
                    saddr_parsed *out);
int saddr__ip_compact(const saddr__ctx *c, size_t off, size_t n,
                      saddr_parsed *out);

/* The vector literal parsers read a few bytes past the text (never across
 * a page); address and memory sanitizers would flag that, so their builds
 * use the scalar parsers. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define SADDR__NO_OVERREAD 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define SADDR__NO_OVERREAD 1
#endif

/* ---- Text primitives (ip4.c, ip6.c, port.c) -------------------------------
 * Strict literal parsers over exactly [s, s+n). They return true and fill
 * the 4 or 16 network-order bytes, or false. */
bool saddr__ip4_parse(const char *s, size_t n, unsigned char out[4]);
bool saddr__ip6_parse(const char *s, size_t n, unsigned char out[16]);
/* Exactly "a.b.c.d:port" over [s, s+n): the literal above, ':' and a
 * port as saddr__port_parse reads it; and the same for the inside of a
 * Python pair, "a.b.c.d', port" (quote ' or "). The result comes back by
 * value, in registers, so that the fast path keeps nothing on its stack. */
typedef struct saddr__ip4_port {
  uint32_t addr; /* the 4 network-order bytes as they lie in memory */
  uint16_t port;
  bool     ok;
} saddr__ip4_port;
saddr__ip4_port saddr__ip4_hostport(const char *s, size_t n);
saddr__ip4_port saddr__ip4_tuple(const char *s, size_t n, char quote);
/* Why an IPv4-looking text failed: SADDR_EIPV4LEGACY or SADDR_EIPV4, with
 * the offset (relative to s) of the first offending byte in *at. */
int    saddr__ip4_diagnose(const char *s, size_t n, size_t *at);
size_t saddr__ip6_diagnose(const char *s, size_t n); /* offending offset */
/* glibc inet_ntop text (Python's) or RFC 5952 text; returns chars written
 * (at most 45, no NUL). */
size_t saddr__ip4_format(const unsigned char in[4], char *out);
size_t saddr__ip6_format(const unsigned char in[16], bool rfc5952, char *out);
/* Decimal port, compact rules (no sign, blank, radix or leading zero). */
int saddr__port_parse(const char *s, size_t n, uint16_t *port);
/* The port after the last ':' of [s, s+n), as saddr__port_parse reads it:
 * returns the offset of that ':', or 0 when there is none before a valid
 * port or the ':' is the first byte. */
size_t saddr__port_tail(const char *s, size_t n, uint16_t *port);

/* ---- Hosts (host.c) -------------------------------------------------------
 */
bool saddr__is_localhost(const char *s, size_t n);
bool saddr__ends_in_number(const char *s, size_t n);
/* Classifies and validates a DNS host name at [off, off+n) of c->s. Returns
 * 0 and writes the ASCII (A-label, lower-case, no trailing dot) form to out,
 * or an error: SADDR_EIPV4LEGACY for names ending in a number, SADDR_ENUMERIC
 * for non-ASCII names that map to a numeric literal, SADDR_EHOSTNAME, ... */
int saddr__hostname(const saddr__ctx *c, size_t off, size_t n,
                    char out[SADDR_HOST_MAX], size_t *outlen);
/* An interface name (never a number: "1" is a name) to its index. */
int saddr__ifname(const saddr__ctx *c, size_t off, size_t n, unsigned *index);
/* An IPv6 zone: a decimal index (no lookup) or an interface name.
 * [off, off+n) of c->s. */
int saddr__ifindex(const saddr__ctx *c, size_t off, size_t n, unsigned *index);

#endif
