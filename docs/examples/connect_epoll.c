/* A client that connects with saddr from a plain epoll loop.
 *
 *   connect_epoll SERVER SPEC MESSAGE
 *
 * resolves SPEC against the DNS server SERVER (HOST:PORT), connects (Happy
 * Eyeballs for TCP: IPv6 first, IPv4 250 ms later if IPv6 has not answered),
 * sends MESSAGE and a newline, and prints every attempt, the peer and the
 * first line the server sends back. Exits 0 when that worked.
 *
 * The loop is the resolver's: the watch callback registers the resolver's
 * descriptors (DNS sockets and connection attempts alike) with epoll,
 * saddr_resolver_timeout() says how long to sleep (DNS retries, the
 * resolution and attempt delays, deadlines), and saddr_resolver_process()
 * takes readiness back. The connected socket is the program's own from the
 * callback on: saddr stops watching it (watch callback, events 0) before
 * handing it over. */
#define _GNU_SOURCE
#include <saddr.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

typedef struct app {
  int               epfd;
  saddr_connection *conn; /* set by the callback on success */
  int               status;
} app;

static void on_watch(void *data, int fd, unsigned events) {
  app               *a  = data;
  struct epoll_event ev = {.data.fd = fd};
  if (events & SADDR_WATCH_READ)
    ev.events |= EPOLLIN;
  if (events & SADDR_WATCH_WRITE)
    ev.events |= EPOLLOUT;
  if (events == 0) {
    epoll_ctl(a->epfd, EPOLL_CTL_DEL, fd, NULL);
  } else if (epoll_ctl(a->epfd, EPOLL_CTL_MOD, fd, &ev) != 0 &&
             errno == ENOENT) {
    epoll_ctl(a->epfd, EPOLL_CTL_ADD, fd, &ev);
  }
}

static void print_attempts(const saddr_connection *c) {
  for (size_t i = 0; c != NULL && i < c->nattempts; i++) {
    const saddr_attempt *t = &c->attempts[i];
    char                 text[SADDR_FORMAT_MAX];
    saddr_format_addr(&t->addr, SADDR_FORMAT_COMPACT, text, sizeof(text), NULL);
    printf("attempt %s at %llu ms: %s\n", text,
           (unsigned long long)(t->start_us / 1000),
           t->outcome == SADDR_ATTEMPT_CONNECTED ? "connected"
           : t->outcome == SADDR_ATTEMPT_FAILED  ? strerror(t->sys_errno)
                                                 : "closed");
  }
}

static void on_connected(void *data, int status, saddr_connection *conn,
                         const saddr_error *err) {
  app *a = data;
  print_attempts(conn);
  a->status = status;
  if (status != 0) {
    printf("error %s: %s\n", saddr_err_name(status), err->message);
    saddr_connection_free(conn);
    return;
  }
  a->conn = conn;
}

static unsigned ready_events(uint32_t ev) {
  unsigned out = 0;
  if (ev & (EPOLLIN | EPOLLERR | EPOLLHUP))
    out |= SADDR_WATCH_READ;
  if (ev & EPOLLOUT)
    out |= SADDR_WATCH_WRITE;
  return out;
}

static void run(saddr_resolver *r, app *a) {
  while (saddr_resolver_pending(r) > 0) {
    struct epoll_event ev[16];
    int n = epoll_wait(a->epfd, ev, 16, saddr_resolver_timeout(r));
    if (n < 0 && errno != EINTR)
      break;
    if (n <= 0)
      saddr_resolver_process(r, -1, 0);
    for (int i = 0; i < n; i++)
      saddr_resolver_process(r, ev[i].data.fd, ready_events(ev[i].events));
  }
}

/* The connected socket is blocking (no SADDR_CONNECT_NONBLOCK): a short
 * exchange needs no loop. */
static int talk(const saddr_connection *c, const char *message) {
  char peer[SADDR_FORMAT_MAX], line[256];
  saddr_format_addr(&c->peer, SADDR_FORMAT_COMPACT, peer, sizeof(peer), NULL);
  printf("connected to %s\n", peer);
  if (write(c->fd, message, strlen(message)) < 0 || write(c->fd, "\n", 1) < 0)
    return 1;
  ssize_t n = read(c->fd, line, sizeof(line) - 1);
  if (n <= 0)
    return 1;
  line[n] = '\0';
  printf("reply %s", line);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s SERVER SPEC MESSAGE\n", argv[0]);
    return 2;
  }
  app                    a         = {.epfd = epoll_create1(EPOLL_CLOEXEC)};
  const char            *servers[] = {argv[1]};
  saddr_resolver_options o         = {.servers    = servers,
                                      .nservers   = 1,
                                      .hosts_path = "/dev/null",
                                      .watch_cb   = on_watch,
                                      .watch_data = &a};
  saddr_resolver        *r;
  saddr_error            err;
  if (a.epfd < 0 || saddr_resolver_new(&o, &r, &err) != 0) {
    fprintf(stderr, "cannot create the resolver: %s\n", err.message);
    return 1;
  }
  saddr_connect(r, argv[2], strlen(argv[2]), NULL, 0, NULL, on_connected, &a,
                NULL);
  run(r, &a);
  saddr_resolver_destroy(r);
  close(a.epfd);
  int rc = a.conn != NULL ? talk(a.conn, argv[3]) : 1;
  saddr_connection_free(a.conn);
  return rc;
}
