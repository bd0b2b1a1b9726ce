/* The public entry points and the resolver's life: options, creation,
 * teardown that is safe from inside callbacks, and the entry/exit guard
 * around every call that may run callbacks. */
#include "resolve/resolve.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_DEADLINE_MS  5000u
#define DEFAULT_MAX_INFLIGHT 64u
#define DEFAULT_CACHE_SIZE   1024u
#define DEFAULT_CACHE_TTL    3600u
/* Queries of completed requests that c-ares may still be retrying, as a
 * multiple of the in-flight bound: they cost the server load, not slots. */
#define ABANDONED_FACTOR 4u

/* ares_library_init is reference-counted without a lock; one call for the
 * life of the process keeps concurrent resolver creation safe. */
static pthread_once_t cares_once = PTHREAD_ONCE_INIT;
static int            cares_status;
static void           cares_init(void) {
            cares_status = ares_library_init(ARES_LIB_INIT_ALL);
}

static void apply_defaults(saddr_resolver *r, const saddr_resolver_options *o) {
  r->flags           = o->flags;
  r->deadline_ms     = o->deadline_ms ? o->deadline_ms : DEFAULT_DEADLINE_MS;
  r->family_delay_ms = o->family_delay_ms;
  r->max_inflight    = o->max_inflight ? o->max_inflight : DEFAULT_MAX_INFLIGHT;
  r->max_abandoned   = r->max_inflight * ABANDONED_FACTOR;
  r->watch_cb        = o->watch_cb;
  r->watch_data      = o->watch_data;
  r->next_id         = 1;
  r->on_answer       = saddr__lookup_answer;
}

static void resolver_free(saddr_resolver *r) {
  if (r->client)
    r->client->free(r->client_state);
  saddr__tx_free(r);
  saddr__lookup_free(r);
  saddr__cache_free(&r->cache);
  saddr_hosts_close(r->hosts);
  saddr_services_close(r->services);
  free(r->watch);
  free(r);
}

int saddr_resolver_new(const saddr_resolver_options *options,
                       saddr_resolver **out, saddr_error *err) {
  static const saddr_resolver_options none;
  const saddr_resolver_options       *o = options ? options : &none;
  if (out == NULL)
    return saddr__fail(err, SADDR_EINVAL, 0, 0, "out must not be NULL");
  *out = NULL;
  pthread_once(&cares_once, cares_init);
  if (cares_status != ARES_SUCCESS)
    return saddr__fail(err, SADDR_ESYS, 0, 0, "c-ares library init failed");
  saddr_resolver *r = calloc(1, sizeof(*r));
  if (r == NULL)
    return saddr__fail(err, SADDR_ENOMEM, 0, 0, "out of memory");
  apply_defaults(r, o);
  int rc = saddr__cache_init(
      &r->cache,
      (o->flags & SADDR_RESOLVER_NO_CACHE)
          ? 0
          : (o->cache_size ? o->cache_size : DEFAULT_CACHE_SIZE),
      o->cache_max_ttl ? o->cache_max_ttl : DEFAULT_CACHE_TTL);
  if (rc != 0) {
    saddr__fail(err, rc, 0, 0, "out of memory");
    goto fail;
  }
  r->services = saddr_services_open(o->services_path);
  if (!(o->flags & SADDR_RESOLVER_NO_HOSTS))
    r->hosts = saddr_hosts_open(o->hosts_path);
  if (r->services == NULL ||
      (r->hosts == NULL && !(o->flags & SADDR_RESOLVER_NO_HOSTS))) {
    rc = saddr__fail(err, SADDR_ENOMEM, 0, 0, "out of memory");
    goto fail;
  }
  rc = saddr__tx_init(r, o, err);
  if (rc != 0)
    goto fail;
  *out = r;
  return 0;
fail:
  resolver_free(r);
  return rc;
}

void saddr__enter(saddr_resolver *r) { r->depth++; }

void saddr__leave(saddr_resolver *r) {
  if (--r->depth > 0)
    return;
  if (r->destroying)
    resolver_free(r);
  else
    saddr__lookup_reap(r);
}

void saddr_resolver_destroy(saddr_resolver *r) {
  if (r == NULL || r->destroying)
    return;
  saddr__enter(r);
  r->destroying = true;
  if (r->client)
    r->client->destroy(r->client_state);
  while (saddr__dl_first(r))
    saddr__lookup_end(saddr__dl_first(r), SADDR_EDESTROYED, "destroyed");
  saddr__leave(r);
}

int saddr_resolve(saddr_resolver *r, const char *text, size_t len,
                  const saddr_hints *hints, unsigned deadline_ms,
                  saddr_resolve_cb cb, void *data, saddr_request_id *id) {
  if (r == NULL || cb == NULL || (text == NULL && len > 0))
    return SADDR_EINVAL;
  if (r->destroying)
    return SADDR_EDESTROYED;
  saddr_request_id my = r->next_id++;
  if (id != NULL)
    *id = my;
  r->stats.requests++;
  saddr__enter(r);
  saddr__lookup_start(r, text, len, hints, deadline_ms, cb, data, my);
  saddr__leave(r);
  return 0;
}

int saddr_resolver_cancel(saddr_resolver *r, saddr_request_id id) {
  if (r == NULL || r->destroying)
    return SADDR_EINVAL;
  saddr__rq *rq = saddr__rq_find(r, id);
  if (rq == NULL)
    return SADDR_EINVAL;
  saddr__enter(r);
  saddr__lookup_end(rq, SADDR_ECANCELED, "cancelled");
  saddr__leave(r);
  return 0;
}

/* c-ares may not be re-entered from its own callbacks, so processing asked
 * for inside a callback does nothing; the outer call carries on. */
void saddr_resolver_process(saddr_resolver *r, int fd, unsigned events) {
  if (r == NULL || r->depth > 0)
    return;
  saddr__enter(r);
  saddr__loop_process(r, fd, events);
  saddr__leave(r);
}

size_t saddr_resolver_pending(const saddr_resolver *r) {
  return r ? r->live + (r->client ? r->client->pending(r->client_state) : 0)
           : 0;
}

void saddr_resolver_stats_get(const saddr_resolver *r,
                              saddr_resolver_stats *out) {
  if (out == NULL)
    return;
  if (r == NULL) {
    memset(out, 0, sizeof(*out));
    return;
  }
  *out               = r->stats;
  out->inflight      = r->inflight;
  out->cache_entries = r->cache.count;
  size_t q           = 0;
  for (const saddr__rq *rq = r->q_head; rq; rq = rq->q_next)
    q += !rq->done;
  out->queued = q;
}
