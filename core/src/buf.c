/* The bounded string builder and the Python repr writers used by every
 * formatter. */
#include "text/text.h"

#include <string.h>

void saddr__put(saddr__buf *b, const char *s, size_t n) {
  /* One byte stays reserved for the terminating NUL. */
  if (b->overflow || n >= b->cap - b->n) {
    b->overflow = true;
    return;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
}

void saddr__puts(saddr__buf *b, const char *s) { saddr__put(b, s, strlen(s)); }

void saddr__putc(saddr__buf *b, char c) { saddr__put(b, &c, 1); }

void saddr__put_u64(saddr__buf *b, uint64_t v) {
  char   tmp[20];
  size_t i = sizeof tmp;
  do {
    tmp[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0);
  saddr__put(b, tmp + i, sizeof tmp - i);
}

static const char hexdig[] = "0123456789abcdef";

static void put_esc(saddr__buf *b, char kind, uint32_t v, int digits) {
  char tmp[10];
  tmp[0] = '\\';
  tmp[1] = kind;
  for (int i = 0; i < digits; i++)
    tmp[2 + i] = hexdig[(v >> (4 * (digits - 1 - i))) & 15];
  saddr__put(b, tmp, (size_t)digits + 2);
}

/* Python's repr picks single quotes unless the text holds a single quote
 * and no double quote. */
static char pick_quote(const unsigned char *s, size_t n) {
  bool single = memchr(s, '\'', n) != NULL;
  bool dbl    = memchr(s, '"', n) != NULL;
  return single && !dbl ? '"' : '\'';
}

/* Escapes one ASCII byte the way repr does; returns false for non-ASCII. */
static bool put_ascii(saddr__buf *b, unsigned char c, char quote) {
  if (c >= 0x80)
    return false;
  if (c == '\\' || c == (unsigned char)quote) {
    saddr__putc(b, '\\');
    saddr__putc(b, (char)c);
  } else if (c == '\t') {
    saddr__put(b, "\\t", 2);
  } else if (c == '\n') {
    saddr__put(b, "\\n", 2);
  } else if (c == '\r') {
    saddr__put(b, "\\r", 2);
  } else if (c < 0x20 || c == 0x7f) {
    put_esc(b, 'x', c, 2);
  } else {
    saddr__putc(b, (char)c);
  }
  return true;
}

void saddr__put_pystr(saddr__buf *b, const unsigned char *s, size_t n) {
  char quote = pick_quote(s, n);
  saddr__putc(b, quote);
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t   k = saddr__utf8_decode(s + i, n - i, &cp);
    if (k == 0) {
      /* surrogateescape: an undecodable byte is the lone surrogate. */
      put_esc(b, 'u', 0xdc00u + s[i], 4);
      i++;
      continue;
    }
    if (cp < 0x80) {
      put_ascii(b, (unsigned char)cp, quote);
    } else {
      if (cp <= 0xff)
        put_esc(b, 'x', cp, 2);
      else if (cp <= 0xffff)
        put_esc(b, 'u', cp, 4);
      else
        put_esc(b, 'U', cp, 8);
    }
    i += k;
  }
  saddr__putc(b, quote);
}

void saddr__put_pybytes(saddr__buf *b, const unsigned char *s, size_t n) {
  char quote = pick_quote(s, n);
  saddr__putc(b, 'b');
  saddr__putc(b, quote);
  for (size_t i = 0; i < n; i++)
    if (!put_ascii(b, s[i], quote))
      put_esc(b, 'x', s[i], 2);
  saddr__putc(b, quote);
}

void saddr__put_cescaped(saddr__buf *b, const unsigned char *s, size_t n,
                         const char *also) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c       = s[i];
    bool          special = c != 0 && also != NULL && strchr(also, c) != NULL;
    if (c == '\\')
      saddr__put(b, "\\\\", 2);
    else if (c < 0x20 || c >= 0x7f || special)
      put_esc(b, 'x', c, 2);
    else
      saddr__putc(b, (char)c);
  }
}
