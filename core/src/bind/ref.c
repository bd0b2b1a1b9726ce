/* The `fd@N` / `sd@NAME` reference: its compact reader, its formatter and
 * its accessor. Parsing reads no environment and touches no descriptor; the
 * bind helper resolves the reference (inherit.c). */
#include "bind/inherit.h"

#include <limits.h>
#include <string.h>

/* The most sd@ indexes: the descriptor 3 + index must be an int. */
#define INDEX_MAX (INT_MAX - 3)

bool saddr__inherit_prefix(const char *s, size_t n) {
  return n >= 3 && (s[0] == 'f' || s[0] == 's') && s[1] == 'd' && s[2] == '@';
}

static bool all_digits(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return n > 0;
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
  uint64_t v;
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

/* systemd's names are ASCII without control bytes and ':'; blanks are left
 * out too, since a spec is one word in a config file. */
static int read_name(const saddr__ctx *c, size_t off, size_t n, saddr__ref *r) {
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)c->s[off + i];
    if (ch == '\0')
      return saddr__fail(c->err, SADDR_ENUL, off + i, 1,
                         "NUL byte in an sd@ name");
    if (ch <= 0x20 || ch >= 0x7f || ch == ':')
      return saddr__fail(c->err, SADDR_ESYNTAX, off + i, 1,
                         "an sd@ name is ASCII without blanks, control "
                         "bytes or ':'");
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
  uint64_t v;
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

int saddr__inherit_compact(const saddr__ctx *c, size_t off, saddr_parsed *out) {
  saddr__ref r;
  memset(&r, 0, sizeof r);
  size_t body = off + 3, n = c->len - body;
  bool   fd = c->s[off] == 'f';
  if (n == 0)
    return saddr__fail(c->err, SADDR_ESYNTAX, off, 3, "%s needs %s",
                       fd ? "fd@" : "sd@",
                       fd ? "a descriptor number" : "a name or an index");
  int rc = fd ? read_fd(c, body, n, &r) : read_sd(c, body, n, &r);
  if (rc < 0)
    return rc;
  r.af          = AF_UNSPEC;
  r.family      = c->family == SADDR_AF_INHERIT ? AF_UNSPEC : c->family;
  saddr_addr *a = &out->addr[0];
  saddr__addr_init(a, c, SADDR_AF_INHERIT);
  memcpy(a->sa.bytes, &r, sizeof r);
  a->len     = (socklen_t)(offsetof(saddr__ref, name) + r.namelen);
  out->count = 1;
  return 0;
}

static bool ref_read(const unsigned char *sa, size_t len, saddr__ref *r) {
  if (len < offsetof(saddr__ref, name) || len > sizeof *r)
    return false;
  memset(r, 0, sizeof *r);
  memcpy(r, sa, len);
  if (r->kind == SADDR_INHERIT_SD_NAME)
    return r->namelen > 0 && r->namelen <= SADDR_INHERIT_NAME_MAX &&
           len == offsetof(saddr__ref, name) + r->namelen;
  return (r->kind == SADDR_INHERIT_FD || r->kind == SADDR_INHERIT_SD_INDEX) &&
         r->number >= 0 && len == offsetof(saddr__ref, name);
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

static int format_ref(const saddr__fmt_in *in, int style, saddr__buf *b) {
  saddr__ref r;
  if (!ref_read(in->sa, in->len, &r))
    return saddr__fail(in->err, SADDR_ELENGTH, 0, in->len,
                       "not an fd@/sd@ reference (%zu bytes)", in->len);
  if (style != SADDR_FORMAT_COMPACT)
    return saddr__fail(in->err, SADDR_EINVAL, 0, 0,
                       "an fd@/sd@ reference has no tuple form");
  saddr__puts(b, r.kind == SADDR_INHERIT_FD ? "fd@" : "sd@");
  if (r.kind == SADDR_INHERIT_SD_NAME)
    saddr__put(b, r.name, r.namelen);
  else
    saddr__put_u64(b, (uint64_t)r.number);
  return 0;
}

/* A row of the family table (family/table.c) so that saddr_format writes
 * the type prefix and the reference like any address. */
const saddr__family saddr__family_inherit = {SADDR_AF_INHERIT, NULL, NULL, NULL,
                                             format_ref};
