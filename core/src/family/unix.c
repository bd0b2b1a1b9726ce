/* AF_UNIX: str and bytes paths, Linux abstract names and autobind, with
 * CPython's lengths (2+n+1 for a path, 2+n for an abstract name, 2 for
 * autobind). Compact forms: /path and unix:path (literal bytes), @name
 * (escaped abstract name), and unix@ with an escaped body that may be a
 * path, @name, or nothing (autobind). */
#include "family/famutil.h"

#include <sys/un.h>

#define SUN_HDR  offsetof(struct sockaddr_un, sun_path)
#define SUN_PATH sizeof(((struct sockaddr_un *)0)->sun_path)

/* Where a name came from, for error offsets: when the bytes are the input
 * itself (no escapes), an error points at the offending byte; otherwise at
 * the whole spelling. */
typedef struct origin {
  size_t off, len;
  bool   exact;
} origin;

static int too_long(const saddr__ctx *c, const origin *o, bool abstract,
                    size_t n) {
  if (abstract)
    return saddr__fail(c->err, SADDR_ETOOLONG, o->off, o->len,
                       "AF_UNIX abstract name is %zu bytes with its leading "
                       "NUL, at most %zu allowed",
                       n, SUN_PATH);
  return saddr__fail(c->err, SADDR_ETOOLONG, o->off, o->len,
                     "AF_UNIX path is %zu bytes, at most %zu allowed", n,
                     SUN_PATH - 1);
}

/* Builds the address from n name bytes: none autobinds, a leading NUL
 * makes an abstract name (NULs inside are data), anything else is a path
 * and gets a counted terminating NUL. */
static int build(const saddr__ctx *c, const unsigned char *name, size_t n,
                 const origin *o, saddr_parsed *out) {
  bool abstract = n > 0 && name[0] == '\0';
  if (n > SUN_PATH - !abstract)
    return too_long(c, o, abstract, n);
  const unsigned char *nul = abstract ? NULL : memchr(name, '\0', n);
  if (nul != NULL)
    return saddr__fail(c->err, SADDR_ENUL,
                       o->exact ? o->off + (size_t)(nul - name) : o->off,
                       o->exact ? 1 : o->len,
                       "NUL byte in an AF_UNIX path: only abstract names "
                       "(which start with NUL) may hold NUL bytes");
  saddr_addr *a   = saddr__parsed_one(c, out, AF_UNIX);
  sa_family_t fam = AF_UNIX;
  memcpy(a->sa.bytes, &fam, sizeof fam);
  memcpy(a->sa.bytes + SUN_HDR, name, n);
  a->len = (socklen_t)(SUN_HDR + n + (n > 0 && !abstract));
  return 0;
}

static int unix_tuple(const saddr__ctx *c, const saddr__tuple *t,
                      saddr_parsed *out) {
  const saddr__item *it = &t->item[0];
  unsigned char      name[SUN_PATH + 1];
  size_t             n = 0;
  if (t->is_tuple)
    return saddr__fail(c->err, SADDR_ETYPE, t->off, t->len,
                       "AF_UNIX address must be str or bytes, not tuple");
  origin o = {it->off, it->len, false};
  int rc   = saddr__item_text(c->s, it, SADDR__ACCEPT_STR | SADDR__ACCEPT_BYTES,
                              SADDR__ESC_SURROGATE, "AF_UNIX address", name,
                              sizeof name, &n, c->err);
  if (rc == SADDR_ETOOLONG)
    return too_long(c, &o, name[0] == '\0', n);
  if (rc != 0)
    return rc;
  if (it->raw || !it->escapes)
    o = (origin){it->body_off, it->body_len, true};
  return build(c, name, n, &o, out);
}

/* Literal text: /path, unix:path. */
static int literal(const saddr__ctx *c, size_t off, size_t n,
                   saddr_parsed *out) {
  origin o = {off, n, true};
  if (n == 0)
    return saddr__fail(c->err, SADDR_ESYNTAX, off, 0,
                       "expected a path after 'unix:' (autobind is "
                       "'unix@')");
  if (n > SUN_PATH - 1)
    return too_long(c, &o, false, n);
  return build(c, (const unsigned char *)c->s + off, n, &o, out);
}

/* Escaped text: @name (abstract), and unix@ bodies. */
static int escaped(const saddr__ctx *c, size_t off, size_t n, bool abstract,
                   saddr_parsed *out) {
  unsigned char name[SUN_PATH + 1];
  size_t        k = 0;
  /* For an abstract name the '@' before off stands for the leading NUL. */
  origin o = {off - abstract, n + abstract,
              memchr(c->s + off, '\\', n) == NULL};
  name[0]  = '\0';
  int rc   = saddr__fam_unescape(c, off, n, name + abstract,
                                 sizeof name - abstract, &k);
  if (rc == SADDR_ETOOLONG)
    return too_long(c, &o, abstract || name[0] == '\0', k + abstract);
  if (rc != 0)
    return rc;
  return build(c, name, k + abstract, &o, out);
}

static int unix_compact(const saddr__ctx *c, size_t off, size_t n,
                        saddr_parsed *out) {
  char sep = off > 0 ? c->s[off - 1] : '\0';
  if (sep == ':')
    return literal(c, off, n, out);
  if (sep == '@') {
    bool abstract = n > 0 && c->s[off] == '@';
    return escaped(c, off + abstract, n - abstract, abstract, out);
  }
  if (n > 0 && c->s[off] == '/')
    return literal(c, off, n, out);
  if (n > 0 && c->s[off] == '@')
    return escaped(c, off + 1, n - 1, true, out);
  return saddr__fail(c->err, SADDR_ESYNTAX, off, n,
                     "AF_UNIX address must be /path, @name, unix:path or "
                     "unix@ followed by an escaped path or @name");
}

static bool printable(const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i] < 0x20 || p[i] > 0x7e)
      return false;
  return true;
}

/* A path prints literally when it can (/path, unix:path), otherwise
 * escaped after unix@, where a leading '@' must not read as abstract. */
static void compact_path(saddr__buf *b, const unsigned char *p, size_t n) {
  if (printable(p, n)) {
    if (p[0] != '/')
      saddr__puts(b, "unix:");
    saddr__put(b, (const char *)p, n);
    return;
  }
  saddr__puts(b, "unix@");
  if (p[0] == '@') {
    saddr__puts(b, "\\x40");
    p++, n--;
  }
  saddr__put_cescaped(b, p, n, NULL);
}

static int unix_format(const saddr__fmt_in *in, int style, saddr__buf *b) {
  bool tuple = style == SADDR_FORMAT_TUPLE;
  if (in->len == 0 && tuple) {
    saddr__puts(b, "None");
    return 0;
  }
  if (in->len < SUN_HDR)
    return saddr__fail(in->err, SADDR_ELENGTH, 0, in->len,
                       "a %zu-byte AF_UNIX address has no %s form", in->len,
                       tuple ? "tuple" : "compact");
  const unsigned char *p = in->sa + SUN_HDR;
  size_t               n = in->len - SUN_HDR;
  if (n > SUN_PATH)
    n = SUN_PATH;
  if (n == 0)
    saddr__puts(b, tuple ? "''" : "unix@");
  else if (p[0] == '\0' && tuple)
    saddr__put_pybytes(b, p, n);
  else if (p[0] == '\0') {
    saddr__putc(b, '@');
    saddr__put_cescaped(b, p + 1, n - 1, NULL);
  } else if (tuple)
    saddr__put_pystr(b, p, strnlen((const char *)p, n));
  else
    compact_path(b, p, strnlen((const char *)p, n));
  return 0;
}

const saddr__family saddr__family_unix = {.family  = AF_UNIX,
                                          .tuple   = unix_tuple,
                                          .compact = unix_compact,
                                          .format  = unix_format};
