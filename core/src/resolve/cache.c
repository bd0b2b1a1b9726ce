/* The answer cache: DNS answers keyed by (family asked for, name), kept for
 * their smallest TTL (capped), at most `max` of them, least recently used
 * evicted first. Names arrive lower-case from the parser, so keys compare
 * exactly. Each entry is one allocation. A request whose every family is
 * here is answered straight from the entries into its result (one
 * allocation); one that needs DNS for a family takes a copy of the other. */
#include "resolve/resolve.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct saddr__centry {
  saddr__centry *hnext;
  saddr__link    lru;
  uint64_t       hash;
  int            family;
  size_t         nlen; /* strlen(name) */
  uint64_t       stored_ms, expires_ms;
  size_t         count;
  const char    *name, *canonical; /* inside the entry, after raw[] */
  saddr__raw     raw[];
};

/* The cache's clock. TTLs count in seconds, so the coarse clock (a few ms
 * of resolution, read without the TSC) is precise enough, and it costs a
 * fifth of CLOCK_MONOTONIC: on a VM that was an eighth of a hit. Entries
 * are stamped and checked with it alone. */
uint64_t saddr__cache_now_ms(void) {
  struct timespec ts;
#ifdef CLOCK_MONOTONIC_COARSE
  clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
#else
  clock_gettime(CLOCK_MONOTONIC, &ts);
#endif
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static uint64_t load64(const char *p) {
  uint64_t w;
  memcpy(&w, p, sizeof(w));
  return w;
}

static uint64_t load32(const char *p) {
  uint32_t w;
  memcpy(&w, p, sizeof(w));
  return w;
}

/* The key's hash: the name eight bytes at a time (the last word and short
 * names read as overlapping loads; the length is hashed too), then a final
 * mix so that the low bits, the slot, depend on every byte. */
static uint64_t key_hash(int family, const char *name, size_t n) {
  const uint64_t k = 0x9e3779b97f4a7c15u;
  uint64_t       h = ((uint64_t)(unsigned)family << 32 ^ n) * k, w;
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) {
      h = (h ^ load64(name + i)) * k;
      h ^= h >> 29;
    }
    w = load64(name + n - 8);
  } else if (n >= 4) {
    w = load32(name) | load32(name + n - 4) << 32;
  } else {
    w = n == 0 ? 0
               : (uint64_t)(unsigned char)name[0] |
                     (uint64_t)(unsigned char)name[n / 2] << 8 |
                     (uint64_t)(unsigned char)name[n - 1] << 16;
  }
  h = (h ^ w) * k;
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93u;
  return h ^ h >> 32;
}

int saddr__cache_init(saddr__cache *c, size_t max, uint32_t max_ttl) {
  memset(c, 0, sizeof(*c));
  c->max     = max;
  c->max_ttl = max_ttl;
  if (max == 0)
    return 0;
  size_t n = 16;
  while (n < max && n < ((size_t)1 << 24))
    n <<= 1;
  c->slot = calloc(n, sizeof(*c->slot));
  if (c->slot == NULL)
    return SADDR_ENOMEM;
  c->nslots = n;
  return 0;
}

static saddr__centry *entry_of(saddr__link *l) {
  return SADDR__ELEM(l, saddr__centry, lru);
}

static saddr__centry **find(saddr__cache *c, uint64_t h, int family,
                            const char *name, size_t nlen) {
  saddr__centry **pp = &c->slot[h & (c->nslots - 1)];
  while (*pp && ((*pp)->hash != h || (*pp)->family != family ||
                 (*pp)->nlen != nlen || memcmp((*pp)->name, name, nlen) != 0))
    pp = &(*pp)->hnext;
  return pp;
}

static void remove_entry(saddr__cache *c, saddr__centry **pp) {
  saddr__centry *e = *pp;
  if (e == NULL)
    return;
  *pp = e->hnext;
  saddr__list_unlink(&c->lru, &e->lru);
  c->count--;
  free(e);
}

void saddr__cache_free(saddr__cache *c) {
  saddr__link *l = c->lru.head;
  while (l) {
    saddr__link *next = l->next;
    free(entry_of(l));
    l = next;
  }
  free(c->slot);
  memset(c, 0, sizeof(*c));
}

/* Seconds left of a TTL that started at stored_ms, rounded up so that a
 * live entry never reports 0. */
static uint32_t ttl_left(uint64_t stored_ms, uint32_t ttl, uint64_t now) {
  uint64_t end = stored_ms + (uint64_t)ttl * 1000u;
  return end <= now ? 0 : (uint32_t)((end - now + 999u) / 1000u);
}

/* The live entry for (family, name), now the most recently used; NULL when
 * there is none (an expired one is dropped). */
static saddr__centry *lookup(saddr__cache *c, int family, const char *name,
                             uint64_t now_ms) {
  size_t          n  = strlen(name);
  saddr__centry **pp = find(c, key_hash(family, name, n), family, name, n);
  saddr__centry  *e  = *pp;
  if (e == NULL)
    return NULL;
  if (e->expires_ms <= now_ms) {
    remove_entry(c, pp);
    return NULL;
  }
  saddr__list_unlink(&c->lru, &e->lru);
  saddr__list_insert(&c->lru, NULL, &e->lru);
  return e;
}

/* Address i of e, with the TTL it has left. */
static saddr__raw raw_left(const saddr__cache *c, const saddr__centry *e,
                           size_t i, uint64_t now_ms) {
  saddr__raw raw = e->raw[i];
  uint32_t   ttl = raw.ttl < c->max_ttl ? raw.ttl : c->max_ttl;
  raw.ttl        = ttl_left(e->stored_ms, ttl, now_ms);
  return raw;
}

/* Both families' entries as one result: IPv6 first, then alternating,
 * each family in its own order, the longer one's rest at the end (what
 * saddr__interleave makes of them, in one pass). */
static saddr_result *both(const saddr__cache *c, const saddr__centry *e6,
                          const saddr__centry *e4, const char *name,
                          const saddr__stamp *st, uint64_t now_ms) {
  enum { ON_STACK = 16 };
  saddr__raw  buf[ON_STACK] = {{0}}; /* (gcc cannot see the loop fill it) */
  size_t      n = e6->count + e4->count, k = 0;
  saddr__raw *raw = n <= ON_STACK ? buf : malloc(n * sizeof(*raw));
  if (raw == NULL)
    return NULL;
  for (size_t i = 0; k < n; i++) {
    if (i < e6->count)
      raw[k++] = raw_left(c, e6, i, now_ms);
    if (i < e4->count)
      raw[k++] = raw_left(c, e4, i, now_ms);
  }
  saddr_result *res =
      saddr__result_make(raw, n, st, name, e6->canonical, SADDR_SOURCE_CACHE);
  if (raw != buf)
    free(raw);
  return res;
}

saddr_result *saddr__cache_get(saddr__cache *c, int family, const char *name,
                               const saddr__stamp *st, uint64_t now_ms,
                               bool *hit) {
  *hit = false;
  if (c->max == 0)
    return NULL;
  if (family == AF_UNSPEC) {
    saddr__centry *e6 = lookup(c, AF_INET6, name, now_ms);
    saddr__centry *e4 = e6 ? lookup(c, AF_INET, name, now_ms) : NULL;
    if (e4 == NULL)
      return NULL;
    *hit = true;
    return both(c, e6, e4, name, st, now_ms);
  }
  saddr__centry *e = lookup(c, family, name, now_ms);
  if (e == NULL)
    return NULL;
  *hit              = true;
  saddr_result *res = saddr__result_make(e->raw, e->count, st, name,
                                         e->canonical, SADDR_SOURCE_CACHE);
  for (size_t i = 0; res != NULL && i < e->count; i++)
    res->ttl[i] = raw_left(c, e, i, now_ms).ttl;
  return res;
}

static saddr__centry *entry_new(int family, const char *name,
                                const char *canonical, const saddr__raw *raw,
                                size_t count) {
  size_t         nlen = strlen(name) + 1, clen = strlen(canonical) + 1;
  size_t         size = sizeof(saddr__centry) + count * sizeof(saddr__raw);
  saddr__centry *e    = calloc(1, size + nlen + clen);
  if (e == NULL)
    return NULL;
  char *text = (char *)e + size;
  memcpy(text, name, nlen);
  memcpy(text + nlen, canonical, clen);
  e->name      = text;
  e->nlen      = nlen - 1;
  e->canonical = text + nlen;
  e->family    = family;
  e->count     = count;
  memcpy(e->raw, raw, count * sizeof(*raw));
  return e;
}

void saddr__cache_put(saddr__cache *c, int family, const char *name,
                      const char *canonical, const saddr__raw *raw,
                      size_t count, uint32_t ttl, uint64_t now_ms) {
  if (c->max == 0 || count == 0)
    return;
  if (ttl > c->max_ttl)
    ttl = c->max_ttl;
  if (ttl == 0)
    return;
  size_t          n  = strlen(name);
  uint64_t        h  = key_hash(family, name, n);
  saddr__centry **pp = find(c, h, family, name, n);
  if (*pp)
    remove_entry(c, pp);
  else if (c->count >= c->max) {
    const saddr__centry *old = entry_of(c->lru.tail);
    remove_entry(c, find(c, old->hash, old->family, old->name, old->nlen));
  }
  saddr__centry *e = entry_new(family, name, canonical, raw, count);
  if (e == NULL)
    return;
  e->hash       = h;
  e->stored_ms  = now_ms;
  e->expires_ms = now_ms + (uint64_t)ttl * 1000u;
  pp            = &c->slot[h & (c->nslots - 1)];
  e->hnext      = *pp;
  *pp           = e;
  saddr__list_insert(&c->lru, NULL, &e->lru);
  c->count++;
}

size_t saddr__cache_raw(saddr__cache *c, int family, const char *name,
                        uint64_t now_ms, saddr__raw **out, char *canonical,
                        size_t canonical_cap) {
  *out = NULL;
  if (c->max == 0)
    return 0;
  saddr__centry *e = lookup(c, family, name, now_ms);
  if (e == NULL)
    return 0;
  saddr__raw *raw = malloc(e->count * sizeof(*raw));
  if (raw == NULL)
    return 0;
  for (size_t i = 0; i < e->count; i++)
    raw[i] = raw_left(c, e, i, now_ms);
  size_t l = strlen(e->canonical);
  if (l >= canonical_cap)
    l = 0;
  memcpy(canonical, e->canonical, l);
  canonical[l] = '\0';
  *out         = raw;
  return e->count;
}
