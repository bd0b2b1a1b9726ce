/* Strict IPv4 literals: four decimal parts 0-255 without leading zeros,
 * exactly what inet_pton(AF_INET) accepts, over a known length.
 *
 * Two implementations accept exactly the same texts: a portable scalar one,
 * and on x86 an SSE4.1 one chosen at run time, whose kernels live in
 * text/ip4_simd.h (the fast path inlines them too) and whose tables are
 * built here.
 *
 * The host-and-port readers ("a.b.c.d:port", the inside of a Python pair)
 * find the separator in the same vector as the address, and read the port
 * from the 8 bytes that end the text, without a loop. */
#include "text/ip4_simd.h"
#include "text/text.h"

#include <string.h>

/* One part of 1-3 digits; returns its value, or -1. */
static inline int ip4_part(const unsigned char **pp, const unsigned char *end) {
  const unsigned char *p  = *pp;
  unsigned             d0 = (unsigned)p[0] - '0', d1;
  if (d0 > 9)
    return -1;
  unsigned v = d0;
  p++;
  if (p < end && (d1 = (unsigned)p[0] - '0') <= 9) {
    if (d0 == 0)
      return -1;
    v = v * 10 + d1;
    p++;
    unsigned d2;
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

static int ip4_parse_scalar(const char *s, size_t n, unsigned char out[4]) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  for (int part = 0; part < 4; part++) {
    int v = ip4_part(&p, end);
    if (v < 0)
      return SADDR_EIPV4;
    out[part] = (unsigned char)v;
    if (part == 3)
      break;
    if (p >= end || *p != '.')
      return SADDR_EIPV4;
    p++;
    if (p >= end)
      return SADDR_EIPV4;
  }
  return p == end ? 0 : SADDR_EIPV4;
}

#ifdef SADDR__IP4_SSE
/* The tables of the vector kernels (text/ip4_simd.h says what they hold),
 * built from the lengths a, b, c, d of the four parts; a missing digit
 * becomes 0 through shuffle index 0x80. */
#define IP4_KEY(a, b, c, d)                                                    \
  ((1u << (a)) | (1u << ((a) + (b) + 1)) | (1u << ((a) + (b) + (c) + 2)) |     \
   (1u << ((a) + (b) + (c) + (d) + 3)))
#define IP4_ROWNO(a, b, c, d) (((a)-1) * 27 + ((b)-1) * 9 + ((c)-1) * 3 + (d))
/* (len + pos + 13) % 16 is len + pos - 3 without a wrapping intermediate,
 * which compilers would warn about in the branch not taken. */
#define IP4_IDX(at, len, pos)                                                  \
  ((len) + (pos) >= 3 ? (at) + ((len) + (pos) + 13u) % 16u : 0x80u)
#define IP4_PART(at, len)                                                      \
  0x80, IP4_IDX(at, len, 0), IP4_IDX(at, len, 1), IP4_IDX(at, len, 2)
#define IP4_SHUFFLE(a, b, c, d)                                                \
  {IP4_PART(0, a), IP4_PART((a) + 1, b), IP4_PART((a) + (b) + 2, c),           \
   IP4_PART((a) + (b) + (c) + 3, d)},
#define IP4_LEAD(a, b, c, d)                                                   \
  (((a) > 1 ? 1u : 0u) | ((b) > 1 ? 1u << ((a) + 1) : 0u) |                    \
   ((c) > 1 ? 1u << ((a) + (b) + 2) : 0u) |                                    \
   ((d) > 1 ? 1u << ((a) + (b) + (c) + 3) : 0u)),
#define IP4_KEYS(a, b, c, d) IP4_KEY(a, b, c, d),
#define IP4_SLOT(a, b, c, d)                                                   \
  [SADDR__IP4_HASH(IP4_KEY(a, b, c, d))] = IP4_ROWNO(a, b, c, d),
#define IP4_SHAPES3(X, a, b, c) X(a, b, c, 1) X(a, b, c, 2) X(a, b, c, 3)
#define IP4_SHAPES2(X, a, b)                                                   \
  IP4_SHAPES3(X, a, b, 1) IP4_SHAPES3(X, a, b, 2) IP4_SHAPES3(X, a, b, 3)
#define IP4_SHAPES1(X, a)                                                      \
  IP4_SHAPES2(X, a, 1) IP4_SHAPES2(X, a, 2) IP4_SHAPES2(X, a, 3)
#define IP4_SHAPES(X) IP4_SHAPES1(X, 1) IP4_SHAPES1(X, 2) IP4_SHAPES1(X, 3)

const unsigned char saddr__ip4_slot[256] = {IP4_SHAPES(IP4_SLOT)};
const uint32_t      saddr__ip4_key[82]   = {0, IP4_SHAPES(IP4_KEYS)};
const uint32_t      saddr__ip4_lead[82]  = {0, IP4_SHAPES(IP4_LEAD)};
const unsigned char saddr__ip4_shuffle[82][16]
    __attribute__((aligned(16)))        = {{0}, IP4_SHAPES(IP4_SHUFFLE)};
const unsigned char saddr__ip4_tail[32] = {
    0,    1,    2,    3,    4,    5,    6,    7,    8,    9,    10,
    11,   12,   13,   14,   15,   0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80};

/* n is 7-15. The same code twice: with legacy SSE encodings, and with
 * VEX encodings for CPUs with AVX. On Intel cores, a legacy SSE instruction
 * run while the upper halves of the vector registers are dirty (AVX code
 * elsewhere in the process that left them so) merges into them: each such
 * instruction waits for the previous writer of its register, which chains
 * one parse to the next, and costs an extra micro-op. VEX instructions
 * zero the upper half instead and never wait; AMD cores do not care. */
__attribute__((target("sse4.1"))) static int
ip4_parse_sse(const char *s, size_t n, unsigned char out[4]) {
  return saddr__ip4_sse(saddr__ip4_load(s, n), n, out) ? 0 : SADDR_EIPV4;
}

__attribute__((target("avx"))) static int ip4_parse_avx(const char *s, size_t n,
                                                        unsigned char out[4]) {
  return saddr__ip4_sse(saddr__ip4_load(s, n), n, out) ? 0 : SADDR_EIPV4;
}
#endif

int saddr__ip4_parse(const char *s, size_t n, unsigned char out[4]) {
  if (n - 7 > 15 - 7)
    return SADDR_EIPV4;
#ifdef SADDR__IP4_SSE
  if (SADDR__CPU_AVX())
    return ip4_parse_avx(s, n, out);
  if (__builtin_cpu_supports("sse4.1"))
    return ip4_parse_sse(s, n, out);
#endif
  return ip4_parse_scalar(s, n, out);
}

/* Reads a dotted part in any base inet_aton knows; false if not numeric. */
static bool legacy_part(const char *s, size_t n, bool *radix) {
  size_t i = 0;
  if (n > 2 && s[0] == '0' && (s[1] | 0x20) == 'x') {
    *radix = true;
    i      = 2;
  } else if (n > 1 && s[0] == '0') {
    *radix = true;
  }
  if (i == n)
    return false;
  bool hex = i == 2;
  for (; i < n; i++)
    if (!(hex ? saddr__hexval((unsigned char)s[i]) >= 0
              : s[i] >= '0' && s[i] <= '9'))
      return false;
  return true;
}

int saddr__ip4_diagnose(const char *s, size_t n, size_t *at) {
  size_t parts = 0, start = 0;
  bool   radix = false;
  *at          = 0;
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
      if (i - start > 3 ||
          (i - start == 3 && memcmp(s + start, "255", 3) > 0)) {
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

#ifdef SADDR__IP4_PORT_SSE
/* With legacy SSE and with VEX encodings, as ip4_parse_sse and
 * ip4_parse_avx above. */
__attribute__((target("sse4.1"))) static saddr__ip4_port
ip4_hostport_sse(const char *s, size_t n) {
  return saddr__ip4_hostport_sse(s, n);
}

__attribute__((target("sse4.1"))) static saddr__ip4_port
ip4_tuple_sse(const char *s, size_t n, char quote) {
  return saddr__ip4_tuple_sse(s, n, quote);
}

__attribute__((target("avx"))) static saddr__ip4_port
ip4_hostport_avx(const char *s, size_t n) {
  return saddr__ip4_hostport_sse(s, n);
}

__attribute__((target("avx"))) static saddr__ip4_port
ip4_tuple_avx(const char *s, size_t n, char quote) {
  return saddr__ip4_tuple_sse(s, n, quote);
}
#endif

/* Out of line, so that the dispatch to the SSE4.1 reader needs no stack
 * frame. */
__attribute__((noinline)) static saddr__ip4_port
ip4_then_port_scalar(const char *s, size_t n, const char *sep, size_t seplen) {
  saddr__ip4_port r = {0, 0, SADDR_EIPV4};
  unsigned char   ip[4];
  const char     *end = memchr(s, sep[0], n < 16 ? n : 16);
  if (end == NULL)
    return r;
  size_t at = (size_t)(end - s);
  if (n - at < seplen || !saddr__ip4_sep_rest(end, sep, seplen) ||
      saddr__ip4_parse(s, at, ip) < 0 ||
      saddr__port_parse(end + seplen, n - at - seplen, &r.port) < 0)
    return r;
  memcpy(&r.addr, ip, 4);
  r.status = 0;
  return r;
}

saddr__ip4_port saddr__ip4_hostport(const char *s, size_t n) {
  if (n - 9 > 21 - 9)
    return (saddr__ip4_port){0, 0, SADDR_EIPV4};
#ifdef SADDR__IP4_PORT_SSE
  if (SADDR__CPU_AVX())
    return ip4_hostport_avx(s, n);
  if (__builtin_cpu_supports("sse4.1"))
    return ip4_hostport_sse(s, n);
#endif
  return ip4_then_port_scalar(s, n, ":", 1);
}

saddr__ip4_port saddr__ip4_tuple(const char *s, size_t n, char quote) {
  const char sep[3] = {quote, ',', ' '};
  if (n - 11 > 23 - 11)
    return (saddr__ip4_port){0, 0, SADDR_EIPV4};
#ifdef SADDR__IP4_PORT_SSE
  if (SADDR__CPU_AVX())
    return ip4_tuple_avx(s, n, quote);
  if (__builtin_cpu_supports("sse4.1"))
    return ip4_tuple_sse(s, n, quote);
#endif
  return ip4_then_port_scalar(s, n, sep, 3);
}
