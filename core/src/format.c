/* The format entry points: family selection, the type prefix of compact
 * text, Python's generic form for families without their own, bounds. */
#include "family/family.h"

#include <ctype.h>
#include <net/if.h>
#include <string.h>

/* Python prints (family, sa_data) for a family it has no form for;
 * sa_data is the 14 bytes after the family field, as far as len goes. */
static int format_generic(const saddr__fmt_in *in, saddr__buf *b) {
  size_t n = in->len > 2 ? in->len - 2 : 0;
  if (n > 14)
    n = 14;
  saddr__putc(b, '(');
  saddr__put_u64(b, (uint64_t)in->family);
  saddr__put(b, ", ", 2);
  saddr__put_pybytes(b, in->sa + 2, n);
  saddr__putc(b, ')');
  return 0;
}

/* Only a type other than the family's natural one is written out. */
static void type_prefix(saddr__buf *b, int family, int protocol, int type) {
  if (type == 0 || type == saddr__default_type(family, protocol))
    return;
  const char *name = saddr_type_name(type);
  if (name == NULL)
    return;
  for (const char *p = name + 5; *p; p++)
    saddr__putc(b, (char)tolower((unsigned char)*p));
  saddr__putc(b, '+');
}

/* SADDR_FORMAT_HOST for IP: the literal and the zone, nothing else. Returns
 * 1 when it wrote the host, 0 when the address is not an IP one. */
static int format_host(const saddr__fmt_in *in, saddr__buf *b) {
  char ip[46];
  if (in->len >= sizeof(struct sockaddr_in) &&
      (in->family == AF_INET || in->family == AF_RDS)) {
    struct sockaddr_in sin;
    memcpy(&sin, in->sa, sizeof sin);
    saddr__put(b, ip,
               saddr__ip4_format((const unsigned char *)&sin.sin_addr, ip));
    return 1;
  }
  if (in->family != AF_INET6 || in->len < sizeof(struct sockaddr_in6))
    return 0;
  struct sockaddr_in6 sin6;
  memcpy(&sin6, in->sa, sizeof sin6);
  saddr__put(
      b, ip,
      saddr__ip6_format((const unsigned char *)&sin6.sin6_addr, true, ip));
  if (sin6.sin6_scope_id != 0) {
    char name[IF_NAMESIZE];
    saddr__putc(b, '%');
    if (if_indextoname(sin6.sin6_scope_id, name) != NULL)
      saddr__puts(b, name);
    else
      saddr__put_u64(b, sin6.sin6_scope_id);
  }
  return 1;
}

static int family_of(const unsigned char *sa, size_t salen,
                     const saddr_hints *h) {
  if (h != NULL && h->family != AF_UNSPEC)
    return h->family;
  if (salen < sizeof(sa_family_t))
    return -1;
  sa_family_t f;
  memcpy(&f, sa, sizeof f);
  return f;
}

int saddr_format(const void *sa, size_t salen, const saddr_hints *hints,
                 int style, char *buf, size_t cap, saddr_error *err) {
  if (buf == NULL || cap == 0 || (sa == NULL && salen != 0) ||
      (style != SADDR_FORMAT_TUPLE && style != SADDR_FORMAT_COMPACT &&
       style != SADDR_FORMAT_HOST))
    return saddr__fail(err, SADDR_EINVAL, 0, 0, "invalid argument");
  buf[0]     = '\0';
  int family = family_of(sa, salen, hints);
  if (family < 0)
    return saddr__fail(err, SADDR_ELENGTH, 0, salen,
                       "address is %zu byte%s: too short for a family field",
                       salen, salen == 1 ? "" : "s");
  saddr__fmt_in in = {
      sa, salen, family, hints ? hints->type : 0, hints ? hints->protocol : 0,
      err};
  saddr__buf           b = {buf, cap, 0, false};
  const saddr__family *f = saddr__family_find(family);
  int                  rc;
  if (style == SADDR_FORMAT_HOST && format_host(&in, &b)) {
    rc = 0;
  } else if (f == NULL) {
    rc = format_generic(&in, &b);
  } else {
    if (style == SADDR_FORMAT_HOST)
      style = SADDR_FORMAT_COMPACT;
    if (style == SADDR_FORMAT_COMPACT)
      type_prefix(&b, in.family, in.protocol, in.type);
    rc = f->format(&in, style, &b);
  }
  if (rc < 0) {
    buf[0] = '\0';
    return rc;
  }
  if (b.overflow) {
    buf[0] = '\0';
    return saddr__fail(err, SADDR_ENOSPACE, 0, 0,
                       "output buffer of %zu bytes is too small", cap);
  }
  buf[b.n] = '\0';
  return (int)b.n;
}

int saddr_format_addr(const saddr_addr *addr, int style, char *buf, size_t cap,
                      saddr_error *err) {
  if (addr == NULL)
    return saddr__fail(err, SADDR_EINVAL, 0, 0, "invalid argument");
  saddr_hints h = {
      .family = addr->family, .type = addr->type, .protocol = addr->protocol};
  return saddr_format(&addr->sa, addr->len, &h, style, buf, cap, err);
}
