/* Layer 3 of the connect helper: connection attempts. A non-blocking
 * socket per destination (taken from order.c's list), started on the
 * schedule RFC 8305 gives, checked on readiness, and the completion that
 * builds the one result block the callback receives. It calls down into
 * order.c and conn.c only; the hub and the request start above it. */
#include "connect/connect.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void watch(saddr__conn *c, int fd, bool on) {
  saddr__watch_set(c->hub->r, fd, on ? SADDR_WATCH_WRITE : 0u);
}

static saddr__try *try_new(saddr__conn *c, const saddr_addr *a, uint64_t now) {
  if (c->ntries == c->captries &&
      !saddr__grow((void **)&c->tries, &c->captries, sizeof(*c->tries),
                   c->tries_inline))
    return NULL;
  saddr__try *t = &c->tries[c->ntries++];
  memset(t, 0, sizeof(*t));
  t->fd           = -1;
  t->rec.addr     = *a;
  t->rec.start_us = now - c->t0;
  return t;
}

static void try_end(saddr__conn *c, saddr__try *t, int outcome, int e) {
  if (t->fd >= 0) {
    c->running--;
    if (outcome != SADDR_ATTEMPT_CONNECTED) {
      watch(c, t->fd, false);
      close(t->fd);
      t->fd = -1;
    }
  }
  t->rec.outcome   = outcome;
  t->rec.sys_errno = e;
  t->rec.end_us    = saddr__now_us() - c->t0;
}

static const saddr_addr *source_for(const saddr__conn *c, int family) {
  for (size_t i = 0; i < c->nsrc; i++)
    if (c->src[i].sa.sa.sa_family == family)
      return &c->src[i];
  return NULL;
}

/* socket, options, source bind and connect: 0 when connected at once,
 * EINPROGRESS while the handshake runs, else the errno that ended it. */
static int open_and_connect(saddr__conn *c, saddr__try *t) {
  const saddr_addr *a   = &t->rec.addr;
  const saddr_addr *src = source_for(c, a->sa.sa.sa_family);
  if (c->nsrc > 0 && src == NULL)
    return EAFNOSUPPORT;
  int fd = socket(a->sa.sa.sa_family, a->type | SOCK_NONBLOCK | SOCK_CLOEXEC,
                  a->protocol);
  if (fd < 0)
    return errno;
  int one = 1, e = 0;
  if ((c->flags & SADDR_CONNECT_REUSEADDR) &&
      setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0)
    e = errno;
  if (e == 0 && (c->flags & SADDR_CONNECT_REUSEPORT) &&
      setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one)) != 0)
    e = errno;
  if (e == 0 && src != NULL && bind(fd, &src->sa.sa, src->len) != 0)
    e = errno;
  if (e == 0 && connect(fd, &a->sa.sa, a->len) != 0)
    e = errno;
  if (e != 0 && e != EINPROGRESS) {
    close(fd);
    return e;
  }
  t->fd = fd;
  c->running++;
  c->hub->opened++;
  return e;
}

static void win(saddr__conn *c, saddr__try *t);

/* Starts one attempt on the next destination. Returns false when there
 * was none to start. */
static bool start_next(saddr__conn *c, uint64_t now) {
  saddr__cand *d = saddr__cand_next(c);
  if (d == NULL)
    return false;
  d->tried = true;
  c->untried--;
  saddr__try *t = try_new(c, &d->addr, now);
  if (t == NULL) {
    saddr_error err;
    saddr__fail(&err, SADDR_ENOMEM, 0, c->text_len, "out of memory");
    saddr__conn_finish(c, SADDR_ENOMEM, &err, ECANCELED);
    return true;
  }
  c->next_at = now + c->attempt_delay;
  int e      = open_and_connect(c, t);
  if (e == 0)
    win(c, t);
  else if (e == EINPROGRESS)
    watch(c, t->fd, true);
  else
    try_end(c, t, SADDR_ATTEMPT_FAILED, e);
  return true;
}

static bool lookups_pending(const saddr__conn *c) {
  for (size_t i = 0; i < c->nsub; i++)
    if (c->sub[i].pending)
      return true;
  return false;
}

/* Statuses of the lookups when no address was found: an error other than
 * "no address of that family" says more, IPv6's first. */
static void lookup_failure(const saddr__conn *c, saddr_error *err) {
  const saddr_error *pick = NULL;
  for (size_t i = 0; i < c->nsub; i++)
    if (c->sub[i].status != 0 && (pick == NULL || pick->code == SADDR_ENODATA))
      pick = &c->sub[i].err;
  if (pick != NULL) {
    *err = *pick;
    return;
  }
  char what[SADDR__WHAT_MAX];
  saddr__fail(err, SADDR_ENODATA, 0, c->text_len, "no address for %s",
              saddr__what(c, what));
}

void saddr__conn_schedule(saddr__conn *c, uint64_t now) {
  while (!c->done && c->started) {
    bool room = c->max_parallel == 0 || c->running < c->max_parallel;
    bool due  = c->running == 0 || (c->race && room && now >= c->next_at);
    if (!due || !start_next(c, now))
      break;
  }
  if (c->done || c->running > 0 || lookups_pending(c) || c->untried > 0)
    return;
  saddr_error err;
  int         rc = c->ntries > 0 ? saddr__conn_failure(c, &err) : 0;
  if (c->ntries == 0)
    lookup_failure(c, &err), rc = err.code;
  saddr__conn_finish(c, rc, &err, ECANCELED);
}

static bool is_tcp(const saddr_addr *a) {
  int f = a->sa.sa.sa_family;
  return (f == AF_INET || f == AF_INET6) && a->type == SOCK_STREAM &&
         (a->protocol == 0 || a->protocol == IPPROTO_TCP);
}

/* Whether a socket that the loop reported ready is connected: 1 yes, 0
 * still connecting, -1 failed with *e. Readiness alone does not say: it may
 * be stale (collected before its descriptor number was closed and reused
 * by a new attempt). TCP's state answers in one call; other sockets ask
 * getpeername. saddr's own loop knows when its readiness is fresh, and
 * then SO_ERROR alone answers, as in the raw sequence. */
static int probe(int fd, const saddr_addr *a, unsigned events, int *e) {
  if (events & SADDR__WATCH_FRESH) {
    socklen_t n = sizeof(*e);
    *e          = 0;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, e, &n) != 0)
      *e = errno;
    return *e == 0 ? 1 : -1;
  }
  struct tcp_info ti;
  socklen_t       len = sizeof(ti);
  bool tcp = is_tcp(a) && getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0;
  if (tcp && ti.tcpi_state == TCP_SYN_SENT)
    return 0;
  if (tcp && ti.tcpi_state != TCP_CLOSE)
    return 1;
  *e  = 0;
  len = sizeof(*e);
  if (getsockopt(fd, SOL_SOCKET, SO_ERROR, e, &len) != 0)
    *e = errno;
  if (*e != 0)
    return -1;
  if (tcp) {
    *e = ECONNABORTED; /* closed, and its error already taken */
    return -1;
  }
  saddr_sockaddr peer;
  len = sizeof(peer);
  if (getpeername(fd, &peer.sa, &len) == 0)
    return 1;
  *e = errno;
  return *e == ENOTCONN ? 0 : -1;
}

void saddr__try_ready(saddr__conn *c, saddr__try *t, unsigned events) {
  int e = 0, rc = probe(t->fd, &t->rec.addr, events, &e);
  if (rc == 0)
    return;
  if (rc > 0) {
    win(c, t);
    return;
  }
  try_end(c, t, SADDR_ATTEMPT_FAILED, e);
  /* A failure starts the next attempt at once. */
  c->next_at = 0;
  saddr__conn_schedule(c, saddr__now_us());
}

int saddr__connect_code(int e) {
  switch (e) {
  case ECONNREFUSED:
    return SADDR_ECONNREFUSED;
  case ENETUNREACH:
  case EHOSTUNREACH:
  case ENETDOWN:
  case EHOSTDOWN:
  case EADDRNOTAVAIL:
    return SADDR_EUNREACH;
  case ETIMEDOUT:
    return SADDR_ETIMEDOUT;
  case EAFNOSUPPORT:
  case EPROTONOSUPPORT:
  case ESOCKTNOSUPPORT:
  case EPROTOTYPE:
    return SADDR_ENOTSUP;
  case EADDRINUSE:
    return SADDR_EADDRINUSE;
  default:
    return SADDR_ECONNECT;
  }
}

int saddr__conn_failure(const saddr__conn *c, saddr_error *err) {
  char   what[SADDR__WHAT_MAX];
  int    e = 0, first = 0;
  bool   same = true;
  size_t n    = 0;
  for (size_t i = 0; i < c->ntries; i++) {
    int x = c->tries[i].rec.sys_errno;
    if (n++ == 0)
      first = e = x;
    else if (x != e)
      same = false;
  }
  e       = same ? e : first;
  int  rc = saddr__connect_code(e);
  char sa[SADDR_FORMAT_MAX];
  if (saddr_format_addr(&c->tries[0].rec.addr, SADDR_FORMAT_COMPACT, sa,
                        sizeof(sa), NULL) < 0)
    sa[0] = '\0';
  if (n == 1)
    saddr__fail(err, rc, 0, c->text_len, "cannot connect to %s: %s", sa,
                strerror(e));
  else if (same)
    saddr__fail(err, rc, 0, c->text_len,
                "cannot connect to %s: %s (all %zu "
                "addresses)",
                saddr__what(c, what), strerror(e), n);
  else
    saddr__fail(err, rc, 0, c->text_len,
                "cannot connect to %s: %s: %s "
                "(first of %zu attempts)",
                saddr__what(c, what), sa, strerror(e), n);
  err->sys_errno = e;
  return rc;
}

static saddr_connection *result_make(saddr__conn *c) {
  size_t            n   = c->ntries;
  saddr_connection *res = malloc(sizeof(*res) + n * sizeof(saddr_attempt));
  if (res == NULL)
    return NULL;
  memset(res, 0, sizeof(*res));
  res->fd        = -1;
  res->nattempts = n;
  res->attempts  = (saddr_attempt *)(void *)(res + 1);
  for (size_t i = 0; i < n; i++)
    res->attempts[i] = c->tries[i].rec;
  return res;
}

static void win(saddr__conn *c, saddr__try *t) {
  int fd = t->fd;
  if (fd >= 0)
    watch(c, fd, false);
  t->fd = -1;
  c->running--;
  try_end(c, t, SADDR_ATTEMPT_CONNECTED, 0);
  if (!(c->flags & SADDR_CONNECT_NONBLOCK))
    (void)fcntl(fd, F_SETFL, 0);
  saddr_connection *res = result_make(c);
  if (res == NULL) {
    close(fd);
    saddr_error err;
    saddr__fail(&err, SADDR_ENOMEM, 0, c->text_len, "out of memory");
    saddr__conn_finish(c, SADDR_ENOMEM, &err, ECANCELED);
    return;
  }
  res->fd   = fd;
  res->peer = t->rec.addr;
  /* The result was built before the losers were closed: their records
   * are completed in it here. */
  for (size_t i = 0; i < c->ntries; i++)
    if (c->tries[i].fd >= 0) {
      try_end(c, &c->tries[i], SADDR_ATTEMPT_CLOSED, ECANCELED);
      res->attempts[i] = c->tries[i].rec;
    }
  static const saddr_error ok;
  c->done = true;
  c->hub->live--;
  for (size_t i = 0; i < c->nsub; i++)
    if (c->sub[i].pending && !c->hub->r->destroying)
      saddr_resolver_cancel(c->hub->r, c->sub[i].id);
  c->cb(c->data, 0, res, &ok);
}

void saddr__conn_finish(saddr__conn *c, int status, const saddr_error *err,
                        int why) {
  if (c->done)
    return;
  for (size_t i = 0; i < c->ntries; i++)
    if (c->tries[i].fd >= 0)
      try_end(c, &c->tries[i], SADDR_ATTEMPT_CLOSED, why);
  c->done = true;
  c->hub->live--;
  for (size_t i = 0; i < c->nsub; i++)
    if (c->sub[i].pending && !c->hub->r->destroying)
      saddr_resolver_cancel(c->hub->r, c->sub[i].id);
  saddr_connection *res = result_make(c);
  if (res == NULL && status != SADDR_ENOMEM) {
    saddr_error oom;
    saddr__fail(&oom, SADDR_ENOMEM, 0, c->text_len, "out of memory");
    c->cb(c->data, SADDR_ENOMEM, NULL, &oom);
    return;
  }
  c->cb(c->data, status, res, err);
}
