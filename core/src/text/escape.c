/* Python string-literal escapes, shared by tuple strings and compact
 * @abstract names. Strict: an escape Python would keep literally (\q) or
 * warn about is an error here. */
#include "text/text.h"

typedef struct unesc {
  unsigned char *out;
  size_t         cap, n;
  bool           full;
} unesc;

static void emit(unesc *u, unsigned char c) {
  if (u->n < u->cap)
    u->out[u->n] = c;
  else
    u->full = true;
  u->n++;
}

static void emit_utf8(unesc *u, uint32_t cp) {
  if (cp < 0x80) {
    emit(u, (unsigned char)cp);
  } else if (cp < 0x800) {
    emit(u, (unsigned char)(0xc0 | (cp >> 6)));
    emit(u, (unsigned char)(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    emit(u, (unsigned char)(0xe0 | (cp >> 12)));
    emit(u, (unsigned char)(0x80 | ((cp >> 6) & 0x3f)));
    emit(u, (unsigned char)(0x80 | (cp & 0x3f)));
  } else {
    emit(u, (unsigned char)(0xf0 | (cp >> 18)));
    emit(u, (unsigned char)(0x80 | ((cp >> 12) & 0x3f)));
    emit(u, (unsigned char)(0x80 | ((cp >> 6) & 0x3f)));
    emit(u, (unsigned char)(0x80 | (cp & 0x3f)));
  }
}

/* Reads exactly `digits` hex digits at s[i+2...]; returns false when short. */
static bool read_hex(const char *s, size_t n, size_t i, int digits,
                     uint32_t *v) {
  if (n - i < (size_t)digits + 2)
    return false;
  *v = 0;
  for (int k = 0; k < digits; k++) {
    int h = saddr__hexval((unsigned char)s[i + 2 + (size_t)k]);
    if (h < 0)
      return false;
    *v = (*v << 4) | (uint32_t)h;
  }
  return true;
}

static const char simple_from[] = "\\'\"abfnrtv";
static const char simple_to[]   = "\\'\"\a\b\f\n\r\t\v";

/* One escape at s[i] == '\\': appends its value, returns its length or 0. */
static size_t one_escape(const char *s, size_t n, size_t i, unsigned mode,
                         unesc *u, int *code) {
  *code = SADDR_EESCAPE;
  if (i + 1 >= n)
    return 0;
  char c = s[i + 1];
  for (size_t k = 0; simple_from[k]; k++)
    if (c == simple_from[k]) {
      emit(u, (unsigned char)simple_to[k]);
      return 2;
    }
  if (c == '\n')
    return 2; /* line continuation */
  if (c >= '0' && c <= '7') {
    uint32_t v = 0;
    size_t   k = i + 1;
    while (k < n && k < i + 4 && s[k] >= '0' && s[k] <= '7')
      v = v * 8 + (uint32_t)(s[k++] - '0');
    if (v > 0xff && (mode & SADDR__ESC_BYTES))
      return 0;
    if (mode & SADDR__ESC_BYTES)
      emit(u, (unsigned char)v);
    else
      emit_utf8(u, v);
    return k - i;
  }
  uint32_t v;
  if (c == 'x') {
    if (!read_hex(s, n, i, 2, &v))
      return 0;
    if (mode & SADDR__ESC_BYTES)
      emit(u, (unsigned char)v);
    else
      emit_utf8(u, v);
    return 4;
  }
  if ((c != 'u' && c != 'U') || (mode & SADDR__ESC_BYTES))
    return 0;
  int digits = c == 'u' ? 4 : 8;
  if (!read_hex(s, n, i, digits, &v) || v > 0x10ffff)
    return 0;
  if (v >= 0xd800 && v <= 0xdfff) {
    /* Only surrogateescape's lone surrogates stand for bytes; any other
     * surrogate cannot be encoded. */
    *code = SADDR_EUTF8;
    if (!(mode & SADDR__ESC_SURROGATE) || v < 0xdc80 || v > 0xdcff)
      return 0;
    emit(u, (unsigned char)(v - 0xdc00));
  } else {
    emit_utf8(u, v);
  }
  return (size_t)digits + 2;
}

/* Copies literal source text between escapes; validates its encoding. */
static int literal_run(const char *s, size_t n, size_t base, unsigned mode,
                       unesc *u, saddr_error *err) {
  const unsigned char *p = (const unsigned char *)s;
  if (mode & SADDR__ESC_BYTES) {
    for (size_t i = 0; i < n; i++)
      if (p[i] >= 0x80)
        return saddr__fail(err, SADDR_ESTRING, base + i, 1,
                           "bytes literals hold ASCII characters only");
  } else {
    size_t bad;
    if (saddr__utf8_check(p, n, &bad) < 0)
      return saddr__fail(err, SADDR_EUTF8, base + bad, 1,
                         "string is not valid UTF-8");
  }
  for (size_t i = 0; i < n; i++)
    emit(u, p[i]);
  return 0;
}

/* out is written through the unesc cursor, which clang-tidy cannot see. */
int saddr__unescape(
    const char *body, size_t n, size_t base, unsigned mode, bool raw,
    unsigned char *out, // NOLINT(readability-non-const-parameter)
    size_t cap, size_t *outlen, saddr_error *err) {
  unesc  u = {out, cap, 0, false};
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && (raw || body[j] != '\\'))
      j++;
    int rc = literal_run(body + i, j - i, base + i, mode, &u, err);
    if (rc != 0)
      return rc;
    if (j == n)
      break;
    int    code;
    size_t k = one_escape(body, n, j, mode, &u, &code);
    if (k == 0) {
      size_t span = n - j < 2 ? n - j : 2;
      return saddr__fail(err, code, base + j, span,
                         code == SADDR_EUTF8
                             ? "surrogate escape cannot be encoded"
                             : "invalid escape sequence");
    }
    i = j + k;
  }
  *outlen = u.n;
  if (u.full)
    return saddr__fail(err, SADDR_ETOOLONG, base, n,
                       "value is %zu bytes, at most %zu allowed", u.n, cap);
  return 0;
}
