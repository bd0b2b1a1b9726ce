/* Result blocks: every answer is one allocation holding the saddr_result,
 * its addresses, their TTLs and the names, freed by one call. */
#include "resolve/resolve.h"

#include <stdlib.h>
#include <string.h>

#define ALIGN_UP(n, a) (((n) + ((a)-1)) & ~((size_t)(a)-1))

static saddr_result *result_alloc(size_t count, const char *name,
                                  const char *canonical) {
  size_t nlen = strlen(name), clen = strlen(canonical);
  size_t off_addr = ALIGN_UP(sizeof(saddr_result), _Alignof(saddr_addr));
  size_t off_ttl =
      ALIGN_UP(off_addr + count * sizeof(saddr_addr), _Alignof(uint32_t));
  size_t off_name  = off_ttl + count * sizeof(uint32_t);
  size_t off_canon = off_name + nlen + 1;
  /* malloc and not calloc: glibc's calloc never takes a block from the
   * thread cache, which sent every cache hit down the allocator's slow
   * path. The callers write every address; the rest is written here. */
  unsigned char *block = malloc(off_canon + clen + 1);
  if (block == NULL)
    return NULL;
  saddr_result *res = (saddr_result *)(void *)block;
  memset(res, 0, sizeof(*res));
  res->count = count;
  res->addr  = (saddr_addr *)(void *)(block + off_addr);
  res->ttl   = (uint32_t *)(void *)(block + off_ttl);
  memset(res->ttl, 0, count * sizeof(uint32_t));
  memcpy(block + off_name, name, nlen + 1);
  memcpy(block + off_canon, canonical, clen + 1);
  res->name      = (const char *)block + off_name;
  res->canonical = (const char *)block + off_canon;
  return res;
}

static void stamp(saddr_addr *a, const saddr__raw *raw,
                  const saddr__stamp *st) {
  if (raw->family == AF_INET) {
    /* V6ONLY is a bind option of IPv6 sockets only. */
    saddr__addr_init(a, st->family == AF_RDS ? AF_RDS : AF_INET, st->type,
                     st->protocol, sizeof(struct sockaddr_in),
                     st->flags & ~SADDR_ADDR_V6ONLY);
    a->sa.in.sin_family = AF_INET;
    memcpy(&a->sa.in.sin_addr, raw->a, 4);
  } else {
    saddr__addr_init(a, AF_INET6, st->type, st->protocol,
                     sizeof(struct sockaddr_in6), st->flags);
    a->sa.in6.sin6_family = AF_INET6;
    memcpy(&a->sa.in6.sin6_addr, raw->a, 16);
    a->sa.in6.sin6_scope_id = raw->scope;
  }
  (void)saddr_addr_set_port(a, st->port);
}

saddr_result *saddr__result_make(const saddr__raw *raw, size_t count,
                                 const saddr__stamp *st, const char *name,
                                 const char *canonical, int source) {
  saddr_result *res = result_alloc(count, name, canonical);
  if (res == NULL)
    return NULL;
  for (size_t i = 0; i < count; i++) {
    stamp(&res->addr[i], &raw[i], st);
    res->ttl[i] = raw[i].ttl;
  }
  res->source = source;
  return res;
}

saddr_result *saddr__result_copy(const saddr_addr *addr, size_t count,
                                 const char *name, int source) {
  saddr_result *res = result_alloc(count, name, name);
  if (res == NULL)
    return NULL;
  memcpy(res->addr, addr, count * sizeof(*addr));
  res->source = source;
  return res;
}

/* Stable interleaving without allocation: repeatedly find the next address
 * of the wanted family and rotate it into place. Answers hold tens of
 * addresses at most, so the quadratic cost does not matter. */
void saddr__interleave(saddr__raw *raw, size_t count) {
  int want = AF_INET6;
  for (size_t i = 0; i < count; i++) {
    size_t j = i;
    while (j < count && raw[j].family != want)
      j++;
    if (j < count && j != i) {
      saddr__raw moved = raw[j];
      memmove(&raw[i + 1], &raw[i], (j - i) * sizeof(*raw));
      raw[i] = moved;
    }
    if (j < count)
      want = want == AF_INET6 ? AF_INET : AF_INET6;
  }
}

void saddr_result_free(saddr_result *result) { free(result); }
