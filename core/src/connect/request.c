/* Layer 5 of the connect helper, the top with sync.c: starting a connect
 * (saddr_connect), cancelling it, and the result's accessors. The spec is
 * parsed once to decide how to resolve it (not at all, one request, or
 * IPv6 and IPv4 separately so that each family's answer is used as it
 * arrives), then lookups feed the destination list and the resolution
 * delay decides when attempts start. */
#include "connect/connect.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RESOLUTION_DELAY_US (SADDR_CONNECT_RESOLUTION_DELAY_MS * 1000u)
#define ATTEMPT_DELAY_US    (SADDR_CONNECT_ATTEMPT_DELAY_MS * 1000u)
#define ATTEMPT_DELAY_MIN   (SADDR_CONNECT_ATTEMPT_DELAY_MIN * 1000u)

static bool is_ip(int family) {
  return family == AF_UNSPEC || family == AF_INET || family == AF_INET6;
}

/* The first answer of an AF_UNSPEC pair starts attempts at once when it
 * is IPv6 (or when nothing else is coming); an IPv4 answer first waits for
 * the resolution delay. Failed lookups never hold attempts back. */
static void on_answer(void *data, int status, saddr_result *res,
                      const saddr_error *err) {
  saddr__sub  *s = data;
  saddr__conn *c = s->c;
  s->pending     = false;
  s->status      = status;
  s->err         = *err;
  if (c->done) {
    saddr_result_free(res);
    return;
  }
  saddr__hub_enter(c->hub);
  bool added = status == 0 && res != NULL;
  if (added && !saddr__cand_add(c, res->addr, res->count)) {
    saddr_error oom;
    saddr__fail(&oom, SADDR_ENOMEM, 0, c->text_len, "out of memory");
    saddr__conn_finish(c, SADDR_ENOMEM, &oom, ECANCELED);
  }
  saddr_result_free(res);
  bool     other = c->nsub == 2 && c->sub[s == &c->sub[0] ? 1 : 0].pending;
  uint64_t now   = saddr__now_us();
  if (!c->started && added && s->family == AF_INET && other)
    c->rd_until = now + c->resolution_delay;
  else if (!c->started && (added || c->ncand > 0 || !other))
    c->started = true;
  if (!c->done)
    saddr__conn_schedule(c, now);
  saddr__hub_leave(c->hub);
}

static unsigned left_ms(const saddr__conn *c) {
  uint64_t now = saddr__now_us();
  return c->deadline > now ? (unsigned)((c->deadline - now + 999) / 1000) : 1;
}

static void lookup(saddr__conn *c, const char *text, size_t len,
                   const saddr_hints *hints, int family) {
  saddr__sub *s = &c->sub[c->nsub++];
  saddr_hints h = hints ? *hints : (saddr_hints){0};
  if (family != AF_UNSPEC)
    h.family = family;
  s->c       = c;
  s->family  = family;
  s->pending = true;
  if (saddr_resolve(c->hub->r, text, len, &h, left_ms(c), on_answer, s,
                    &s->id) != 0)
    s->pending = false;
}

/* Whether the hosts file answers the name: then one request gets every
 * family from it, and no DNS query is made for the family it lacks. */
static bool in_hosts(saddr_resolver *r, const saddr_parsed *p) {
  saddr_addr  one;
  size_t      count = 0;
  saddr_error err;
  if (r->hosts == NULL)
    return false;
  int rc = saddr_hosts_lookup(r->hosts, p->host, strlen(p->host), AF_UNSPEC,
                              &one, 1, &count, &err);
  return rc == 0 || rc == SADDR_ENOSPACE;
}

static int parse_source(saddr__conn *c, const saddr_connect_opts *o,
                        saddr_error *err) {
  if (o == NULL || o->source == NULL)
    return 0;
  saddr_parsed p;
  int          rc = saddr_parse(o->source, o->source_len, NULL, &p, err);
  if (rc != 0) {
    char why[SADDR_MESSAGE_MAX];
    memcpy(why, err->message, sizeof(why));
    why[sizeof(why) - 1] = '\0';
    size_t off = err->offset, n = err->length;
    saddr__fail(err, rc, off, n, "source address: %s", why);
    return rc;
  }
  c->nsrc = p.count;
  memcpy(c->src, p.addr, p.count * sizeof(p.addr[0]));
  return 0;
}

/* Parses the spec and starts what it needs. Errors complete the connect. */
static void begin(saddr__conn *c, const char *text, size_t len,
                  const saddr_hints *hints, const saddr_connect_opts *o) {
  saddr_hints  h = hints ? *hints : (saddr_hints){0};
  saddr_parsed p;
  saddr_error  err;
  h.flags |= SADDR_DEFER;
  int rc = parse_source(c, o, &err);
  if (rc == 0)
    rc = saddr_parse(text, len, &h, &p, &err);
  if (rc != 0) {
    saddr__conn_finish(c, rc, &err, ECANCELED);
    return;
  }
  int family = p.count > 0 ? p.addr[0].family : p.family;
  int type   = p.count > 0 ? p.addr[0].type : p.type;
  c->race    = is_ip(family) && type == SOCK_STREAM;
  if (!(p.need & (SADDR_NEED_HOST | SADDR_NEED_SERVICE))) {
    c->started = true;
    if (!saddr__cand_add(c, p.addr, p.count)) {
      saddr__fail(&err, SADDR_ENOMEM, 0, len, "out of memory");
      saddr__conn_finish(c, SADDR_ENOMEM, &err, ECANCELED);
      return;
    }
    saddr__conn_schedule(c, saddr__now_us());
  } else if ((p.need & SADDR_NEED_HOST) && c->race && p.family == AF_UNSPEC &&
             !in_hosts(c->hub->r, &p)) {
    lookup(c, text, len, hints, AF_INET6);
    if (!c->done)
      lookup(c, text, len, hints, AF_INET);
  } else {
    lookup(c, text, len, hints, AF_UNSPEC);
  }
}

static void configure(saddr__conn *c, const saddr_connect_opts *o,
                      unsigned deadline_ms) {
  c->t0 = saddr__now_us();
  c->deadline =
      c->t0 +
      (uint64_t)(deadline_ms ? deadline_ms : c->hub->r->deadline_ms) * 1000u;
  c->attempt_delay    = ATTEMPT_DELAY_US;
  c->resolution_delay = RESOLUTION_DELAY_US;
  if (o == NULL)
    return;
  c->flags = o->flags;
  if (o->attempt_delay_ms > 0)
    c->attempt_delay = (uint64_t)o->attempt_delay_ms * 1000u;
  if (c->attempt_delay < ATTEMPT_DELAY_MIN)
    c->attempt_delay = ATTEMPT_DELAY_MIN;
  if (o->resolution_delay_ms > 0)
    c->resolution_delay = (uint64_t)o->resolution_delay_ms * 1000u;
  c->max_parallel = o->max_parallel;
}

int saddr_connect(saddr_resolver *r, const char *text, size_t len,
                  const saddr_hints *hints, unsigned deadline_ms,
                  const saddr_connect_opts *opts, saddr_connect_cb cb,
                  void *data, saddr_request_id *id) {
  if (r == NULL || cb == NULL || (text == NULL && len > 0))
    return SADDR_EINVAL;
  if (r->destroying)
    return SADDR_EDESTROYED;
  saddr__hub      *h  = saddr__hub_get(r);
  saddr__conn     *c  = h ? saddr__conn_new(h) : NULL;
  saddr_request_id my = r->next_id++;
  if (id != NULL)
    *id = my;
  if (c == NULL) {
    saddr_error err;
    saddr__fail(&err, SADDR_ENOMEM, 0, len, "out of memory");
    cb(data, SADDR_ENOMEM, NULL, &err);
    return 0;
  }
  c->id       = my;
  c->cb       = cb;
  c->data     = data;
  c->text_len = len;
  memcpy(c->text, text ? text : "",
         len < sizeof(c->text) ? len : sizeof(c->text));
  configure(c, opts, deadline_ms);
  if (h->tail)
    h->tail->next = c;
  else
    h->head = c;
  h->tail = c;
  h->live++;
  saddr__enter(r);
  saddr__hub_enter(h);
  begin(c, text ? text : "", len, hints, opts);
  saddr__hub_leave(h);
  saddr__leave(r);
  return 0;
}

int saddr_connect_cancel(saddr_resolver *r, saddr_request_id id) {
  char what[SADDR__WHAT_MAX];
  if (r == NULL || r->destroying || r->client == NULL)
    return SADDR_EINVAL;
  saddr__hub  *h = r->client_state;
  saddr__conn *c = h->head;
  while (c && (c->id != id || c->done))
    c = c->next;
  if (c == NULL)
    return SADDR_EINVAL;
  saddr_error err;
  saddr__fail(&err, SADDR_ECANCELED, 0, c->text_len, "connect to %s cancelled",
              saddr__what(c, what));
  saddr__enter(r);
  saddr__hub_enter(h);
  saddr__conn_finish(c, SADDR_ECANCELED, &err, ECANCELED);
  saddr__hub_leave(h);
  saddr__leave(r);
  return 0;
}

int saddr_connection_local(const saddr_connection *c, saddr_addr *out,
                           saddr_error *err) {
  if (c == NULL || out == NULL || c->fd < 0)
    return saddr__fail(err, SADDR_EINVAL, 0, 0,
                       "saddr_connection_local needs an open connection");
  memset(out, 0, sizeof(*out));
  socklen_t len = sizeof(out->sa);
  if (getsockname(c->fd, &out->sa.sa, &len) != 0) {
    int e = errno;
    saddr__fail(err, SADDR_ESYS, 0, 0, "getsockname: %s", strerror(e));
    if (err != NULL)
      err->sys_errno = e;
    return SADDR_ESYS;
  }
  out->len      = len;
  out->family   = c->peer.family;
  out->type     = c->peer.type;
  out->protocol = c->peer.protocol;
  return 0;
}

void saddr_connection_free(saddr_connection *c) {
  if (c == NULL)
    return;
  if (c->fd >= 0)
    close(c->fd);
  free(c);
}
