/* The numeric fast path (core/src/family/inet_fast.c) against the general path
 * on generated and mutated inputs with random hints: the same status, the same
 * addresses byte for byte, the same flags. */
#include "family/family.h"
#include "harness.h"

#include <arpa/inet.h>

static uint64_t rng = 0x2545f4914f6cdd1du;
static uint32_t rnd(void) {
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return (uint32_t)(rng >> 11);
}

static size_t gen(char *out, size_t cap) {
  unsigned char b[16];
  char          ip[64];
  for (int i = 0; i < 16; i++)
    b[i] = (unsigned char)(rnd() % 3 ? 0 : rnd());
  unsigned port = rnd() % 5 == 0 ? rnd() % 70000 : rnd() % 65536;
  switch (rnd() % 7) {
  case 0:
    inet_ntop(AF_INET, b, ip, sizeof ip);
    return (size_t)snprintf(out, cap, "%s:%u", ip, port);
  case 1:
    inet_ntop(AF_INET6, b, ip, sizeof ip);
    return (size_t)snprintf(out, cap, "[%s]:%u", ip, port);
  case 2:
    inet_ntop(AF_INET6, b, ip, sizeof ip);
    return (size_t)snprintf(out, cap, "[%s%%%u]:%u", ip, rnd() % 5, port);
  case 3:
    return (size_t)snprintf(out, cap, "*:%u", port);
  case 4:
    inet_ntop(AF_INET, b, ip, sizeof ip);
    return (size_t)snprintf(out, cap, "('%s', %u)", ip, port);
  case 5:
    inet_ntop(AF_INET6, b, ip, sizeof ip);
    return (size_t)snprintf(out, cap, "(\"%s\", %u)", ip, port);
  default:
    inet_ntop(AF_INET6, b, ip, sizeof ip);
    return (size_t)snprintf(out, cap, "%s:%u", ip, port);
  }
}

/* Flips, drops or inserts a few bytes. */
static size_t mutate(char *s, size_t n, size_t cap) {
  static const char alphabet[] = "0123456789abcdef:.[]%*()',\" x\0";
  int               edits      = (int)(rnd() % 3);
  for (int e = 0; e < edits && n > 0; e++) {
    size_t at = rnd() % n;
    char   c  = alphabet[rnd() % (sizeof alphabet - 1)];
    switch (rnd() % 3) {
    case 0:
      s[at] = c;
      break;
    case 1:
      memmove(s + at, s + at + 1, n - at - 1);
      n--;
      break;
    default:
      if (n + 1 < cap) {
        memmove(s + at + 1, s + at, n - at);
        s[at] = c;
        n++;
      }
    }
  }
  return n;
}

static void random_hints(saddr_hints *h) {
  static const int      fams[]  = {AF_UNSPEC, AF_UNSPEC, AF_INET,
                                   AF_INET6,  AF_RDS,    AF_UNIX};
  static const unsigned flags[] = {SADDR_SYNTAX_TUPLE, SADDR_SYNTAX_COMPACT,
                                   SADDR_DUALSTACK, SADDR_DEFAULT_PORT,
                                   SADDR_DEFER};
  memset(h, 0, sizeof *h);
  h->family       = fams[rnd() % 6];
  h->type         = rnd() % 4 == 0 ? SOCK_DGRAM : 0;
  h->protocol     = rnd() % 8 == 0 ? 17 : 0;
  h->default_port = 7;
  for (size_t i = 0; i < 5; i++)
    if (rnd() % 4 == 0)
      h->flags |= flags[i];
}

static bool same_addr(const saddr_addr *a, const saddr_addr *b) {
  return a->len == b->len && a->family == b->family && a->type == b->type &&
         a->protocol == b->protocol && a->flags == b->flags &&
         memcmp(&a->sa, &b->sa, sizeof a->sa) == 0;
}

static void compare(const char *s, size_t n, const saddr_hints *h) {
  saddr_hints g = *h;
  g.flags |= SADDR__GENERAL;
  saddr_parsed fast, slow;
  int          rf   = saddr_parse(s, n, h, &fast, NULL);
  int          rs   = saddr_parse(s, n, &g, &slow, NULL);
  bool         same = rf == rs && (rf != 0 || fast.count == slow.count);
  for (size_t i = 0; same && rf == 0 && i < fast.count; i++)
    same = same_addr(&fast.addr[i], &slow.addr[i]);
  CHECK_CTX(same, "'%.*s' family %d flags %#x: fast %d/%zu, general %d/%zu",
            (int)n, s, h->family, h->flags, rf, rf ? 0 : fast.count, rs,
            rs ? 0 : slow.count);
  /* saddr_parse_addr hands what its fast path does not read to the
   * general path itself: the error must be the general path's, byte for
   * byte (code, offset, length, message). */
  saddr_addr  a, b;
  saddr_error ea, eb;
  rf = saddr_parse_addr(s, n, h, &a, &ea);
  rs = saddr_parse_addr(s, n, &g, &b, &eb);
  CHECK_CTX(rf == rs && (rf != 0 || same_addr(&a, &b)),
            "parse_addr '%.*s': fast %d, general %d", (int)n, s, rf, rs);
  CHECK_CTX(rf == 0 ||
                (ea.code == eb.code && ea.offset == eb.offset &&
                 ea.length == eb.length && strcmp(ea.message, eb.message) == 0),
            "parse_addr '%.*s': error %d@%zu+%zu '%s' against %d@%zu+%zu '%s'",
            (int)n, s, ea.code, ea.offset, ea.length, ea.message, eb.code,
            eb.offset, eb.length, eb.message);
}

int main(void) {
  char s[128];
  for (int i = 0; i < 400000; i++) {
    size_t n = gen(s, sizeof s);
    if (i % 2)
      n = mutate(s, n, sizeof s);
    saddr_hints h;
    random_hints(&h);
    compare(s, n, i % 3 ? &h : &(saddr_hints){0});
  }
  return th_done();
}
