/* The connect helper with real sockets on loopback and a DNS server of the
 * test's own (hedns.h): the Happy Eyeballs race against an IPv6 listener
 * that drops SYNs (its accept queue is full), the resolution delay when
 * AAAA is late or dropped, failures, deadline, cancel and destroy from
 * callbacks, every family, and descriptor counts. */
#include "connect/connect.h"
#include "connect/hedns.h"
#include "harness.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/vm_sockets.h>
#include <sys/un.h>

static int fd_count(void) {
  DIR *d = opendir("/proc/self/fd");
  int  n = 0;
  if (d == NULL)
    return -1;
  while (readdir(d) != NULL)
    n++;
  closedir(d);
  return n;
}

static uint64_t ms_of(uint64_t us) { return us / 1000u; }

/* Timing checks have upper bounds; SADDR_TEST_TIME_SCALE (valgrind: 10)
 * stretches them, never the lower bounds. */
static unsigned slow = 1;

/* A listener on loopback: family's loopback, port (0: any), backlog. */
static int listener(int family, int port, int backlog, int *bound_port) {
  saddr_sockaddr a;
  memset(&a, 0, sizeof(a));
  socklen_t len;
  int       fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;
  if (family == AF_INET6) {
    a.in6.sin6_family = AF_INET6;
    a.in6.sin6_addr   = in6addr_loopback;
    a.in6.sin6_port   = htons((uint16_t)port);
    len               = sizeof(a.in6);
    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
  } else {
    a.in.sin_family      = AF_INET;
    a.in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.in.sin_port        = htons((uint16_t)port);
    len                  = sizeof(a.in);
  }
  if (fd < 0 || bind(fd, &a.sa, len) != 0 || listen(fd, backlog) != 0 ||
      getsockname(fd, &a.sa, &len) != 0) {
    if (fd >= 0)
      close(fd);
    return -1;
  }
  if (bound_port)
    *bound_port = ntohs(family == AF_INET6 ? a.in6.sin6_port : a.in.sin_port);
  return fd;
}

/* An IPv6 listener that drops every SYN: backlog 0 admits one connection,
 * which the filler holds and nobody accepts. */
typedef struct blackhole {
  int lfd, filler, port;
} blackhole;

static int blackhole_open(blackhole *b) {
  b->lfd = listener(AF_INET6, 0, 0, &b->port);
  if (b->lfd < 0)
    return -1;
  struct sockaddr_in6 a = {.sin6_family = AF_INET6,
                           .sin6_addr   = in6addr_loopback,
                           .sin6_port   = htons((uint16_t)b->port)};
  b->filler             = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
  return connect(b->filler, (struct sockaddr *)&a, sizeof(a));
}

static void blackhole_close(blackhole *b) {
  close(b->filler);
  close(b->lfd);
}

typedef struct outcome {
  int               calls;
  int               status;
  saddr_connection *conn;
  saddr_error       err;
} outcome;

static void record(void *data, int status, saddr_connection *conn,
                   const saddr_error *err) {
  outcome *o = data;
  o->calls++;
  o->status = status;
  o->conn   = conn;
  o->err    = *err;
}

static saddr_resolver *resolver(const char *dns) {
  const char            *servers[] = {dns};
  saddr_resolver_options o         = {.servers    = servers,
                                      .nservers   = dns ? 1 : 0,
                                      .hosts_path = "/dev/null",
                                      .flags      = SADDR_RESOLVER_NO_CACHE};
  saddr_resolver        *r;
  saddr_error            err;
  if (saddr_resolver_new(&o, &r, &err) != 0)
    return NULL;
  return r;
}

/* Runs one connect to completion through the resolver's loop. */
static outcome run_connect(saddr_resolver *r, const char *spec,
                           const saddr_connect_opts *opts, unsigned deadline) {
  outcome o = {0};
  int rc    = saddr_connect(r, spec, strlen(spec), NULL, deadline, opts, record,
                            &o, NULL);
  CHECK_INT(rc, 0);
  CHECK_INT(saddr_resolver_run(r, 10000), 0);
  CHECK_INT(o.calls, 1);
  return o;
}

static void test_race(void) {
  blackhole b;
  if (blackhole_open(&b) != 0) {
    printf("SKIP race: no IPv6 loopback (%s)\n", strerror(errno));
    return;
  }
  int                lv4    = listener(AF_INET, b.port, 8, NULL);
  int                before = fd_count();
  saddr_resolver    *r      = resolver(NULL);
  char               spec[64];
  saddr_connect_opts opts = {.attempt_delay_ms = 100};
  snprintf(spec, sizeof(spec), "localhost:%d", b.port);
  outcome o = run_connect(r, spec, &opts, 0);
  CHECK_INT(o.status, 0);
  CHECK(o.conn != NULL && o.conn->fd >= 0);
  CHECK_INT(o.conn->nattempts, 2);
  if (o.conn->nattempts == 2) {
    const saddr_attempt *a = o.conn->attempts;
    CHECK_INT(a[0].addr.family, AF_INET6);
    CHECK_INT(a[0].outcome, SADDR_ATTEMPT_CLOSED);
    CHECK_INT(a[0].sys_errno, ECANCELED);
    CHECK(ms_of(a[0].start_us) < 20 * slow);
    CHECK_INT(a[1].addr.family, AF_INET);
    CHECK_INT(a[1].outcome, SADDR_ATTEMPT_CONNECTED);
    CHECK_CTX(ms_of(a[1].start_us) >= 99 && ms_of(a[1].start_us) < 160 * slow,
              "second attempt at %llu ms",
              (unsigned long long)ms_of(a[1].start_us));
  }
  CHECK_INT(o.conn->peer.family, AF_INET);
  saddr_addr local;
  CHECK_INT(saddr_connection_local(o.conn, &local, NULL), 0);
  CHECK_INT(local.sa.sa.sa_family, AF_INET);
  CHECK_INT(local.type, SOCK_STREAM);
  int fl = fcntl(o.conn->fd, F_GETFL);
  CHECK(fl >= 0 && !(fl & O_NONBLOCK));
  CHECK(fcntl(o.conn->fd, F_GETFD) & FD_CLOEXEC);
  saddr_connection_free(o.conn);
  saddr_resolver_destroy(r);
  CHECK_INT(fd_count(), before);
  close(lv4);
  blackhole_close(&b);
}

/* DNS: A at once, AAAA late or never; AAAA at once, A late. */
static void test_resolution_delay(hd_server *dns) {
  int port, l4 = listener(AF_INET, 0, 64, &port);
  int l6 = listener(AF_INET6, port, 64, NULL);
  static const struct {
    const char *label;
    int         family; /* the winner's */
    unsigned    min_ms; /* first attempt's start */
    unsigned    max_ms;
  } rows[] = {
      {"a0-qx", AF_INET, 49, 90},   /* AAAA dropped: the delay, then IPv4 */
      {"a0-q400", AF_INET, 49, 90}, /* AAAA late: same */
      {"a0-q10", AF_INET6, 5, 45},  /* AAAA within the delay: IPv6 */
      {"a300-q0", AF_INET6, 0, 30}, /* AAAA first: at once */
      {"ax-q0", AF_INET6, 0, 30},
  };
  for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
    int             before = fd_count();
    saddr_resolver *r      = resolver(dns->addr);
    char            spec[64];
    snprintf(spec, sizeof(spec), "%s.test:%d", rows[i].label, port);
    uint64_t t0 = saddr__now_us();
    outcome  o  = run_connect(r, spec, NULL, 3000);
    uint64_t ms = ms_of(saddr__now_us() - t0);
    CHECK_CTX(o.status == 0, "%s: status %d %s", spec, o.status, o.err.message);
    if (o.status == 0) {
      uint64_t s = ms_of(o.conn->attempts[0].start_us);
      CHECK_CTX(o.conn->peer.family == rows[i].family, "%s: family %d", spec,
                o.conn->peer.family);
      CHECK_CTX(s >= rows[i].min_ms && s < rows[i].max_ms * slow,
                "%s: first attempt at %llu ms", spec, (unsigned long long)s);
      CHECK_CTX(ms < 500 * slow, "%s: took %llu ms", spec,
                (unsigned long long)ms);
    }
    saddr_connection_free(o.conn);
    saddr_resolver_destroy(r);
    CHECK_INT(fd_count(), before);
  }
  close(l4);
  close(l6);
}

/* A port nothing listens on, in either family: bound dual-stack on the
 * wildcard first, so that the kernel cannot hand out the port of a socket
 * this test still holds on one family only (a blackhole on [::1] made
 * "localhost:PORT" hang on its IPv6 attempt), then closed. */
static int closed_port(void) {
  int fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0), zero = 0, port;
  struct sockaddr_in6 a   = {.sin6_family = AF_INET6, .sin6_addr = in6addr_any};
  socklen_t           len = sizeof a;
  if (fd >= 0 &&
      setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero) == 0 &&
      bind(fd, (struct sockaddr *)&a, len) == 0 &&
      getsockname(fd, (struct sockaddr *)&a, &len) == 0) {
    close(fd);
    return ntohs(a.sin6_port);
  }
  if (fd >= 0)
    close(fd);
  fd = listener(AF_INET, 0, 1, &port);
  close(fd);
  return port;
}

static void test_refused(void) {
  int             before = fd_count();
  saddr_resolver *r      = resolver(NULL);
  char            spec[64];
  snprintf(spec, sizeof(spec), "localhost:%d", closed_port());
  outcome o = run_connect(r, spec, NULL, 0);
  CHECK_INT(o.status, SADDR_ECONNREFUSED);
  CHECK_INT(o.err.sys_errno, ECONNREFUSED);
  CHECK(o.conn != NULL && o.conn->fd == -1);
  CHECK_INT(o.conn->nattempts, 2);
  for (size_t i = 0; i < o.conn->nattempts; i++) {
    CHECK_INT(o.conn->attempts[i].outcome, SADDR_ATTEMPT_FAILED);
    CHECK_INT(o.conn->attempts[i].sys_errno, ECONNREFUSED);
  }
  /* A failure starts the next attempt at once, not after the delay. */
  if (o.conn->nattempts == 2)
    CHECK(ms_of(o.conn->attempts[1].start_us) < 50 * slow);
  saddr_connection_free(o.conn);
  saddr_resolver_destroy(r);
  CHECK_INT(fd_count(), before);
}

static void test_deadline(void) {
  blackhole b;
  if (blackhole_open(&b) != 0) {
    printf("SKIP deadline: no IPv6 loopback\n");
    return;
  }
  int             before = fd_count();
  saddr_resolver *r      = resolver(NULL);
  char            spec[64];
  snprintf(spec, sizeof(spec), "[::1]:%d", b.port);
  uint64_t t0 = saddr__now_us();
  outcome  o  = run_connect(r, spec, NULL, 200);
  uint64_t ms = ms_of(saddr__now_us() - t0);
  CHECK_INT(o.status, SADDR_ETIMEDOUT);
  CHECK(ms >= 199 && ms < 400 * slow);
  CHECK_INT(o.conn->nattempts, 1);
  CHECK_INT(o.conn->attempts[0].outcome, SADDR_ATTEMPT_CLOSED);
  CHECK_INT(o.conn->attempts[0].sys_errno, ETIMEDOUT);
  saddr_connection_free(o.conn);
  saddr_resolver_destroy(r);
  CHECK_INT(fd_count(), before);
  blackhole_close(&b);
}

/* ---- cancel and destroy, from outside and inside callbacks ------------- */

typedef struct chain {
  saddr_resolver  *r;
  saddr_request_id victim;
  int              action; /* 1: cancel victim, 2: destroy r */
  outcome          self, other;
} chain;

static void on_first(void *data, int status, saddr_connection *conn,
                     const saddr_error *err) {
  chain *c = data;
  record(&c->self, status, conn, err);
  if (c->action == 1)
    CHECK_INT(saddr_connect_cancel(c->r, c->victim), 0);
  else
    saddr_resolver_destroy(c->r);
  /* The blocking helpers refuse to run inside callbacks. */
  if (c->action == 1) {
    saddr_connection *x;
    CHECK_INT(saddr_connect_sync(c->r, "x", 1, NULL, 0, NULL, &x, NULL),
              SADDR_EINVAL);
  }
}

static void test_cancel_destroy(void) {
  blackhole b;
  if (blackhole_open(&b) != 0) {
    printf("SKIP cancel: no IPv6 loopback\n");
    return;
  }
  char hole[64], refused[64];
  snprintf(hole, sizeof(hole), "[::1]:%d", b.port);
  snprintf(refused, sizeof(refused), "127.0.0.1:%d", closed_port());
  for (int action = 1; action <= 2; action++) {
    int              before = fd_count();
    chain            c      = {.r = resolver(NULL), .action = action};
    saddr_request_id id;
    CHECK_INT(saddr_connect(c.r, hole, strlen(hole), NULL, 0, NULL, record,
                            &c.other, &c.victim),
              0);
    /* The refused connect completes first, inside processing. */
    CHECK_INT(saddr_connect(c.r, refused, strlen(refused), NULL, 0, NULL,
                            on_first, &c, &id),
              0);
    CHECK_INT(saddr_resolver_pending(c.r), 2);
    if (action == 1) {
      CHECK_INT(saddr_resolver_run(c.r, 2000), 0);
      CHECK_INT(saddr_connect_cancel(c.r, id), SADDR_EINVAL);
      saddr_resolver_destroy(c.r);
    } else {
      for (int i = 0; i < 50 && c.self.calls == 0; i++) {
        saddr_watch w[8];
        size_t      n = saddr_resolver_watches(c.r, w, 8);
        CHECK(n >= 2);
        usleep(2000);
        saddr_resolver_process(c.r, w[n - 1].fd, SADDR_WATCH_WRITE);
      }
    }
    CHECK_INT(c.self.calls, 1);
    CHECK_INT(c.self.status, SADDR_ECONNREFUSED);
    CHECK_INT(c.other.calls, 1);
    CHECK_INT(c.other.status, action == 1 ? SADDR_ECANCELED : SADDR_EDESTROYED);
    CHECK_INT(c.other.conn->attempts[0].outcome, SADDR_ATTEMPT_CLOSED);
    saddr_connection_free(c.self.conn);
    saddr_connection_free(c.other.conn);
    CHECK_INT(fd_count(), before);
  }
  /* Cancel and destroy from outside; a connect started during destroy is
   * refused. */
  int              before = fd_count();
  saddr_resolver  *r      = resolver(NULL);
  outcome          a = {0}, d = {0};
  saddr_request_id id;
  CHECK_INT(
      saddr_connect(r, hole, strlen(hole), NULL, 0, NULL, record, &a, &id), 0);
  CHECK_INT(
      saddr_connect(r, hole, strlen(hole), NULL, 0, NULL, record, &d, NULL), 0);
  CHECK_INT(saddr_connect_cancel(r, id), 0);
  CHECK_INT(a.calls, 1);
  CHECK_INT(a.status, SADDR_ECANCELED);
  CHECK_INT(saddr_connect_cancel(r, id), SADDR_EINVAL);
  saddr_resolver_destroy(r);
  CHECK_INT(d.calls, 1);
  CHECK_INT(d.status, SADDR_EDESTROYED);
  saddr_connection_free(a.conn);
  saddr_connection_free(d.conn);
  CHECK_INT(fd_count(), before);
  blackhole_close(&b);
}

/* Destroy from inside a lookup's callback while a connect waits for DNS. */
static void destroy_in_resolve(void *data, int status, saddr_result *res,
                               const saddr_error *err) {
  SADDR__UNUSED(status);
  SADDR__UNUSED(err);
  saddr_result_free(res);
  saddr_resolver_destroy(data);
}

static void test_destroy_during_dns(hd_server *dns) {
  int             before = fd_count();
  saddr_resolver *r      = resolver(dns->addr);
  outcome         o      = {0};
  const char     *spec   = "ax-qx.test:80";
  CHECK_INT(
      saddr_connect(r, spec, strlen(spec), NULL, 0, NULL, record, &o, NULL), 0);
  CHECK_INT(
      saddr_resolve(r, "localhost:1", 11, NULL, 0, destroy_in_resolve, r, NULL),
      0);
  CHECK_INT(o.calls, 1);
  CHECK_INT(o.status, SADDR_EDESTROYED);
  saddr_connection_free(o.conn);
  CHECK_INT(fd_count(), before);
}

/* ---- other families and types, options ----------------------------------- */

static void test_unix_udp(void) {
  int                before = fd_count();
  saddr_resolver    *r      = resolver(NULL);
  char               path[64], spec[96];
  struct sockaddr_un un = {.sun_family = AF_UNIX};
  snprintf(path, sizeof(path), "/tmp/saddr-connect-%d.sock", (int)getpid());
  unlink(path);
  memcpy(un.sun_path, path, strlen(path));
  int l = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  CHECK_INT(bind(l, (struct sockaddr *)&un, sizeof(un)), 0);
  CHECK_INT(listen(l, 4), 0);
  outcome o = {0};
  /* A path connects inside the call. */
  CHECK_INT(
      saddr_connect(r, path, strlen(path), NULL, 0, NULL, record, &o, NULL), 0);
  CHECK_INT(o.calls, 1);
  CHECK_INT(o.status, 0);
  CHECK_INT(o.conn->peer.family, AF_UNIX);
  saddr_connection_free(o.conn);
  unlink(path);
  close(l);

  snprintf(spec, sizeof(spec), "@saddr-connect-%d", (int)getpid());
  memset(&un, 0, sizeof(un));
  un.sun_family = AF_UNIX;
  memcpy(un.sun_path + 1, spec + 1, strlen(spec) - 1);
  l = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  CHECK_INT(
      bind(l, (struct sockaddr *)&un,
           (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(spec))),
      0);
  CHECK_INT(listen(l, 4), 0);
  o = run_connect(r, spec, NULL, 0);
  CHECK_INT(o.status, 0);
  saddr_connection_free(o.conn);
  close(l);
  o = run_connect(r, spec, NULL, 0); /* nobody listens now */
  CHECK_INT(o.status, SADDR_ECONNREFUSED);
  saddr_connection_free(o.conn);

  /* UDP connects to the first address at once: no race. */
  o = run_connect(r, "udp@localhost:9", NULL, 0);
  CHECK_INT(o.status, 0);
  CHECK_INT(o.conn->nattempts, 1);
  CHECK_INT(o.conn->peer.type, SOCK_DGRAM);
  CHECK_INT(o.conn->peer.family, AF_INET6);
  saddr_connection_free(o.conn);
  saddr_resolver_destroy(r);
  CHECK_INT(fd_count(), before);
}

static void test_vsock(void) {
  int                l = socket(AF_VSOCK, SOCK_STREAM | SOCK_CLOEXEC, 0);
  struct sockaddr_vm a = {
      .svm_family = AF_VSOCK, .svm_cid = VMADDR_CID_LOCAL, .svm_port = 42424};
  if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) != 0 ||
      listen(l, 4) != 0) {
    printf("SKIP vsock: no vsock loopback in this kernel (%s)\n",
           strerror(errno));
    if (l >= 0)
      close(l);
    return;
  }
  saddr_resolver *r = resolver(NULL);
  outcome         o = run_connect(r, "vsock:1:42424", NULL, 1000);
  CHECK_INT(o.status, 0);
  saddr_connection_free(o.conn);
  saddr_resolver_destroy(r);
  close(l);
}

static void test_options(void) {
  int             port, l = listener(AF_INET, 0, 8, &port);
  saddr_resolver *r = resolver(NULL);
  char            spec[64];
  snprintf(spec, sizeof(spec), "127.0.0.1:%d", port);
  saddr_connect_opts opts = {.flags      = SADDR_CONNECT_NONBLOCK,
                             .source     = "127.0.0.2:0",
                             .source_len = 11};
  outcome            o    = run_connect(r, spec, &opts, 0);
  CHECK_INT(o.status, 0);
  if (o.status == 0) {
    char       text[SADDR_FORMAT_MAX];
    saddr_addr local;
    CHECK_INT(saddr_connection_local(o.conn, &local, NULL), 0);
    saddr_format_addr(&local, SADDR_FORMAT_COMPACT, text, sizeof(text), NULL);
    CHECK(strncmp(text, "127.0.0.2:", 10) == 0);
    CHECK(fcntl(o.conn->fd, F_GETFL) & O_NONBLOCK);
  }
  saddr_connection_free(o.conn);
  /* Every-family wildcard source: each destination gets its family's. */
  opts = (saddr_connect_opts){.source = "*:0", .source_len = 3};
  o    = run_connect(r, spec, &opts, 0);
  CHECK_INT(o.status, 0);
  saddr_connection_free(o.conn);
  /* A source of another family cannot reach the destination. */
  opts = (saddr_connect_opts){.source = "[::1]:0", .source_len = 7};
  o    = run_connect(r, spec, &opts, 0);
  CHECK_INT(o.status, SADDR_ENOTSUP);
  CHECK_INT(o.err.sys_errno, EAFNOSUPPORT);
  saddr_connection_free(o.conn);
  /* A bad source is a parse error pointing into the source. */
  opts = (saddr_connect_opts){.source = "1.2.3.999:0", .source_len = 11};
  o    = run_connect(r, spec, &opts, 0);
  CHECK_INT(o.status, SADDR_EIPV4);
  CHECK(strncmp(o.err.message, "source address", 14) == 0);
  saddr_connection_free(o.conn);
  /* Bad specs complete inside the call. */
  o = (outcome){0};
  CHECK_INT(saddr_connect(r, "[::1", 4, NULL, 0, NULL, record, &o, NULL), 0);
  CHECK_INT(o.calls, 1);
  CHECK(o.status < 0);
  saddr_connection_free(o.conn);
  CHECK_INT(saddr_connect(NULL, "x", 1, NULL, 0, NULL, record, &o, NULL),
            SADDR_EINVAL);
  CHECK_INT(saddr_connect(r, "x", 1, NULL, 0, NULL, NULL, &o, NULL),
            SADDR_EINVAL);
  /* The blocking wrapper. */
  saddr_connection *c;
  saddr_error       err;
  CHECK_INT(saddr_connect_sync(r, spec, strlen(spec), NULL, 0, NULL, &c, &err),
            0);
  CHECK(c != NULL && c->fd >= 0);
  saddr_connection_free(c);
  saddr_resolver_destroy(r);
  close(l);
}

/* ---- the blocking wrapper ------------------------------------------------ */

static void destroy_on_done(void *data, int status, saddr_connection *conn,
                            const saddr_error *err) {
  SADDR__UNUSED(status);
  SADDR__UNUSED(err);
  saddr_connection_free(conn);
  saddr_resolver_destroy(data);
}

static void test_sync(void) {
  blackhole b;
  if (blackhole_open(&b) != 0) {
    printf("SKIP sync: no IPv6 loopback\n");
    return;
  }
  int  port, l = listener(AF_INET, 0, 8, &port), before = fd_count();
  char ok[64], refused[64], hole[64], both[64];
  saddr_connection *c;
  saddr_error       err;
  snprintf(ok, sizeof(ok), "127.0.0.1:%d", port);
  snprintf(refused, sizeof(refused), "127.0.0.1:%d", closed_port());
  snprintf(hole, sizeof(hole), "[::1]:%d", b.port);
  snprintf(both, sizeof(both), "localhost:%d", closed_port());
  saddr_resolver *r = resolver(NULL);
  /* One numeric address on an idle resolver. */
  CHECK_INT(saddr_connect_sync(r, ok, strlen(ok), NULL, 0, NULL, &c, &err), 0);
  CHECK_INT(c->nattempts, 1);
  CHECK_INT(c->attempts[0].outcome, SADDR_ATTEMPT_CONNECTED);
  CHECK_INT(c->peer.family, AF_INET);
  CHECK(!(fcntl(c->fd, F_GETFL) & O_NONBLOCK));
  saddr_connection_free(c);
  CHECK_INT(
      saddr_connect_sync(r, refused, strlen(refused), NULL, 0, NULL, &c, &err),
      SADDR_ECONNREFUSED);
  CHECK_INT(err.sys_errno, ECONNREFUSED);
  CHECK(c != NULL && c->fd == -1 && c->nattempts == 1);
  CHECK_INT(c->attempts[0].outcome, SADDR_ATTEMPT_FAILED);
  saddr_connection_free(c);
  uint64_t t0 = saddr__now_us();
  CHECK_INT(
      saddr_connect_sync(r, hole, strlen(hole), NULL, 150, NULL, &c, &err),
      SADDR_ETIMEDOUT);
  uint64_t ms = ms_of(saddr__now_us() - t0);
  CHECK_CTX(ms >= 149 && ms < 400 * slow, "deadline after %llu ms",
            (unsigned long long)ms);
  CHECK_INT(c->attempts[0].outcome, SADDR_ATTEMPT_CLOSED);
  CHECK_INT(c->attempts[0].sys_errno, ETIMEDOUT);
  saddr_connection_free(c);
  /* Two addresses: the loop runs the race. */
  CHECK_INT(saddr_connect_sync(r, both, strlen(both), NULL, 0, NULL, &c, &err),
            SADDR_ECONNREFUSED);
  CHECK_INT(c->nattempts, 2);
  saddr_connection_free(c);
  /* With another connect pending, the loop serves both. */
  outcome o = {0};
  CHECK_INT(
      saddr_connect(r, hole, strlen(hole), NULL, 100, NULL, record, &o, NULL),
      0);
  CHECK_INT(saddr_connect_sync(r, ok, strlen(ok), NULL, 0, NULL, &c, &err), 0);
  CHECK_INT(o.calls, 0);
  saddr_connection_free(c);
  CHECK_INT(saddr_resolver_run(r, 2000), 0);
  CHECK_INT(o.calls, 1);
  CHECK_INT(o.status, SADDR_ETIMEDOUT);
  saddr_connection_free(o.conn);
  /* Destroyed by another callback while the wrapper waits. */
  /* (Its deadline ends it inside the loop, never inside this call.) */
  CHECK_INT(saddr_connect(r, hole, strlen(hole), NULL, 50, NULL,
                          destroy_on_done, r, NULL),
            0);
  CHECK_INT(saddr_connect_sync(r, hole, strlen(hole), NULL, 0, NULL, &c, &err),
            SADDR_EDESTROYED);
  CHECK(c != NULL && c->fd == -1);
  saddr_connection_free(c);
  CHECK_INT(fd_count(), before);
  close(l);
  blackhole_close(&b);
}

/* ---- the destination order ---------------------------------------------- */

static void test_order(void) {
  static const struct {
    const char *source; /* bound first, or NULL */
    const char *in[6];
    const char *out[6];
  } rows[] = {
      /* Interleaved, IPv6 first; the resolver's order within a family. */
      {NULL,
       {"192.0.2.1:1", "192.0.2.2:1", "[2001:db8::1]:1", "[2001:db8::2]:1"},
       {"[2001:db8::1]:1", "192.0.2.1:1", "[2001:db8::2]:1", "192.0.2.2:1"}},
      /* Teredo and ULA rank below IPv4 (RFC 6724 precedence): IPv4 first. */
      {NULL,
       {"[fd00::1]:1", "192.0.2.1:1", "[2001::1]:1"},
       {"192.0.2.1:1", "[2001::1]:1", "[fd00::1]:1"}},
      /* Loopback first (precedence 50), then smaller scope first. */
      {NULL,
       {"[2001:db8::1]:1", "[::1]:1", "127.0.0.1:1", "192.0.2.1:1"},
       {"[::1]:1", "127.0.0.1:1", "[2001:db8::1]:1", "192.0.2.1:1"}},
      /* A global IPv4 source: IPv4 destinations of global scope first,
       * then loopback; IPv6 cannot be reached from it (rule 1). */
      {"192.0.2.7:0",
       {"[2001:db8::1]:1", "127.0.0.1:1", "192.0.2.1:1"},
       {"192.0.2.1:1", "127.0.0.1:1", "[2001:db8::1]:1"}},
      /* A wildcard source matches every scope. */
      {"*:0",
       {"192.0.2.1:1", "[::1]:1", "127.0.0.1:1"},
       {"[::1]:1", "127.0.0.1:1", "192.0.2.1:1"}},
  };
  for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
    saddr__conn c;
    memset(&c, 0, sizeof(c));
    c.race = true;
    if (rows[i].source != NULL) {
      saddr_parsed p;
      CHECK(saddr_parse(rows[i].source, strlen(rows[i].source), NULL, &p,
                        NULL) == 0);
      c.nsrc = p.count;
      memcpy(c.src, p.addr, p.count * sizeof(p.addr[0]));
    }
    for (size_t j = 0; rows[i].in[j]; j++) {
      saddr_addr a;
      CHECK(saddr_parse_addr(rows[i].in[j], strlen(rows[i].in[j]), NULL, &a,
                             NULL) == 0);
      CHECK(saddr__cand_add(&c, &a, 1));
    }
    for (size_t j = 0; rows[i].out[j]; j++) {
      saddr__cand *d                      = saddr__cand_next(&c);
      char         text[SADDR_FORMAT_MAX] = "(none)";
      if (d != NULL) {
        saddr_format_addr(&d->addr, SADDR_FORMAT_COMPACT, text, sizeof(text),
                          NULL);
        d->tried = true;
        c.untried--;
      }
      CHECK_CTX(strcmp(text, rows[i].out[j]) == 0, "row %zu pos %zu: %s", i, j,
                text);
    }
    CHECK(saddr__cand_next(&c) == NULL);
    free(c.cand);
  }
}

int main(void) {
  const char *scale = getenv("SADDR_TEST_TIME_SCALE");
  if (scale != NULL && atoi(scale) > 1)
    slow = (unsigned)atoi(scale);
  hd_server dns;
  if (hd_start(&dns) != 0) {
    fprintf(stderr, "cannot start the test DNS server\n");
    return 1;
  }
  test_order();
  test_race();
  test_resolution_delay(&dns);
  test_refused();
  test_deadline();
  test_cancel_destroy();
  test_destroy_during_dns(&dns);
  test_unix_udp();
  test_vsock();
  test_options();
  test_sync();
  hd_stop(&dns);
  return th_done();
}
