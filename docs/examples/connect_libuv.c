/* A client that connects with saddr inside a libuv loop.
 *
 *   connect_libuv SERVER SPEC MESSAGE
 *
 * resolves SPEC against the DNS server SERVER (HOST:PORT), connects (Happy
 * Eyeballs for TCP), then hands the socket to libuv as a uv_tcp_t, writes
 * MESSAGE and a newline and prints the first reply. Exits 0 when that
 * worked.
 *
 * Each descriptor the resolver reports through its watch callback (DNS
 * sockets and connection attempts) gets a uv_poll_t; one uv_timer_t follows
 * saddr_resolver_timeout(). The socket is requested O_NONBLOCK, as libuv
 * wants it, and is no longer saddr's once the callback has it: its
 * uv_poll_t was closed by the watch callback (events 0) before. */
#define _GNU_SOURCE /* uv.h needs the POSIX thread types */
#include <saddr.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

typedef struct watcher {
  uv_poll_t       poll;
  int             fd;
  struct watcher *next;
} watcher;

typedef struct app {
  uv_loop_t      *loop;
  uv_timer_t      timer;
  saddr_resolver *r;
  watcher        *watchers;
  uv_tcp_t        tcp;
  uv_write_t      wreq;
  const char     *message;
  char            buf[256];
  int             rc;
} app;

static void on_timer(uv_timer_t *t);

static void rearm(app *a) {
  int ms = saddr_resolver_timeout(a->r);
  if (ms < 0)
    uv_timer_stop(&a->timer);
  else
    uv_timer_start(&a->timer, on_timer, (uint64_t)ms, 0);
}

static void on_poll(uv_poll_t *h, int status, int events) {
  watcher *w  = h->data;
  app     *a  = h->loop->data;
  unsigned ev = 0;
  if (status < 0 || (events & (UV_READABLE | UV_DISCONNECT)))
    ev |= SADDR_WATCH_READ;
  if (events & UV_WRITABLE)
    ev |= SADDR_WATCH_WRITE;
  saddr_resolver_process(a->r, w->fd, ev);
  rearm(a);
}

static void on_timer(uv_timer_t *t) {
  app *a = t->data;
  saddr_resolver_process(a->r, -1, 0);
  rearm(a);
}

static void free_watcher(uv_handle_t *h) { free(h->data); }

static void on_watch(void *data, int fd, unsigned events) {
  app      *a  = data;
  watcher **pp = &a->watchers;
  while (*pp && (*pp)->fd != fd)
    pp = &(*pp)->next;
  if (events == 0) {
    if (*pp == NULL)
      return;
    watcher *w = *pp;
    *pp        = w->next;
    uv_poll_stop(&w->poll);
    uv_close((uv_handle_t *)&w->poll, free_watcher);
    return;
  }
  if (*pp == NULL) {
    watcher *w = calloc(1, sizeof(*w));
    if (w == NULL || uv_poll_init(a->loop, &w->poll, fd) != 0) {
      free(w);
      return;
    }
    w->fd        = fd;
    w->poll.data = w;
    w->next      = a->watchers;
    a->watchers  = w;
    pp           = &a->watchers;
  }
  int uv_events = ((events & SADDR_WATCH_READ) ? UV_READABLE : 0) |
                  ((events & SADDR_WATCH_WRITE) ? UV_WRITABLE : 0);
  uv_poll_start(&(*pp)->poll, uv_events, on_poll);
}

static void on_alloc(uv_handle_t *h, size_t size, uv_buf_t *buf) {
  app *a = h->loop->data;
  (void)size;
  *buf = uv_buf_init(a->buf, sizeof(a->buf) - 1);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf) {
  app *a = s->loop->data;
  if (n > 0) {
    buf->base[n] = '\0';
    printf("reply %s", buf->base);
    a->rc = 0;
  }
  if (n != 0)
    uv_close((uv_handle_t *)s, NULL);
}

static void on_written(uv_write_t *w, int status) {
  if (status == 0)
    uv_read_start(w->handle, on_alloc, on_read);
  else
    uv_close((uv_handle_t *)w->handle, NULL);
}

static void on_connected(void *data, int status, saddr_connection *conn,
                         const saddr_error *err) {
  app *a = data;
  for (size_t i = 0; conn != NULL && i < conn->nattempts; i++) {
    char text[SADDR_FORMAT_MAX];
    saddr_format_addr(&conn->attempts[i].addr, SADDR_FORMAT_COMPACT, text,
                      sizeof(text), NULL);
    printf("attempt %s at %llu ms\n", text,
           (unsigned long long)(conn->attempts[i].start_us / 1000));
  }
  if (status != 0) {
    printf("error %s: %s\n", saddr_err_name(status), err->message);
    saddr_connection_free(conn);
    return;
  }
  char peer[SADDR_FORMAT_MAX];
  saddr_format_addr(&conn->peer, SADDR_FORMAT_COMPACT, peer, sizeof(peer),
                    NULL);
  printf("connected to %s\n", peer);
  /* libuv takes the descriptor over: saddr must not close it. */
  uv_tcp_init(a->loop, &a->tcp);
  if (uv_tcp_open(&a->tcp, conn->fd) == 0)
    conn->fd = -1;
  saddr_connection_free(conn);
  static char line[512];
  snprintf(line, sizeof(line), "%s\n", a->message);
  uv_buf_t b = uv_buf_init(line, (unsigned)strlen(line));
  uv_write(&a->wreq, (uv_stream_t *)&a->tcp, &b, 1, on_written);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s SERVER SPEC MESSAGE\n", argv[0]);
    return 2;
  }
  app a        = {.loop = uv_default_loop(), .message = argv[3], .rc = 1};
  a.loop->data = &a;
  uv_timer_init(a.loop, &a.timer);
  a.timer.data                     = &a;
  const char            *servers[] = {argv[1]};
  saddr_resolver_options o         = {.servers    = servers,
                                      .nservers   = 1,
                                      .hosts_path = "/dev/null",
                                      .watch_cb   = on_watch,
                                      .watch_data = &a};
  saddr_error            err;
  if (saddr_resolver_new(&o, &a.r, &err) != 0) {
    fprintf(stderr, "cannot create the resolver: %s\n", err.message);
    return 1;
  }
  saddr_connect_opts opts = {.flags = SADDR_CONNECT_NONBLOCK};
  saddr_connect(a.r, argv[2], strlen(argv[2]), NULL, 0, &opts, on_connected, &a,
                NULL);
  rearm(&a);
  uv_run(a.loop, UV_RUN_DEFAULT);
  saddr_resolver_destroy(a.r);
  uv_close((uv_handle_t *)&a.timer, NULL);
  uv_run(a.loop, UV_RUN_DEFAULT);
  int rc = uv_loop_close(a.loop);
  return a.rc == 0 && rc == 0 ? 0 : 1;
}
