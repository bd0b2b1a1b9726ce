/* Table-driven checks shared by the non-IP family tests. A parse row gives
 * an input and its hints, then either the exact sockaddr (hex; its length
 * is the address length) with both formatted texts, or an error code and
 * span. Every accepted row is also formatted and the texts read back: the
 * tuple text with the same hints, the compact text with none, and both must
 * give the same bytes. A format row gives sockaddr bytes and the texts (or
 * the error) saddr_format produces. In hex, "LO" in place of an ifindex
 * stands for lo's index as 4 little-endian bytes. */
#ifndef SADDR_TEST_FAMTEST_H
#define SADDR_TEST_FAMTEST_H

#include "family/family.h"
#include "harness.h"

#include <net/if.h>

#define TUP SADDR_SYNTAX_TUPLE
#define CMP SADDR_SYNTAX_COMPACT

typedef struct prow {
  int         family, protocol;
  unsigned    syntax;
  const char *text;
  int         rc;
  size_t      off, len; /* the error span */
  const char *hex;
  const char *tuple, *compact;
} prow;

/* An accepted input, and an error with its code, offset and length. */
#define OK(f, p, s, text, hex, tuple, compact)                                 \
  { f, p, s, text, 0, 0, 0, hex, tuple, compact }
#define ERR(f, p, s, text, rc, off, len)                                       \
  { f, p, s, text, rc, off, len, NULL, NULL, NULL }

typedef struct frow {
  int         family, protocol;
  const char *hex;
  int         rc[2];   /* per style (tuple, compact): 0 or the error */
  const char *text[2]; /* per style: the text when rc is 0 */
} frow;

#define FMT(f, p, hex, tuple, compact)                                         \
  {                                                                            \
    f, p, hex, {0, 0}, { tuple, compact }                                      \
  }
#define FMTERR(f, p, hex, rc)                                                  \
  {                                                                            \
    f, p, hex, {rc, rc}, { NULL, NULL }                                        \
  }
#define FMTTUPLE(f, p, hex, tuple, crc)                                        \
  {                                                                            \
    f, p, hex, {0, crc}, { tuple, NULL }                                       \
  }

static inline int ft_hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Hex to bytes, "LO" standing for lo's ifindex; returns the byte count. */
static inline size_t ft_bytes(const char *hex, unsigned char *out, size_t cap) {
  unsigned int lo = if_nametoindex("lo");
  size_t       n  = 0;
  for (size_t i = 0; hex[i] != '\0' && hex[i + 1] != '\0' && n < cap;) {
    if (hex[i] == 'L' && hex[i + 1] == 'O') {
      for (int b = 0; b < 4 && n < cap; b++)
        out[n++] = (unsigned char)(lo >> (8 * b));
    } else {
      out[n++] =
          (unsigned char)(ft_hexval(hex[i]) << 4 | ft_hexval(hex[i + 1]));
    }
    i += 2;
  }
  return n;
}

static inline bool ft_zero_tail(const saddr_addr *a) {
  for (size_t i = a->len; i < sizeof a->sa.bytes; i++)
    if (a->sa.bytes[i] != 0)
      return false;
  return true;
}

/* Parses text with hints and compares the one address with want. */
static inline void ft_same(const char *what, const char *text,
                           const saddr_hints *h, const unsigned char *want,
                           size_t n, const saddr_addr *orig) {
  saddr_parsed p;
  saddr_error  err;
  int          rc = saddr_parse(text, strlen(text), h, &p, &err);
  CHECK_CTX(rc == 0 && p.count == 1, "%s %s: rc %d (%s)", what, text, rc,
            rc ? err.message : "");
  if (rc != 0)
    return;
  CHECK_CTX(p.addr[0].len == n && memcmp(p.addr[0].sa.bytes, want, n) == 0,
            "%s %s: different sockaddr (len %u)", what, text,
            (unsigned)p.addr[0].len);
  CHECK_CTX(orig == NULL || (p.addr[0].type == orig->type &&
                             p.addr[0].protocol == orig->protocol),
            "%s %s: type %d proto %d, expected %d %d", what, text,
            p.addr[0].type, p.addr[0].protocol, orig ? orig->type : 0,
            orig ? orig->protocol : 0);
}

static inline void ft_texts(const prow *r, const saddr_addr *a,
                            const unsigned char *want, size_t n) {
  char        tuple[SADDR_FORMAT_MAX], compact[SADDR_FORMAT_MAX];
  saddr_error err;
  int rt = saddr_format_addr(a, SADDR_FORMAT_TUPLE, tuple, sizeof tuple, &err);
  int rcm =
      saddr_format_addr(a, SADDR_FORMAT_COMPACT, compact, sizeof compact, &err);
  CHECK_CTX(rt >= 0 && rcm >= 0, "%s: format failed: %s", r->text, err.message);
  if (rt < 0 || rcm < 0)
    return;
  CHECK_CTX(r->tuple == NULL || strcmp(tuple, r->tuple) == 0,
            "%s: tuple text %s, expected %s", r->text, tuple, r->tuple);
  CHECK_CTX(r->compact == NULL || strcmp(compact, r->compact) == 0,
            "%s: compact text %s, expected %s", r->text, compact, r->compact);
  saddr_hints th = {.family = a->family, .protocol = a->protocol, .flags = TUP};
  saddr_hints ch = {.flags = CMP};
  ft_same("tuple round trip", tuple, &th, want, n, NULL);
  ft_same("compact round trip", compact, &ch, want, n,
          r->syntax == CMP ? a : NULL);
}

static inline void ft_parse(const prow *rows, size_t count) {
  for (size_t i = 0; i < count; i++) {
    const prow *r = &rows[i];
    saddr_hints h = {
        .family = r->family, .protocol = r->protocol, .flags = r->syntax};
    saddr_parsed  p;
    saddr_error   err;
    unsigned char want[256];
    memset(&err, 0, sizeof err);
    int rc = saddr_parse(r->text, strlen(r->text), &h, &p, &err);
    if (r->rc != 0) {
      CHECK_CTX(rc == r->rc && err.code == r->rc && err.offset == r->off &&
                    err.length == r->len,
                "row %zu %s: got %s at %zu+%zu (%s), expected %s at %zu+%zu", i,
                r->text, saddr_err_name(rc), err.offset, err.length,
                err.message, saddr_err_name(r->rc), r->off, r->len);
      continue;
    }
    CHECK_CTX(rc == 0 && p.count == 1, "row %zu %s: %s (%s)", i, r->text,
              saddr_err_name(rc), err.message);
    if (rc != 0 || p.count != 1)
      continue;
    size_t n = ft_bytes(r->hex, want, sizeof want);
    char   got[2 * sizeof p.addr[0].sa.bytes + 1], exp[sizeof got];
    th_hex(p.addr[0].sa.bytes, p.addr[0].len, got);
    th_hex(want, n, exp);
    CHECK_CTX(p.addr[0].len == n && strcmp(got, exp) == 0,
              "row %zu %s: len %u hex %s, expected len %zu hex %s", i, r->text,
              (unsigned)p.addr[0].len, got, n, exp);
    CHECK_CTX(ft_zero_tail(&p.addr[0]), "row %zu %s: bytes after len", i,
              r->text);
    CHECK_CTX(p.addr[0].family == p.addr[0].sa.sa.sa_family,
              "row %zu %s: family %d", i, r->text, p.addr[0].family);
    ft_texts(r, &p.addr[0], want, n);
  }
}

static inline void ft_format(const frow *rows, size_t count) {
  for (size_t i = 0; i < count; i++) {
    const frow   *r = &rows[i];
    unsigned char sa[256];
    size_t        n = ft_bytes(r->hex, sa, sizeof sa);
    saddr_hints   h = {.family = r->family, .protocol = r->protocol};
    for (int style = 0; style < 2; style++) {
      char        out[SADDR_FORMAT_MAX];
      saddr_error err;
      memset(&err, 0, sizeof err);
      int rc = saddr_format(sa, n, &h, style, out, sizeof out, &err);
      if (r->rc[style] != 0)
        CHECK_CTX(rc == r->rc[style] && err.code == rc,
                  "format row %zu (%s) style %d: %s (%s), expected %s", i,
                  r->hex, style, saddr_err_name(rc),
                  rc >= 0 ? out : err.message, saddr_err_name(r->rc[style]));
      else
        CHECK_CTX(rc >= 0 && strcmp(out, r->text[style]) == 0,
                  "format row %zu (%s) style %d: %s, expected %s", i, r->hex,
                  style, rc >= 0 ? out : err.message, r->text[style]);
    }
  }
}

#define FT_COUNT(a) (sizeof(a) / sizeof *(a))

#endif
