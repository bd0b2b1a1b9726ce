/* The blocking helpers, built on poll(2) and the public entry points: the
 * top layer of the resolver. */
#include "resolve/resolve.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>

unsigned saddr__revents_of(short re) {
  unsigned ev = 0;
  if (re & (POLLIN | POLLERR | POLLHUP))
    ev |= SADDR_WATCH_READ;
  if (re & POLLOUT)
    ev |= SADDR_WATCH_WRITE;
  return ev;
}

/* One poll(2) round of at most wait_ms (-1: the resolver's timeout). The
 * descriptor set is a snapshot: callbacks may change the live one. */
static int poll_once(saddr_resolver *r, int wait_ms) {
  struct pollfd stack[16], *pfd = stack;
  size_t        n = r->nwatch;
  if (n > 16 && (pfd = calloc(n, sizeof(*pfd))) == NULL)
    return SADDR_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    pfd[i].fd = r->watch[i].fd;
    pfd[i].events =
        (short)(((r->watch[i].events & SADDR_WATCH_READ) ? POLLIN : 0) |
                ((r->watch[i].events & SADDR_WATCH_WRITE) ? POLLOUT : 0));
    pfd[i].revents = 0;
  }
  int t = saddr_resolver_timeout(r);
  if (wait_ms >= 0 && (t < 0 || wait_ms < t))
    t = wait_ms;
  int rc = poll(pfd, (nfds_t)n, t);
  if (rc == 0)
    saddr__loop_process(r, -1, 0);
  for (size_t i = 0; rc > 0 && i < n && !r->destroying; i++)
    if (pfd[i].revents != 0)
      saddr__loop_process(r, pfd[i].fd, saddr__revents_of(pfd[i].revents));
  int err = errno;
  if (pfd != stack)
    free(pfd);
  return rc < 0 && err != EINTR ? SADDR_ESYS : 0;
}

int saddr_resolver_run(saddr_resolver *r, int timeout_ms) {
  if (r == NULL || r->depth > 0)
    return SADDR_EINVAL;
  uint64_t end = saddr__now_ms() + (uint64_t)(timeout_ms > 0 ? timeout_ms : 0);
  int      rc  = 0;
  saddr__enter(r);
  /* At least one round, so that timeout 0 processes what is ready. */
  while (rc == 0 && saddr_resolver_pending(r) > 0 && !r->destroying) {
    uint64_t now  = saddr__now_ms();
    int      wait = timeout_ms < 0 ? -1 : now >= end ? 0 : (int)(end - now);
    rc            = poll_once(r, wait);
    if (rc == 0 && timeout_ms >= 0 && saddr_resolver_pending(r) > 0 &&
        saddr__now_ms() >= end)
      rc = SADDR_ETIMEDOUT;
  }
  saddr__leave(r);
  return rc;
}

typedef struct sync_ctx {
  bool          done;
  int           status;
  saddr_result *res;
  saddr_error   err;
} sync_ctx;

static void sync_cb(void *data, int status, saddr_result *res,
                    const saddr_error *err) {
  sync_ctx *ctx = data;
  ctx->done     = true;
  ctx->status   = status;
  ctx->res      = res;
  ctx->err      = *err;
}

int saddr_resolve_sync(saddr_resolver *r, const char *text, size_t len,
                       const saddr_hints *hints, unsigned deadline_ms,
                       saddr_result **out, saddr_error *err) {
  if (out != NULL)
    *out = NULL;
  if (r == NULL || out == NULL || r->depth > 0)
    return saddr__fail(err, SADDR_EINVAL, 0, 0,
                       "saddr_resolve_sync needs a resolver and an output, "
                       "outside callbacks");
  sync_ctx         ctx = {0};
  saddr_request_id id;
  saddr__enter(r);
  int rc = saddr_resolve(r, text, len, hints, deadline_ms, sync_cb, &ctx, &id);
  while (rc == 0 && !ctx.done)
    rc = poll_once(r, -1);
  /* ctx lives on this stack: a request that poll failures left pending
   * must complete before returning. */
  if (!ctx.done && rc != SADDR_EDESTROYED)
    saddr_resolver_cancel(r, id);
  saddr__leave(r);
  if (rc != 0)
    return saddr__fail(err, rc, 0, 0, "resolver failed: %s",
                       saddr_strerror(rc));
  *out = ctx.res;
  if (err != NULL)
    *err = ctx.err;
  return ctx.status;
}
