/* Requests: local answers first, then the hosts file, the cache and c-ares,
 * behind a bounded number of queries in flight. A request's memory belongs
 * to the send queue while it waits and to c-ares once sent; completing it
 * (callback) and freeing it are separate steps, so that a deadline, a
 * cancel or a destroy can answer the caller while c-ares still holds it. */
#include "resolve/resolve.h"

#include <stdlib.h>
#include <string.h>

static const saddr_error no_error;

static void dl_insert(saddr_resolver *r, saddr__rq *rq) {
  saddr__rq *after = r->dl_tail;
  while (after && after->deadline > rq->deadline)
    after = after->dl_prev;
  rq->dl_prev = after;
  rq->dl_next = after ? after->dl_next : r->dl_head;
  if (rq->dl_next)
    rq->dl_next->dl_prev = rq;
  else
    r->dl_tail = rq;
  if (after)
    after->dl_next = rq;
  else
    r->dl_head = rq;
}

static void dl_unlink(saddr_resolver *r, saddr__rq *rq) {
  if (rq->dl_prev)
    rq->dl_prev->dl_next = rq->dl_next;
  else
    r->dl_head = rq->dl_next;
  if (rq->dl_next)
    rq->dl_next->dl_prev = rq->dl_prev;
  else
    r->dl_tail = rq->dl_prev;
  rq->dl_prev = rq->dl_next = NULL;
}

void saddr__complete(saddr__rq *rq, int status, saddr_result *res,
                     const saddr_error *err) {
  saddr_resolver *r = rq->r;
  rq->done          = true;
  dl_unlink(r, rq);
  r->live--;
  rq->cb(rq->data, status, res, err ? err : &no_error);
}

/* Delivers an answer found without a request object. */
static void deliver(saddr_resolve_cb cb, void *data, saddr_result *res,
                    const saddr_error *err) {
  saddr_error oom;
  if (res == NULL && err == NULL) {
    saddr__fail(&oom, SADDR_ENOMEM, 0, 0, "out of memory");
    err = &oom;
  }
  cb(data, res ? 0 : err->code, res, res ? &no_error : err);
}

static int ai_family_of(int family) {
  if (family == AF_INET || family == AF_RDS)
    return AF_INET;
  return family == AF_INET6 ? AF_INET6 : AF_UNSPEC;
}

static void stamp_of(const saddr_parsed *p, saddr__stamp *st) {
  st->family   = p->family;
  st->type     = p->type;
  st->protocol = p->protocol;
  st->flags    = p->flags;
  st->port     = p->port;
}

/* The hosts file answers before DNS; a name it does not hold (or a file
 * that cannot be read) falls through to DNS, as in glibc. */
static saddr_result *from_hosts(saddr_resolver *r, const saddr_parsed *p,
                                bool *found) {
  saddr_addr  addr[SADDR_HOSTS_ADDRS_MAX];
  saddr__raw  raw[SADDR_HOSTS_ADDRS_MAX];
  size_t      count = 0;
  saddr_error err;
  *found = false;
  if (r->hosts == NULL)
    return NULL;
  int rc = saddr_hosts_lookup(r->hosts, p->host, strlen(p->host),
                              ai_family_of(p->family), addr,
                              SADDR_HOSTS_ADDRS_MAX, &count, &err);
  if ((rc != 0 && rc != SADDR_ENOSPACE) || count == 0)
    return NULL;
  if (count > SADDR_HOSTS_ADDRS_MAX)
    count = SADDR_HOSTS_ADDRS_MAX;
  memset(raw, 0, count * sizeof(*raw));
  for (size_t i = 0; i < count; i++) {
    raw[i].family = addr[i].sa.sa.sa_family;
    if (raw[i].family == AF_INET) {
      memcpy(raw[i].a, &addr[i].sa.in.sin_addr, 4);
    } else {
      memcpy(raw[i].a, &addr[i].sa.in6.sin6_addr, 16);
      raw[i].scope = addr[i].sa.in6.sin6_scope_id;
    }
  }
  saddr__stamp st;
  stamp_of(p, &st);
  *found = true;
  return saddr__result_make(raw, count, &st, p->host, p->host,
                            SADDR_SOURCE_HOSTS);
}

static saddr__rq *rq_new(saddr_resolver *r, const saddr_parsed *p,
                         unsigned deadline_ms, saddr_resolve_cb cb, void *data,
                         saddr_request_id id) {
  saddr__rq *rq = calloc(1, sizeof(*rq));
  if (rq == NULL)
    return NULL;
  rq->r    = r;
  rq->id   = id;
  rq->cb   = cb;
  rq->data = data;
  stamp_of(p, &rq->st);
  rq->ai_family = ai_family_of(p->family);
  rq->queries   = rq->ai_family == AF_UNSPEC ? 2 : 1;
  rq->host_off  = p->host_offset;
  rq->host_len  = p->host_length;
  memcpy(rq->host, p->host, sizeof(rq->host));
  rq->deadline = saddr__now_ms() + (deadline_ms ? deadline_ms : r->deadline_ms);
  return rq;
}

static void start_dns(saddr_resolver *r, const saddr_parsed *p,
                      unsigned deadline_ms, saddr_resolve_cb cb, void *data,
                      saddr_request_id id) {
  saddr__rq *rq = rq_new(r, p, deadline_ms, cb, data, id);
  if (rq == NULL) {
    deliver(cb, data, NULL, NULL);
    return;
  }
  dl_insert(r, rq);
  r->live++;
  rq->queued = true;
  if (r->q_tail)
    r->q_tail->q_next = rq;
  else
    r->q_head = rq;
  r->q_tail = rq;
  r->stats.dns++;
  saddr__pump(r);
}

/* Finds the port of a service name; error offsets move into the text. */
static int service_port(saddr_resolver *r, saddr_parsed *p, saddr_error *err) {
  /* Only name lookups fill p->type; literals carry it in their address. */
  int type  = p->count > 0 ? p->addr[0].type : p->type;
  int proto = p->count > 0 ? p->addr[0].protocol : p->protocol;
  int rc    = saddr_services_lookup_proto(
         r->services, p->service, strlen(p->service), type, proto, &p->port, err);
  if (rc != 0)
    err->offset =
        p->service_offset + (err->offset < p->service_length ? err->offset : 0);
  else
    for (size_t i = 0; i < p->count; i++)
      saddr__set_port(&p->addr[i], p->port);
  return rc;
}

static void answer(saddr_resolver *r, const char *text, size_t len,
                   const saddr_hints *hints, unsigned deadline_ms,
                   saddr_resolve_cb cb, void *data, saddr_request_id id) {
  saddr_hints  h = hints ? *hints : (saddr_hints){0};
  saddr_parsed p;
  saddr_error  err;
  bool         found;
  h.flags |= SADDR_DEFER;
  if (saddr_parse(text ? text : "", len, &h, &p, &err) != 0 ||
      ((p.need & SADDR_NEED_SERVICE) && service_port(r, &p, &err) != 0)) {
    deliver(cb, data, NULL, &err);
    return;
  }
  if (!(p.need & SADDR_NEED_HOST)) {
    r->stats.local++;
    deliver(cb, data,
            saddr__result_copy(p.addr, p.count, "", SADDR_SOURCE_LOCAL), NULL);
    return;
  }
  saddr_result *res = from_hosts(r, &p, &found);
  if (found) {
    r->stats.hosts++;
    deliver(cb, data, res, NULL);
    return;
  }
  saddr__stamp st;
  stamp_of(&p, &st);
  res = saddr__cache_get(&r->cache, ai_family_of(p.family), p.host, &st,
                         saddr__now_ms(), &found);
  if (found) {
    r->stats.cache_hits++;
    deliver(cb, data, res, NULL);
    return;
  }
  start_dns(r, &p, deadline_ms, cb, data, id);
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
  answer(r, text, len, hints, deadline_ms, cb, data, my);
  saddr__leave(r);
  return 0;
}

int saddr_resolver_cancel(saddr_resolver *r, saddr_request_id id) {
  if (r == NULL || r->destroying)
    return SADDR_EINVAL;
  saddr__rq *rq = r->dl_head;
  while (rq && rq->id != id)
    rq = rq->dl_next;
  if (rq == NULL)
    return SADDR_EINVAL;
  saddr_error err;
  saddr__fail(&err, SADDR_ECANCELED, rq->host_off, rq->host_len,
              "lookup of %s cancelled", rq->host);
  saddr__enter(r);
  saddr__complete(rq, SADDR_ECANCELED, NULL, &err);
  saddr__leave(r);
  return 0;
}

void saddr__expire(saddr_resolver *r, uint64_t now) {
  while (r->dl_head && r->dl_head->deadline <= now && !r->destroying) {
    saddr__rq  *rq = r->dl_head;
    saddr_error err;
    saddr__fail(&err, SADDR_ETIMEDOUT, rq->host_off, rq->host_len,
                "no answer for %s within the deadline", rq->host);
    r->stats.timeouts++;
    saddr__complete(rq, SADDR_ETIMEDOUT, NULL, &err);
  }
}
