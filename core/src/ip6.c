/* Strict IPv6 literals (RFC 4291): 1-4 hex digits a group, at most one
 * "::" standing for at least one group, an embedded IPv4 tail only in the
 * last 32 bits. Accepts exactly what inet_pton(AF_INET6) accepts. */
#include "internal.h"

#include <string.h>

static inline int hexdigit(unsigned char c) {
  if ((unsigned)(c - '0') < 10u)
    return c - '0';
  c |= 0x20;
  if ((unsigned)(c - 'a') < 6u)
    return c - 'a' + 10;
  return -1;
}

/* Expands words around the "::" position into out. */
static void ip6_store(const uint16_t *w, int nw, int gap, unsigned char *out) {
  int k = 0;
  for (int i = 0; i < 8; i++) {
    uint16_t v = 0;
    if (gap < 0 || i < gap)
      v = w[k++];
    else if (i >= gap + (8 - nw))
      v = w[k++];
    out[2 * i] = (unsigned char)(v >> 8);
    out[2 * i + 1] = (unsigned char)v;
  }
}

bool saddr__ip6_parse(const char *s, size_t n, unsigned char out[16]) {
  uint16_t w[8];
  int nw = 0, gap = -1;
  size_t i = 0;
  if (n < 2 || n > 45)
    return false;
  if (s[0] == ':') {
    if (s[1] != ':')
      return false;
    gap = 0;
    i = 2;
  }
  while (i < n) {
    size_t start = i;
    unsigned v = 0;
    int h;
    while (i < n && i - start < 5 && (h = hexdigit((unsigned char)s[i])) >= 0)
      v = v * 16 + (unsigned)h, i++;
    if (i == start)
      return false;
    if (i < n && s[i] == '.') {
      unsigned char b4[4];
      if (nw > 6 || !saddr__ip4_parse(s + start, n - start, b4))
        return false;
      w[nw++] = (uint16_t)(b4[0] << 8 | b4[1]);
      w[nw++] = (uint16_t)(b4[2] << 8 | b4[3]);
      break;
    }
    if (i - start > 4 || nw == 8)
      return false;
    w[nw++] = (uint16_t)v;
    if (i == n)
      break;
    if (s[i++] != ':' || i == n)
      return false;
    if (s[i] == ':') {
      if (gap >= 0)
        return false;
      gap = nw;
      i++;
    }
  }
  if (gap < 0 ? nw != 8 : nw > 7)
    return false;
  ip6_store(w, nw, gap, out);
  return true;
}

size_t saddr__ip6_diagnose(const char *s, size_t n) {
  /* The first byte that cannot belong to an IPv6 literal, else the start. */
  for (size_t i = 0; i < n; i++)
    if (hexdigit((unsigned char)s[i]) < 0 && s[i] != ':' && s[i] != '.')
      return i;
  return 0;
}

static char *put_word(char *p, unsigned v) {
  static const char hx[] = "0123456789abcdef";
  bool started = false;
  for (int sh = 12; sh >= 0; sh -= 4) {
    unsigned d = (v >> sh) & 15;
    if (d || started || sh == 0) {
      *p++ = hx[d];
      started = true;
    }
  }
  return p;
}

size_t saddr__ip6_format(const unsigned char in[16], bool rfc5952,
                         char *out) {
  unsigned w[8];
  int best = -1, bestlen = 0, cur = -1, curlen = 0;
  for (int i = 0; i < 8; i++) {
    w[i] = (unsigned)in[2 * i] << 8 | in[2 * i + 1];
    if (w[i] == 0) {
      if (cur < 0)
        cur = i, curlen = 0;
      if (++curlen > bestlen)
        best = cur, bestlen = curlen;
    } else {
      cur = -1;
    }
  }
  if (bestlen < 2)
    best = -1;
  /* glibc (and so Python) also prints ::a.b.c.d for the deprecated
   * IPv4-compatible form; RFC 5952 keeps dotted text for ::ffff: only. */
  bool mapped = best == 0 && bestlen == 5 && w[5] == 0xffff;
  bool dotted = mapped || (!rfc5952 && best == 0 && bestlen == 6);
  char *p = out;
  for (int i = 0; i < 8; i++) {
    if (i == best) {
      *p++ = ':';
      if (i == 0)
        *p++ = ':';
      i += bestlen - 1;
      continue;
    }
    if (dotted && i == 6) {
      p += saddr__ip4_format(in + 12, p);
      break;
    }
    p = put_word(p, w[i]);
    if (i < 7)
      *p++ = ':';
  }
  return (size_t)(p - out);
}
