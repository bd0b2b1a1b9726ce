/* AF_INET, AF_INET6 and AF_RDS: the tuple forms (host, port[, flowinfo[,
 * scope_id]]), the compact forms (a.b.c.d:port, [v6%zone]:port, *:port,
 * :port, port, name:port) and both formatters. */
#include "family/family.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <string.h>

/* A host read from the input: its span, whose text is the input itself
 * unless a tuple string held escapes. */
typedef struct host {
  saddr__span sp;
  bool        tuple; /* '<broadcast>' is tuple syntax only */
} host;

typedef struct ipfields {
  uint16_t port;
  uint32_t flowinfo;
  uint32_t scope;
  bool     scope_given;
} ipfields;

static int want_family(const saddr__ctx *c) {
  return c->family == AF_RDS ? AF_INET : c->family;
}

static saddr_addr *next_addr(saddr_parsed *out) {
  return &out->addr[out->count++];
}

static void put_in4(const saddr__ctx *c, saddr_parsed *out,
                    const unsigned char ip[4], const ipfields *f,
                    unsigned flags) {
  saddr_addr *a = next_addr(out);
  saddr__addr_init(a, c->family == AF_RDS ? AF_RDS : AF_INET, c->type,
                   c->protocol, sizeof(struct sockaddr_in), flags);
  a->sa.in.sin_family = AF_INET;
  a->sa.in.sin_port   = htons(f->port);
  memcpy(&a->sa.in.sin_addr, ip, 4);
}

static void put_in6(const saddr__ctx *c, saddr_parsed *out,
                    const unsigned char ip[16], const ipfields *f,
                    unsigned flags) {
  saddr_addr *a = next_addr(out);
  saddr__addr_init(
      a, AF_INET6, c->type, c->protocol, sizeof(struct sockaddr_in6),
      flags | ((c->flags & SADDR_DUALSTACK) ? 0 : SADDR_ADDR_V6ONLY));
  a->sa.in6.sin6_family   = AF_INET6;
  a->sa.in6.sin6_port     = htons(f->port);
  a->sa.in6.sin6_flowinfo = htonl(f->flowinfo);
  memcpy(&a->sa.in6.sin6_addr, ip, 16);
  a->sa.in6.sin6_scope_id = f->scope;
}

static const unsigned char any4[4], loop4[4] = {127, 0, 0, 1},
                                    bcast4[4] = {255, 255, 255, 255};
static const unsigned char any6[16],
    loop6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

/* '' and '*': the wildcard of the family, or of every family (IPv6 first). */
static int wildcard(const saddr__ctx *c, saddr_parsed *out, const ipfields *f) {
  int      fam = want_family(c);
  unsigned all = fam == AF_UNSPEC ? SADDR_ADDR_ALLFAM : 0;
  if (fam != AF_INET)
    put_in6(c, out, any6, f, SADDR_ADDR_WILDCARD | all);
  if (fam != AF_INET6)
    put_in4(c, out, any4, f, SADDR_ADDR_WILDCARD | all);
  return 0;
}

static int localhost(const saddr__ctx *c, saddr_parsed *out,
                     const ipfields *f) {
  int fam = want_family(c);
  if (fam != AF_INET)
    put_in6(c, out, loop6, f, SADDR_ADDR_LOOPBACK);
  if (fam != AF_INET6)
    put_in4(c, out, loop4, f, SADDR_ADDR_LOOPBACK);
  return 0;
}

static int host_ip6(const saddr__ctx *c, const host *h, saddr_parsed *out,
                    ipfields *f) {
  const char   *pct = memchr(h->sp.s, '%', h->sp.n);
  size_t        an  = pct ? (size_t)(pct - h->sp.s) : h->sp.n;
  unsigned char ip[16];
  if (saddr__ip6_parse(h->sp.s, an, ip) < 0) {
    size_t at;
    int    code = saddr__ip6_diagnose(h->sp.s, an, &at);
    return saddr__span_fail(c->err, code, &h->sp, at, an - at,
                            "invalid IPv6 address '%.*s'", (int)an, h->sp.s);
  }
  if (want_family(c) == AF_INET)
    return saddr__fail(c->err, SADDR_EFAMILY, h->sp.off, h->sp.len,
                       "IPv6 address on an AF_INET socket");
  if (pct != NULL) {
    saddr__span z = saddr__span_sub(&h->sp, an + 1, h->sp.n - an - 1);
    unsigned    zone;
    int         rc = saddr__zone(&z, c->err, &zone);
    if (rc < 0)
      return rc;
    if (f->scope_given && f->scope != 0 && zone != 0 && f->scope != zone)
      return saddr__fail(c->err, SADDR_ESCOPE, h->sp.off, h->sp.len,
                         "zone %%%.*s is scope %u but scope_id is %u",
                         (int)(h->sp.n - an - 1), pct + 1, zone, f->scope);
    if (zone != 0)
      f->scope = zone;
  }
  unsigned flags = memcmp(ip, any6, 16) == 0 ? SADDR_ADDR_WILDCARD : 0;
  put_in6(c, out, ip, f, flags);
  return 0;
}

/* Text made only of what a numeric IPv4 form can hold. */
static bool numeric_looking(const char *s, size_t n) {
  if (n == 0 || s[0] < '0' || s[0] > '9')
    return false;
  for (size_t i = 0; i < n; i++) {
    char ch = (char)(s[i] | 0x20);
    if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == 'x' ||
          (ch >= 'a' && ch <= 'f')))
      return false;
  }
  return true;
}

static int host_name(const saddr__ctx *c, const host *h, saddr_parsed *out,
                     const ipfields *f) {
  size_t n;
  int    rc = saddr__hostname(&h->sp, c->err, out->host, &n);
  if (rc < 0)
    return rc;
  /* A name that IDNA maps to localhost (full-width letters, ignored code
   * points) is localhost too: it never goes to DNS. */
  if (saddr__is_localhost(out->host, n)) {
    out->host[0] = '\0';
    return localhost(c, out, f);
  }
  if (!(c->flags & SADDR_DEFER))
    return saddr__fail(c->err, SADDR_ERESOLVE, h->sp.off, h->sp.len,
                       "host name '%s' needs resolution: use saddr resolve",
                       out->host);
  out->need |= SADDR_NEED_HOST;
  out->family      = want_family(c);
  out->type        = c->type;
  out->protocol    = c->protocol;
  out->port        = f->port;
  out->flags       = (c->flags & SADDR_DUALSTACK) ? 0 : SADDR_ADDR_V6ONLY;
  out->host_offset = h->sp.off;
  out->host_length = h->sp.len;
  return 0;
}

/* Everything a host can be: wildcard, broadcast, literals, localhost, a
 * name. The port and the other fields are already in f. */
static int host_any(const saddr__ctx *c, const host *h, saddr_parsed *out,
                    ipfields *f) {
  unsigned char ip[4];
  int           fam = want_family(c);
  if (h->sp.n == 0)
    return wildcard(c, out, f);
  if (memchr(h->sp.s, ':', h->sp.n) != NULL)
    return host_ip6(c, h, out, f);
  if (saddr__ip4_parse(h->sp.s, h->sp.n, ip) == 0 ||
      (h->tuple && h->sp.n == 11 && memcmp(h->sp.s, "<broadcast>", 11) == 0 &&
       memcpy(ip, bcast4, 4))) {
    if (fam == AF_INET6 && h->sp.s[0] == '<')
      return saddr__fail(c->err, SADDR_EFAMILY, h->sp.off, h->sp.len,
                         "'<broadcast>' is AF_INET only");
    if (fam == AF_INET6)
      return saddr__fail(c->err, SADDR_EFAMILY, h->sp.off, h->sp.len,
                         "IPv4 address on an AF_INET6 socket: write "
                         "::ffff:%.*s for a mapped address",
                         (int)h->sp.n, h->sp.s);
    put_in4(c, out, ip, f, memcmp(ip, any4, 4) == 0 ? SADDR_ADDR_WILDCARD : 0);
    return 0;
  }
  /* Only a host whose last label is a number is an IPv4 attempt; "3d.de"
   * or "0x1.de" is a name. */
  size_t hn = h->sp.n - (h->sp.s[h->sp.n - 1] == '.');
  if (numeric_looking(h->sp.s, h->sp.n) &&
      saddr__is_number_ending(h->sp.s, hn)) {
    size_t at, n = hn;
    int    code = saddr__ip4_parse(h->sp.s, n, ip) == 0
                      ? SADDR_EIPV4LEGACY
                      : saddr__ip4_diagnose(h->sp.s, n, &at);
    if (code == SADDR_EIPV4LEGACY)
      at = 0;
    return saddr__fail(c->err, code, h->sp.exact ? h->sp.off + at : h->sp.off,
                       h->sp.exact ? h->sp.n - at : h->sp.len,
                       code == SADDR_EIPV4LEGACY
                           ? "legacy IPv4 form '%.*s': write four decimal "
                             "parts 0-255 without leading zeros"
                           : "invalid IPv4 address '%.*s': four decimal "
                             "parts 0-255",
                       (int)h->sp.n, h->sp.s);
  }
  /* localhost and "*.localhost" are validated as names first. */
  return host_name(c, h, out, f);
}

/* ---- Tuple syntax ------------------------------------------------------ */

static const char *fam_label(const saddr__ctx *c) {
  return c->family == AF_INET    ? "AF_INET"
         : c->family == AF_INET6 ? "AF_INET6"
         : c->family == AF_RDS   ? "AF_RDS"
                                 : "IP";
}

static int tuple_shape(const saddr__ctx *c, const saddr__tuple *t) {
  size_t max = want_family(c) == AF_INET ? 2 : 4;
  if (!t->is_tuple)
    return saddr__fail(c->err, SADDR_ETUPLE, t->off, t->len,
                       "%s address must be a tuple (host, port%s)",
                       fam_label(c),
                       max == 4 ? "[, flowinfo[, scope_id]]" : "");
  if (t->n < 2 || t->n > max)
    return saddr__fail(c->err, SADDR_EARITY, t->off, t->len,
                       max == 2 ? "%s address must be a pair (host, port)"
                                : "%s address must be a tuple (host, port[, "
                                  "flowinfo[, scope_id]])",
                       fam_label(c));
  return 0;
}

static int tuple_fields(const saddr__ctx *c, const saddr__tuple *t,
                        ipfields *f) {
  uint64_t v;
  int      rc = saddr__item_uint(c->s, &t->item[1], 65535, "port", &v, c->err);
  if (rc < 0)
    return rc;
  f->port = (uint16_t)v;
  if (t->n > 2) {
    rc = saddr__item_uint(c->s, &t->item[2], 0xfffff, "flowinfo", &v, c->err);
    if (rc < 0)
      return rc;
    f->flowinfo = (uint32_t)v;
  }
  if (t->n > 3) {
    rc =
        saddr__item_uint(c->s, &t->item[3], UINT32_MAX, "scope_id", &v, c->err);
    if (rc < 0)
      return rc;
    f->scope       = (uint32_t)v;
    f->scope_given = true;
  }
  return 0;
}

static int ip_tuple(const saddr__ctx *c, const saddr__tuple *t,
                    saddr_parsed *out) {
  saddr__ctx cc = *c;
  if (cc.family == AF_UNSPEC && t->is_tuple && t->n > 2)
    cc.family = AF_INET6;
  int      rc = tuple_shape(&cc, t);
  ipfields f  = {0};
  if (rc == 0)
    rc = tuple_fields(&cc, t, &f);
  if (rc < 0)
    return rc;
  const saddr__item *it = &t->item[0];
  host h = {saddr__span_of(cc.s, it->body_off, it->body_len), true};
  if (it->kind == SADDR__STR && !it->escapes)
    return host_any(&cc, &h, out, &f);
  /* Bytes, or a str with escapes: decode it first. */
  unsigned char text[SADDR_HOST_MAX * 4];
  size_t        n;
  rc = saddr__item_text(cc.s, it, SADDR__ACCEPT_STR | SADDR__ACCEPT_BYTES, 0,
                        "host", text, sizeof text, &n, cc.err);
  if (rc < 0)
    return rc;
  h.sp.s = (const char *)text;
  h.sp.n = n;
  if (it->escapes) {
    h.sp.off   = it->off;
    h.sp.len   = it->len;
    h.sp.exact = false;
  }
  if (memchr(text, '\0', n) != NULL)
    return saddr__fail(cc.err, SADDR_ENUL, it->off, it->len,
                       "host name must not contain a NUL byte");
  return host_any(&cc, &h, out, &f);
}

/* ---- Compact syntax ---------------------------------------------------- */

static bool service_like(const char *s, size_t n) {
  bool alpha = false;
  for (size_t i = 0; i < n; i++) {
    char ch = (char)(s[i] | 0x20);
    if (ch >= 'a' && ch <= 'z')
      alpha = true;
    else if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_' ||
               s[i] == '.' || s[i] == '+' || s[i] == '/'))
      return false;
  }
  return alpha && n < SADDR_SERVICE_MAX;
}

static int compact_port(const saddr__ctx *c, size_t off, size_t n,
                        saddr_parsed *out, ipfields *f) {
  const char *s = c->s + off;
  if (saddr__port_parse(s, n, &f->port) == 0)
    return 0;
  if (n == 0)
    return saddr__fail(c->err, SADDR_ENOPORT, off, 0, "missing port after ':'");
  if (!service_like(s, n) || numeric_looking(s, n))
    return saddr__fail(c->err, SADDR_EPORT, off, n,
                       "port must be 0-65535 in decimal (no sign, blank, "
                       "radix prefix or leading zero)");
  if (!(c->flags & SADDR_DEFER))
    return saddr__fail(c->err, SADDR_ESERVICE, off, n,
                       "service name '%.*s' needs the services database: use "
                       "saddr resolve or saddr bind",
                       (int)n, s);
  memcpy(out->service, s, n);
  out->service[n]     = '\0';
  out->service_offset = off;
  out->service_length = n;
  out->need |= SADDR_NEED_SERVICE;
  return 0;
}

static int no_port(const saddr__ctx *c, size_t off, size_t n, ipfields *f) {
  if (c->flags & SADDR_DEFAULT_PORT) {
    f->port = c->default_port;
    return 0;
  }
  return saddr__fail(c->err, SADDR_ENOPORT, off, n,
                     "missing port: write %.*s:PORT", (int)n, c->s + off);
}

/* [v6%zone]:port and [v6%zone] */
static int compact_bracket(const saddr__ctx *c, size_t off, size_t n,
                           saddr_parsed *out) {
  const char *s     = c->s + off;
  const char *close = memchr(s, ']', n);
  if (close == NULL)
    return saddr__fail(c->err, SADDR_EIPV6, off, n, "missing ']'");
  size_t   in = (size_t)(close - s) - 1, rest = n - in - 2;
  ipfields f = {0};
  int      rc;
  if (rest == 0)
    rc = no_port(c, off, n, &f);
  else if (close[1] == ':' && memchr(close, '%', rest) != NULL)
    rc = saddr__fail(c->err, SADDR_EZONE, off + in + 2, rest,
                     "the zone goes inside the brackets: [addr%%zone]:port");
  else if (close[1] == ':')
    rc = compact_port(c, off + in + 3, rest - 1, out, &f);
  else if (close[1] == '%')
    rc = saddr__fail(c->err, SADDR_EZONE, off + in + 2, rest,
                     "the zone goes inside the brackets: [addr%%zone]:port");
  else
    rc = saddr__fail(c->err, SADDR_ESYNTAX, off + in + 2, 1,
                     "expected ':' and a port after ']'");
  if (rc < 0)
    return rc;
  host h = {saddr__span_of(c->s, off + 1, in), false};
  if (in == 0 || memchr(h.sp.s, ':', in) == NULL) {
    unsigned char ip[4];
    bool          v4 = saddr__ip4_parse(h.sp.s, in, ip) == 0;
    return saddr__fail(c->err, SADDR_EIPV6, off + 1, in,
                       v4 ? "brackets hold IPv6 addresses only: write %.*s "
                            "without them"
                          : "brackets must hold an IPv6 address%.*s",
                       v4 ? (int)in : 0, h.sp.s);
  }
  return host_ip6(c, &h, out, &f);
}

static bool all_digits(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return n > 0;
}

/* An unbracketed text with several colons: an IPv6 literal, which takes no
 * port. Without a default port, say how to write one. */
static int compact_bare_ip6(const saddr__ctx *c, size_t off, size_t n,
                            saddr_parsed *out) {
  const char *s = c->s + off;
  ipfields    f = {.port = c->default_port};
  host        h = {saddr__span_of(c->s, off, n), false};
  if (c->flags & SADDR_DEFAULT_PORT)
    return host_ip6(c, &h, out, &f);
  const char   *pct  = memchr(s, '%', n);
  const char   *last = memrchr(s, ':', n);
  size_t        an = pct ? (size_t)(pct - s) : n, pn = (size_t)(last - s);
  unsigned char ip[16];
  bool          whole = saddr__ip6_parse(s, an, ip) == 0 &&
               (pct == NULL || memchr(pct, ':', n - an) == NULL);
  bool prefix = pn > 0 && saddr__ip6_parse(s, an < pn ? an : pn, ip) == 0;
  if (prefix && all_digits(last + 1, n - pn - 1))
    return saddr__fail(c->err, SADDR_EBRACKETS, off, n,
                       "IPv6 address with a port needs brackets: [%.*s]:%.*s",
                       (int)pn, s, (int)(n - pn - 1), last + 1);
  if (whole)
    return saddr__fail(c->err, SADDR_ENOPORT, off, n,
                       "missing port: write [%.*s]:PORT", (int)n, s);
  return host_ip6(c, &h, out, &f);
}

static int ip_compact(const saddr__ctx *c, size_t off, size_t n,
                      saddr_parsed *out) {
  const char *s = c->s + off;
  if (n == 0)
    return saddr__fail(c->err, SADDR_EEMPTY, off, 0, "empty address");
  if (s[0] == '[')
    return compact_bracket(c, off, n, out);
  const char *colon = memchr(s, ':', n);
  if (colon != NULL && memchr(colon + 1, ':', n - (size_t)(colon - s) - 1))
    return compact_bare_ip6(c, off, n, out);
  ipfields f  = {0};
  size_t   hn = colon ? (size_t)(colon - s) : n;
  int      rc;
  if (colon != NULL)
    rc = compact_port(c, off + hn + 1, n - hn - 1, out, &f);
  else if (all_digits(s, n)) /* "80": every family's wildcard */
    rc = compact_port(c, off, n, out, &f), hn = 0;
  else
    rc = no_port(c, off, n, &f);
  if (rc < 0)
    return rc;
  host h = {saddr__span_of(c->s, off, hn), false};
  if (hn == 1 && s[0] == '*')
    h.sp.n = 0;
  return host_any(c, &h, out, &f);
}

/* ---- Formatting -------------------------------------------------------- */

static int fmt_short(const saddr__fmt_in *in, size_t need) {
  return saddr__fail(in->err, SADDR_ELENGTH, 0, in->len,
                     "address is %zu bytes, at least %zu expected", in->len,
                     need);
}

static int format4(const saddr__fmt_in *in, int style, saddr__buf *b) {
  struct sockaddr_in sin;
  if (in->len < sizeof sin)
    return fmt_short(in, sizeof sin);
  memcpy(&sin, in->sa, sizeof sin);
  char   ip[16];
  size_t n = saddr__ip4_format((const unsigned char *)&sin.sin_addr, ip);
  if (style == SADDR_FORMAT_TUPLE) {
    saddr__put(b, "('", 2);
    saddr__put(b, ip, n);
    saddr__put(b, "', ", 3);
    saddr__put_u64(b, ntohs(sin.sin_port));
    saddr__putc(b, ')');
  } else {
    if (in->family == AF_RDS)
      saddr__puts(b, "rds@");
    saddr__put(b, ip, n);
    saddr__putc(b, ':');
    saddr__put_u64(b, ntohs(sin.sin_port));
  }
  return 0;
}

static void zone_text(saddr__buf *b, uint32_t scope) {
  char name[IF_NAMESIZE];
  if (if_indextoname(scope, name) != NULL)
    saddr__puts(b, name);
  else
    saddr__put_u64(b, scope);
}

static int format6(const saddr__fmt_in *in, int style, saddr__buf *b) {
  struct sockaddr_in6 sin6;
  if (in->len < sizeof sin6)
    return fmt_short(in, sizeof sin6);
  memcpy(&sin6, in->sa, sizeof sin6);
  char                 ip[46];
  const unsigned char *a = (const unsigned char *)&sin6.sin6_addr;
  size_t   n    = saddr__ip6_format(a, style == SADDR_FORMAT_COMPACT, ip);
  uint32_t flow = ntohl(sin6.sin6_flowinfo);
  if (style == SADDR_FORMAT_TUPLE) {
    saddr__put(b, "('", 2);
    saddr__put(b, ip, n);
    saddr__put(b, "', ", 3);
    saddr__put_u64(b, ntohs(sin6.sin6_port));
    saddr__put(b, ", ", 2);
    saddr__put_u64(b, flow);
    saddr__put(b, ", ", 2);
    saddr__put_u64(b, sin6.sin6_scope_id);
    saddr__putc(b, ')');
    return 0;
  }
  if (flow != 0)
    return saddr__fail(in->err, SADDR_EINVAL, 8, 4,
                       "flowinfo %u has no compact form: use tuple syntax",
                       flow);
  saddr__putc(b, '[');
  saddr__put(b, ip, n);
  if (sin6.sin6_scope_id != 0) {
    saddr__putc(b, '%');
    zone_text(b, sin6.sin6_scope_id);
  }
  saddr__put(b, "]:", 2);
  saddr__put_u64(b, ntohs(sin6.sin6_port));
  return 0;
}

const saddr__family saddr__family_inet  = {.family   = AF_INET,
                                           .tuple    = ip_tuple,
                                           .compact  = ip_compact,
                                           .format   = format4,
                                           .fast_one = saddr__inet_fast_one,
                                           .fast_all = saddr__inet_fast_all};
const saddr__family saddr__family_inet6 = {.family  = AF_INET6,
                                           .tuple   = ip_tuple,
                                           .compact = ip_compact,
                                           .format  = format6};
const saddr__family saddr__family_rds   = {.family  = AF_RDS,
                                           .tuple   = ip_tuple,
                                           .compact = ip_compact,
                                           .format  = format4};
