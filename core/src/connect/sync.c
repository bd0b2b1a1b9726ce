/* Layer 5 of the connect helper, the top with request.c: the blocking
 * wrapper. One connect driven through the resolver's public loop calls
 * with poll(2), other requests progressing meanwhile. */
#include "connect/connect.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct sync_ctx {
  bool              done;
  int               status;
  saddr_connection *conn;
  saddr_error       err;
} sync_ctx;

static void sync_cb(void *data, int status, saddr_connection *conn,
                    const saddr_error *err) {
  sync_ctx *ctx = data;
  ctx->done     = true;
  ctx->status   = status;
  ctx->conn     = conn;
  ctx->err      = *err;
}

/* Feeds one readiness (fd -1: timers) in. While c-ares has nothing in
 * flight only the hub has work, and it is called directly, saving
 * c-ares's processing pass; c-ares's own descriptors still go through the
 * resolver (stray datagrams). */
static void feed(saddr_resolver *r, int fd, unsigned events) {
  if (r->live == 0 && r->inflight == 0) {
    saddr__enter(r);
    bool mine = saddr__hub_process(r->client_state, fd, events);
    saddr__leave(r);
    if (mine || fd < 0)
      return;
  }
  saddr_resolver_process(r, fd, events);
}

static int wait_ms(saddr_resolver *r) {
  if (r->live == 0 && r->inflight == 0)
    return saddr__hub_timeout(r->client_state);
  return saddr_resolver_timeout(r);
}

/* One poll round. A callback may destroy the resolver inside any
 * processing call; that completes this connect, so the loop stops touching
 * r as soon as ctx is done. */
static int round_once(saddr_resolver *r, sync_ctx *ctx) {
  struct pollfd stack[16], *pfd = stack;
  saddr_watch   wstack[16], *w  = wstack;
  size_t        n = saddr_resolver_watches(r, w, 16);
  if (n > 16) {
    pfd = calloc(n, sizeof(*pfd));
    w   = calloc(n, sizeof(*w));
    if (pfd == NULL || w == NULL) {
      n     = 0;
      errno = ENOMEM;
    } else {
      n = saddr_resolver_watches(r, w, n);
    }
  }
  for (size_t i = 0; i < n; i++)
    pfd[i] = (struct pollfd){
        .fd     = w[i].fd,
        .events = (short)(((w[i].events & SADDR_WATCH_READ) ? POLLIN : 0) |
                          ((w[i].events & SADDR_WATCH_WRITE) ? POLLOUT : 0))};
  /* Readiness is fresh until an attempt opens in this round: then a
   * descriptor number further down the list may have been reused. h is
   * read only while ctx is not done (a destroy frees it). */
  const saddr__hub *h      = r->client_state;
  uint64_t          opened = h->opened;
  int               rc     = poll(pfd, (nfds_t)n, wait_ms(r));
  int               e      = errno;
  if (rc == 0)
    feed(r, -1, 0);
  for (size_t i = 0; rc > 0 && i < n && !ctx->done; i++) {
    if (pfd[i].revents == 0)
      continue;
    /* cppcheck cannot see that feed() may open attempts. */
    // cppcheck-suppress knownConditionTrueFalse
    unsigned fresh = h->opened == opened ? SADDR__WATCH_FRESH : 0u;
    feed(r, pfd[i].fd, saddr__revents_of(pfd[i].revents) | fresh);
  }
  if (pfd != stack)
    free(pfd);
  if (w != wstack)
    free(w);
  return rc < 0 && e != EINTR ? SADDR_ESYS : 0;
}

/* Waits for fd to connect until deadline (us); returns 0 or the errno
 * that ended it (ETIMEDOUT at the deadline). */
static int wait_connected(int fd, uint64_t deadline) {
  /* A first look without a timeout: a loopback handshake is usually done
   * by the time connect(2) returns, and a poll(2) with a timeout costs
   * more even when it need not sleep. */
  for (uint64_t ms = 0;;) {
    struct pollfd p = {.fd = fd, .events = POLLOUT};
    int           n = poll(&p, 1, ms > INT_MAX ? INT_MAX : (int)ms);
    if (n < 0 && errno != EINTR)
      return errno;
    if (n > 0) {
      int       e   = 0;
      socklen_t len = sizeof(e);
      if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len) != 0)
        e = errno;
      return e;
    }
    uint64_t now = saddr__now_us();
    if (now >= deadline)
      return ETIMEDOUT;
    ms = (deadline - now + 999) / 1000;
  }
}

static int direct_fail(saddr_connection *res, int e, size_t len,
                       saddr_error *err) {
  saddr_attempt *t = &res->attempts[0];
  char           sa[SADDR_FORMAT_MAX];
  if (saddr_format_addr(&t->addr, SADDR_FORMAT_COMPACT, sa, sizeof(sa), NULL) <
      0)
    sa[0] = '\0';
  int rc = e == ETIMEDOUT && t->outcome == SADDR_ATTEMPT_CLOSED
               ? saddr__fail(err, SADDR_ETIMEDOUT, 0, len,
                             "no connection to %s within the deadline", sa)
               : saddr__fail(err, saddr__connect_code(e), 0, len,
                             "cannot connect to %s: %s", sa, strerror(e));
  if (err != NULL)
    err->sys_errno = e;
  return rc;
}

/* One numeric address, no source address, and nothing else in flight:
 * there is no race to run and no lookup to wait for, so the socket is
 * connected here with one poll(2), as a hand-written client does, and
 * reported as the loop would report it. */
static int connect_direct(saddr_resolver *r, const saddr_addr *a, size_t len,
                          unsigned deadline_ms, unsigned flags,
                          saddr_connection **out, saddr_error *err) {
  uint64_t          t0  = saddr__now_us();
  saddr_connection *res = malloc(sizeof(*res) + sizeof(saddr_attempt));
  if (res == NULL)
    return saddr__fail(err, SADDR_ENOMEM, 0, len, "out of memory");
  memset(res, 0, sizeof(*res) + sizeof(saddr_attempt));
  res->nattempts   = 1;
  res->attempts    = (saddr_attempt *)(void *)(res + 1);
  saddr_attempt *t = res->attempts;
  t->addr          = *a;
  t->outcome       = SADDR_ATTEMPT_FAILED;
  uint64_t deadline =
      t0 + (uint64_t)(deadline_ms ? deadline_ms : r->deadline_ms) * 1000u;
  int fd = socket(a->sa.sa.sa_family, a->type | SOCK_NONBLOCK | SOCK_CLOEXEC,
                  a->protocol);
  int e  = fd < 0 ? errno : 0;
  if (e == 0 && connect(fd, &a->sa.sa, a->len) != 0)
    e = errno == EINPROGRESS ? wait_connected(fd, deadline) : errno;
  t->end_us = saddr__now_us() - t0;
  if (e == ETIMEDOUT && fd >= 0 && saddr__now_us() >= deadline)
    t->outcome = SADDR_ATTEMPT_CLOSED;
  t->sys_errno = e;
  res->fd      = -1;
  *out         = res;
  if (e != 0) {
    if (fd >= 0)
      close(fd);
    return direct_fail(res, e, len, err);
  }
  if (!(flags & SADDR_CONNECT_NONBLOCK))
    (void)fcntl(fd, F_SETFL, 0);
  t->outcome = SADDR_ATTEMPT_CONNECTED;
  res->fd    = fd;
  res->peer  = *a;
  return 0;
}

static bool idle(const saddr_resolver *r) {
  const saddr__hub *h = r->client_state;
  return r->live == 0 && r->inflight == 0 && (h == NULL || h->live == 0);
}

int saddr_connect_sync(saddr_resolver *r, const char *text, size_t len,
                       const saddr_hints *hints, unsigned deadline_ms,
                       const saddr_connect_opts *opts, saddr_connection **out,
                       saddr_error *err) {
  if (out != NULL)
    *out = NULL;
  if (r == NULL || out == NULL || r->depth > 0)
    return saddr__fail(err, SADDR_EINVAL, 0, 0,
                       "saddr_connect_sync needs a resolver and an output, "
                       "outside callbacks");
  saddr_addr a;
  if ((opts == NULL || opts->source == NULL) && idle(r) && text != NULL &&
      saddr_parse_addr(text, len, hints, &a, NULL) == 0)
    return connect_direct(r, &a, len, deadline_ms, opts ? opts->flags : 0, out,
                          err);
  sync_ctx         ctx = {0};
  saddr_request_id id  = 0;
  int              rc =
      saddr_connect(r, text, len, hints, deadline_ms, opts, sync_cb, &ctx, &id);
  while (rc == 0 && !ctx.done)
    rc = round_once(r, &ctx);
  if (!ctx.done) {
    saddr_connect_cancel(r, id);
    saddr_connection_free(ctx.conn);
    return saddr__fail(err, rc, 0, len, "connect failed: %s",
                       saddr_strerror(rc));
  }
  *out = ctx.conn;
  if (err != NULL)
    *err = ctx.err;
  return ctx.status;
}
