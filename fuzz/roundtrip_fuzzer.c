/* Target 4: round trip for every family (SPEC 1.2, 4). Whatever parses
 * formats, in both styles, and the text parses back to the identical
 * sockaddr: same bytes, same length, same reported family.
 *
 * An address whose fields compact text cannot carry (IPv6 flowinfo) must be
 * refused by the compact formatter with SADDR_EINVAL.
 *
 * The header is fuzz_common.h's; header bit 6 picks the syntax of the first
 * parse (set: compact, clear: tuple). SADDR_DEFER is ignored, because a
 * name to resolve has no sockaddr to round-trip yet.
 *
 * Tuple text is read back with the address's family, type and protocol as
 * hints, as Python code would. Compact text is read back twice: with the
 * same hints, and with none at all, because compact text names its own
 * family, type and protocol. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_back(const saddr_addr *a, const char *text, size_t n,
                       const saddr_hints *h) {
  saddr_parsed back;
  FZ_CHECK(fz_parse_checked(text, n, h, &back) == 0);
  FZ_CHECK(back.need == 0 && back.count >= 1);
  FZ_CHECK(fz_same_addr(&back.addr[0], a));
}

static void round_trip(const saddr_addr *a) {
  char        text[SADDR_FORMAT_MAX];
  saddr_error err;
  saddr_hints h;
  memset(&h, 0, sizeof h);
  h.family   = a->family;
  h.type     = a->type;
  h.protocol = a->protocol;

  int n = saddr_format_addr(a, SADDR_FORMAT_TUPLE, text, sizeof text, &err);
  FZ_CHECK(n > 0 && (size_t)n < sizeof text && text[n] == '\0');
  h.flags = SADDR_SYNTAX_TUPLE;
  check_back(a, text, (size_t)n, &h);

  /* Compact text has no place for some fields (IPv6 flowinfo): such an
   * address is refused with SADDR_EINVAL, never printed without them. */
  memset(&err, 0, sizeof err);
  n = saddr_format_addr(a, SADDR_FORMAT_COMPACT, text, sizeof text, &err);
  if (n < 0) {
    fz_check_error(n, &err, a->len);
    FZ_CHECK(n == SADDR_EINVAL);
    return;
  }
  FZ_CHECK((size_t)n < sizeof text && text[n] == '\0');
  h.flags = SADDR_SYNTAX_COMPACT;
  check_back(a, text, (size_t)n, &h);
  memset(&h, 0, sizeof h);
  h.flags = SADDR_SYNTAX_COMPACT;
  check_back(a, text, (size_t)n, &h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_input in;
  unsigned syntax = size > 1 && (data[1] & FZ_AUTO_SYNTAX)
                        ? SADDR_SYNTAX_COMPACT
                        : SADDR_SYNTAX_TUPLE;
  if (!fz_decode(data, size, 0, &in))
    return 0;
  in.hints.flags = (in.hints.flags & ~SADDR_DEFER) | syntax;
  saddr_parsed out;
  if (fz_parse_checked(in.text, in.len, &in.hints, &out) != 0)
    return 0;
  for (size_t i = 0; i < out.count; i++)
    round_trip(&out.addr[i]);
  return 0;
}
