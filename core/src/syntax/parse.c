/* The parse entry points: defaults, syntax detection, prefixes, and the
 * dispatch to a family's reader through the family table. */
#include "family/family.h"
#include "family/inherit.h"

#include <string.h>

static bool tuple_syntax(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
    i++;
  if (i == n)
    return false;
  char c0 = s[i];
  if (c0 == '(' || c0 == '\'' || c0 == '"')
    return true;
  /* b'..', r'..', rb'..', br'..', u'..' */
  for (size_t k = i; k < n && k < i + 2; k++) {
    char ch = (char)(s[k] | 0x20);
    if (ch != 'b' && ch != 'r' && ch != 'u')
      return false;
    if (k + 1 < n && (s[k + 1] == '\'' || s[k + 1] == '"'))
      return true;
  }
  return false;
}

/* HCI's tuple form may be a bare device number or constant. */
static bool bare_value(const saddr__ctx *c) {
  if (c->family != AF_BLUETOOTH || c->protocol != SADDR__BTPROTO_HCI)
    return false;
  for (size_t i = 0; i < c->len; i++) {
    char ch = c->s[i];
    if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') ||
          (ch >= 'a' && ch <= 'z') || ch == '_' || ch == '.'))
      return false;
  }
  return true;
}

static size_t word(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && ((s[i] >= 'a' && s[i] <= 'z') ||
                   (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
    i++;
  return i;
}

/* "dgram+" before anything. Returns the bytes consumed. */
static int socktype_prefix(saddr__ctx *c, size_t *off, bool type_given) {
  const char *s = c->s + *off;
  size_t      w = word(s, c->len - *off);
  if (w == 0 || w == c->len - *off || s[w] != '+')
    return 0;
  int type, rc = saddr__socktype_word(c, *off, w, type_given, &type);
  if (rc < 0)
    return rc;
  if (rc > 0) {
    c->type = type;
    *off += w + 1;
    return 0;
  }
  return saddr__fail(c->err, SADDR_ESCHEME, *off, w,
                     "unknown socket type '%.*s+': expected stream, dgram, "
                     "seqpacket, raw, rdm, dccp or packet",
                     (int)w, s);
}

/* "scheme@" or the compat "unix:"/"vsock:". Returns the family to use, with
 * *off moved past the prefix, or a negative status. */
static int scheme_prefix(saddr__ctx *c, size_t *off, bool type_given) {
  const char *s    = c->s + *off;
  size_t      rest = c->len - *off, w = word(s, rest);
  if (w == 0 || w == rest || (s[w] != '@' && s[w] != ':'))
    return c->family;
  const saddr__scheme *sc = saddr__scheme_find(s, w, s[w]);
  if (sc == NULL) {
    if (s[w] == ':')
      return c->family; /* a host name followed by its port */
    return saddr__fail(c->err, SADDR_ESCHEME, *off, w + 1,
                       "unknown prefix '%.*s@'", (int)w, s);
  }
  int  fam = sc->family;
  bool fam_ok =
      c->family == AF_UNSPEC || fam == c->family ||
      (fam == AF_UNSPEC && (c->family == AF_INET || c->family == AF_INET6));
  if (!fam_ok)
    return saddr__fail(c->err, SADDR_EFAMILY, *off, w + 1,
                       "prefix '%.*s%c' does not match the family given",
                       (int)w, s, s[w]);
  if (sc->type != 0 && sc->type != c->type &&
      (type_given || c->type != SOCK_STREAM))
    return saddr__fail(c->err, SADDR_ESCHEME, *off, w + 1,
                       "prefix '%.*s%c' conflicts with the socket type", (int)w,
                       s, s[w]);
  if (sc->type != 0)
    c->type = sc->type;
  if (sc->protocol >= 0)
    c->protocol = sc->protocol;
  if (!type_given && sc->type == 0)
    c->type = saddr__default_type(fam, c->protocol);
  *off += w + 1;
  return fam == AF_UNSPEC ? c->family : fam;
}

static int parse_compact(saddr__ctx *c, bool type_given, saddr_parsed *out) {
  size_t off = 0;
  /* fd@N, sd@NAME: a socket the process holds (family/inherit.c). */
  if (saddr__inherit_text(c->s, c->len))
    return saddr__inherit_compact(c, type_given, out);
  int rc = socktype_prefix(c, &off, type_given);
  if (rc < 0)
    return rc;
  int fam = scheme_prefix(c, &off, type_given || off > 0);
  if (fam < 0)
    return fam;
  c->family     = fam;
  size_t      n = c->len - off;
  const char *s = c->s + off;
  if (n > 0 && (s[0] == '/' || s[0] == '@') &&
      (fam == AF_UNSPEC || fam == AF_UNIX))
    fam = AF_UNIX;
  const saddr__family *f = saddr__family_reader(fam);
  if (f == NULL || f->compact == NULL)
    return saddr__fail(c->err, SADDR_EFAMILY, 0, c->len,
                       "no compact form for this address family");
  c->family = fam;
  return f->compact(c, off, n, out);
}

static int parse_tuple(saddr__ctx *c, saddr_parsed *out) {
  saddr__tuple t;
  int          rc = saddr__tuple_read(c->s, c->len, &t, c->err);
  if (rc < 0)
    return rc;
  int fam = c->family;
  /* Without a family, a pair is an IP address and a bare string a path. */
  if (fam == AF_UNSPEC && !t.is_tuple &&
      (t.item[0].kind == SADDR__STR || t.item[0].kind == SADDR__BYTES))
    fam = AF_UNIX;
  const saddr__family *f = saddr__family_reader(fam);
  if (f == NULL || f->tuple == NULL)
    return saddr__fail(c->err, SADDR_EFAMILY, 0, c->len,
                       "address family %d is not supported", fam);
  c->family = fam;
  return f->tuple(c, &t, out);
}

static void ctx_init(saddr__ctx *c, const char *text, size_t len,
                     const saddr_hints *h, saddr_error *err) {
  c->s            = text;
  c->len          = len;
  c->family       = h ? h->family : AF_UNSPEC;
  c->type         = h && h->type ? h->type : SOCK_STREAM;
  c->protocol     = h ? h->protocol : 0;
  c->flags        = h ? h->flags : 0;
  c->default_port = h ? h->default_port : 0;
  c->err          = err;
  if (h == NULL || h->type == 0)
    c->type = saddr__default_type(c->family, c->protocol);
}

/* What saddr_parse hands the fast path for the forms it does not know: a
 * status that only says so, and syntax detection goes on. */
static int fast_miss(const char *s, size_t len, const saddr_hints *h,
                     saddr_addr *a, saddr_error *err) {
  (void)s, (void)len, (void)h, (void)a, (void)err;
  return SADDR_EINVAL;
}

int saddr_parse(const char *text, size_t len, const saddr_hints *hints,
                saddr_parsed *out, saddr_error *err) {
  if (out == NULL || (text == NULL && len != 0))
    return saddr__fail(err, SADDR_EINVAL, 0, 0, "invalid argument");
  out->count      = 0;
  out->need       = 0;
  out->host[0]    = '\0';
  out->service[0] = '\0';
  if (len == 0)
    return saddr__fail(err, SADDR_EEMPTY, 0, 0, "empty address");
  saddr__ctx c;
  ctx_init(&c, text, len, hints, err);
  out->family   = c.family;
  out->type     = c.type;
  out->protocol = c.protocol;
  out->port     = 0;
  /* The IP row's fast path first: numeric IP specs, the most common, skip
   * syntax detection and prefixes. */
  const saddr__family *ip = &saddr__family_inet;
  if (ip->fast_all(text, len, hints, out))
    return 0;
  if (ip->fast_one(text, len, hints, &out->addr[0], err, fast_miss) == 0) {
    out->count = 1;
    return 0;
  }
  unsigned syn   = c.flags & (SADDR_SYNTAX_TUPLE | SADDR_SYNTAX_COMPACT);
  bool     tuple = syn == SADDR_SYNTAX_TUPLE ||
               (syn == 0 && (tuple_syntax(text, len) || bare_value(&c)));
  int rc = tuple ? parse_tuple(&c, out)
                 : parse_compact(&c, hints && hints->type != 0, out);
  if (rc < 0)
    out->count = 0;
  return rc;
}

/* The general path of saddr_parse_addr, kept out of line so that the fast
 * path runs without setting up a saddr_parsed frame. */
__attribute__((noinline)) static int
parse_addr_general(const char *text, size_t len, const saddr_hints *hints,
                   saddr_addr *out, saddr_error *err) {
  saddr_parsed p;
  p.count = 0;
  p.need  = 0;
  int rc  = saddr_parse(text, len, hints, &p, err);
  if (rc < 0)
    return rc;
  if (p.need != 0)
    return saddr__fail(err, SADDR_ERESOLVE, 0, len,
                       "the spec needs resolution: use the resolver");
  if (p.count != 1)
    return saddr__fail(err, SADDR_EINVAL, 0, len,
                       "the spec gives %zu addresses where one is needed",
                       p.count);
  *out = p.addr[0];
  return 0;
}

int saddr_parse_addr(const char *text, size_t len, const saddr_hints *hints,
                     saddr_addr *out, saddr_error *err) {
  if (out == NULL)
    return saddr__fail(err, SADDR_EINVAL, 0, 0, "invalid argument");
  if (text == NULL)
    return parse_addr_general(text, len, hints, out, err);
  return saddr__family_inet.fast_one(text, len, hints, out, err,
                                     parse_addr_general);
}
