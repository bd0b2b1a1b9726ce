/* UTF-8 as Python's codec reads it: no overlongs, no surrogates, nothing
 * above U+10FFFF. */
#include "text/text.h"

size_t saddr__utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
  unsigned char c = s[0];
  size_t        len;
  uint32_t      v, min;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if (c >= 0xc2 && c <= 0xdf) {
    len = 2, v = c & 0x1fu, min = 0x80;
  } else if (c >= 0xe0 && c <= 0xef) {
    len = 3, v = c & 0x0fu, min = 0x800;
  } else if (c >= 0xf0 && c <= 0xf4) {
    len = 4, v = c & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (len > n)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80)
      return 0;
    v = (v << 6) | (s[i] & 0x3fu);
  }
  if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
    return 0;
  *cp = v;
  return len;
}

int saddr__utf8_check(const unsigned char *s, size_t n, size_t *bad) {
  size_t   i = 0;
  uint32_t cp;
  while (i < n) {
    size_t k = saddr__utf8_decode(s + i, n - i, &cp);
    if (k == 0) {
      *bad = i;
      return SADDR_EUTF8;
    }
    i += k;
  }
  return 0;
}
