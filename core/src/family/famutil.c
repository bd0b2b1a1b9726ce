/* Helpers shared by the non-IP family modules: tuple shapes, interfaces,
 * compact-body fields and numbers, and bounded struct loading for the
 * formatters. */
#include "family/famutil.h"

#include <net/if.h>
#include <string.h>

/* ---- Tuple forms -------------------------------------------------------- */

/* Checks that t is a real tuple of min..max items. usage is the form as the
 * message shows it: "(pid, groups)". A missing item is reported at the
 * closing parenthesis, surplus items from the first one to the last. */
int saddr__fam_shape(const saddr__ctx *c, const saddr__tuple *t,
                     const char *fam, size_t min, size_t max,
                     const char *usage) {
  if (!t->is_tuple)
    return saddr__fail(c->err, SADDR_ETYPE, t->off, t->len,
                       "%s address must be a tuple %s, not %s", fam, usage,
                       saddr__kind_name(t->item[0].kind));
  if (t->n < min)
    return saddr__fail(c->err, SADDR_EARITY, t->off + t->len - 1, 1,
                       "%s address must be a tuple %s: %zu item%s missing", fam,
                       usage, min - t->n, min - t->n == 1 ? "" : "s");
  if (t->n > max) {
    const saddr__item *first = &t->item[max], *last = &t->item[t->n - 1];
    return saddr__fail(c->err, SADDR_EARITY, first->off,
                       last->off + last->len - first->off,
                       "%s address must be a tuple %s: %zu item%s too many",
                       fam, usage, t->n - max, t->n - max == 1 ? "" : "s");
  }
  return 0;
}

int saddr__fam_uint(const saddr__ctx *c, const saddr__item *it, uint64_t max,
                    const char *what, uint64_t *v) {
  return saddr__item_uint(c->s, it, max, what, v, c->err);
}

int saddr__fam_u32(const saddr__ctx *c, const saddr__item *it, const char *what,
                   uint32_t *v) {
  uint64_t x  = 0;
  int      rc = saddr__fam_uint(c, it, UINT32_MAX, what, &x);
  *v          = (uint32_t)x;
  return rc;
}

/* True when a NAME item spells name, with or without "socket.". */
bool saddr__fam_is_name(const saddr__ctx *c, const saddr__item *it,
                        const char *name) {
  const char *s = c->s + it->body_off;
  size_t      n = it->body_len, k = strlen(name);
  if (it->kind != SADDR__NAME)
    return false;
  if (n == k + 7 && memcmp(s, "socket.", 7) == 0)
    s += 7, n -= 7;
  return n == k && memcmp(s, name, k) == 0;
}

/* ---- Interfaces --------------------------------------------------------- */

/* How much of [s, s+n) a message may quote: input goes into a message
 * only when it is short printable ASCII. */
static int quotable(const char *s, size_t n) {
  if (n > 32)
    return 0;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
      return 0;
  return (int)n;
}

/* Looks up n name bytes (no NUL, at most 15); the error spans [off,
 * off+len) of the input, and the message quotes the input there when it
 * can. */
static int if_lookup(const saddr__ctx *c, const unsigned char *name, size_t n,
                     size_t off, size_t len, bool literal, unsigned *index) {
  size_t bad;
  if (saddr__if_index((const char *)name, n, index, &bad) == 0)
    return 0;
  /* A whole literal brings its own quotes. */
  int         q  = quotable(c->s + off, len);
  const char *qq = q == 0 || literal ? "" : "'";
  return saddr__fail(c->err, SADDR_ENOIFACE, off, len,
                     "no such interface%s%s%.*s%s", q ? " " : " of that name",
                     qq, q, c->s + off, qq);
}

/* Looks up an interface name from a tuple string: a string is always a
 * name, even when it is all digits, as for CPython. Errors point into the
 * literal when it has no escapes, else at the whole literal (the decoded
 * bytes need not be printable). */
static int if_name(const saddr__ctx *c, const saddr__item *it,
                   const unsigned char *name, size_t n, unsigned *index) {
  bool        exact = it->raw || !it->escapes;
  size_t      off   = exact ? it->body_off : it->off;
  size_t      len   = exact ? it->body_len : it->len;
  const char *nul   = memchr(name, '\0', n);
  if (nul != NULL)
    return saddr__fail(c->err, SADDR_ENUL,
                       exact ? off + (size_t)(nul - (const char *)name) : off,
                       exact ? 1 : len, "NUL byte in interface name");
  return if_lookup(c, name, n, off, len, !exact, index);
}

/* An interface in a tuple: a name ('' is index 0, "any interface"), or an
 * index written as an integer (how an index without a name is formatted).
 * accept says whether bytes names are allowed besides str; escmode is the
 * str decoding (surrogateescape where CPython uses the file-system codec). */
int saddr__fam_if_item(const saddr__ctx *c, const saddr__item *it,
                       unsigned accept, unsigned escmode, int *index) {
  uint64_t      v = 0;
  unsigned char name[IF_NAMESIZE];
  size_t        n;
  unsigned      idx = 0;
  if (it->kind == SADDR__INT || it->kind == SADDR__BOOL) {
    int rc = saddr__fam_uint(c, it, INT32_MAX, "interface index", &v);
    *index = (int)v;
    return rc;
  }
  if (it->kind != SADDR__STR && it->kind != SADDR__BYTES)
    return saddr__fail(c->err, SADDR_ETYPE, it->off, it->len,
                       "interface must be a name (%s) or an index (int), "
                       "not %s",
                       accept & SADDR__ACCEPT_BYTES ? "str or bytes" : "str",
                       saddr__kind_name(it->kind));
  int rc = saddr__item_text(c->s, it, accept, escmode, "interface name", name,
                            IF_NAMESIZE - 1, &n, c->err);
  if (rc == 0 && n != 0)
    rc = if_name(c, it, name, n, &idx);
  if (rc == 0 && idx > INT32_MAX)
    rc = saddr__fail(c->err, SADDR_ERANGE, it->off, it->len,
                     "interface index must be 0-%d", INT32_MAX);
  *index = (int)idx;
  return rc;
}

/* An interface in compact text: empty is index 0 (any interface), digits
 * an index, anything else a name. A negative number, which only a
 * formatted kernel address holds, is out of range rather than a name. */
int saddr__fam_if_text(const saddr__ctx *c, size_t off, size_t n, int *index) {
  const char *s   = c->s + off;
  saddr__span z   = saddr__span_of(c->s, off, n);
  unsigned    idx = 0;
  int         rc  = 0;
  bool        neg = n > 1 && s[0] == '-' && s[1] >= '0' && s[1] <= '9';
  if (neg || (n > 0 && s[0] >= '0' && s[0] <= '9'))
    rc = neg ? SADDR_ERANGE : saddr__zone(&z, c->err, &idx);
  else if (n >= IF_NAMESIZE)
    return saddr__fail(c->err, SADDR_ETOOLONG, off, n,
                       "interface name is %zu bytes, at most %d allowed", n,
                       IF_NAMESIZE - 1);
  else if (n > 0 && memchr(s, '\0', n) != NULL)
    return saddr__fail(c->err, SADDR_ENUL, off, n,
                       "NUL byte in interface name");
  else if (n > 0)
    rc = if_lookup(c, (const unsigned char *)s, n, off, n, false, &idx);
  if (rc == SADDR_ERANGE || (rc == 0 && idx > INT32_MAX))
    rc = saddr__fail(c->err, SADDR_ERANGE, off, n,
                     "interface index must be 0-%d", INT32_MAX);
  *index = (int)idx;
  return rc;
}

/* Index 0 prints as '' (compact: nothing), a named interface as its name,
 * an index without a name as the number. */
void saddr__fam_put_if(saddr__buf *b, int index, int style) {
  char name[IF_NAMESIZE];
  if (index != 0 && if_indextoname((unsigned)index, name) != NULL) {
    if (style == SADDR_FORMAT_TUPLE)
      saddr__put_pystr(b, (const unsigned char *)name, strlen(name));
    else
      saddr__puts(b, name);
  } else if (index == 0 && style == SADDR_FORMAT_TUPLE) {
    saddr__puts(b, "''");
  } else if (index < 0) {
    saddr__putc(b, '-');
    saddr__put_u64(b, 0 - (uint64_t)(int64_t)index);
  } else if (index > 0) {
    saddr__put_u64(b, (uint64_t)index);
  }
}

/* ---- Compact bodies ----------------------------------------------------- */

saddr__fam_cur saddr__fam_cursor(const saddr__ctx *c, size_t off, size_t n) {
  saddr__fam_cur k = {c->s, off, off + n, true};
  return k;
}

/* Takes the next field: [*off, *off + *n). Returns false when none is
 * left. */
bool saddr__fam_field(saddr__fam_cur *k, size_t *off, size_t *n) {
  *off = k->i;
  *n   = 0;
  if (!k->more)
    return false;
  size_t j = k->i;
  while (j < k->end && k->s[j] != ':')
    j++;
  *off    = k->i;
  *n      = j - k->i;
  k->more = j < k->end;
  k->i    = j < k->end ? j + 1 : j;
  return true;
}

/* Takes everything left as one field (it may hold ':'). */
bool saddr__fam_rest(saddr__fam_cur *k, size_t *off, size_t *n) {
  *off = k->i;
  *n   = 0;
  if (!k->more)
    return false;
  *off    = k->i;
  *n      = k->end - k->i;
  k->i    = k->end;
  k->more = false;
  return true;
}

/* A required field: its absence is reported where it should start. */
int saddr__fam_need(const saddr__ctx *c, saddr__fam_cur *k, const char *what,
                    size_t *off, size_t *n) {
  if (saddr__fam_field(k, off, n))
    return 0;
  return saddr__fail(c->err, SADDR_ESYNTAX, k->end, 0, "expected ':' and %s",
                     what);
}

/* Fails when fields are left over after the last one the form has. */
int saddr__fam_done(const saddr__ctx *c, const saddr__fam_cur *k,
                    const char *form) {
  if (!k->more)
    return 0;
  return saddr__fail(c->err, SADDR_ESYNTAX, k->i - 1, k->end - k->i + 1,
                     "unexpected text after the address: the form is %s", form);
}

/* A number in compact text: decimal without sign or leading zeros, or 0x
 * and 1-16 hex digits. */
int saddr__fam_num(const saddr__ctx *c, size_t off, size_t n, uint64_t max,
                   const char *what, uint64_t *v) {
  const char *s    = c->s + off;
  bool        hex  = n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
  size_t      i    = hex ? 2 : 0;
  unsigned    base = hex ? 16 : 10;
  bool        big  = false;
  *v               = 0;
  if (n == 0)
    return saddr__fail(c->err, SADDR_ESYNTAX, off, 0, "expected %s", what);
  if (!hex && n > 1 && s[0] == '0')
    return saddr__fail(c->err, SADDR_ESYNTAX, off, n,
                       "%s has a leading zero: write decimal without one, "
                       "or 0x and hex digits",
                       what);
  *v = 0;
  for (; i < n; i++) {
    int d = saddr__hexval((unsigned char)s[i]);
    if (d < 0 || (unsigned)d >= base)
      return saddr__fail(c->err, SADDR_ESYNTAX, off + i, 1,
                         "%s must be a decimal or 0x-hex number", what);
    big |= *v > (UINT64_MAX - (uint64_t)d) / base;
    *v = *v * base + (uint64_t)d;
  }
  if (big || *v > max)
    return saddr__fail(c->err, SADDR_ERANGE, off, n, "%s must be 0-%llu", what,
                       (unsigned long long)max);
  return 0;
}

/* Index of [s, s+n) in names[0..count), or -1. */
int saddr__fam_word(const char *s, size_t n, const char *const *names,
                    int count) {
  for (int i = 0; i < count; i++)
    if (names[i] != NULL && strlen(names[i]) == n &&
        memcmp(names[i], s, n) == 0)
      return i;
  return -1;
}

/* Decodes escaped compact text (a @name, a unix@ path, an AF_ALG name):
 * the Python escapes of bytes literals, each \xHH one byte, so that what
 * saddr__put_cescaped writes reads back unchanged. Bytes of 0x80 and above
 * are taken as they are (UTF-8 text may be written plainly); a raw NUL is
 * refused, since NUL is written \x00. *outlen is the decoded length even
 * when it exceeds cap (SADDR_ETOOLONG), so that callers can say by how
 * much. */
int saddr__fam_unescape(const saddr__ctx *c, size_t off, size_t n,
                        unsigned char *out, size_t cap, size_t *outlen) {
  const unsigned char *s = (const unsigned char *)c->s + off;
  size_t               i = 0, w = 0;
  while (i < n) {
    size_t j = i, got = 0, room = w < cap ? cap - w : 0;
    bool   ascii = s[i] < 0x80;
    while (j < n && (s[j] < 0x80) == ascii && s[j] != 0)
      j++;
    if (j == i)
      return saddr__fail(c->err, SADDR_ENUL, off + i, 1,
                         "NUL byte in the text: write \\x00");
    if (ascii) {
      int rc =
          saddr__unescape((const char *)s + i, j - i, off + i, SADDR__ESC_BYTES,
                          false, out + cap - room, room, &got, c->err);
      if (rc != 0 && rc != SADDR_ETOOLONG)
        return rc;
    } else {
      got = j - i;
      memcpy(out + cap - room, s + i, got < room ? got : room);
    }
    w += got;
    i = j;
  }
  *outlen = w;
  if (w > cap)
    return saddr__fail(c->err, SADDR_ETOOLONG, off, n,
                       "text is %zu bytes decoded, at most %zu allowed", w,
                       cap);
  return 0;
}

/* ---- Formatting --------------------------------------------------------- */

/* Copies the sockaddr into a zeroed struct of size bytes. Addresses shorter
 * than need bytes are refused: reading fields past the given length is what
 * CPython's over-reads were made of. Bytes beyond size are ignored, as
 * CPython ignores them. */
int saddr__fam_load(const saddr__fmt_in *in, void *dst, size_t size,
                    size_t need, const char *fam) {
  memset(dst, 0, size);
  if (in->len < need)
    return saddr__fail(in->err, SADDR_ELENGTH, 0, in->len,
                       "%s address must be at least %zu bytes, got %zu", fam,
                       need, in->len);
  memcpy(dst, in->sa, in->len < size ? in->len : size);
  return 0;
}

/* 0x and lower-case hex digits, at least `width` of them. */
void saddr__fam_put_hexw(saddr__buf *b, uint64_t v, int width) {
  char tmp[18];
  int  i = (int)sizeof tmp;
  do {
    tmp[--i] = "0123456789abcdef"[v & 15];
    v >>= 4;
    width--;
  } while (v != 0 || width > 0);
  tmp[--i] = 'x';
  tmp[--i] = '0';
  saddr__put(b, tmp + i, sizeof tmp - (size_t)i);
}

/* ", " then a decimal: the separator of Python's tuple repr. */
void saddr__fam_put_item(saddr__buf *b, uint64_t v) {
  saddr__put(b, ", ", 2);
  saddr__put_u64(b, v);
}

/* ":" then a decimal: the separator of compact bodies. */
void saddr__fam_put_field(saddr__buf *b, uint64_t v) {
  saddr__putc(b, ':');
  saddr__put_u64(b, v);
}
