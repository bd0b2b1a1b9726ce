/* The answer cache: DNS answers keyed by (family asked for, name), kept for
 * their smallest TTL (capped), at most `max` of them, least recently used
 * evicted first. Names arrive lower-case from the parser, so keys compare
 * exactly. Each entry is one allocation. */
#include "resolve/resolve.h"

#include <stdlib.h>
#include <string.h>

struct saddr__centry {
  saddr__centry *hnext;
  saddr__centry *lru_prev, *lru_next;
  uint64_t       hash;
  int            family;
  uint64_t       stored_ms, expires_ms;
  size_t         count;
  const char    *name, *canonical; /* inside the entry, after raw[] */
  saddr__raw     raw[];
};

static uint64_t key_hash(int family, const char *name) {
  uint64_t h = 0xcbf29ce484222325u ^ (uint64_t)(unsigned)family;
  for (const unsigned char *p = (const unsigned char *)name; *p; p++)
    h = (h ^ *p) * 0x100000001b3u;
  return h;
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

static void lru_unlink(saddr__cache *c, saddr__centry *e) {
  if (e->lru_prev)
    e->lru_prev->lru_next = e->lru_next;
  else
    c->lru_head = e->lru_next;
  if (e->lru_next)
    e->lru_next->lru_prev = e->lru_prev;
  else
    c->lru_tail = e->lru_prev;
  e->lru_prev = e->lru_next = NULL;
}

static void lru_push_front(saddr__cache *c, saddr__centry *e) {
  e->lru_prev = NULL;
  e->lru_next = c->lru_head;
  if (c->lru_head)
    c->lru_head->lru_prev = e;
  else
    c->lru_tail = e;
  c->lru_head = e;
}

static saddr__centry **find(saddr__cache *c, uint64_t h, int family,
                            const char *name) {
  saddr__centry **pp = &c->slot[h & (c->nslots - 1)];
  while (*pp && ((*pp)->hash != h || (*pp)->family != family ||
                 strcmp((*pp)->name, name) != 0))
    pp = &(*pp)->hnext;
  return pp;
}

static void remove_entry(saddr__cache *c, saddr__centry **pp) {
  saddr__centry *e = *pp;
  if (e == NULL)
    return;
  *pp = e->hnext;
  lru_unlink(c, e);
  c->count--;
  free(e);
}

void saddr__cache_free(saddr__cache *c) {
  saddr__centry *e = c->lru_head;
  while (e) {
    saddr__centry *next = e->lru_next;
    free(e);
    e = next;
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

saddr_result *saddr__cache_get(saddr__cache *c, int family, const char *name,
                               const saddr__stamp *st, uint64_t now_ms,
                               bool *hit) {
  *hit = false;
  if (c->max == 0)
    return NULL;
  saddr__centry **pp = find(c, key_hash(family, name), family, name);
  saddr__centry  *e  = *pp;
  if (e == NULL)
    return NULL;
  if (e->expires_ms <= now_ms) {
    remove_entry(c, pp);
    return NULL;
  }
  *hit = true;
  lru_unlink(c, e);
  lru_push_front(c, e);
  saddr_result *res = saddr__result_make(e->raw, e->count, st, e->name,
                                         e->canonical, SADDR_SOURCE_CACHE);
  if (res == NULL)
    return NULL;
  for (size_t i = 0; i < e->count; i++) {
    uint32_t ttl = e->raw[i].ttl < c->max_ttl ? e->raw[i].ttl : c->max_ttl;
    res->ttl[i]  = ttl_left(e->stored_ms, ttl, now_ms);
  }
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
  uint64_t        h  = key_hash(family, name);
  saddr__centry **pp = find(c, h, family, name);
  if (*pp)
    remove_entry(c, pp);
  else if (c->count >= c->max)
    remove_entry(
        c, find(c, c->lru_tail->hash, c->lru_tail->family, c->lru_tail->name));
  saddr__centry *e = entry_new(family, name, canonical, raw, count);
  if (e == NULL)
    return;
  e->hash       = h;
  e->stored_ms  = now_ms;
  e->expires_ms = now_ms + (uint64_t)ttl * 1000u;
  pp            = &c->slot[h & (c->nslots - 1)];
  e->hnext      = *pp;
  *pp           = e;
  lru_push_front(c, e);
  c->count++;
}

size_t saddr__cache_raw(saddr__cache *c, int family, const char *name,
                        uint64_t now_ms, saddr__raw **out, char *canonical,
                        size_t canonical_cap) {
  *out = NULL;
  if (c->max == 0)
    return 0;
  saddr__centry **pp = find(c, key_hash(family, name), family, name);
  saddr__centry  *e  = *pp;
  if (e == NULL)
    return 0;
  if (e->expires_ms <= now_ms) {
    remove_entry(c, pp);
    return 0;
  }
  saddr__raw *raw = malloc(e->count * sizeof(*raw));
  if (raw == NULL)
    return 0;
  lru_unlink(c, e);
  lru_push_front(c, e);
  for (size_t i = 0; i < e->count; i++) {
    raw[i]       = e->raw[i];
    uint32_t ttl = e->raw[i].ttl < c->max_ttl ? e->raw[i].ttl : c->max_ttl;
    raw[i].ttl   = ttl_left(e->stored_ms, ttl, now_ms);
  }
  size_t l = strlen(e->canonical);
  if (l >= canonical_cap)
    l = 0;
  memcpy(canonical, e->canonical, l);
  canonical[l] = '\0';
  *out         = raw;
  return e->count;
}
