/* The resolver object: options, the c-ares channel, and teardown that is
 * safe from inside callbacks. */
#include "resolve/resolve.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_DEADLINE_MS  5000u
#define DEFAULT_MAX_INFLIGHT 64u
#define DEFAULT_CACHE_SIZE   1024u
#define DEFAULT_CACHE_TTL    3600u
#define EXPLICIT_TIMEOUT_MS  1000
#define EXPLICIT_TRIES       3

/* ares_library_init is reference-counted without a lock; one call for the
 * life of the process keeps concurrent resolver creation safe. */
static pthread_once_t cares_once = PTHREAD_ONCE_INIT;
static int            cares_status;
static void           cares_init(void) {
            cares_status = ares_library_init(ARES_LIB_INIT_ALL);
}

/* Appends one server, validated as an IP literal with port 53 by default,
 * to the comma-separated list c-ares reads. */
static int add_server(const char *text, saddr__buf *csv, saddr_error *err) {
  saddr_hints hints = {.flags = SADDR_SYNTAX_COMPACT | SADDR_DEFAULT_PORT,
                       .default_port = 53};
  saddr_addr  addr;
  size_t      len = strlen(text);
  int         rc  = saddr_parse_addr(text, len, &hints, &addr, err);
  if (rc != 0 && rc != SADDR_ERESOLVE)
    return rc;
  if (rc != 0 || (addr.family != AF_INET && addr.family != AF_INET6))
    return saddr__fail(err, SADDR_EINVAL, 0, len,
                       "DNS server must be an IP address: %s", text);
  if (addr.flags & SADDR_ADDR_WILDCARD)
    return saddr__fail(err, SADDR_EINVAL, 0, len,
                       "DNS server cannot be a wildcard address: %s", text);
  char out[SADDR_FORMAT_MAX];
  rc = saddr_format_addr(&addr, SADDR_FORMAT_COMPACT, out, sizeof(out), err);
  if (rc < 0)
    return rc;
  if (csv->n > 0)
    saddr__putc(csv, ',');
  saddr__puts(csv, out);
  return 0;
}

static int set_servers(saddr_resolver *r, const saddr_resolver_options *o,
                       saddr_error *err) {
  size_t cap  = o->nservers * (SADDR_FORMAT_MAX + 1);
  char  *text = malloc(cap);
  if (text == NULL)
    return saddr__fail(err, SADDR_ENOMEM, 0, 0, "out of memory");
  saddr__buf csv = {.p = text, .cap = cap};
  int        rc  = 0;
  for (size_t i = 0; i < o->nservers && rc == 0; i++)
    rc = o->servers[i] == NULL
             ? saddr__fail(err, SADDR_EINVAL, 0, 0, "NULL DNS server")
             : add_server(o->servers[i], &csv, err);
  saddr__putc(&csv, '\0');
  if (rc == 0 && ares_set_servers_ports_csv(r->ch, text) != ARES_SUCCESS)
    rc =
        saddr__fail(err, SADDR_EINVAL, 0, 0, "c-ares refused servers %s", text);
  free(text);
  return rc;
}

/* With explicit servers nothing of the system configuration may apply:
 * resolv.conf is replaced by an empty file, and the search list, ndots,
 * rotation and HOSTALIASES are set so that the environment cannot
 * override them. Lookups are always DNS only: saddr reads hosts itself. */
static int channel_init(saddr_resolver *r, const saddr_resolver_options *o,
                        saddr_error *err) {
  struct ares_options ao;
  memset(&ao, 0, sizeof(ao));
  int mask              = ARES_OPT_SOCK_STATE_CB | ARES_OPT_LOOKUPS;
  ao.sock_state_cb      = saddr__on_sock_state;
  ao.sock_state_cb_data = r;
  ao.lookups            = (char *)"b";
  bool explicit         = o->nservers > 0;
  if (explicit) {
    mask |= ARES_OPT_FLAGS | ARES_OPT_NDOTS | ARES_OPT_DOMAINS |
            ARES_OPT_NOROTATE | ARES_OPT_RESOLVCONF;
    ao.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES;
    /* c-ares 1.18 turns SERVFAIL and REFUSED into "could not contact DNS
     * servers" while it fails over. With one server there is nowhere to
     * fail over to, so the answer is passed through and its RCODE tells
     * what happened. */
    if (o->nservers == 1)
      ao.flags |= ARES_FLAG_NOCHECKRESP;
    ao.ndots           = 1;
    ao.resolvconf_path = (char *)"/dev/null";
  }
  if (o->timeout_ms > 0 || explicit) {
    mask |= ARES_OPT_TIMEOUTMS;
    ao.timeout = o->timeout_ms > 0 ? (int)o->timeout_ms : EXPLICIT_TIMEOUT_MS;
  }
  if (o->tries > 0 || explicit) {
    mask |= ARES_OPT_TRIES;
    ao.tries = o->tries > 0 ? (int)o->tries : EXPLICIT_TRIES;
  }
#ifdef ARES_OPT_QUERY_CACHE
  /* saddr has its own cache; c-ares's (1.23+, on by default since 1.31)
   * would answer behind its back. */
  mask |= ARES_OPT_QUERY_CACHE;
  ao.qcache_max_ttl = 0;
#endif
  int st = ares_init_options(&r->ch, &ao, mask);
  if (st != ARES_SUCCESS)
    return saddr__fail(err, st == ARES_ENOMEM ? SADDR_ENOMEM : SADDR_ESYS, 0, 0,
                       "c-ares initialisation failed: %s", ares_strerror(st));
  return explicit ? set_servers(r, o, err) : 0;
}

static void apply_defaults(saddr_resolver *r, const saddr_resolver_options *o) {
  r->flags        = o->flags;
  r->deadline_ms  = o->deadline_ms ? o->deadline_ms : DEFAULT_DEADLINE_MS;
  r->max_inflight = o->max_inflight ? o->max_inflight : DEFAULT_MAX_INFLIGHT;
  r->watch_cb     = o->watch_cb;
  r->watch_data   = o->watch_data;
  r->next_id      = 1;
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
  rc = channel_init(r, o, err);
  if (rc != 0)
    goto fail;
  *out = r;
  return 0;
fail:
  saddr__resolver_free(r);
  return rc;
}

void saddr__resolver_free(saddr_resolver *r) {
  /* ares_destroy hands every abandoned query back to saddr's callback,
   * which frees it, and closes the sockets through the state callback. */
  if (r->ch != NULL)
    ares_destroy(r->ch);
  while (r->q_head) {
    saddr__rq *rq = r->q_head;
    r->q_head     = rq->q_next;
    free(rq);
  }
  if (r->client)
    r->client->free(r->client_state);
  saddr__cache_free(&r->cache);
  saddr_hosts_close(r->hosts);
  saddr_services_close(r->services);
  free(r->watch);
  free(r);
}

void saddr__enter(saddr_resolver *r) { r->depth++; }

void saddr__leave(saddr_resolver *r) {
  if (--r->depth == 0 && r->destroying)
    saddr__resolver_free(r);
}

void saddr_resolver_destroy(saddr_resolver *r) {
  if (r == NULL || r->destroying)
    return;
  saddr__enter(r);
  r->destroying = true;
  if (r->client)
    r->client->destroy(r->client_state);
  while (r->dl_head) {
    saddr__rq  *rq = r->dl_head;
    saddr_error err;
    saddr__fail(&err, SADDR_EDESTROYED, rq->host_off, rq->host_len,
                "resolver destroyed before %s was resolved", rq->host);
    saddr__complete(rq, SADDR_EDESTROYED, NULL, &err);
  }
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
