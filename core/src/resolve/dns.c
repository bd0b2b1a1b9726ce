/* The c-ares side of a request: sending within the in-flight bound, and
 * turning c-ares's answer into a saddr_result and a cache entry. */
#include "resolve/resolve.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void on_ares(void *arg, int status, int timeouts,
                    struct ares_addrinfo *ai);

/* c-ares may call back before ares_getaddrinfo returns; the request is
 * c-ares's from here on and must not be touched after the call. */
static void send_query(saddr_resolver *r, saddr__rq *rq) {
  struct ares_addrinfo_hints ah;
  memset(&ah, 0, sizeof(ah));
  ah.ai_flags  = ARES_AI_NOSORT | ARES_AI_CANONNAME;
  ah.ai_family = rq->ai_family;
  rq->sent     = true;
  r->inflight += rq->queries;
  if (r->inflight > r->stats.inflight_max)
    r->stats.inflight_max = r->inflight;
  ares_getaddrinfo(r->ch, rq->host, NULL, &ah, on_ares, rq);
}

/* Sends from the head of the queue while the bound allows; one lookup is
 * always allowed when nothing is in flight, whatever the bound. Requests
 * that completed while queued (deadline, cancel) are only freed. */
void saddr__pump(saddr_resolver *r) {
  if (r->pumping)
    return;
  r->pumping = true;
  while (r->q_head && !r->destroying) {
    saddr__rq *rq = r->q_head;
    if (!rq->done && r->inflight > 0 &&
        r->inflight + rq->queries > r->max_inflight)
      break;
    r->q_head = rq->q_next;
    if (r->q_head == NULL)
      r->q_tail = NULL;
    rq->queued = false;
    if (rq->done)
      free(rq);
    else
      send_query(r, rq);
  }
  r->pumping = false;
}

static bool seen(const saddr__raw *raw, size_t n, const saddr__raw *x) {
  for (size_t i = 0; i < n; i++)
    if (raw[i].family == x->family &&
        memcmp(raw[i].a, x->a, x->family == AF_INET ? 4 : 16) == 0)
      return true;
  return false;
}

/* An address reached through CNAMEs lives no longer than the chain. */
static uint32_t cname_ttl(const struct ares_addrinfo *ai) {
  uint32_t min = UINT32_MAX;
  for (const struct ares_addrinfo_cname *c = ai->cnames; c; c = c->next)
    if (c->ttl >= 0 && (uint32_t)c->ttl < min)
      min = (uint32_t)c->ttl;
  return min;
}

/* Collects the addresses of ai without duplicates; returns how many, and
 * the smallest TTL in *ttl. */
static size_t collect(const struct ares_addrinfo *ai, int family,
                      saddr__raw *raw, uint32_t *ttl) {
  size_t   n     = 0;
  uint32_t chain = cname_ttl(ai), min = UINT32_MAX;
  for (const struct ares_addrinfo_node *nd = ai->nodes; nd; nd = nd->ai_next) {
    saddr__raw x;
    memset(&x, 0, sizeof(x));
    x.family = nd->ai_family;
    x.ttl    = nd->ai_ttl > 0 ? (uint32_t)nd->ai_ttl : 0;
    if (x.ttl > chain)
      x.ttl = chain;
    if (x.family == AF_INET)
      memcpy(x.a, &((const struct sockaddr_in *)(void *)nd->ai_addr)->sin_addr,
             4);
    else if (x.family == AF_INET6)
      memcpy(x.a,
             &((const struct sockaddr_in6 *)(void *)nd->ai_addr)->sin6_addr,
             16);
    else
      continue;
    /* A server may answer an A query with AAAA records (or the reverse):
     * only the family asked for is kept. */
    if (family != AF_UNSPEC && x.family != family)
      continue;
    if (x.ttl < min)
      min = x.ttl;
    if (!seen(raw, n, &x))
      raw[n++] = x;
  }
  *ttl = n > 0 ? min : 0;
  return n;
}

/* Follows the CNAME chain from the name asked for; c-ares (1.18) reports
 * the name asked for in ai->name, not the chain's end. The walk is bounded
 * by the chain's length, so a loop in it cannot hang. */
static const char *canonical_name(const struct ares_addrinfo *ai,
                                  const char                 *host) {
  size_t links = 0;
  for (const struct ares_addrinfo_cname *c = ai->cnames; c; c = c->next)
    links++;
  const char *cur = host;
  for (size_t i = 0; i < links; i++) {
    const struct ares_addrinfo_cname *c = ai->cnames;
    while (c && (c->alias == NULL || c->name == NULL ||
                 strcasecmp(c->alias, cur) != 0))
      c = c->next;
    if (c == NULL)
      break;
    cur = c->name;
  }
  return cur;
}

static size_t count_nodes(const struct ares_addrinfo *ai) {
  size_t n = 0;
  for (const struct ares_addrinfo_node *nd = ai->nodes; nd; nd = nd->ai_next)
    n++;
  return n;
}

static void answered(saddr_resolver *r, saddr__rq *rq,
                     const struct ares_addrinfo *ai) {
  saddr_error err;
  size_t      cap = count_nodes(ai);
  saddr__raw *raw = malloc((cap ? cap : 1) * sizeof(*raw));
  if (raw == NULL) {
    saddr__complete(rq, saddr__ares_error(ARES_ENOMEM, rq, &err), NULL, &err);
    return;
  }
  uint32_t ttl;
  size_t   n = collect(ai, rq->ai_family, raw, &ttl);
  if (n == 0) {
    free(raw);
    saddr__complete(rq, saddr__ares_error(ARES_ENODATA, rq, &err), NULL, &err);
    return;
  }
  saddr__interleave(raw, n);
  const char *canonical = canonical_name(ai, rq->host);
  saddr__cache_put(&r->cache, rq->ai_family, rq->host, canonical, raw, n, ttl,
                   saddr__now_ms());
  saddr_result *res = saddr__result_make(raw, n, &rq->st, rq->host, canonical,
                                         SADDR_SOURCE_DNS);
  free(raw);
  if (res == NULL)
    saddr__complete(rq, saddr__ares_error(ARES_ENOMEM, rq, &err), NULL, &err);
  else
    saddr__complete(rq, 0, res, NULL);
}

/* Runs once per sent request. The request may already be completed by its
 * deadline, a cancel or a destroy; then only its memory is left to free. */
static void on_ares(void *arg, int status, int timeouts,
                    struct ares_addrinfo *ai) {
  saddr__rq      *rq = arg;
  saddr_resolver *r  = rq->r;
  SADDR__UNUSED(timeouts);
  r->inflight -= rq->queries;
  if (!rq->done) {
    saddr_error err;
    if (status == ARES_SUCCESS && ai != NULL)
      answered(r, rq, ai);
    else
      saddr__complete(
          rq,
          saddr__ares_error(status == ARES_SUCCESS ? ARES_ENODATA : status, rq,
                            &err),
          NULL, &err);
  }
  if (ai != NULL)
    ares_freeaddrinfo(ai);
  free(rq);
}
