/* Resolving with saddr from a plain epoll loop.
 *
 *   resolve_epoll SERVER SPEC...
 *
 * starts every lookup at once against the DNS server SERVER (HOST:PORT),
 * drives them from epoll_wait, and prints one line per address:
 * "SPEC ADDRESS TTL", or "SPEC error NAME: message". Exits 0 when every
 * lookup succeeded.
 *
 * The resolver tells the loop which descriptors to watch through its
 * watch callback (epoll_ctl ADD, MOD, DEL) and how long to sleep through
 * saddr_resolver_timeout(); the loop hands readiness back with
 * saddr_resolver_process(). */
#define _GNU_SOURCE
#include <saddr.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

typedef struct loop {
  int epfd;
  int failures;
} loop;

static void on_watch(void *data, int fd, unsigned events) {
  loop *l = data;
  struct epoll_event ev = {.data.fd = fd};
  if (events & SADDR_WATCH_READ)
    ev.events |= EPOLLIN;
  if (events & SADDR_WATCH_WRITE)
    ev.events |= EPOLLOUT;
  if (events == 0) {
    epoll_ctl(l->epfd, EPOLL_CTL_DEL, fd, NULL);
  } else if (epoll_ctl(l->epfd, EPOLL_CTL_MOD, fd, &ev) != 0 &&
             errno == ENOENT) {
    epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev);
  }
}

typedef struct lookup {
  const char *spec;
  loop       *loop;
} lookup;

static void on_resolved(void *data, int status, saddr_result *res,
                        const saddr_error *err) {
  lookup *q = data;
  if (status != 0) {
    printf("%s error %s: %s\n", q->spec, saddr_err_name(status), err->message);
    q->loop->failures++;
    return;
  }
  for (size_t i = 0; i < res->count; i++) {
    char text[SADDR_FORMAT_MAX];
    saddr_format_addr(&res->addr[i], SADDR_FORMAT_COMPACT, text, sizeof(text),
                      NULL);
    printf("%s %s %u\n", q->spec, text, (unsigned)res->ttl[i]);
  }
  saddr_result_free(res);
}

static unsigned ready_events(uint32_t ev) {
  unsigned out = 0;
  if (ev & (EPOLLIN | EPOLLERR | EPOLLHUP))
    out |= SADDR_WATCH_READ;
  if (ev & EPOLLOUT)
    out |= SADDR_WATCH_WRITE;
  return out;
}

static void run(saddr_resolver *r, loop *l) {
  while (saddr_resolver_pending(r) > 0) {
    struct epoll_event ev[16];
    int n = epoll_wait(l->epfd, ev, 16, saddr_resolver_timeout(r));
    if (n < 0 && errno != EINTR)
      break;
    if (n <= 0)
      saddr_resolver_process(r, -1, 0);
    for (int i = 0; i < n; i++)
      saddr_resolver_process(r, ev[i].data.fd, ready_events(ev[i].events));
  }
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s SERVER SPEC...\n", argv[0]);
    return 2;
  }
  loop l = {.epfd = epoll_create1(EPOLL_CLOEXEC)};
  const char *servers[] = {argv[1]};
  saddr_resolver_options o = {.servers = servers,
                              .nservers = 1,
                              .hosts_path = "/dev/null",
                              .watch_cb = on_watch,
                              .watch_data = &l};
  saddr_resolver *r;
  saddr_error err;
  if (l.epfd < 0 || saddr_resolver_new(&o, &r, &err) != 0) {
    fprintf(stderr, "cannot create the resolver: %s\n", err.message);
    return 1;
  }
  lookup q[64];
  int n = argc - 2 < 64 ? argc - 2 : 64;
  for (int i = 0; i < n; i++) {
    q[i] = (lookup){.spec = argv[i + 2], .loop = &l};
    saddr_resolve(r, q[i].spec, strlen(q[i].spec), NULL, 0, on_resolved, &q[i],
                  NULL);
  }
  run(r, &l);
  saddr_resolver_destroy(r);
  close(l.epfd);
  return l.failures == 0 ? 0 : 1;
}
