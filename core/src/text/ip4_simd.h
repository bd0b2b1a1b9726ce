/* The IPv4 readers' vector kernels, always inlined. text/ip4.c builds its
 * entry points from them; the fast path (family/inet_fast.c) inlines the
 * host-and-port readers into its own per-CPU code, so that the commonest
 * specs are read and written out without a call.
 *
 * They read 16 bytes from s, possibly past the text, without a copy (a
 * copy to the stack costs more than the parse, through a store-forwarding
 * stall); when those 16 bytes would cross into the next page, they read the
 * 16 bytes that end the text instead, which lie in the page of s. Address
 * and memory sanitizers would flag the bytes read past the text, so their
 * builds (SADDR__NO_OVERREAD) leave these kernels out and use the scalar
 * readers only. */
#ifndef SADDR_TEXT_IP4_SIMD_H
#define SADDR_TEXT_IP4_SIMD_H

#include "text/swar.h"
#include "text/text.h"

#include <string.h>

/* The bytes after sep[0] (the byte that ended the address) match. */
static inline bool saddr__ip4_sep_rest(const char *s, const char *sep,
                                       size_t seplen) {
  for (size_t i = 1; i < seplen; i++)
    if (s[i] != sep[i])
      return false;
  return true;
}

#if (defined(__x86_64__) || defined(__i386__)) && !defined(SADDR__NO_OVERREAD)
#define SADDR__IP4_SSE 1
#include <immintrin.h>

/* The shape of a valid text is fixed by the lengths of its four parts
 * (1-3 digits each): 81 shapes. Its key is the mask of its dots with one
 * more bit at its end; a multiplicative hash, collision-free on the 81
 * keys, maps a key to a slot, and the slot to the shape's row (0 for none).
 * Each row holds the key, a byte shuffle that moves the digits of part k to
 * bytes 4k+1..4k+3 (hundreds, tens, units; a missing digit becomes 0), and
 * a mask of the first digit of every part longer than one digit, which must
 * not be '0'. The tables are built in text/ip4.c. */
#define SADDR__IP4_HASH(key) (((uint32_t)(key)*0x86e5b70du) >> 24)
#define SADDR__IP4_HIDDEN    __attribute__((visibility("hidden")))
extern const unsigned char saddr__ip4_slot[256] SADDR__IP4_HIDDEN;
extern const uint32_t      saddr__ip4_key[82] SADDR__IP4_HIDDEN;
extern const uint32_t      saddr__ip4_lead[82] SADDR__IP4_HIDDEN;
extern const unsigned char saddr__ip4_shuffle[82][16] SADDR__IP4_HIDDEN;
/* Bytes 16-n.. of this table shift a vector that ends at s + n down to
 * start at s, zeroing the rest. */
extern const unsigned char saddr__ip4_tail[32] SADDR__IP4_HIDDEN;

__attribute__((target("sse4.1"), always_inline)) static inline __m128i
saddr__ip4_load(const char *s, size_t n) {
  if (((uintptr_t)s & 4095) <= 4096 - 16)
    return _mm_loadu_si128((const __m128i *)(const void *)s);
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
  return _mm_shuffle_epi8(
      v, _mm_loadu_si128(
             (const __m128i *)(const void *)(saddr__ip4_tail + 16 - n)));
}

/* The address in the first n bytes (7-15) of v; the bytes from n on are
 * ignored. Returns false if they are not one. */
__attribute__((target("sse4.1"), always_inline)) static inline bool
saddr__ip4_sse(__m128i v, size_t n, unsigned char out[4]) {
  const unsigned in   = (1u << n) - 1;
  const __m128i  d    = _mm_sub_epi8(v, _mm_set1_epi8('0'));
  const __m128i  nine = _mm_set1_epi8(9);
  unsigned       digits =
      (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(d, nine), nine));
  unsigned dots =
      (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))) & in;
  unsigned key = dots | (in + 1);
  unsigned row = saddr__ip4_slot[SADDR__IP4_HASH(key)];
  if (((digits & in) | dots) != in || saddr__ip4_key[row] != key)
    return false;
  /* [0, h, t, u] per part -> 100h and 10t + u -> 100h + 10t + u. */
  __m128i x = _mm_shuffle_epi8(
      d,
      _mm_load_si128((const __m128i *)(const void *)saddr__ip4_shuffle[row]));
  __m128i  y = _mm_maddubs_epi16(x, _mm_set1_epi32(0x010a6400));
  __m128i  z = _mm_madd_epi16(y, _mm_set1_epi16(1));
  unsigned zeros =
      (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(d, _mm_setzero_si128()));
  unsigned big =
      (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi32(z, _mm_set1_epi32(255)));
  if ((zeros & saddr__ip4_lead[row]) | big)
    return false;
  int packed = _mm_cvtsi128_si32(
      _mm_shuffle_epi8(z, _mm_setr_epi8(0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1,
                                        -1, -1, -1, -1, -1)));
  memcpy(out, &packed, 4);
  return true;
}

#ifdef SADDR__PORT_SWAR
#define SADDR__IP4_PORT_SSE 1
/* The address ends at the first sep[0], which must lie in the first 16
 * bytes, so one vector holds the address; the port is read from the 8
 * bytes that end at s + n, which lie in the text once the lengths are
 * checked. Inlined with a constant separator into each reader below. */
__attribute__((target("sse4.1"), always_inline)) static inline saddr__ip4_port
saddr__ip4_then_port_sse(const char *s, size_t n, const char *sep,
                         size_t seplen) {
  saddr__ip4_port r = {0, 0, SADDR_EIPV4};
  unsigned char   ip[4];
  size_t          m = n < 16 ? n : 16;
  __m128i         v = saddr__ip4_load(s, m);
  unsigned        stops =
      (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(sep[0])));
  size_t at   = (size_t)__builtin_ctz((stops & ((1u << m) - 1)) | 1u << m);
  size_t plen = n - at - seplen;
  if (at - 7 > 15 - 7 || plen - 1 > 4 ||
      !saddr__ip4_sep_rest(s + at, sep, seplen) ||
      (s[at + seplen] == '0' && plen > 1) || !saddr__ip4_sse(v, at, ip) ||
      port_swar(s + at + seplen, plen, &r.port) < 0)
    return r;
  memcpy(&r.addr, ip, 4);
  r.status = 0;
  return r;
}

/* saddr__ip4_hostport and saddr__ip4_tuple (text.h) on a CPU with SSE4.1,
 * for callers compiled for it. */
__attribute__((target("sse4.1"), always_inline)) static inline saddr__ip4_port
saddr__ip4_hostport_sse(const char *s, size_t n) {
  if (n - 9 > 21 - 9)
    return (saddr__ip4_port){0, 0, SADDR_EIPV4};
  return saddr__ip4_then_port_sse(s, n, ":", 1);
}

__attribute__((target("sse4.1"), always_inline)) static inline saddr__ip4_port
saddr__ip4_tuple_sse(const char *s, size_t n, char quote) {
  const char sep[3] = {quote, ',', ' '};
  if (n - 11 > 23 - 11)
    return (saddr__ip4_port){0, 0, SADDR_EIPV4};
  return saddr__ip4_then_port_sse(s, n, sep, 3);
}
#endif
#endif

#endif
