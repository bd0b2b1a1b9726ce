/* The blocking wrapper: one connect driven through the resolver's public
 * loop calls with poll(2), other requests progressing meanwhile. */
#include "connect/connect.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>

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

static unsigned revents_of(short re) {
  unsigned ev = 0;
  if (re & (POLLIN | POLLERR | POLLHUP))
    ev |= SADDR_WATCH_READ;
  if (re & POLLOUT)
    ev |= SADDR_WATCH_WRITE;
  return ev;
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
  int rc = poll(pfd, (nfds_t)n, saddr_resolver_timeout(r));
  int e  = errno;
  if (rc == 0)
    saddr_resolver_process(r, -1, 0);
  for (size_t i = 0; rc > 0 && i < n && !ctx->done; i++)
    if (pfd[i].revents != 0)
      saddr_resolver_process(r, pfd[i].fd, revents_of(pfd[i].revents));
  if (pfd != stack)
    free(pfd);
  if (w != wstack)
    free(w);
  return rc < 0 && e != EINTR ? SADDR_ESYS : 0;
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
