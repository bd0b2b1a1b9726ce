/* Resolving with saddr inside a libuv loop.
 *
 *   resolve_libuv SERVER SPEC...
 *
 * starts every lookup at once against the DNS server SERVER (HOST:PORT)
 * and prints one line per address: "SPEC ADDRESS TTL", or
 * "SPEC error NAME: message". Exits 0 when every lookup succeeded.
 *
 * Each descriptor the resolver reports through its watch callback gets a
 * uv_poll_t; one uv_timer_t follows saddr_resolver_timeout() and is re-armed
 * after every processing call. The resolver is destroyed before the loop is
 * closed: destroy reports the descriptors still open (events 0), and their
 * handles must be closed while the loop exists. */
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
  int             failures;
} app;

static void rearm(app *a);

static void after_process(app *a) {
  if (a->r != NULL)
    rearm(a);
}

static void on_poll(uv_poll_t *h, int status, int events) {
  watcher *w = h->data;
  app *a = h->loop->data;
  unsigned ev = 0;
  if (status < 0 || (events & (UV_READABLE | UV_DISCONNECT)))
    ev |= SADDR_WATCH_READ;
  if (events & UV_WRITABLE)
    ev |= SADDR_WATCH_WRITE;
  saddr_resolver_process(a->r, w->fd, ev);
  after_process(a);
}

static void on_timer(uv_timer_t *t) {
  app *a = t->data;
  saddr_resolver_process(a->r, -1, 0);
  after_process(a);
}

static void rearm(app *a) {
  int ms = saddr_resolver_timeout(a->r);
  if (ms < 0)
    uv_timer_stop(&a->timer);
  else
    uv_timer_start(&a->timer, on_timer, (uint64_t)ms, 0);
}

static void free_watcher(uv_handle_t *h) { free(h->data); }

static void on_watch(void *data, int fd, unsigned events) {
  app *a = data;
  watcher **pp = &a->watchers;
  while (*pp && (*pp)->fd != fd)
    pp = &(*pp)->next;
  if (events == 0) {
    if (*pp == NULL)
      return;
    watcher *w = *pp;
    *pp = w->next;
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
    w->fd = fd;
    w->poll.data = w;
    w->next = a->watchers;
    a->watchers = w;
    pp = &a->watchers;
  }
  int uv_events = ((events & SADDR_WATCH_READ) ? UV_READABLE : 0) |
                  ((events & SADDR_WATCH_WRITE) ? UV_WRITABLE : 0);
  uv_poll_start(&(*pp)->poll, uv_events, on_poll);
}

typedef struct lookup {
  const char *spec;
  app        *app;
} lookup;

static void on_resolved(void *data, int status, saddr_result *res,
                        const saddr_error *err) {
  lookup *q = data;
  if (status != 0) {
    printf("%s error %s: %s\n", q->spec, saddr_err_name(status), err->message);
    q->app->failures++;
  } else {
    for (size_t i = 0; i < res->count; i++) {
      char text[SADDR_FORMAT_MAX];
      saddr_format_addr(&res->addr[i], SADDR_FORMAT_COMPACT, text,
                        sizeof(text), NULL);
      printf("%s %s %u\n", q->spec, text, (unsigned)res->ttl[i]);
    }
  }
  saddr_result_free(res);
  /* The last answer ends the program: with the resolver idle, the timer
   * stops and the poll handles have been closed, so uv_run returns. */
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s SERVER SPEC...\n", argv[0]);
    return 2;
  }
  app a = {.loop = uv_default_loop()};
  a.loop->data = &a;
  uv_timer_init(a.loop, &a.timer);
  a.timer.data = &a;
  const char *servers[] = {argv[1]};
  saddr_resolver_options o = {.servers = servers,
                              .nservers = 1,
                              .hosts_path = "/dev/null",
                              .watch_cb = on_watch,
                              .watch_data = &a};
  saddr_error err;
  if (saddr_resolver_new(&o, &a.r, &err) != 0) {
    fprintf(stderr, "cannot create the resolver: %s\n", err.message);
    return 1;
  }
  lookup q[64];
  int n = argc - 2 < 64 ? argc - 2 : 64;
  for (int i = 0; i < n; i++) {
    q[i] = (lookup){.spec = argv[i + 2], .app = &a};
    saddr_resolve(a.r, q[i].spec, strlen(q[i].spec), NULL, 0, on_resolved,
                  &q[i], NULL);
  }
  rearm(&a);
  uv_run(a.loop, UV_RUN_DEFAULT);
  saddr_resolver_destroy(a.r);
  a.r = NULL;
  uv_close((uv_handle_t *)&a.timer, NULL);
  uv_run(a.loop, UV_RUN_DEFAULT);
  int rc = uv_loop_close(a.loop);
  return a.failures == 0 && rc == 0 ? 0 : 1;
}
