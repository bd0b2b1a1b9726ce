/* The lookup pipeline: local answers first, then the hosts file, the cache
 * and DNS, one query per family (AAAA and A travel separately), behind a
 * bounded number of queries in flight.
 *
 * Memory: a request (saddr__rq) belongs to the send queue while it waits
 * there and to this file otherwise; its queries (saddr__sq) belong to
 * c-ares while sent. Completing a request (the user's callback) and freeing
 * its memory are separate steps: a request completed by its deadline, a
 * cancel or a destroy leaves its unanswered queries behind ("abandoned"),
 * which stop counting against the in-flight bound at once and count
 * against their own cap instead; their late answers still fill the cache. */
#include "local/local.h"
#include "resolve/resolve.h"

#include <stdlib.h>
#include <string.h>

static const saddr_error no_error;

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

/* ---- Queries ------------------------------------------------------------- */

static void sq_free(saddr__sq *sq) {
  free(sq->raw);
  free(sq);
}

static saddr__sq *sq_new(saddr__rq *rq, int family) {
  saddr__sq *sq = calloc(1, sizeof(*sq));
  if (sq == NULL)
    return NULL;
  sq->r      = rq->r;
  sq->rq     = rq;
  sq->family = family;
  sq->qtype  = family == AF_INET6 ? SADDR__DNS_T_AAAA : SADDR__DNS_T_A;
  sq->status = SADDR__SQ_PENDING;
  memcpy(sq->host, rq->host, sizeof(sq->host));
  if (!saddr__dname_from_text(rq->host, strlen(rq->host), &sq->qname)) {
    free(sq);
    return NULL;
  }
  sq->qhash = saddr__dns_qhash(&sq->qname, sq->qtype);
  return sq;
}

/* A query answered from the cache needs no DNS. */
static void sq_from_cache(saddr_resolver *r, saddr__sq *sq) {
  sq->count =
      saddr__cache_raw(&r->cache, sq->family, sq->host, saddr__cache_now_ms(),
                       &sq->raw, sq->canonical, sizeof(sq->canonical));
  if (sq->count > 0) {
    sq->status = 0;
    sq->cached = true;
  }
}

/* The addresses of a reply c-ares accepted, or why there are none. */
static int read_reply(saddr__sq *sq, const unsigned char *abuf, size_t alen) {
  saddr__dns_answer ans;
  int rc = saddr__dns_read(abuf, alen, &sq->qname, sq->qtype, &ans);
  if (rc == SADDR__DNS_NOMEM)
    return SADDR_ENOMEM;
  if (rc != SADDR__DNS_OK)
    return SADDR_EBADRESP;
  int st = saddr__rcode_status(ans.rcode);
  if (st == 0 && ans.count == 0)
    st = SADDR_ENODATA;
  if (st == 0) {
    sq->raw = calloc(ans.count, sizeof(*sq->raw));
    if (sq->raw == NULL)
      st = SADDR_ENOMEM;
  }
  for (size_t i = 0; st == 0 && i < ans.count; i++) {
    sq->raw[i].family = sq->family;
    sq->raw[i].ttl    = ans.addr[i].ttl;
    memcpy(sq->raw[i].a, ans.addr[i].a, 16);
  }
  if (st == 0) {
    sq->count = ans.count;
    memcpy(sq->canonical, ans.canonical, sizeof(sq->canonical));
  }
  free(ans.addr);
  return st;
}

static void cache_answer(saddr_resolver *r, const saddr__sq *sq) {
  uint32_t ttl = UINT32_MAX;
  for (size_t i = 0; i < sq->count; i++)
    if (sq->raw[i].ttl < ttl)
      ttl = sq->raw[i].ttl;
  saddr__cache_put(&r->cache, sq->family, sq->host,
                   sq->canonical[0] ? sq->canonical : sq->host, sq->raw,
                   sq->count, ttl, saddr__cache_now_ms());
}

/* ---- Requests ------------------------------------------------------------ */

/* A completed request that nobody holds any more goes to the dead list,
 * freed when the outermost public call returns (saddr__lookup_reap): the
 * code that completed it may still be looking at the lists it was on. */
static void rq_release(saddr__rq *rq) {
  if (rq->done && !rq->queued) {
    rq->q_next  = rq->r->dead;
    rq->r->dead = rq;
  }
}

void saddr__lookup_reap(saddr_resolver *r) {
  while (r->dead) {
    saddr__rq *rq = r->dead;
    r->dead       = rq->q_next;
    free(rq);
  }
}

/* The error of a request none of whose queries gave an address: a
 * failure of either family (server failure, timeout...) says more than
 * "no data"; "no such name" needs every family to say so. */
static int combined_error(const saddr__rq *rq) {
  bool all_nx = true;
  for (int i = 0; i < 2; i++) {
    const saddr__sq *sq = rq->sq[i];
    if (sq == NULL)
      continue;
    int st = sq->status == SADDR__SQ_PENDING
                 ? saddr__query_status(ARES_ETIMEOUT, sq->seen)
                 : sq->status;
    if (st != SADDR_ENOTFOUND && st != SADDR_ENODATA)
      return st;
    all_nx = all_nx && st == SADDR_ENOTFOUND;
  }
  return all_nx ? SADDR_ENOTFOUND : SADDR_ENODATA;
}

/* One result from the families that answered: IPv6 first, interleaved. */
static saddr_result *combine(const saddr__rq *rq, size_t n) {
  saddr__raw *raw = malloc(n * sizeof(*raw));
  if (raw == NULL)
    return NULL;
  size_t      k         = 0;
  const char *canonical = NULL;
  bool        cached    = true;
  for (int i = 0; i < 2; i++) {
    const saddr__sq *sq = rq->sq[i];
    if (sq == NULL || sq->status != 0)
      continue;
    memcpy(raw + k, sq->raw, sq->count * sizeof(*raw));
    k += sq->count;
    cached = cached && sq->cached;
    if (canonical == NULL && sq->canonical[0])
      canonical = sq->canonical;
  }
  saddr__interleave(raw, k);
  saddr_result *res = saddr__result_make(
      raw, k, &rq->st, rq->host, canonical ? canonical : rq->host,
      cached ? SADDR_SOURCE_CACHE : SADDR_SOURCE_DNS);
  free(raw);
  return res;
}

/* Hands the request's queries over: answered ones are freed, sent ones
 * are abandoned to c-ares. */
static void detach(saddr__rq *rq) {
  saddr_resolver *r = rq->r;
  for (int i = 0; i < 2; i++) {
    saddr__sq *sq = rq->sq[i];
    rq->sq[i]     = NULL;
    if (sq == NULL)
      continue;
    if (sq->status == SADDR__SQ_PENDING && sq->sent) {
      sq->rq = NULL;
      r->inflight--;
      r->abandoned++;
    } else {
      sq_free(sq);
    }
  }
}

/* Completes rq with what its queries have, or with status when status is
 * not 0 (cancel, destroy). */
static void finish(saddr__rq *rq, int status) {
  saddr_error   err;
  saddr_result *res = NULL;
  size_t        n   = 0;
  for (int i = 0; i < 2; i++)
    if (rq->sq[i] != NULL && rq->sq[i]->status == 0)
      n += rq->sq[i]->count;
  if (status == 0 && n > 0) {
    res = combine(rq, n);
    if (res == NULL)
      status = SADDR_ENOMEM;
  } else if (status == 0) {
    status = combined_error(rq);
  }
  if (status != 0)
    saddr__lookup_error(status, rq, &err);
  detach(rq);
  /* A queued request belongs to the queue, which frees it (the callback
   * may already have made the queue do so). */
  bool queued = rq->queued;
  if (!queued) {
    rq->done = true;
    rq_release(rq);
  }
  saddr__rq_callback(rq, status, res, status ? &err : NULL);
}

/* A query of rq finished: the request completes when every query has, or
 * a family delay after the first address arrived. */
static void progress(saddr__rq *rq) {
  bool pending = false, answered = false;
  for (int i = 0; i < 2; i++) {
    const saddr__sq *sq = rq->sq[i];
    pending  = pending || (sq != NULL && sq->status == SADDR__SQ_PENDING);
    answered = answered || (sq != NULL && sq->status == 0);
  }
  if (!pending)
    finish(rq, 0);
  else if (answered && rq->family_delay_ms > 0)
    saddr__dl_move(rq->r, rq, saddr__now_ms() + rq->family_delay_ms);
}

/* c-ares before 1.2x ends every query in flight to a server when one of
 * its connections fails (a TCP answer cut, say), a try used up at each
 * failure: queries that saw nothing wrong themselves are asked again, at
 * most twice, while their request waits, so that they end as they would on
 * any other version. */
static bool innocent_victim(const saddr__sq *sq, int status) {
  return status == ARES_ECONNREFUSED && sq->rq != NULL && !sq->rq->done &&
         (sq->seen & ~SADDR__SEEN_ANSWERED) == 0 && sq->resends < 2 &&
         saddr__now_ms() < sq->rq->hard && !sq->r->destroying;
}

void saddr__lookup_answer(saddr__sq *sq, int status, const unsigned char *abuf,
                          size_t alen) {
  saddr_resolver *r  = sq->r;
  saddr__rq      *rq = sq->rq;
  if (rq != NULL)
    r->inflight--;
  else
    r->abandoned--;
  if (status == ARES_EDESTRUCTION || status == ARES_ECANCELLED) {
    if (rq == NULL)
      sq_free(sq);
    else
      sq->status = SADDR_EDESTROYED;
    return;
  }
  if (innocent_victim(sq, status)) {
    sq->resends++;
    r->inflight++;
    saddr__tx_send(r, sq);
    return;
  }
  if (status == ARES_SUCCESS && abuf != NULL)
    sq->status = read_reply(sq, abuf, alen);
  else
    sq->status = saddr__query_status(status, sq->seen);
  if (sq->status == 0)
    cache_answer(r, sq);
  if (rq == NULL)
    sq_free(sq);
  else if (!rq->done)
    progress(rq);
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
  rq->host_off = p->host_offset;
  rq->host_len = p->host_length;
  memcpy(rq->host, p->host, sizeof(rq->host));
  rq->hard     = saddr__now_ms() + (deadline_ms ? deadline_ms : r->deadline_ms);
  rq->deadline = rq->hard;
  int fam      = ai_family_of(p->family);
  for (int i = 0; i < 2; i++) {
    int f = i == 0 ? AF_INET6 : AF_INET;
    if (fam != AF_UNSPEC && fam != f)
      continue;
    rq->sq[i] = sq_new(rq, f);
    if (rq->sq[i] == NULL) {
      rq->done = true;
      detach(rq);
      free(rq);
      return NULL;
    }
    sq_from_cache(r, rq->sq[i]);
    rq->queries += rq->sq[i]->status == SADDR__SQ_PENDING;
  }
  return rq;
}

/* A request whose every family is in the cache is answered at once, from
 * the entries into its result, without a request or query objects (a hit
 * is the common case of a busy client: this is its whole cost). */
static bool from_cache(saddr_resolver *r, const saddr_parsed *p,
                       saddr_resolve_cb cb, void *data) {
  saddr__stamp st;
  saddr_error  err;
  bool         hit;
  stamp_of(p, &st);
  saddr_result *res =
      saddr__cache_get(&r->cache, ai_family_of(p->family), p->host, &st,
                       saddr__cache_now_ms(), &hit);
  if (!hit)
    return false;
  r->stats.cache_hits++;
  if (res == NULL)
    saddr__host_error(SADDR_ENOMEM, p->host, p->host_offset, p->host_length,
                      &err);
  deliver(cb, data, res, &err);
  return true;
}

static void start_dns(saddr_resolver *r, const saddr_parsed *p,
                      const saddr_hints *h, unsigned deadline_ms,
                      saddr_resolve_cb cb, void *data, saddr_request_id id) {
  if (from_cache(r, p, cb, data))
    return;
  saddr__rq *rq = rq_new(r, p, deadline_ms, cb, data, id);
  if (rq == NULL) {
    deliver(cb, data, NULL, NULL);
    return;
  }
  rq->family_delay_ms =
      h->family_delay_ms ? h->family_delay_ms : r->family_delay_ms;
  saddr__dl_insert(r, rq);
  r->live++;
  if (rq->queries == 0) {
    r->stats.cache_hits++;
    finish(rq, 0);
    return;
  }
  rq->queued = true;
  if (r->q_tail)
    r->q_tail->q_next = rq;
  else
    r->q_head = rq;
  r->q_tail = rq;
  r->stats.dns++;
  saddr__pump(r);
}

void saddr__lookup_start(saddr_resolver *r, const char *text, size_t len,
                         const saddr_hints *hints, unsigned deadline_ms,
                         saddr_resolve_cb cb, void *data, saddr_request_id id) {
  saddr_hints  h = hints ? *hints : (saddr_hints){0};
  saddr_parsed p;
  saddr_error  err;
  bool         found;
  h.flags |= SADDR_DEFER;
  if (saddr_parse(text ? text : "", len, &h, &p, &err) != 0 ||
      ((p.need & SADDR_NEED_SERVICE) &&
       saddr__service_complete(r->services, &p, &err) != 0)) {
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
  start_dns(r, &p, &h, deadline_ms, cb, data, id);
}

/* ---- The queue ----------------------------------------------------------- */

static void send_rq(saddr_resolver *r, saddr__rq *rq) {
  /* c-ares may answer inside ares_send (and complete rq): the request is
   * held as queued until both queries are out. */
  rq->queued = true;
  for (int i = 0; i < 2 && !rq->done; i++) {
    saddr__sq *sq = rq->sq[i];
    if (sq == NULL || sq->status != SADDR__SQ_PENDING)
      continue;
    r->inflight++;
    if (r->inflight > r->stats.inflight_max)
      r->stats.inflight_max = r->inflight;
    saddr__tx_send(r, sq);
  }
  rq->queued = false;
  rq_release(rq);
}

/* Sends from the head of the queue while the bounds allow; one request is
 * always allowed when nothing is in flight. Requests that completed while
 * queued (deadline, cancel) are only freed. */
void saddr__pump(saddr_resolver *r) {
  if (r->pumping)
    return;
  r->pumping = true;
  while (r->q_head && !r->destroying) {
    saddr__rq *rq = r->q_head;
    if (!rq->done &&
        (r->abandoned >= r->max_abandoned ||
         (r->inflight > 0 && r->inflight + rq->queries > r->max_inflight)))
      break;
    r->q_head = rq->q_next;
    if (r->q_head == NULL)
      r->q_tail = NULL;
    rq->queued = false;
    if (rq->done)
      free(rq);
    else
      send_rq(r, rq);
  }
  r->pumping = false;
}

void saddr__expire(saddr_resolver *r, uint64_t now) {
  saddr__rq *rq;
  while ((rq = saddr__dl_first(r)) != NULL && rq->deadline <= now &&
         !r->destroying) {
    bool answered = false;
    for (int i = 0; i < 2; i++)
      answered = answered || (rq->sq[i] && rq->sq[i]->status == 0);
    if (!answered)
      r->stats.timeouts++;
    finish(rq, 0);
  }
}

void saddr__lookup_end(saddr__rq *rq, int status, const char *why) {
  SADDR__UNUSED(why);
  finish(rq, status);
}

void saddr__lookup_free(saddr_resolver *r) {
  saddr__lookup_reap(r);
  while (r->q_head) {
    saddr__rq *rq = r->q_head;
    r->q_head     = rq->q_next;
    free(rq);
  }
  r->q_tail = NULL;
}
