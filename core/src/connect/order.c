/* Layer 2 of the connect helper: the destination list. Addresses join it
 * as answers arrive; a racing connect tries them in RFC 6724 order (the
 * rules that need no routing table), interleaved by family as RFC 8305
 * section 4 asks. It calls only the record (conn.c). */
#include "connect/connect.h"

#include <stdlib.h>
#include <string.h>

/* RFC 6724 scopes. */
#define SCOPE_LINK   2
#define SCOPE_SITE   5
#define SCOPE_GLOBAL 14

static bool v6_prefix(const unsigned char *a, const unsigned char *p,
                      unsigned bits) {
  unsigned bytes = bits / 8, rest = bits % 8;
  if (memcmp(a, p, bytes) != 0)
    return false;
  return rest == 0 || ((a[bytes] ^ p[bytes]) & (0xffu << (8 - rest))) == 0;
}

/* The precedence of RFC 6724's default policy table (section 2.1). */
static int precedence(const saddr_addr *x) {
  static const struct {
    unsigned char prefix[16];
    unsigned      bits;
    int           prec;
  } table[] = {
      {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, 50},
      {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96, 35},
      {{0x20, 0x02}, 16, 30},
      {{0x20, 0x01, 0, 0}, 32, 5},
      {{0xfc}, 7, 3},
      {{0}, 96, 1},
      {{0xfe, 0xc0}, 10, 1},
      {{0x3f, 0xfe}, 16, 1},
  };
  if (x->sa.sa.sa_family != AF_INET6)
    return 35; /* IPv4, as ::ffff:0:0/96 */
  const unsigned char *a = x->sa.in6.sin6_addr.s6_addr;
  for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
    if (v6_prefix(a, table[i].prefix, table[i].bits))
      return table[i].prec;
  return 40;
}

static int scope(const saddr_addr *x) {
  if (x->sa.sa.sa_family == AF_INET) {
    const unsigned char *a = (const unsigned char *)&x->sa.in.sin_addr;
    return a[0] == 127 || (a[0] == 169 && a[1] == 254) ? SCOPE_LINK
                                                       : SCOPE_GLOBAL;
  }
  const unsigned char *a = x->sa.in6.sin6_addr.s6_addr;
  if (a[0] == 0xff)
    return a[1] & 0x0f;
  if (IN6_IS_ADDR_LOOPBACK(&x->sa.in6.sin6_addr) ||
      (a[0] == 0xfe && (a[1] & 0xc0) == 0x80))
    return SCOPE_LINK;
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
    return SCOPE_SITE;
  return SCOPE_GLOBAL;
}

/* Rule 1 without routes: a bound source of another family cannot reach
 * the destination. */
static bool usable(const saddr__conn *c, const saddr_addr *x) {
  if (c->nsrc == 0)
    return true;
  for (size_t i = 0; i < c->nsrc; i++)
    if (c->src[i].sa.sa.sa_family == x->sa.sa.sa_family)
      return true;
  return false;
}

/* Rule 2 with a bound source: a destination of the source's scope. A
 * wildcard source has no scope of its own and matches everything. */
static bool scope_matches(const saddr__conn *c, const saddr_addr *x) {
  for (size_t i = 0; i < c->nsrc; i++)
    if (c->src[i].sa.sa.sa_family == x->sa.sa.sa_family &&
        !(c->src[i].flags & SADDR_ADDR_WILDCARD))
      return scope(&c->src[i]) == scope(x);
  return true;
}

/* Negative when a goes before b: usable first (rule 1), matching the
 * source's scope (rule 2), higher precedence (rule 6), smaller scope
 * (rule 8), then arrival order (rule 10). */
static int compare(const saddr__conn *c, const saddr__cand *a,
                   const saddr__cand *b) {
  int d = (int)usable(c, &b->addr) - (int)usable(c, &a->addr);
  if (d == 0)
    d = (int)scope_matches(c, &b->addr) - (int)scope_matches(c, &a->addr);
  if (d == 0)
    d = precedence(&b->addr) - precedence(&a->addr);
  if (d == 0)
    d = scope(&a->addr) - scope(&b->addr);
  if (d == 0)
    d = a->seq < b->seq ? -1 : 1;
  return d;
}

static bool known(const saddr__conn *c, const saddr_addr *a) {
  for (size_t i = 0; i < c->ncand; i++)
    if (c->cand[i].addr.len == a->len &&
        memcmp(&c->cand[i].addr.sa, &a->sa, a->len) == 0)
      return true;
  return false;
}

bool saddr__cand_add(saddr__conn *c, const saddr_addr *a, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (known(c, &a[i]))
      continue;
    if (c->ncand == c->capcand &&
        !saddr__grow((void **)&c->cand, &c->capcand, sizeof(*c->cand),
                     c->cand_inline))
      return false;
    c->untried++;
    saddr__cand x = {.addr = a[i], .seq = c->seq++};
    size_t      j = c->ncand++;
    /* Insertion keeps the list sorted; tried flags move with entries. */
    while (c->race && j > 0 && compare(c, &x, &c->cand[j - 1]) < 0) {
      c->cand[j] = c->cand[j - 1];
      j--;
    }
    c->cand[j] = x;
  }
  return true;
}

/* The first entry in [*from, end) whose family is (same) or is not
 * (!same) fam; SIZE_MAX when there is none. */
static size_t next_of(const saddr__conn *c, size_t *from, size_t end, int fam,
                      bool same) {
  while (*from < end) {
    size_t i = (*from)++;
    if ((c->cand[i].addr.sa.sa.sa_family == fam) == same)
      return i;
  }
  return SIZE_MAX;
}

/* The first untried entry of [begin, end) in interleaved order: the first
 * entry's family, then the other, alternating while both last. */
static saddr__cand *interleaved(saddr__conn *c, size_t begin, size_t end) {
  if (begin >= end)
    return NULL;
  int    fam    = c->cand[begin].addr.sa.sa.sa_family;
  size_t pos[2] = {begin, begin};
  bool   same   = true;
  for (size_t k = begin; k < end; k++) {
    size_t i = next_of(c, &pos[same ? 0 : 1], end, fam, same);
    if (i == SIZE_MAX)
      i = next_of(c, &pos[same ? 1 : 0], end, fam, !same);
    else
      same = !same;
    if (i != SIZE_MAX && !c->cand[i].tried)
      return &c->cand[i];
  }
  return NULL;
}

saddr__cand *saddr__cand_next(saddr__conn *c) {
  if (c->untried == 0)
    return NULL;
  if (!c->race) {
    for (size_t i = 0; i < c->ncand; i++)
      if (!c->cand[i].tried)
        return &c->cand[i];
    return NULL;
  }
  /* Sorting put the usable destinations first; the unusable ones are not
   * interleaved with them but come last, in order. */
  size_t usable_end = 0;
  while (usable_end < c->ncand && usable(c, &c->cand[usable_end].addr))
    usable_end++;
  saddr__cand *d = interleaved(c, 0, usable_end);
  return d != NULL ? d : interleaved(c, usable_end, c->ncand);
}
