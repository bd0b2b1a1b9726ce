/* Strict IPv6 literals (RFC 4291): 1-4 hex digits a group, at most one
 * "::" standing for at least one group, an embedded IPv4 tail only in the
 * last 32 bits. Accepts exactly what inet_pton(AF_INET6) accepts.
 *
 * Two implementations accept exactly the same texts: a portable scalar one,
 * and on x86 an SSE4.1 one chosen at run time (with VEX encodings on CPUs
 * with AVX, as the IPv4 reader). The SSE4.1 parser classifies
 * 48 bytes from s at once (a literal has at most 45) and reads at most 49,
 * possibly past n but never into another page: when those bytes would
 * cross a page boundary it leaves the text to the scalar parser. Address and
 * memory sanitizers would flag the bytes read past n, so their builds use the
 * scalar parser only. */
#include "text/text.h"

#include <string.h>

#if defined(__x86_64__) && !defined(SADDR__NO_OVERREAD)
#define SADDR__IP6_SSE 1
#include <immintrin.h>
#endif

/* Expands words around the "::" position into out. */
static void ip6_store(const uint16_t *w, int nw, int gap, unsigned char *out) {
  int k = 0;
  for (int i = 0; i < 8; i++) {
    uint16_t v = 0;
    if (gap < 0 || i < gap)
      v = w[k++];
    else if (i >= gap + (8 - nw))
      v = w[k++];
    out[2 * i]     = (unsigned char)(v >> 8);
    out[2 * i + 1] = (unsigned char)v;
  }
}

static int ip6_parse_scalar(const char *s, size_t n, unsigned char out[16]) {
  uint16_t w[8];
  int      nw = 0, gap = -1;
  size_t   i = 0;
  if (n < 2 || n > 45)
    return SADDR_EIPV6;
  if (s[0] == ':') {
    if (s[1] != ':')
      return SADDR_EIPV6;
    gap = 0;
    i   = 2;
  }
  while (i < n) {
    size_t   start = i;
    unsigned v     = 0;
    int      h;
    while (i < n && i - start < 5 &&
           (h = saddr__hexval((unsigned char)s[i])) >= 0)
      v = v * 16 + (unsigned)h, i++;
    if (i == start)
      return SADDR_EIPV6;
    if (i < n && s[i] == '.') {
      unsigned char b4[4];
      if (nw > 6 || saddr__ip4_parse(s + start, n - start, b4) != 0)
        return SADDR_EIPV6;
      w[nw++] = (uint16_t)(b4[0] << 8 | b4[1]);
      w[nw++] = (uint16_t)(b4[2] << 8 | b4[3]);
      break;
    }
    if (i - start > 4 || nw == 8)
      return SADDR_EIPV6;
    w[nw++] = (uint16_t)v;
    if (i == n)
      break;
    if (s[i++] != ':' || i == n)
      return SADDR_EIPV6;
    if (s[i] == ':') {
      if (gap >= 0)
        return SADDR_EIPV6;
      gap = nw;
      i++;
    }
  }
  if (gap < 0 ? nw != 8 : nw > 7)
    return SADDR_EIPV6;
  ip6_store(w, nw, gap, out);
  return 0;
}

#ifdef SADDR__IP6_SSE
/* Bit i of each mask describes s[i], for i < 48. */
typedef struct ip6_masks {
  uint64_t colon, dot, other; /* other: neither hex digit, ':' nor '.' */
} ip6_masks;

__attribute__((target("sse4.1"), always_inline)) static inline unsigned
ip6_class16(__m128i c, unsigned *colon, unsigned *dot) {
  const __m128i digit = _mm_sub_epi8(c, _mm_set1_epi8('0'));
  const __m128i alpha =
      _mm_sub_epi8(_mm_or_si128(c, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
  const __m128i nine = _mm_set1_epi8(9), five = _mm_set1_epi8(5);
  __m128i       col = _mm_cmpeq_epi8(c, _mm_set1_epi8(':'));
  __m128i       dt  = _mm_cmpeq_epi8(c, _mm_set1_epi8('.'));
  __m128i       ok  = _mm_or_si128(
             _mm_or_si128(col, dt),
             _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(digit, nine), nine),
                          _mm_cmpeq_epi8(_mm_max_epu8(alpha, five), five)));
  *colon = (unsigned)_mm_movemask_epi8(col);
  *dot   = (unsigned)_mm_movemask_epi8(dt);
  return ~(unsigned)_mm_movemask_epi8(ok) & 0xffffu;
}

__attribute__((target("sse4.1"), always_inline)) static inline ip6_masks
ip6_classify(const char *s) {
  ip6_masks m = {0, 0, 0};
  for (int k = 0; k < 3; k++) {
    unsigned c, d,
        o = ip6_class16(
            _mm_loadu_si128((const __m128i *)(const void *)(s + 16 * k)), &c,
            &d);
    m.colon |= (uint64_t)c << (16 * k);
    m.dot |= (uint64_t)d << (16 * k);
    m.other |= (uint64_t)o << (16 * k);
  }
  return m;
}

/* Each group's 1-4 hex digits are taken as the 4 bytes that end with its
 * last digit, the bytes before its first digit cleared ("db8" becomes
 * "\0db8"), and the groups are converted from text to numbers all at once,
 * in two vectors, at the end. This reads the 1-4 digits at s (len of them;
 * the checks that len is 1-4 and that they are hex digits are the
 * caller's), 4 bytes from s. */
static inline uint32_t ip6_digits(const char *s, unsigned len) {
  uint32_t w;
  memcpy(&w, s, 4);
  return w << ((32u - 8u * len) & 31u);
}

/* The 8 groups' digits as 16-bit words, high byte first: group i in bytes
 * 2i and 2i + 1. */
__attribute__((target("sse4.1"), always_inline)) static inline __m128i
ip6_values(const uint32_t digits[8]) {
  const __m128i vlo = _mm_loadu_si128((const __m128i *)(const void *)digits);
  const __m128i vhi =
      _mm_loadu_si128((const __m128i *)(const void *)(digits + 4));
  const __m128i low = _mm_set1_epi8(0x0f), nine = _mm_set1_epi8(9);
  const __m128i above = _mm_set1_epi8('9'), weight = _mm_set1_epi16(0x0110);
  /* '0'-'9' keep their low nibble, letters add 9, cleared bytes stay 0;
   * then 16 * first + second byte of each pair. */
  __m128i lo = _mm_add_epi8(_mm_and_si128(vlo, low),
                            _mm_and_si128(_mm_cmpgt_epi8(vlo, above), nine));
  __m128i hi = _mm_add_epi8(_mm_and_si128(vhi, low),
                            _mm_and_si128(_mm_cmpgt_epi8(vhi, above), nine));
  return _mm_packus_epi16(_mm_maddubs_epi16(lo, weight),
                          _mm_maddubs_epi16(hi, weight));
}

/* The nw words (word i at bytes 2i and 2i + 1) spread over total words
 * (8, or 6 before an IPv4 tail), with the "::" gap (total - nw zero words)
 * at word gap (gap == nw == total when there is none). */
__attribute__((target("sse4.1"), always_inline)) static inline __m128i
ip6_place(__m128i words, int nw, int total, int gap) {
  const __m128i j      = _mm_setr_epi16(0, 1, 2, 3, 4, 5, 6, 7);
  const __m128i g      = _mm_set1_epi16((short)gap);
  const __m128i k      = _mm_set1_epi16((short)(total - nw));
  __m128i       before = _mm_cmpgt_epi16(g, j);
  __m128i       after =
      _mm_cmpgt_epi16(j, _mm_sub_epi16(_mm_add_epi16(g, k), _mm_set1_epi16(1)));
  /* Output word j is word j (before the gap) or j - (total - nw) (after
   * it). */
  __m128i at   = _mm_sub_epi16(j, _mm_andnot_si128(before, k));
  __m128i idx  = _mm_add_epi16(_mm_mullo_epi16(at, _mm_set1_epi16(0x0202)),
                               _mm_set1_epi16(0x0100));
  __m128i keep = _mm_or_si128(before, after);
  idx          = _mm_or_si128(_mm_and_si128(keep, idx),
                              _mm_andnot_si128(keep, _mm_set1_epi16((short)0x8080)));
  return _mm_shuffle_epi8(words, idx);
}

/* The text's structure, from the colon mask of [0, end) alone. Computed
 * without branches: with and without "::" come at random in real input,
 * and a branch on it would mispredict a third of the time. */
typedef struct ip6_shape {
  uint64_t starts; /* first byte of every hex group */
  int      nw;     /* hex groups */
  int      gap;    /* groups before the "::"; nw without one */
  bool     bad;    /* not a literal, whatever the groups hold */
} ip6_shape;

/* hex: the groups the hex part must give (8, or 6 before an IPv4 tail). */
__attribute__((target("sse4.1,popcnt"), always_inline)) static inline ip6_shape
ip6_shape_of(uint64_t colon, size_t end, bool tail, int hex) {
  const uint64_t in    = (1ull << end) - 1;
  const uint64_t pairs = colon & (colon >> 1); /* "::" at bit i */
  ip6_shape      sh;
  const uint64_t digit = ~colon & in;
  const uint64_t two   = digit & digit >> 1;
  const int      has   = pairs != 0;
  sh.starts            = digit & (colon << 1 | 1);
  sh.nw                = __builtin_popcountll(sh.starts);
  /* Without "::", (pairs & -pairs) - 1 has every bit set. */
  sh.gap = __builtin_popcountll(sh.starts & ((pairs & -pairs) - 1));
  /* More than one "::" (or ":::"); a lone ':' first; a lone ':' last,
   * except the one before an IPv4 tail; five digits in a row; too many
   * groups, or without "::" too few. Bitwise, not short-circuit, so every
   * term is evaluated: before an IPv4 tail end can be 1 (":1.2.3.4"), and
   * the shift count is masked to stay defined where its term is unused. */
  sh.bad = (__builtin_popcountll(pairs) > 1) | ((colon & 3) == 1) |
           (!tail & ((colon >> ((end - 2) & 63) & 3) == 2)) |
           ((two & two >> 2 & digit >> 4) != 0) | (sh.nw > hex - has) |
           (!has & (sh.nw < hex));
  return sh;
}

/* The digits of the nw groups that start at the bits of sh.starts, which
 * are known to be 1-4 long, in digits[0..nw); the words after them get
 * the 4 bytes at s + end and are never placed (ip6_place takes nw words).
 * Always eight steps: the number of groups differs from one text to the
 * next, and a loop over them would mispredict its exit every time. */
static inline void ip6_groups(const char *s, uint64_t colon, size_t end,
                              ip6_shape sh, uint32_t digits[8]) {
  const uint64_t stops  = colon | 1ull << end;
  uint64_t       starts = sh.starts;
  for (int k = 0; k < 8; k++) {
    size_t at = (size_t)__builtin_ctzll(starts | 1ull << end);
    starts &= starts - 1;
    digits[k] = ip6_digits(s + at, (unsigned)__builtin_ctzll(stops >> at));
  }
}

/* n is 2-45 and s + 48 lies in the page of s (the classifier reads
 * s[0..48), ip6_groups up to 4 bytes at s + n). */
__attribute__((target("sse4.1,popcnt"), always_inline)) static inline int
ip6_parse_vec(const char *s, size_t n, unsigned char out[16]) {
  const uint64_t in   = (1ull << n) - 1;
  ip6_masks      m    = ip6_classify(s);
  size_t         end  = n;
  uint32_t       v4   = 0;
  bool           tail = false;
  if ((m.other & in) || !(m.colon & in))
    return SADDR_EIPV6;
  m.colon &= in;
  m.dot &= in;
  if (m.dot) {
    /* An IPv4 tail follows the last ':' and holds every '.'. */
    size_t last = 63 - (size_t)__builtin_clzll(m.colon);
    if ((m.dot & ((2ull << last) - 1)) ||
        saddr__ip4_parse(s + last + 1, n - last - 1, (unsigned char *)&v4) != 0)
      return SADDR_EIPV6;
    end  = last + 1;
    tail = true;
  }
  int       hex = tail ? 6 : 8; /* groups the hex part must give */
  ip6_shape sh  = ip6_shape_of(m.colon, end, tail, hex);
  uint32_t  digits[8];
  if (sh.bad)
    return SADDR_EIPV6;
  ip6_groups(s, m.colon, end, sh, digits);
  /* Without "::", gap == nw == hex: ip6_place moves nothing. */
  __m128i words = ip6_place(ip6_values(digits), sh.nw, hex, sh.gap);
  if (tail) /* the last two words */
    words = _mm_insert_epi32(words, (int)v4, 3);
  _mm_storeu_si128((__m128i *)(void *)out, words);
  return 0;
}

/* The same with legacy SSE and with VEX encodings: a legacy SSE
 * instruction run while the upper halves of the vector registers are dirty
 * waits for the previous writer of its register (text/ip4.c). */
__attribute__((target("sse4.1,popcnt"))) static int
ip6_parse_sse(const char *s, size_t n, unsigned char out[16]) {
  return ip6_parse_vec(s, n, out);
}

__attribute__((target("avx,popcnt"))) static int
ip6_parse_avx(const char *s, size_t n, unsigned char out[16]) {
  return ip6_parse_vec(s, n, out);
}
#endif

int saddr__ip6_parse(const char *s, size_t n, unsigned char out[16]) {
  if (n < 2 || n > 45)
    return SADDR_EIPV6;
#ifdef SADDR__IP6_SSE
  if (((uintptr_t)s & 4095) <= 4096 - 49) {
    if (SADDR__CPU_AVX() && __builtin_cpu_supports("popcnt"))
      return ip6_parse_avx(s, n, out);
    if (__builtin_cpu_supports("sse4.1") && __builtin_cpu_supports("popcnt"))
      return ip6_parse_sse(s, n, out);
  }
#endif
  return ip6_parse_scalar(s, n, out);
}

int saddr__ip6_diagnose(const char *s, size_t n, size_t *at) {
  /* The first byte that cannot belong to an IPv6 literal, else the start. */
  *at = 0;
  for (size_t i = 0; i < n; i++)
    if (saddr__hexval((unsigned char)s[i]) < 0 && s[i] != ':' && s[i] != '.') {
      *at = i;
      break;
    }
  return SADDR_EIPV6;
}

static char *put_word(char *p, unsigned v) {
  static const char hx[]    = "0123456789abcdef";
  bool              started = false;
  for (int sh = 12; sh >= 0; sh -= 4) {
    unsigned d = (v >> sh) & 15;
    if (d || started || sh == 0) {
      *p++    = hx[d];
      started = true;
    }
  }
  return p;
}

size_t saddr__ip6_format(const unsigned char in[16], bool rfc5952, char *out) {
  unsigned w[8];
  int      best = -1, bestlen = 0, cur = -1, curlen = 0;
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
  bool  mapped = best == 0 && bestlen == 5 && w[5] == 0xffff;
  bool  dotted = mapped || (!rfc5952 && best == 0 && bestlen == 6);
  char *p      = out;
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
