/* The `fd@N` / `sd@NAME` reference: its compact and tuple readers, its
 * formatter and its accessor. Parsing reads no environment and touches no
 * descriptor; the bind helper resolves the reference (bind/inherit.c).
 *
 *   reference = [ socktype "+" ] [ family "+" ] ( "fd@" fd | "sd@" sd )
 *
 * where family is a C name (`AF_INET6`): the family the socket must have,
 * which the hints can give as well. */
#include "family/inherit.h"

#include <limits.h>
#include <string.h>

/* The most sd@ indexes: the descriptor 3 + index must be an int. */
#define INDEX_MAX (INT_MAX - 3)
/* Room for "AF_IEEE802154+" and the longest reference. */
#define TEXT_MAX (32 + 3 + SADDR_INHERIT_NAME_MAX)

static size_t word(const char *s, size_t n) {
  size_t i = 0;
  while (i < n &&
         ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
          (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
    i++;
  return i;
}

static bool is_ref(const char *s, size_t n) {
  return n >= 3 && (s[0] == 'f' || s[0] == 's') && s[1] == 'd' && s[2] == '@';
}

bool saddr__inherit_text(const char *s, size_t n) {
  size_t i = 0;
  for (int k = 0; k < 2; k++) {
    size_t w = word(s + i, n - i);
    if (w == 0 || i + w >= n || s[i + w] != '+')
      break;
    i += w + 1;
  }
  return is_ref(s + i, n - i);
}

/* A family a reference can name: a real one with a C name, so that the
 * formatter can write it. */
static bool nameable(long long f) {
  return f > 0 && f < SADDR_AF_INHERIT && saddr_family_name((int)f) != NULL;
}

static bool all_digits(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return n > 0;
}

/* Bytes of an sd@ name: systemd's (ASCII without control bytes and ':'),
 * less blanks, quotes and backslashes, so that a name is one word in a
 * config file and needs no escape in a Python string. */
static bool name_byte(unsigned char ch) {
  return ch > 0x20 && ch < 0x7f && ch != ':' && ch != '\'' && ch != '"' &&
         ch != '\\';
}

typedef struct prefix {
  int  type, family;
  bool has_type, has_family;
} prefix;

static int prefix_family(const saddr__ctx *c, size_t off, size_t w, prefix *p) {
  long long v  = 0;
  bool      af = w > 3 && memcmp(c->s + off, "AF_", 3) == 0;
  if (p->has_family || !af || saddr_constant(c->s + off, w, &v) < 0 ||
      !nameable(v))
    return saddr__fail(c->err, SADDR_ESCHEME, off, w + 1,
                       "'%.*s+' before fd@/sd@: expected a socket type "
                       "(dgram, ...) then a family (AF_INET6, ...)",
                       (int)w, c->s + off);
  bool hinted = c->family != AF_UNSPEC && c->family != SADDR_AF_INHERIT;
  if (hinted && v != c->family)
    return saddr__fail(c->err, SADDR_EFAMILY, off, w + 1,
                       "'%.*s+' does not match the family given", (int)w,
                       c->s + off);
  p->family     = (int)v;
  p->has_family = true;
  return 0;
}

static int prefix_word(const saddr__ctx *c, size_t off, size_t w,
                       bool type_given, prefix *p) {
  int type, rc = 0;
  if (!p->has_type && !p->has_family)
    rc = saddr__socktype_word(c, off, w, type_given, &type);
  if (rc < 0)
    return rc;
  if (rc > 0) {
    p->type     = type;
    p->has_type = true;
    return 0;
  }
  return prefix_family(c, off, w, p);
}

/* Strict decimal: digits only, no sign, no leading zero. *v saturates above
 * INT_MAX so that the caller's range check reports any longer number. */
static int read_number(const saddr__ctx *c, size_t off, size_t n,
                       const char *what, uint64_t *v) {
  const char *s = c->s + off;
  if (!all_digits(s, n))
    return saddr__fail(c->err, SADDR_ESYNTAX, off, n,
                       "%s must be decimal digits", what);
  if (n > 1 && s[0] == '0')
    return saddr__fail(c->err, SADDR_ESYNTAX, off, n,
                       "%s must not have a leading zero", what);
  *v = 0;
  for (size_t i = 0; i < n && *v <= INT_MAX; i++)
    *v = *v * 10 + (uint64_t)(s[i] - '0');
  return 0;
}

static int read_fd(const saddr__ctx *c, size_t off, size_t n, saddr__ref *r) {
  uint64_t v  = 0;
  int      rc = read_number(c, off, n, "the descriptor after fd@", &v);
  if (rc < 0)
    return rc;
  if (v < 3)
    return saddr__fail(c->err, SADDR_ERANGE, off, n,
                       "fd@%d is standard %s: inherited sockets are "
                       "descriptors 3-2147483647",
                       (int)v,
                       v == 0   ? "input"
                       : v == 1 ? "output"
                                : "error");
  if (v > INT_MAX)
    return saddr__fail(c->err, SADDR_ERANGE, off, n,
                       "descriptor must be 3-2147483647");
  r->kind   = SADDR_INHERIT_FD;
  r->number = (int32_t)v;
  return 0;
}

static int read_name(const saddr__ctx *c, size_t off, size_t n, saddr__ref *r) {
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)c->s[off + i];
    if (ch == '\0')
      return saddr__fail(c->err, SADDR_ENUL, off + i, 1,
                         "NUL byte in an sd@ name");
    if (!name_byte(ch))
      return saddr__fail(c->err, SADDR_ESYNTAX, off + i, 1,
                         "an sd@ name is printable ASCII without blanks, "
                         "quotes, backslashes or ':'");
  }
  if (n > SADDR_INHERIT_NAME_MAX)
    return saddr__fail(c->err, SADDR_ETOOLONG, off, n,
                       "an sd@ name is at most %d bytes",
                       SADDR_INHERIT_NAME_MAX);
  r->kind    = SADDR_INHERIT_SD_NAME;
  r->number  = -1;
  r->namelen = (uint8_t)n;
  memcpy(r->name, c->s + off, n);
  return 0;
}

static int read_sd(const saddr__ctx *c, size_t off, size_t n, saddr__ref *r) {
  if (!all_digits(c->s + off, n))
    return read_name(c, off, n, r);
  uint64_t v  = 0;
  int      rc = read_number(c, off, n, "the index after sd@", &v);
  if (rc < 0)
    return rc;
  if (v > INDEX_MAX)
    return saddr__fail(c->err, SADDR_ERANGE, off, n, "sd@ index must be 0-%d",
                       INDEX_MAX);
  r->kind   = SADDR_INHERIT_SD_INDEX;
  r->number = (int32_t)v;
  return 0;
}

static int read_ref(const saddr__ctx *c, size_t off, saddr__ref *r) {
  size_t body = off + 3, n = c->len - body;
  bool   fd = c->s[off] == 'f';
  if (n == 0)
    return saddr__fail(c->err, SADDR_ESYNTAX, off, 3, "%s needs %s",
                       fd ? "fd@" : "sd@",
                       fd ? "a descriptor number" : "a name or an index");
  return fd ? read_fd(c, body, n, r) : read_sd(c, body, n, r);
}

/* Reads [off, c->len): the prefixes, then the reference. */
static int read_text(const saddr__ctx *c, size_t off, bool type_given,
                     saddr_parsed *out) {
  prefix p = {c->type, AF_UNSPEC, false, false};
  for (size_t w; (w = word(c->s + off, c->len - off)) > 0 && off + w < c->len &&
                 c->s[off + w] == '+';
       off += w + 1) {
    int rc = prefix_word(c, off, w, type_given, &p);
    if (rc < 0)
      return rc;
  }
  saddr__ref r;
  memset(&r, 0, sizeof r);
  int rc = read_ref(c, off, &r);
  if (rc < 0)
    return rc;
  bool hinted = c->family != AF_UNSPEC && c->family != SADDR_AF_INHERIT;
  if (hinted && !nameable(c->family))
    return saddr__fail(c->err, SADDR_EFAMILY, 0, c->len,
                       "fd@/sd@ cannot check for address family %d", c->family);
  r.af          = SADDR_AF_INHERIT;
  r.family      = p.has_family ? p.family : hinted ? c->family : AF_UNSPEC;
  saddr_addr *a = &out->addr[0];
  saddr__addr_init(a, SADDR_AF_INHERIT, p.type, c->protocol,
                   (socklen_t)(offsetof(saddr__ref, name) + r.namelen), 0);
  memcpy(a->sa.bytes, &r, sizeof r);
  out->count = 1;
  return 0;
}

int saddr__inherit_compact(const saddr__ctx *c, bool type_given,
                           saddr_parsed *out) {
  return read_text(c, 0, type_given, out);
}

/* The tuple form is the compact text as a Python str, read when the
 * caller's family is SADDR_AF_INHERIT. */
static int tuple_ref(const saddr__ctx *c, const saddr__tuple *t,
                     saddr_parsed *out) {
  const saddr__item *it = &t->item[0];
  if (t->is_tuple || it->kind != SADDR__STR || it->escapes)
    return saddr__fail(c->err, SADDR_ETYPE, t->off, t->len,
                       "an inherited socket's tuple form is a str without "
                       "escapes: 'fd@3', 'sd@web'");
  saddr__ctx k = *c;
  k.len        = it->body_off + it->body_len;
  if (!saddr__inherit_text(k.s + it->body_off, it->body_len))
    return saddr__fail(c->err, SADDR_ESYNTAX, it->body_off, it->body_len,
                       "expected fd@N, sd@NAME or sd@INDEX");
  return read_text(&k, it->body_off, false, out);
}

static bool ref_valid(const saddr__ref *r, size_t len) {
  size_t head = offsetof(saddr__ref, name);
  if (r->af != SADDR_AF_INHERIT || (r->family != 0 && !nameable(r->family)))
    return false;
  if (r->kind == SADDR_INHERIT_FD)
    return r->number >= 3 && r->namelen == 0 && len == head;
  if (r->kind == SADDR_INHERIT_SD_INDEX)
    return r->number >= 0 && r->number <= INDEX_MAX && r->namelen == 0 &&
           len == head;
  if (r->kind != SADDR_INHERIT_SD_NAME || r->number != -1 || r->namelen == 0 ||
      r->namelen > SADDR_INHERIT_NAME_MAX || len != head + r->namelen ||
      all_digits(r->name, r->namelen))
    return false;
  for (size_t i = 0; i < r->namelen; i++)
    if (!name_byte((unsigned char)r->name[i]))
      return false;
  return true;
}

static bool ref_read(const unsigned char *sa, size_t len, saddr__ref *r) {
  if (len < offsetof(saddr__ref, name) || len > sizeof *r)
    return false;
  memset(r, 0, sizeof *r);
  memcpy(r, sa, len);
  return ref_valid(r, len);
}

bool saddr__ref_get(const saddr_addr *a, saddr__ref *r) {
  return a->family == SADDR_AF_INHERIT && ref_read(a->sa.bytes, a->len, r);
}

int saddr_inherit_get(const saddr_addr *addr, saddr_inherit *out) {
  saddr__ref r;
  if (!addr || !out || !saddr__ref_get(addr, &r))
    return SADDR_EINVAL;
  memset(out, 0, sizeof *out);
  out->kind   = r.kind;
  out->number = r.number;
  out->family = r.family;
  memcpy(out->name, r.name, r.namelen);
  return 0;
}

static void put_ref(saddr__buf *b, const saddr__ref *r) {
  if (r->family != AF_UNSPEC) {
    saddr__puts(b, saddr_family_name(r->family));
    saddr__putc(b, '+');
  }
  saddr__puts(b, r->kind == SADDR_INHERIT_FD ? "fd@" : "sd@");
  if (r->kind == SADDR_INHERIT_SD_NAME)
    saddr__put(b, r->name, r->namelen);
  else
    saddr__put_u64(b, (uint64_t)r->number);
}

static int format_ref(const saddr__fmt_in *in, int style, saddr__buf *b) {
  saddr__ref r;
  if (!ref_read(in->sa, in->len, &r))
    return saddr__fail(in->err, SADDR_EINVAL, 0, in->len,
                       "not a valid fd@/sd@ reference");
  if (style == SADDR_FORMAT_COMPACT) {
    put_ref(b, &r);
    return 0;
  }
  char       text[TEXT_MAX];
  saddr__buf t = {text, sizeof text, 0, false};
  put_ref(&t, &r);
  saddr__put_pystr(b, (const unsigned char *)text, t.n);
  return 0;
}

const saddr__family saddr__family_inherit = {.family  = SADDR_AF_INHERIT,
                                             .tuple   = tuple_ref,
                                             .compact = NULL,
                                             .format  = format_ref};
