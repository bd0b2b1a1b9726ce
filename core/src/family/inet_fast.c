/* The numeric fast path: "a.b.c.d:port", "[v6]:port", "[v6%N]:port"
 * (numeric zone), "*:port" and "('literal', port)", the forms config files
 * and command lines carry most, recognised without syntax detection,
 * prefixes or the parsed-set detour and written straight into the caller's
 * storage. Anything else, every error included, goes to the general path
 * (the caller's continuation), which decides it exactly as before: the fast
 * path only ever accepts what the general path accepts, with the same result
 * (tests/family/test_fastpath.c checks this with SADDR__GENERAL). It is the
 * IP row's optional hook (family/inet.c). */
#include "family/family.h"
#include "text/ip4_simd.h"

#include <arpa/inet.h>
#include <string.h>

static bool fast_hints(const saddr_hints *h) {
  return h == NULL || (!(h->flags & (SADDR_SYNTAX_TUPLE | SADDR__GENERAL)) &&
                       (h->family == AF_UNSPEC || h->family == AF_INET ||
                        h->family == AF_INET6));
}

/* Every field but the sockaddr's own, through the one initialiser. */
__attribute__((always_inline)) static inline void
fast_init(saddr_addr *a, const saddr_hints *h, int family, socklen_t len,
          unsigned flags) {
  saddr__addr_init(a, family, h && h->type ? h->type : SOCK_STREAM,
                   h ? h->protocol : 0, len, flags);
}

/* addr: the 4 network-order bytes as they lie in memory. extra: flags
 * beyond those the address itself implies. */
__attribute__((always_inline)) static inline void
fast_in4(saddr_addr *a, const saddr_hints *h, uint32_t addr, uint16_t port,
         unsigned extra) {
  fast_init(a, h, AF_INET, sizeof(struct sockaddr_in),
            extra | (addr == 0 ? SADDR_ADDR_WILDCARD : 0));
  a->sa.in.sin_family      = AF_INET;
  a->sa.in.sin_port        = htons(port);
  a->sa.in.sin_addr.s_addr = addr;
}

__attribute__((always_inline)) static inline void
fast_in6(saddr_addr *a, const saddr_hints *h, const unsigned char ip[16],
         uint16_t port, uint32_t scope, unsigned extra) {
  uint64_t hi, lo;
  memcpy(&hi, ip, 8);
  memcpy(&lo, ip + 8, 8);
  unsigned flags = extra | ((hi | lo) == 0 ? SADDR_ADDR_WILDCARD : 0);
  if (!(h && (h->flags & SADDR_DUALSTACK)))
    flags |= SADDR_ADDR_V6ONLY;
  fast_init(a, h, AF_INET6, sizeof(struct sockaddr_in6), flags);
  a->sa.in6.sin6_family = AF_INET6;
  a->sa.in6.sin6_port   = htons(port);
  memcpy(&a->sa.in6.sin6_addr, ip, 16);
  a->sa.in6.sin6_scope_id = scope;
}

/* "[v6%N]:port": the address before the first '%' of [in, in+an), the
 * zone after it. */
__attribute__((noinline)) static bool
fast_zoned(const char *in, size_t an, unsigned char ip[16], uint32_t *zone) {
  const char *pct = memchr(in, '%', an);
  size_t      bad;
  return pct != NULL && saddr__ip6_parse(in, (size_t)(pct - in), ip) == 0 &&
         saddr__index_number(pct + 1, an - (size_t)(pct - in) - 1, zone,
                             &bad) == 0;
}

/* "[v6]:port" and "[v6%N]:port". A literal cannot hold '%', so the
 * address is read whole first and the zone looked for only when that
 * fails. */
__attribute__((noinline)) static int fast_v6(const char *s, size_t len,
                                             const saddr_hints *h,
                                             saddr_addr *a, saddr_error *err,
                                             saddr__one_fn *general) {
  unsigned char  ip[16];
  uint32_t       zone = 0;
  saddr__port_at p;
  if (!fast_hints(h) || (h && h->family == AF_INET) ||
      (p = saddr__port_tail(s, len)).status < 0 || p.colon < 3 ||
      s[p.colon - 1] != ']' ||
      (saddr__ip6_parse(s + 1, p.colon - 2, ip) < 0 &&
       !fast_zoned(s + 1, p.colon - 2, ip, &zone)))
    return general(s, len, h, a, err);
  fast_in6(a, h, ip, p.port, zone, 0);
  return 0;
}

/* The last byte c in the 8 bytes before s + end (which must lie in the
 * text): its position, or 0. Exact zero-byte detection, no loop. */
static size_t fast_last(const char *s, size_t end, char c) {
  const uint64_t lo7 = 0x7f7f7f7f7f7f7f7full;
  uint64_t       w, x;
  memcpy(&w, s + end - 8, 8);
  x = w ^ (0x0101010101010101ull * (unsigned char)c);
  x = ~(((x & lo7) + lo7) | x) & ~lo7;
  return x ? end - 8 + (size_t)(63 - __builtin_clzll(x)) / 8 : 0;
}

/* The IPv6 form of "('host', port)": s[1] is a quote, s ends in ')' and
 * len is at least 10. */
__attribute__((noinline)) static int
fast_tuple6(const char *s, size_t len, const saddr_hints *h, saddr_addr *a,
            saddr_error *err, saddr__one_fn *general) {
  unsigned char ip[16];
  uint16_t      port;
  size_t        sp = fast_last(s, len - 1, ' ');
  if (sp < 4 || s[sp - 1] != ',' || s[sp - 2] != s[1] ||
      saddr__port_parse(s + sp + 1, len - sp - 2, &port) < 0 ||
      saddr__ip6_parse(s + 2, sp - 4, ip) < 0)
    return general(s, len, h, a, err);
  fast_in6(a, h, ip, port, 0, 0);
  return 0;
}

/* The IPv4 readers a variant of the fast path below uses: the library's
 * own entry points (text/ip4.c), or the vector kernels inlined. */
typedef saddr__ip4_port fast_hostport_fn(const char *s, size_t n);
typedef saddr__ip4_port fast_tuple_fn(const char *s, size_t n, char quote);
typedef int             fast_fn(const char *s, size_t len, const saddr_hints *h,
                                saddr_addr *a, saddr_error *err, saddr__one_fn *general);

/* "('host', port)" with an IP literal host, exactly as Python's repr
 * writes it (other spacing, a trailing comma or other integer forms take
 * the general path). */
__attribute__((always_inline)) static inline int
fast_tuple(const char *s, size_t len, const saddr_hints *h, saddr_addr *a,
           saddr_error *err, saddr__one_fn *general, fast_tuple_fn *ip4_tuple) {
  if (len < 10 || s[len - 1] != ')' || (s[1] != '\'' && s[1] != '"') ||
      (h && ((h->flags & (SADDR_SYNTAX_COMPACT | SADDR__GENERAL)) ||
             (h->family != AF_UNSPEC && h->family != AF_INET &&
              h->family != AF_INET6))))
    return general(s, len, h, a, err);
  int             fam = h ? h->family : AF_UNSPEC;
  saddr__ip4_port r;
  if (fam == AF_INET6 || (r = ip4_tuple(s + 2, len - 3, s[1])).status < 0)
    return fam != AF_INET ? fast_tuple6(s, len, h, a, err, general)
                          : general(s, len, h, a, err);
  fast_in4(a, h, r.addr, r.port, 0);
  return 0;
}

/* One address, in a (returns 0), or the general path's answer. Only a
 * digit, '[' or '(' can start a literal: names go to the general path at
 * once. "a.b.c.d:port" is read without a call; the other forms, out of
 * line, have stack frames of their own. */
__attribute__((always_inline)) static inline int
fast_one(const char *s, size_t len, const saddr_hints *h, saddr_addr *a,
         saddr_error *err, saddr__one_fn *general,
         fast_hostport_fn *ip4_hostport, fast_fn *tuple) {
  if (len == 0)
    return general(s, len, h, a, err);
  if (s[0] == '[')
    return fast_v6(s, len, h, a, err, general);
  if (s[0] == '(')
    return tuple(s, len, h, a, err, general);
  saddr__ip4_port r;
  if ((unsigned char)(s[0] - '0') > 9 || !fast_hints(h) ||
      (h && h->family == AF_INET6) || (r = ip4_hostport(s, len)).status < 0)
    return general(s, len, h, a, err);
  fast_in4(a, h, r.addr, r.port, 0);
  return 0;
}

/* The fast path once per instruction set: the vector kernels inlined, with
 * VEX encodings on CPUs with AVX (text/ip4.c says why that matters), with
 * legacy ones on CPUs with SSE4.1 only; elsewhere, and in builds that may
 * not read past the text, the library's readers. */
#define FAST_ARGS                                                              \
  const char *s, size_t len, const saddr_hints *h, saddr_addr *a,              \
      saddr_error *err, saddr__one_fn *general
#ifdef SADDR__IP4_PORT_SSE
__attribute__((target("avx"), noinline)) static int fast_tuple_avx(FAST_ARGS) {
  return fast_tuple(s, len, h, a, err, general, saddr__ip4_tuple_sse);
}

__attribute__((target("avx"))) static int fast_one_avx(FAST_ARGS) {
  return fast_one(s, len, h, a, err, general, saddr__ip4_hostport_sse,
                  fast_tuple_avx);
}

__attribute__((target("sse4.1"), noinline)) static int
fast_tuple_sse(FAST_ARGS) {
  return fast_tuple(s, len, h, a, err, general, saddr__ip4_tuple_sse);
}

__attribute__((target("sse4.1"))) static int fast_one_sse(FAST_ARGS) {
  return fast_one(s, len, h, a, err, general, saddr__ip4_hostport_sse,
                  fast_tuple_sse);
}
#endif

__attribute__((noinline)) static int fast_tuple_plain(FAST_ARGS) {
  return fast_tuple(s, len, h, a, err, general, saddr__ip4_tuple);
}

int saddr__inet_fast_one(FAST_ARGS) {
#ifdef SADDR__IP4_PORT_SSE
  if (SADDR__CPU_AVX())
    return fast_one_avx(s, len, h, a, err, general);
  if (__builtin_cpu_supports("sse4.1"))
    return fast_one_sse(s, len, h, a, err, general);
#endif
  return fast_one(s, len, h, a, err, general, saddr__ip4_hostport,
                  fast_tuple_plain);
}

/* "*:port": the wildcard of the family asked for, or of every family. */
bool saddr__inet_fast_all(const char *s, size_t len, const saddr_hints *h,
                          saddr_parsed *out) {
  static const unsigned char any6[16];
  uint16_t                   port;
  if (len < 3 || s[0] != '*' || s[1] != ':' || !fast_hints(h) ||
      saddr__port_parse(s + 2, len - 2, &port) < 0)
    return false;
  int      fam = h ? h->family : AF_UNSPEC;
  unsigned all = fam == AF_UNSPEC ? SADDR_ADDR_ALLFAM : 0;
  out->count   = 0;
  if (fam != AF_INET)
    fast_in6(&out->addr[out->count++], h, any6, port, 0, all);
  if (fam != AF_INET6)
    fast_in4(&out->addr[out->count++], h, 0, port, all);
  return true;
}
