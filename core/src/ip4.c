/* Strict IPv4 literals: four decimal parts 0-255 without leading zeros,
 * exactly what inet_pton(AF_INET) accepts, over a known length. */
#include "internal.h"

#include <string.h>

/* One part of 1-3 digits; returns its value, or -1. */
static inline int ip4_part(const unsigned char **pp, const unsigned char *end) {
  const unsigned char *p = *pp;
  unsigned d0 = (unsigned)p[0] - '0', d1, d2;
  if (d0 > 9)
    return -1;
  unsigned v = d0;
  p++;
  if (p < end && (d1 = (unsigned)p[0] - '0') <= 9) {
    if (d0 == 0)
      return -1;
    v = v * 10 + d1;
    p++;
    if (p < end && (d2 = (unsigned)p[0] - '0') <= 9) {
      v = v * 10 + d2;
      p++;
      if (v > 255)
        return -1;
    }
  }
  *pp = p;
  return (int)v;
}

bool saddr__ip4_parse(const char *s, size_t n, unsigned char out[4]) {
  if (n - 7 > 15 - 7)
    return false;
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  for (int part = 0; part < 4; part++) {
    int v = ip4_part(&p, end);
    if (v < 0)
      return false;
    out[part] = (unsigned char)v;
    if (part == 3)
      break;
    if (p >= end || *p != '.')
      return false;
    p++;
    if (p >= end)
      return false;
  }
  return p == end;
}

static bool is_hex(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* Reads a dotted part in any base inet_aton knows; false if not numeric. */
static bool legacy_part(const char *s, size_t n, bool *radix) {
  size_t i = 0;
  if (n > 2 && s[0] == '0' && (s[1] | 0x20) == 'x') {
    *radix = true;
    i = 2;
  } else if (n > 1 && s[0] == '0') {
    *radix = true;
  }
  if (i == n)
    return false;
  bool hex = i == 2;
  for (; i < n; i++)
    if (!(hex ? is_hex(s[i]) : s[i] >= '0' && s[i] <= '9'))
      return false;
  return true;
}

int saddr__ip4_diagnose(const char *s, size_t n, size_t *at) {
  size_t parts = 0, start = 0;
  bool radix = false;
  *at = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && s[i] != '.')
      continue;
    bool r = false;
    if (!legacy_part(s + start, i - start, &r)) {
      *at = start;
      return SADDR_EIPV4;
    }
    radix |= r;
    parts++;
    start = i + 1;
  }
  if (parts > 4)
    return SADDR_EIPV4;
  if (parts < 4 || radix)
    return SADDR_EIPV4LEGACY;
  /* Four plain decimal parts: one of them is out of range. */
  start = 0;
  for (size_t i = 0; i <= n; i++)
    if (i == n || s[i] == '.') {
      if (i - start > 3 || (i - start == 3 && memcmp(s + start, "255", 3) > 0)) {
        *at = start;
        break;
      }
      start = i + 1;
    }
  return SADDR_EIPV4;
}

size_t saddr__ip4_format(const unsigned char in[4], char *out) {
  size_t n = 0;
  for (int i = 0; i < 4; i++) {
    unsigned v = in[i];
    if (v >= 100)
      out[n++] = (char)('0' + v / 100);
    if (v >= 10)
      out[n++] = (char)('0' + v / 10 % 10);
    out[n++] = (char)('0' + v % 10);
    if (i < 3)
      out[n++] = '.';
  }
  return n;
}

int saddr__port_parse(const char *s, size_t n, uint16_t *port) {
  if (n == 0 || n > 5 || (s[0] == '0' && n > 1))
    return -1;
  uint32_t v = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t d = (uint32_t)(unsigned char)s[i] - '0';
    if (d > 9)
      return -1;
    v = v * 10 + d;
  }
  if (v > 65535)
    return -1;
  *port = (uint16_t)v;
  return 0;
}
