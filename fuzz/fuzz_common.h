/* Shared pieces of the saddr fuzz targets: the invariant check that turns a
 * violated property into a crash, the leading-byte header that picks the
 * family, type, protocol and flags, and the checks every result must pass.
 *
 * Header-only on purpose: each target is one translation unit plus the
 * engine (libFuzzer or replay_main.c), so that a new target is one new
 * fuzz/NAME_fuzzer.c file and the build finds it by its name. */
#ifndef SADDR_FUZZ_COMMON_H
#define SADDR_FUZZ_COMMON_H

#include "saddr.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* A property violation is a crash: libFuzzer and the replay main both
 * report it, and the message says which property failed. */
#define FZ_CHECK(cond)                                                         \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__,     \
              #cond);                                                          \
      abort();                                                                 \
    }                                                                          \
  } while (0)

/* Protocol numbers of the families whose uapi headers Debian does not ship
 * with libc (bluetooth/bluetooth.h) or that need linux/can.h. */
#define FZ_BTPROTO_L2CAP  0
#define FZ_BTPROTO_HCI    1
#define FZ_BTPROTO_SCO    2
#define FZ_BTPROTO_RFCOMM 3
#define FZ_CAN_RAW        1
#define FZ_CAN_BCM        2
#define FZ_CAN_ISOTP      6
#define FZ_CAN_J1939      7

typedef struct fz_combo {
  int family;
  int protocol;
} fz_combo;

/* Every family/protocol pair with a form of its own, plus two families
 * saddr has no form for (AppleTalk and an unassigned number). */
static const fz_combo fz_combos[] = {
    {AF_UNSPEC, 0},
    {AF_INET, 0},
    {AF_INET6, 0},
    {AF_UNIX, 0},
    {AF_PACKET, 0},
    {AF_NETLINK, 0},
    {AF_BLUETOOTH, FZ_BTPROTO_L2CAP},
    {AF_BLUETOOTH, FZ_BTPROTO_RFCOMM},
    {AF_BLUETOOTH, FZ_BTPROTO_HCI},
    {AF_BLUETOOTH, FZ_BTPROTO_SCO},
    {AF_VSOCK, 0},
    {AF_CAN, FZ_CAN_RAW},
    {AF_CAN, FZ_CAN_BCM},
    {AF_CAN, FZ_CAN_ISOTP},
    {AF_CAN, FZ_CAN_J1939},
    {AF_TIPC, 0},
    {AF_ALG, 0},
    {AF_QIPCRTR, 0},
    {AF_RDS, 0},
    {AF_APPLETALK, 0},
    {250, 0},
};
#define FZ_NCOMBOS (sizeof fz_combos / sizeof fz_combos[0])

static const int fz_types[8] = {
    0,        SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_SEQPACKET,
    SOCK_RDM, SOCK_DCCP,   77};

/* The four leading bytes of a parser input:
 *   [0] family/protocol pair (index into fz_combos, modulo its size)
 *   [1] bits 0-2 socket type, bit 3 SADDR_DEFAULT_PORT, bit 4 SADDR_DEFER,
 *       bit 5 SADDR_DUALSTACK, bit 6 no syntax flag (detect it from the
 *       text), bit 7 cross-check saddr_parse_addr
 *   [2..3] default port, big-endian
 * The rest is the text. */
#define FZ_HEADER      4
#define FZ_AUTO_SYNTAX 0x40u
#define FZ_CROSS_CHECK 0x80u

typedef struct fz_input {
  saddr_hints hints;
  unsigned    mode; /* header byte 1, for the FZ_* bits */
  const char *text;
  size_t      len;
} fz_input;

static inline bool fz_decode(const uint8_t *data, size_t size, unsigned syntax,
                             fz_input *in) {
  if (size < FZ_HEADER)
    return false;
  const fz_combo *combo = &fz_combos[data[0] % FZ_NCOMBOS];
  memset(in, 0, sizeof *in);
  in->hints.family   = combo->family;
  in->hints.protocol = combo->protocol;
  in->hints.type     = fz_types[data[1] & 7u];
  in->mode           = data[1];
  if (data[1] & 0x08u)
    in->hints.flags |= SADDR_DEFAULT_PORT;
  if (data[1] & 0x10u)
    in->hints.flags |= SADDR_DEFER;
  if (data[1] & 0x20u)
    in->hints.flags |= SADDR_DUALSTACK;
  if (!(data[1] & FZ_AUTO_SYNTAX))
    in->hints.flags |= syntax;
  in->hints.default_port = (uint16_t)(data[2] << 8 | data[3]);
  in->text               = (const char *)data + FZ_HEADER;
  in->len                = size - FZ_HEADER;
  return true;
}

/* The error contract (SPEC 1.4): a known code, a span inside the input and
 * a NUL-terminated one-line message. */
static inline void fz_check_error(int rc, const saddr_error *err,
                                  size_t inlen) {
  FZ_CHECK(rc < 0);
  FZ_CHECK(err->code == rc);
  FZ_CHECK(saddr_err_name(rc) != NULL);
  FZ_CHECK(saddr_strerror(rc) != NULL);
  FZ_CHECK(err->offset <= inlen);
  FZ_CHECK(err->length <= inlen - err->offset);
  const char *nul = memchr(err->message, '\0', sizeof err->message);
  FZ_CHECK(nul != NULL);
  FZ_CHECK(nul != err->message);
  /* One line of text: no control characters (the input is quoted in some
   * messages and must be escaped there). */
  for (const char *m = err->message; m < nul; m++)
    FZ_CHECK((unsigned char)*m >= 0x20 && *m != 0x7f);
}

/* A parsed address: its length fits the union, the family field agrees
 * with the reported family (AF_RDS sits in an AF_INET sockaddr), and every
 * byte past len is zero because the sockaddr was zeroed before filling. */
static inline void fz_check_addr(const saddr_addr *a) {
  FZ_CHECK(a->len >= sizeof(sa_family_t));
  FZ_CHECK(a->len <= sizeof a->sa);
  if (a->family == AF_RDS)
    FZ_CHECK(a->sa.sa.sa_family == AF_INET);
  else
    FZ_CHECK(a->sa.sa.sa_family == a->family);
  FZ_CHECK(a->type != 0);
  for (size_t i = a->len; i < sizeof a->sa; i++)
    FZ_CHECK(a->sa.bytes[i] == 0);
}

/* Whether the last label (one trailing dot ignored) is a number: all
 * digits, or 0x followed by hex digits (WHATWG's "ends in a number"). */
static inline bool fz_ends_in_number(const char *h, size_t n) {
  if (n > 0 && h[n - 1] == '.')
    n--;
  size_t start = n;
  while (start > 0 && h[start - 1] != '.')
    start--;
  const char *l  = h + start;
  size_t      ln = n - start;
  if (ln == 0)
    return false;
  size_t i   = 0;
  bool   hex = ln >= 2 && l[0] == '0' && (l[1] == 'x' || l[1] == 'X');
  if (hex)
    i = 2;
  for (; i < ln; i++) {
    unsigned char ch    = (unsigned char)l[i];
    bool          digit = ch >= '0' && ch <= '9';
    bool xdigit = digit || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
    if (hex ? !xdigit : !digit)
      return false;
  }
  return true;
}

/* A name handed out for resolution (SPEC 1.3, 2): lower-case ASCII LDH
 * labels of 1-63 bytes, at most 253 bytes, no trailing dot, never a literal
 * that any resolver reads as an address, never localhost. */
static inline void fz_check_host(const char *h) {
  size_t n = strnlen(h, SADDR_HOST_MAX);
  FZ_CHECK(n > 0 && n <= 253);
  FZ_CHECK(h[n - 1] != '.');
  size_t label = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)h[i];
    if (ch == '.') {
      FZ_CHECK(label > 0);
      label = 0;
      continue;
    }
    FZ_CHECK((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
             ch == '-' || ch == '_');
    FZ_CHECK(++label <= 63);
  }
  struct in_addr a4;
  unsigned char  a6[16];
  FZ_CHECK(inet_aton(h, &a4) == 0);
  FZ_CHECK(inet_pton(AF_INET6, h, a6) != 1);
  FZ_CHECK(!fz_ends_in_number(h, n));
  FZ_CHECK(strcmp(h, "localhost") != 0);
  FZ_CHECK(n < 10 || strcmp(h + n - 10, ".localhost") != 0);
}

static inline void fz_check_parsed(const saddr_parsed *p,
                                   const saddr_hints  *h) {
  if (p->need & SADDR_NEED_HOST) {
    FZ_CHECK(h->flags & SADDR_DEFER);
    FZ_CHECK(memchr(p->host, '\0', sizeof p->host) != NULL);
    fz_check_host(p->host);
  }
  if (p->need & SADDR_NEED_SERVICE) {
    FZ_CHECK(h->flags & SADDR_DEFER);
    size_t sl = strnlen(p->service, sizeof p->service);
    FZ_CHECK(sl > 0 && sl < sizeof p->service);
  }
  if (!(p->need & SADDR_NEED_HOST))
    FZ_CHECK(p->count >= 1 && p->count <= SADDR_PARSED_MAX);
  for (size_t i = 0; i < p->count && i < SADDR_PARSED_MAX; i++)
    fz_check_addr(&p->addr[i]);
}

static inline bool fz_same_addr(const saddr_addr *a, const saddr_addr *b) {
  return a->len == b->len && a->family == b->family &&
         memcmp(&a->sa, &b->sa, a->len) == 0;
}

/* Parses and checks every contract that holds for any input. Returns the
 * status; out is filled on success. */
static inline int fz_parse_checked(const char *text, size_t len,
                                   const saddr_hints *hints,
                                   saddr_parsed      *out) {
  saddr_error err;
  memset(&err, 0, sizeof err);
  int rc = saddr_parse(text, len, hints, out, &err);
  if (rc != 0)
    fz_check_error(rc, &err, len);
  else
    fz_check_parsed(out, hints);
  return rc;
}

/* saddr_parse_addr is saddr_parse restricted to single results: it succeeds
 * exactly when saddr_parse gives one final address, and gives that one. */
static inline void fz_cross_check(const fz_input *in, int rc,
                                  const saddr_parsed *p) {
  if (in->hints.flags & SADDR_DEFER)
    return;
  saddr_addr  one;
  saddr_error err;
  memset(&err, 0, sizeof err);
  int rc1 = saddr_parse_addr(in->text, in->len, &in->hints, &one, &err);
  if (rc1 != 0) {
    fz_check_error(rc1, &err, in->len);
    FZ_CHECK(rc != 0 || p->count != 1);
    return;
  }
  fz_check_addr(&one);
  FZ_CHECK(rc == 0 && p->count == 1 && p->need == 0);
  FZ_CHECK(fz_same_addr(&one, &p->addr[0]));
}

/* The body of the tuple and compact targets: one syntax, every check. */
static inline void fz_parse_target(const uint8_t *data, size_t size,
                                   unsigned syntax) {
  fz_input in;
  if (!fz_decode(data, size, syntax, &in))
    return;
  saddr_parsed out;
  int          rc = fz_parse_checked(in.text, in.len, &in.hints, &out);
  if (in.mode & FZ_CROSS_CHECK)
    fz_cross_check(&in, rc, &out);
}

#endif
