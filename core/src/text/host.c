/* Host names: localhost (RFC 6761), DNS name validation with the
 * "ends in a number" rule, IDNA (UTS#46) mapping, and interface names. */
#include "text/text.h"

#include <idn2.h>
#include <net/if.h>
#include <string.h>

/* lit is lower case; only ASCII letters fold (0x0E | 0x20 is '.'). */
static bool ieq(const char *s, const char *lit, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] | 0x20) : s[i];
    if (c != lit[i])
      return false;
  }
  return true;
}

bool saddr__is_localhost(const char *s, size_t n) {
  if (n > 0 && s[n - 1] == '.')
    n--;
  if (n == 9)
    return ieq(s, "localhost", 9);
  /* "*.localhost": a non-empty label, then ".localhost". */
  return n > 10 && ieq(s + n - 10, ".localhost", 10) && s[n - 11] != '.';
}

/* Host-name bytes: letters, digits, '-' and '_' (1), the label dot (2);
 * every other byte, NUL included, is 0. */
#define R6(b)                                                                  \
  [(b)] = 1, [(b) + 1] = 1, [(b) + 2] = 1, [(b) + 3] = 1, [(b) + 4] = 1,       \
  [(b) + 5] = 1
#define R10(b) R6(b), [(b) + 6] = 1, [(b) + 7] = 1, [(b) + 8] = 1, [(b) + 9] = 1
static const unsigned char name_class[256] = {
    ['-'] = 1, ['_'] = 1, ['.'] = 2, R10('0'), R10('a'),
    R10('k'),  R6('u'),   R10('A'),  R10('K'), R6('U'),
};
#undef R10
#undef R6

/* WHATWG "ends in a number": the last label is all digits or 0x hex. The
 * caller has removed one trailing dot. */
bool saddr__is_number_ending(const char *s, size_t n) {
  size_t start = n;
  while (start > 0 && s[start - 1] != '.')
    start--;
  const char *l  = s + start;
  size_t      ln = n - start, i = 0;
  if (ln >= 2 && l[0] == '0' && (l[1] | 0x20) == 'x')
    i = 2;
  bool hex = i == 2;
  for (; i < ln; i++) {
    int d = saddr__hexval((unsigned char)l[i]);
    if (d < 0 || (!hex && d > 9))
      return false;
  }
  return ln > 0;
}

/* The label of len bytes that ends at s + end is empty, longer than 63
 * bytes, or starts or ends with '-'. */
static bool bad_label(const char *s, size_t end, size_t len) {
  return len == 0 || len > 63 || s[end - len] == '-' || s[end - 1] == '-';
}

/* One pass over a name of n bytes: the first byte that cannot be in a
 * host name (NUL included) in bad, or n; the name lower-cased into out and
 * the end of its first bad label in label_end (n with last_bad when it is
 * the last one), when the name fits a host (at most 253 bytes). A name too
 * long for out is only scanned, and label_end is then n + 1. */
typedef struct name_scan {
  size_t bad, label_end;
  bool   last_bad;
} name_scan;

__attribute__((always_inline)) static inline name_scan
scan_name(const char *s, size_t n, char *out) {
  bool      fits  = n <= SADDR_HOST_MAX - 1;
  name_scan sc    = {n, fits ? n : n + 1, false};
  size_t    label = 0, first = n + 1;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i], k = name_class[c];
    if (k == 0) {
      sc.bad = i;
      return sc;
    }
    if (!fits)
      continue;
    out[i] = (char)((unsigned)(c - 'A') < 26u ? c | 0x20 : c);
    if (k == 1) {
      label++;
      continue;
    }
    if (first > n && bad_label(s, i, label))
      first = i;
    label = 0;
  }
  if (fits && first <= n)
    sc.label_end = first;
  else if (fits)
    sc.last_bad = bad_label(s, n, label);
  return sc;
}

/* The error of the bad label that ends at s + end. */
static int label_fail(const saddr__span *h, saddr_error *err, const char *s,
                      size_t end, bool mapped) {
  size_t len = 0;
  while (len < end && s[end - len - 1] != '.')
    len++;
  if (len == 0 || len > 63)
    return saddr__span_fail(err, len ? SADDR_ETOOLONG : SADDR_EHOSTNAME, h,
                            mapped ? 0 : end - len, len ? len : 1,
                            len ? "host name label is longer than 63 bytes"
                                : "empty label in host name");
  return saddr__span_fail(err, SADDR_EHOSTNAME, h,
                          mapped ? 0 : end - (s[end - len] == '-' ? len : 1), 1,
                          "host name labels cannot start or end with '-'");
}

/* Validates an ASCII name s[0..n) and writes it lower-cased without the
 * trailing dot. s is h's text, or when mapped, what IDNA made of it: then
 * every error covers the whole host. */
static int ascii_name(const saddr__span *h, saddr_error *err, const char *s,
                      size_t n, char *out, size_t *outlen, bool mapped) {
  if (n > 0 && s[n - 1] == '.')
    n--;
  if (n == 0)
    return saddr__span_fail(err, SADDR_EHOSTNAME, h, 0, 1, "empty host name");
  unsigned char ip[16];
  if (mapped && saddr__ip6_parse(s, n, ip) == 0)
    return saddr__span_fail(err, SADDR_ENUMERIC, h, 0, h->n,
                            "host name maps to the numeric address '%.*s'",
                            (int)n, s);
  name_scan sc = scan_name(s, n, out);
  if (sc.bad < n)
    return saddr__span_fail(err, s[sc.bad] ? SADDR_EHOSTNAME : SADDR_ENUL, h,
                            mapped ? 0 : sc.bad, 1,
                            s[sc.bad] ? "invalid character in host name"
                                      : "NUL byte in host name");
  if (saddr__is_number_ending(s, n)) {
    if (mapped)
      return saddr__span_fail(err, SADDR_ENUMERIC, h, 0, h->n,
                              "host name maps to the numeric address '%.*s'",
                              (int)n, s);
    return saddr__span_fail(err, SADDR_EIPV4LEGACY, h, 0, n,
                            "host name ends in a number: IPv4 addresses are "
                            "dotted-decimal with four parts 0-255");
  }
  if (sc.label_end > n)
    return saddr__span_fail(err, SADDR_ETOOLONG, h, 0, n,
                            "host name is %zu bytes, at most 253 allowed", n);
  if (sc.label_end < n || sc.last_bad)
    return label_fail(h, err, s, sc.label_end, mapped);
  out[n]  = '\0';
  *outlen = n;
  return 0;
}

/* Non-ASCII names go through UTS#46 mapping and IDNA2008 (libidn2). */
static int idna_name(const saddr__span *h, saddr_error *err, char *out,
                     size_t *outlen) {
  const char *s = h->s, *nul;
  size_t      n = h->n, bad;
  if (saddr__utf8_check((const unsigned char *)s, n, &bad) < 0)
    return saddr__span_fail(err, SADDR_EUTF8, h, bad, 1,
                            "host name is not valid UTF-8");
  if ((nul = memchr(s, '\0', n)) != NULL)
    return saddr__span_fail(err, SADDR_ENUL, h, (size_t)(nul - s), 1,
                            "NUL byte in host name");
  char in[1024];
  if (n >= sizeof in)
    return saddr__span_fail(err, SADDR_ETOOLONG, h, 0, n, "host name too long");
  memcpy(in, s, n);
  in[n]       = '\0';
  char *ascii = NULL;
  int   rc    = idn2_lookup_u8((const uint8_t *)in, (uint8_t **)&ascii,
                               IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
  if (rc != IDN2_OK)
    return saddr__span_fail(err, SADDR_EIDNA, h, 0, n,
                            "host name cannot be converted to IDNA: %s",
                            idn2_strerror(rc));
  rc = ascii_name(h, err, ascii, strlen(ascii), out, outlen, true);
  idn2_free(ascii);
  return rc;
}

int saddr__hostname(const saddr__span *h, saddr_error *err,
                    char out[SADDR_HOST_MAX], size_t *outlen) {
  for (size_t i = 0; i < h->n; i++)
    if ((unsigned char)h->s[i] >= 0x80)
      return idna_name(h, err, out, outlen);
  return ascii_name(h, err, h->s, h->n, out, outlen, false);
}

int saddr__if_index(const char *name, size_t n, unsigned *index, size_t *bad) {
  char z[IF_NAMESIZE];
  if (n >= IF_NAMESIZE)
    return SADDR_ETOOLONG;
  memcpy(z, name, n);
  z[n] = '\0';
  if (strlen(z) != n) {
    *bad = strlen(z);
    return SADDR_ENUL;
  }
  *index = if_nametoindex(z);
  return *index != 0 ? 0 : SADDR_ENOIFACE;
}

static int zone_name(const saddr__span *z, saddr_error *err, unsigned *index) {
  size_t bad = 0;
  int    rc  = saddr__if_index(z->s, z->n, index, &bad);
  if (rc == SADDR_ETOOLONG)
    return saddr__span_fail(err, rc, z, 0, z->n,
                            "interface name is %zu bytes, at most %d allowed",
                            z->n, IF_NAMESIZE - 1);
  if (rc == SADDR_ENUL)
    return saddr__span_fail(err, rc, z, bad, 1, "NUL byte in interface name");
  if (rc < 0)
    return saddr__span_fail(err, rc, z, 0, z->n, "no such interface '%.*s'",
                            (int)z->n, z->s);
  return 0;
}

int saddr__zone(const saddr__span *z, saddr_error *err, unsigned *index) {
  if (z->n == 0)
    return saddr__span_fail(err, SADDR_EZONE, z, 0, 0,
                            "empty interface name or index");
  if (z->s[0] < '0' || z->s[0] > '9')
    return zone_name(z, err, index);
  uint32_t v;
  size_t   bad;
  int      rc = saddr__index_number(z->s, z->n, &v, &bad);
  if (rc == SADDR_EZONE)
    return saddr__span_fail(err, rc, z, bad, 1,
                            "interface index must be decimal digits without "
                            "leading zeros");
  if (rc < 0)
    return saddr__span_fail(err, rc, z, 0, z->n,
                            "interface index must be 0-4294967295");
  *index = v;
  return 0;
}
