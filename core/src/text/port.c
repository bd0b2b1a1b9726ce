/* Decimal ports in compact text: 1-5 digits, no sign, blank, radix or
 * leading zero, at most 65535. A scalar reader, and where bytes before the
 * port may be read (little-endian, no sanitizer), a SWAR one without a
 * digit loop. */
#include "text/swar.h"
#include "text/text.h"

#include <string.h>

static int port_scalar(const char *s, size_t n, uint16_t *port) {
  uint32_t v = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t d = (uint32_t)(unsigned char)s[i] - '0';
    if (d > 9)
      return SADDR_EPORT;
    v = v * 10 + d;
  }
  if (v > 65535)
    return SADDR_EPORT;
  *port = (uint16_t)v;
  return 0;
}

int saddr__port_parse(const char *s, size_t n, uint16_t *port) {
  if (n == 0 || n > 5 || (s[0] == '0' && n > 1))
    return SADDR_EPORT;
#ifdef SADDR__PORT_SWAR
  if (((uintptr_t)(s + n - 1) & 4095) >= 7)
    return port_swar(s, n, port);
#endif
  return port_scalar(s, n, port);
}

/* Out of line: the port's address goes to saddr__port_parse, which would
 * give the SWAR path below a stack frame and a stack-protector check. */
__attribute__((noinline)) static saddr__port_at port_tail_scalar(const char *s,
                                                                 size_t n) {
  const saddr__port_at none = {SADDR_ENOPORT, 0, 0};
  uint16_t             port;
  size_t               k = n;
  while (k > 0 && n - k < 6 && s[k - 1] != ':')
    k--;
  if (k < 2 || s[k - 1] != ':' || saddr__port_parse(s + k, n - k, &port) < 0)
    return none;
  return (saddr__port_at){0, port, k - 1};
}

saddr__port_at saddr__port_tail(const char *s, size_t n) {
#ifdef SADDR__PORT_SWAR
  if (n >= 8) {
    /* The last ':' among the 8 bytes before s + n, which lie in the text,
     * by exact zero-byte detection (no loop whose exit would mispredict on
     * ports of random length); the port is in the same 8 bytes. */
    const saddr__port_at none = {SADDR_ENOPORT, 0, 0};
    const uint64_t       lo7  = 0x7f7f7f7f7f7f7f7full;
    uint64_t             w, x;
    uint16_t             port;
    memcpy(&w, s + n - 8, 8);
    x = w ^ 0x3a3a3a3a3a3a3a3aull;
    x = ~(((x & lo7) + lo7) | x) & ~lo7;
    if (x == 0)
      return none;
    unsigned first = (unsigned)(63 - __builtin_clzll(x)) / 8 + 1;
    if (first - 3 > 7 - 3 ||
        (((w >> (8 * first)) & 0xff) == '0' && first < 7) ||
        port_word(w, first, &port) < 0)
      return none;
    return (saddr__port_at){0, port, n - 9 + first};
  }
#endif
  return port_tail_scalar(s, n);
}
