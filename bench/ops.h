/* The operations saddr's benchmarks time, shared by the Google Benchmark
 * binary (C++) and the fixed-iteration instruction-count driver (C).
 *
 * Each op processes entry i of its input set and writes its result into a
 * bench_out; the functions are static inline so that both drivers inline
 * them into their loops and time the call under test, not a wrapper. The
 * same functions feed the self-check (ops_check.h), so what is timed is what
 * is verified. */
#ifndef SADDR_BENCH_OPS_H
#define SADDR_BENCH_OPS_H

#include <arpa/inet.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "inputs.h"

/* internal.h has no C++ guards of its own: the library is C. */
#ifdef __cplusplus
extern "C" {
#endif

#include "text/text.h"

/* Everything the ops read: the input sets (made on demand by the drivers)
 * and the sockaddrs the format ops start from. */
typedef struct bench_data {
  bench_set   set[BENCH_FORM_COUNT];
  saddr_addr *fmt;  /* n IPv6 addresses with ports, for format_ipv6 */
  saddr_addr  any4; /* 0.0.0.0:0 as saddr_parse_addr gives it, for bind */
  bool        has_any4;
  size_t      n;
} bench_data;

/* What an op produced; which member is meaningful depends on the op. */
typedef struct bench_out {
  unsigned char           raw[16];
  struct sockaddr_storage ss; /* getaddrinfo's first result, copied */
  socklen_t               sslen;
  int                     gai_count;
  saddr_addr              addr;
  saddr_parsed            parsed;
  saddr_error             err;
  saddr_bound_socket      bound;
  char                    text[SADDR_FORMAT_MAX];
} bench_out;

static inline const char *bench_text(const bench_data *d, enum bench_form f,
                                     size_t i) {
  return d->set[f].text + d->set[f].off[i];
}

static inline size_t bench_len(const bench_data *d, enum bench_form f,
                               size_t i) {
  return d->set[f].len[i];
}

/* ---- Anchors --------------------------------------------------------------
 */

static inline int op_inet_pton4(const bench_data *d, size_t i, bench_out *o) {
  return inet_pton(AF_INET, bench_text(d, BENCH_V4_ADDR, i), o->raw);
}

static inline int op_inet_pton6(const bench_data *d, size_t i, bench_out *o) {
  return inet_pton(AF_INET6, bench_text(d, BENCH_V6_ADDR, i), o->raw);
}

/* getaddrinfo + copy of the first result + freeaddrinfo: what a caller of
 * getaddrinfo does to get one sockaddr. */
static inline int bench_gai(const char *host, const char *port, int family,
                            int flags, bench_out *o) {
  struct addrinfo hints, *res = NULL, *ai;
  memset(&hints, 0, sizeof hints);
  hints.ai_family   = family;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags    = flags;
  int r             = getaddrinfo(host, port, &hints, &res);
  o->gai_count      = 0;
  if (r != 0)
    return r;
  memcpy(&o->ss, res->ai_addr, res->ai_addrlen);
  o->sslen = res->ai_addrlen;
  for (ai = res; ai; ai = ai->ai_next)
    o->gai_count++;
  freeaddrinfo(res);
  return 0;
}

#define BENCH_NUMERIC (AI_NUMERICHOST | AI_NUMERICSERV)

static inline int op_gai_v4(const bench_data *d, size_t i, bench_out *o) {
  return bench_gai(bench_text(d, BENCH_V4_ADDR, i),
                   bench_text(d, BENCH_PORT, i), AF_INET, BENCH_NUMERIC, o);
}

static inline int op_gai_v4_fixed(const bench_data *d, size_t i, bench_out *o) {
  (void)d, (void)i;
  return bench_gai("192.0.2.1", "80", AF_INET, BENCH_NUMERIC, o);
}

static inline int op_gai_v6(const bench_data *d, size_t i, bench_out *o) {
  return bench_gai(bench_text(d, BENCH_V6_ADDR, i),
                   bench_text(d, BENCH_PORT, i), AF_INET6, BENCH_NUMERIC, o);
}

static inline int op_gai_zone(const bench_data *d, size_t i, bench_out *o) {
  return bench_gai(bench_text(d, BENCH_ZONE_ADDR, i),
                   bench_text(d, BENCH_PORT, i), AF_INET6, BENCH_NUMERIC, o);
}

static inline int op_gai_wildcard(const bench_data *d, size_t i, bench_out *o) {
  (void)d, (void)i;
  return bench_gai(NULL, "80", AF_UNSPEC, AI_PASSIVE, o);
}

static inline int op_gai_localhost(const bench_data *d, size_t i,
                                   bench_out *o) {
  (void)d, (void)i;
  return bench_gai("localhost", "80", AF_UNSPEC, 0, o);
}

static inline int op_inet_ntop6(const bench_data *d, size_t i, bench_out *o) {
  return inet_ntop(AF_INET6, &d->fmt[i].sa.in6.sin6_addr, o->text,
                   sizeof o->text) != NULL;
}

/* The sequence a server runs to listen on 0.0.0.0:0, with raw syscalls. */
static inline int op_bind_raw(const bench_data *d, size_t i, bench_out *o) {
  struct sockaddr_in sin;
  int                one = 1, r = -1;
  int                fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  (void)d, (void)i, (void)o;
  if (fd < 0)
    return -1;
  memset(&sin, 0, sizeof sin);
  sin.sin_family = AF_INET;
  if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
      bind(fd, (const struct sockaddr *)&sin, sizeof sin) == 0 &&
      listen(fd, SOMAXCONN) == 0)
    r = 0;
  close(fd);
  return r;
}

/* ---- saddr ------------------------------------------------------------------
 * Zeroed hints: syntax and family come from the text, SOCK_STREAM, no
 * default port; what a program passing user text gets. */
#ifdef __cplusplus
static const saddr_hints bench_hints = {};
#else
static const saddr_hints bench_hints = {0};
#endif

static inline int op_saddr_ip4(const bench_data *d, size_t i, bench_out *o) {
  return saddr__ip4_parse(bench_text(d, BENCH_V4_ADDR, i),
                          bench_len(d, BENCH_V4_ADDR, i), o->raw);
}

static inline int op_saddr_ip6(const bench_data *d, size_t i, bench_out *o) {
  return saddr__ip6_parse(bench_text(d, BENCH_V6_ADDR, i),
                          bench_len(d, BENCH_V6_ADDR, i), o->raw);
}

static inline int bench_parse_addr(const bench_data *d, enum bench_form f,
                                   size_t i, bench_out *o) {
  return saddr_parse_addr(bench_text(d, f, i), bench_len(d, f, i), &bench_hints,
                          &o->addr, &o->err);
}

static inline int op_saddr_v4(const bench_data *d, size_t i, bench_out *o) {
  return bench_parse_addr(d, BENCH_V4_HOSTPORT, i, o);
}

static inline int op_saddr_v4_fixed(const bench_data *d, size_t i,
                                    bench_out *o) {
  (void)d, (void)i;
  return saddr_parse_addr("192.0.2.1:80", 12, &bench_hints, &o->addr, &o->err);
}

static inline int op_saddr_v6(const bench_data *d, size_t i, bench_out *o) {
  return bench_parse_addr(d, BENCH_V6_HOSTPORT, i, o);
}

static inline int op_saddr_zone(const bench_data *d, size_t i, bench_out *o) {
  return bench_parse_addr(d, BENCH_ZONE_HOSTPORT, i, o);
}

static inline int op_saddr_tuple(const bench_data *d, size_t i, bench_out *o) {
  return bench_parse_addr(d, BENCH_V4_TUPLE, i, o);
}

static inline int op_saddr_wildcard(const bench_data *d, size_t i,
                                    bench_out *o) {
  (void)d, (void)i;
  return saddr_parse("*:80", 4, &bench_hints, &o->parsed, &o->err);
}

static inline int op_saddr_localhost(const bench_data *d, size_t i,
                                     bench_out *o) {
  (void)d, (void)i;
  return saddr_parse("localhost:80", 12, &bench_hints, &o->parsed, &o->err);
}

/* The bind helper on one address, then close: the same work as
 * op_bind_raw, through saddr. Like the raw sequence, it does not ask which
 * port the kernel chose (saddr_bound_addr would, with one more system
 * call); the self-check does, on a socket of its own (check.c). */
static inline int op_saddr_bind4(const bench_data *d, size_t i, bench_out *o) {
  int r = saddr_bind_addr(&d->any4, NULL, &o->bound, &o->err);
  (void)i;
  if (r == 0)
    close(o->bound.fd);
  return r;
}

static inline int op_saddr_format6(const bench_data *d, size_t i,
                                   bench_out *o) {
  return saddr_format_addr(&d->fmt[i], SADDR_FORMAT_COMPACT, o->text,
                           sizeof o->text, &o->err);
}

/* ---- The list of ops -------------------------------------------------------
 * X(id, name, function, inputs, ok, result, expect, cost)
 * inputs: the sets the op reads (BENCH_NEED bits).
 * ok:     what the function returns on success.
 * result: where the op leaves its result in bench_out.
 * expect: what that result must be for entry i (see check.c).
 * cost:   how many entries the self-check and the instruction-count driver
 *         may afford (syscalls and NSS are slow under valgrind).
 * The names are stable: results are compared across commits by name. */
#define BENCH_NEED(form) (1u << (form))
#define BENCH_NEED_FMT   (1u << BENCH_FORM_COUNT)
#define BENCH_NEED_ANY4  (1u << (BENCH_FORM_COUNT + 1))
#define BENCH_NEED_V4    BENCH_NEED(BENCH_V4_ADDR)
#define BENCH_NEED_V4P   (BENCH_NEED(BENCH_V4_ADDR) | BENCH_NEED(BENCH_PORT))
#define BENCH_NEED_V6    BENCH_NEED(BENCH_V6_ADDR)
#define BENCH_NEED_V6P   (BENCH_NEED(BENCH_V6_ADDR) | BENCH_NEED(BENCH_PORT))
#define BENCH_NEED_ZP    (BENCH_NEED(BENCH_ZONE_ADDR) | BENCH_NEED(BENCH_PORT))

enum bench_ok { BENCH_OK_ONE, BENCH_OK_ZERO, BENCH_OK_NONNEG };
enum bench_result {
  BENCH_RES_RAW,    /* raw[] */
  BENCH_RES_GAI,    /* ss, sslen, gai_count */
  BENCH_RES_ADDR,   /* addr */
  BENCH_RES_PARSED, /* parsed */
  BENCH_RES_TEXT,   /* text */
  BENCH_RES_BOUND,  /* bound */
  BENCH_RES_NONE
};
enum bench_expect {
  BENCH_EXP_V4,         /* the record's IPv4 bytes */
  BENCH_EXP_V6,         /* the record's IPv6 bytes */
  BENCH_EXP_SIN4,       /* sockaddr_in of the record's address and port */
  BENCH_EXP_SIN4_FIXED, /* 192.0.2.1:80 */
  BENCH_EXP_SIN6,       /* sockaddr_in6 of the record */
  BENCH_EXP_SIN6_ZONE,  /* the record's fe80:: address, scope 2 */
  BENCH_EXP_WILDCARD,   /* port 80 on the any-address(es) */
  BENCH_EXP_LOCALHOST,  /* port 80 on loopback address(es) */
  BENCH_EXP_TEXT6,      /* inet_ntop text of the address */
  BENCH_EXP_COMPACT6,   /* [inet_ntop text]:port */
  BENCH_EXP_BOUND4,     /* an IPv4 socket for 0.0.0.0:0 */
  BENCH_EXP_NONE
};
enum bench_cost { BENCH_CHEAP, BENCH_GAI, BENCH_SLOW, BENCH_SYSCALL };

#define BENCH_OPS(X)                                                           \
  X(ipv4_addr_inet_pton, "ipv4_addr/inet_pton", op_inet_pton4, BENCH_NEED_V4,  \
    BENCH_OK_ONE, BENCH_RES_RAW, BENCH_EXP_V4, BENCH_CHEAP)                    \
  X(ipv4_addr_saddr, "ipv4_addr/saddr", op_saddr_ip4, BENCH_NEED_V4,           \
    BENCH_OK_ZERO, BENCH_RES_RAW, BENCH_EXP_V4, BENCH_CHEAP)                   \
  X(ipv4_hostport_getaddrinfo, "ipv4_hostport/getaddrinfo", op_gai_v4,         \
    BENCH_NEED_V4P, BENCH_OK_ZERO, BENCH_RES_GAI, BENCH_EXP_SIN4, BENCH_GAI)   \
  X(ipv4_hostport_inet_pton, "ipv4_hostport/inet_pton", op_inet_pton4,         \
    BENCH_NEED_V4, BENCH_OK_ONE, BENCH_RES_RAW, BENCH_EXP_V4, BENCH_CHEAP)     \
  X(ipv4_hostport_saddr, "ipv4_hostport/saddr", op_saddr_v4,                   \
    BENCH_NEED(BENCH_V4_HOSTPORT), BENCH_OK_ZERO, BENCH_RES_ADDR,              \
    BENCH_EXP_SIN4, BENCH_CHEAP)                                               \
  X(ipv4_hostport_fixed_getaddrinfo, "ipv4_hostport_fixed/getaddrinfo",        \
    op_gai_v4_fixed, 0, BENCH_OK_ZERO, BENCH_RES_GAI, BENCH_EXP_SIN4_FIXED,    \
    BENCH_GAI)                                                                 \
  X(ipv4_hostport_fixed_saddr, "ipv4_hostport_fixed/saddr", op_saddr_v4_fixed, \
    0, BENCH_OK_ZERO, BENCH_RES_ADDR, BENCH_EXP_SIN4_FIXED, BENCH_CHEAP)       \
  X(ipv6_addr_inet_pton, "ipv6_addr/inet_pton", op_inet_pton6, BENCH_NEED_V6,  \
    BENCH_OK_ONE, BENCH_RES_RAW, BENCH_EXP_V6, BENCH_CHEAP)                    \
  X(ipv6_addr_saddr, "ipv6_addr/saddr", op_saddr_ip6, BENCH_NEED_V6,           \
    BENCH_OK_ZERO, BENCH_RES_RAW, BENCH_EXP_V6, BENCH_CHEAP)                   \
  X(ipv6_hostport_getaddrinfo, "ipv6_hostport/getaddrinfo", op_gai_v6,         \
    BENCH_NEED_V6P, BENCH_OK_ZERO, BENCH_RES_GAI, BENCH_EXP_SIN6, BENCH_GAI)   \
  X(ipv6_hostport_saddr, "ipv6_hostport/saddr", op_saddr_v6,                   \
    BENCH_NEED(BENCH_V6_HOSTPORT), BENCH_OK_ZERO, BENCH_RES_ADDR,              \
    BENCH_EXP_SIN6, BENCH_CHEAP)                                               \
  X(ipv6_zone_getaddrinfo, "ipv6_zone/getaddrinfo", op_gai_zone,               \
    BENCH_NEED_ZP, BENCH_OK_ZERO, BENCH_RES_GAI, BENCH_EXP_SIN6_ZONE,          \
    BENCH_SLOW)                                                                \
  X(ipv6_zone_saddr, "ipv6_zone/saddr", op_saddr_zone,                         \
    BENCH_NEED(BENCH_ZONE_HOSTPORT), BENCH_OK_ZERO, BENCH_RES_ADDR,            \
    BENCH_EXP_SIN6_ZONE, BENCH_CHEAP)                                          \
  X(tuple_inet_saddr, "tuple_inet/saddr", op_saddr_tuple,                      \
    BENCH_NEED(BENCH_V4_TUPLE), BENCH_OK_ZERO, BENCH_RES_ADDR, BENCH_EXP_SIN4, \
    BENCH_CHEAP)                                                               \
  X(wildcard_getaddrinfo, "wildcard/getaddrinfo", op_gai_wildcard, 0,          \
    BENCH_OK_ZERO, BENCH_RES_GAI, BENCH_EXP_WILDCARD, BENCH_SLOW)              \
  X(wildcard_saddr, "wildcard/saddr", op_saddr_wildcard, 0, BENCH_OK_ZERO,     \
    BENCH_RES_PARSED, BENCH_EXP_WILDCARD, BENCH_CHEAP)                         \
  X(localhost_getaddrinfo, "localhost/getaddrinfo", op_gai_localhost, 0,       \
    BENCH_OK_ZERO, BENCH_RES_GAI, BENCH_EXP_LOCALHOST, BENCH_SLOW)             \
  X(localhost_saddr, "localhost/saddr", op_saddr_localhost, 0, BENCH_OK_ZERO,  \
    BENCH_RES_PARSED, BENCH_EXP_LOCALHOST, BENCH_CHEAP)                        \
  X(bind_tcp4_raw, "bind_tcp4/raw", op_bind_raw, 0, BENCH_OK_ZERO,             \
    BENCH_RES_NONE, BENCH_EXP_NONE, BENCH_SYSCALL)                             \
  X(bind_tcp4_saddr, "bind_tcp4/saddr", op_saddr_bind4, BENCH_NEED_ANY4,       \
    BENCH_OK_ZERO, BENCH_RES_BOUND, BENCH_EXP_BOUND4, BENCH_SYSCALL)           \
  X(format_ipv6_inet_ntop, "format_ipv6/inet_ntop", op_inet_ntop6,             \
    BENCH_NEED_FMT, BENCH_OK_ONE, BENCH_RES_TEXT, BENCH_EXP_TEXT6,             \
    BENCH_CHEAP)                                                               \
  X(format_ipv6_saddr, "format_ipv6/saddr", op_saddr_format6, BENCH_NEED_FMT,  \
    BENCH_OK_NONNEG, BENCH_RES_TEXT, BENCH_EXP_COMPACT6, BENCH_CHEAP)

typedef int (*bench_fn)(const bench_data *d, size_t i, bench_out *o);

typedef struct bench_op {
  const char       *name;
  bench_fn          fn;
  unsigned          needs;
  enum bench_ok     ok;
  enum bench_result result;
  enum bench_expect expect;
  enum bench_cost   cost;
} bench_op;

extern const bench_op bench_ops[];
extern const size_t   bench_ops_n;

/* Makes the sets `needs` asks for with n entries (a power of two) if they
 * are not there yet. Returns 0 or -1 (out of memory). */
int  bench_data_prepare(bench_data *d, unsigned needs, size_t n);
void bench_data_free(bench_data *d);

/* How many entries the self-check and the instruction-count driver use for
 * an op of this cost, out of n. */
size_t bench_cost_entries(enum bench_cost cost, size_t n);

/* Runs op over the first `count` entries and compares every result with the
 * record it came from. Returns the number of mismatches and describes the
 * first one in msg. */
size_t bench_check(const bench_op *op, const bench_data *d, size_t count,
                   char *msg, size_t cap);

const bench_op *bench_op_find(const char *name);

#ifdef __cplusplus
}
#endif
#endif
