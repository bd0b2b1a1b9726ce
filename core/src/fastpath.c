/* The numeric fast path: "a.b.c.d:port", "[v6]:port", "[v6%N]:port"
 * (numeric zone), "*:port" and "('literal', port)", the forms config files
 * and command lines carry most, recognised without syntax detection,
 * prefixes or the parsed-set detour and written straight into the caller's
 * storage. Anything else, every error included, returns false and takes the
 * general path, which decides it exactly as before: the fast path only ever
 * accepts what the general path accepts, with the same result
 * (tests/test_fastpath.c checks this with SADDR__GENERAL). */
#include "internal.h"

#include <arpa/inet.h>
#include <string.h>

static bool fast_hints(const saddr_hints *h) {
  return h == NULL || (!(h->flags & (SADDR_SYNTAX_TUPLE | SADDR__GENERAL)) &&
                       (h->family == AF_UNSPEC || h->family == AF_INET ||
                        h->family == AF_INET6));
}

/* The port after the last ':' of [0, len): returns the ':' position, or 0
 * when there is no valid decimal port of 1-5 digits there. The ':' is found
 * in the last 8 bytes without a loop (ports of random length would make a
 * loop's exit mispredict), when those bytes lie in one page. */
static size_t fast_port(const char *s, size_t len, uint16_t *port) {
  size_t k;
  if (len >= 8 && ((uintptr_t)(s + len - 1) & 4095) >= 7) {
    const uint64_t lo7 = 0x7f7f7f7f7f7f7f7full;
    uint64_t       w, x;
    memcpy(&w, s + len - 8, 8);
    x = w ^ 0x3a3a3a3a3a3a3a3aull;       /* ':' bytes become 0 */
    x = ~(((x & lo7) + lo7) | x) & ~lo7; /* 0x80 where a byte was 0 */
    if (x == 0)
      return 0;
    k = len - 8 + (size_t)(63 - __builtin_clzll(x)) / 8 + 1;
  } else {
    k = len;
    while (k > 0 && len - k < 6 && s[k - 1] != ':')
      k--;
    if (k == 0 || s[k - 1] != ':')
      return 0;
  }
  if (k < 2 || saddr__port_parse(s + k, len - k, port) < 0)
    return 0;
  return k - 1;
}

/* Copying a zero object compiles to vector stores, where memset of this
 * size becomes `rep stos` with gcc, whose start-up costs more than the
 * whole parse. */
static const saddr_addr fast_zero;

static void fast_init(saddr_addr *a, const saddr_hints *h, int family) {
  *a          = fast_zero;
  a->family   = family;
  a->type     = h && h->type ? h->type : SOCK_STREAM;
  a->protocol = h ? h->protocol : 0;
}

static void fast_in4(saddr_addr *a, const saddr_hints *h,
                     const unsigned char ip[4], uint16_t port, unsigned flags) {
  fast_init(a, h, AF_INET);
  a->sa.in.sin_family = AF_INET;
  a->sa.in.sin_port   = htons(port);
  memcpy(&a->sa.in.sin_addr, ip, 4);
  a->len   = sizeof(struct sockaddr_in);
  a->flags = flags;
}

static void fast_in6(saddr_addr *a, const saddr_hints *h,
                     const unsigned char ip[16], uint16_t port, uint32_t scope,
                     unsigned flags) {
  fast_init(a, h, AF_INET6);
  a->sa.in6.sin6_family = AF_INET6;
  a->sa.in6.sin6_port   = htons(port);
  memcpy(&a->sa.in6.sin6_addr, ip, 16);
  a->sa.in6.sin6_scope_id = scope;
  a->len                  = sizeof(struct sockaddr_in6);
  a->flags =
      flags | ((h && (h->flags & SADDR_DUALSTACK)) ? 0 : SADDR_ADDR_V6ONLY);
}

/* A numeric zone as saddr__ifindex reads it: decimal, no leading zero,
 * at most 4294967295. */
static bool fast_zone(const char *s, size_t n, uint32_t *zone) {
  uint64_t v = 0;
  if (n == 0 || n > 10 || (s[0] == '0' && n > 1))
    return false;
  for (size_t i = 0; i < n; i++) {
    unsigned d = (unsigned)(unsigned char)s[i] - '0';
    if (d > 9)
      return false;
    v = v * 10 + d;
  }
  *zone = (uint32_t)v;
  return v <= UINT32_MAX;
}

static bool fast_v6(const char *s, size_t colon, const saddr_hints *h,
                    uint16_t port, saddr_addr *a) {
  static const unsigned char any6[16];
  unsigned char              ip[16];
  uint32_t                   zone = 0;
  if (colon < 3 || s[colon - 1] != ']' || (h && h->family == AF_INET))
    return false;
  const char *in = s + 1, *pct = memchr(in, '%', colon - 2);
  size_t      an = pct ? (size_t)(pct - in) : colon - 2;
  if (!saddr__ip6_parse(in, an, ip) ||
      (pct && !fast_zone(pct + 1, colon - 3 - an, &zone)))
    return false;
  fast_in6(a, h, ip, port, zone,
           memcmp(ip, any6, 16) == 0 ? SADDR_ADDR_WILDCARD : 0);
  return true;
}

/* The last byte c in the 8 bytes before s + end (which must lie in one
 * page): its position, or 0. Exact zero-byte detection, no loop. */
static size_t fast_last(const char *s, size_t end, char c) {
  const uint64_t lo7 = 0x7f7f7f7f7f7f7f7full;
  uint64_t       w, x;
  memcpy(&w, s + end - 8, 8);
  x = w ^ (0x0101010101010101ull * (unsigned char)c);
  x = ~(((x & lo7) + lo7) | x) & ~lo7;
  return x ? end - 8 + (size_t)(63 - __builtin_clzll(x)) / 8 : 0;
}

/* "('host', port)" with an IPv4 or IPv6 literal host, exactly as Python's
 * repr writes it (other spacing, a trailing comma or other integer forms
 * take the general path). */
static bool fast_tuple(const char *s, size_t len, const saddr_hints *h,
                       saddr_addr *a) {
  static const unsigned char any4[4], any6[16];
  unsigned char              ip[16];
  uint16_t                   port;
  size_t                     sp;
  if (len < 10 || s[0] != '(' || s[len - 1] != ')' ||
      ((uintptr_t)(s + len - 2) & 4095) < 7 ||
      (h && ((h->flags & (SADDR_SYNTAX_COMPACT | SADDR__GENERAL)) ||
             (h->family != AF_UNSPEC && h->family != AF_INET &&
              h->family != AF_INET6))))
    return false;
  sp = fast_last(s, len - 1, ' ');
  if (sp < 4 || s[sp - 1] != ',' || s[sp - 2] != s[1] ||
      (s[1] != '\'' && s[1] != '"') ||
      saddr__port_parse(s + sp + 1, len - sp - 2, &port) < 0)
    return false;
  size_t hn  = sp - 4;
  int    fam = h ? h->family : AF_UNSPEC;
  if (fam != AF_INET6 && saddr__ip4_parse(s + 2, hn, ip)) {
    fast_in4(a, h, ip, port,
             memcmp(ip, any4, 4) == 0 ? SADDR_ADDR_WILDCARD : 0);
    return true;
  }
  if (fam == AF_INET || !saddr__ip6_parse(s + 2, hn, ip))
    return false;
  fast_in6(a, h, ip, port, 0,
           memcmp(ip, any6, 16) == 0 ? SADDR_ADDR_WILDCARD : 0);
  return true;
}

/* One address: returns true when a holds the result. */
bool saddr__fast_one(const char *s, size_t len, const saddr_hints *h,
                     saddr_addr *a) {
  static const unsigned char any4[4];
  unsigned char              ip[4];
  uint16_t                   port;
  size_t                     colon;
  if (len > 0 && s[0] == '(')
    return fast_tuple(s, len, h, a);
  /* Only a digit or '[' can start a literal: names fall through at once. */
  if (len < 3 || (s[0] != '[' && (s[0] < '0' || s[0] > '9')) ||
      !fast_hints(h) || (colon = fast_port(s, len, &port)) == 0)
    return false;
  if (s[0] == '[')
    return fast_v6(s, colon, h, port, a);
  if (s[0] < '0' || s[0] > '9' || (h && h->family == AF_INET6) ||
      !saddr__ip4_parse(s, colon, ip))
    return false;
  fast_in4(a, h, ip, port, memcmp(ip, any4, 4) == 0 ? SADDR_ADDR_WILDCARD : 0);
  return true;
}

/* "*:port": the wildcard of the family asked for, or of every family. */
bool saddr__fast_wildcard(const char *s, size_t len, const saddr_hints *h,
                          saddr_parsed *out) {
  static const unsigned char any4[4], any6[16];
  uint16_t                   port;
  if (len < 3 || s[0] != '*' || s[1] != ':' || !fast_hints(h) ||
      saddr__port_parse(s + 2, len - 2, &port) < 0)
    return false;
  int      fam = h ? h->family : AF_UNSPEC;
  unsigned all = fam == AF_UNSPEC ? SADDR_ADDR_ALLFAM : 0;
  out->count   = 0;
  if (fam != AF_INET)
    fast_in6(&out->addr[out->count++], h, any6, port, 0,
             SADDR_ADDR_WILDCARD | all);
  if (fam != AF_INET6)
    fast_in4(&out->addr[out->count++], h, any4, port,
             SADDR_ADDR_WILDCARD | all);
  return true;
}
