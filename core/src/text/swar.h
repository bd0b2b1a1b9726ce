/* The SWAR port kernel, shared by the port readers (port.c) and the fused
 * IPv4-and-port readers (ip4.c), which read the port from the same 8 bytes
 * as the separator before it. */
#ifndef SADDR_TEXT_SWAR_H
#define SADDR_TEXT_SWAR_H

#include "text/text.h"

#include <string.h>

#if !defined(SADDR__NO_OVERREAD) && defined(__BYTE_ORDER__) &&                 \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SADDR__PORT_SWAR 1
/* Ports have 1-5 digits at random in real input, so a digit loop costs a
 * mispredicted exit per port. These read the 8 bytes that end with the
 * port (its last digit in the top byte of w, its first in byte `first`,
 * 3-7), clear the bytes before it and convert all eight at once: pairs,
 * then quads, then the whole, each by one multiplication that adds a lane,
 * scaled, to its neighbour. */
static inline int port_word(uint64_t w, unsigned first, uint16_t *port) {
  /* '0'-'9' become 0-9; the bytes before the port, 0. */
  uint64_t x = (w ^ 0x3030303030303030ull) & (~0ull << (8 * first));
  /* A byte above 9 has its top bit set, or gets it from adding 0x76. Only
   * such a byte can carry into the next one, and it fails the text
   * anyway. */
  bool bad = (((x + 0x7676767676767676ull) | x) & 0x8080808080808080ull) != 0;
  x        = (x * (1 + (10ull << 8)) >> 8) & 0x00ff00ff00ff00ffull;
  x        = (x * (1 + (100ull << 16)) >> 16) & 0x0000ffff0000ffffull;
  x        = x * (1 + (10000ull << 32)) >> 32;
  if (bad || x > 65535)
    return SADDR_EPORT;
  *port = (uint16_t)x;
  return 0;
}

/* The n (1-5) digits at s; the caller ensures that the 8 bytes that end at
 * s + n lie in one page. */
static inline int port_swar(const char *s, size_t n, uint16_t *port) {
  uint64_t w;
  memcpy(&w, s + n - 8, 8);
  return port_word(w, 8 - (unsigned)n, port);
}
#endif

#endif
