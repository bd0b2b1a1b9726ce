/* Benchmarks of the helpers that make system calls, JSON on stdout:
 *
 *   saddr_connect_bench [--rounds N] [--iters N] [--runs N]
 *
 * overhead  saddr_connect_sync to a loopback listener (numeric spec, one
 *           address, SADDR_CONNECT_NONBLOCK) against the raw sequence:
 *           socket(SOCK_NONBLOCK|SOCK_CLOEXEC), connect, poll for POLLOUT,
 *           getsockopt(SO_ERROR). Only the connect is timed, by the wall
 *           clock and by the thread's CPU time; the listener side (accept4,
 *           then close with RST so that no TIME_WAIT accumulates) and the
 *           client close are not.
 * bind      saddr_bind_addr on 0.0.0.0:0 against the raw sequence:
 *           socket(SOCK_CLOEXEC), setsockopt(SO_REUSEADDR), bind, listen;
 *           the close after each is not timed.
 *           In both, the sides alternate call by call (bind: 16 calls by
 *           16, timed together), so that a busy neighbour on the machine
 *           hits both alike; each side's figure is the median of its round
 *           means.
 * first     time to the first connection when the DNS server answers A at
 *           once and drops AAAA: connected minus the moment the A answer
 *           left the server (a server of the benchmark's own, hedns.h),
 *           against the resolution delay (50 ms).
 */
#define _GNU_SOURCE
#include "connect/hedns.h"
#include "saddr.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, size_t n) {
  qsort(v, n, sizeof(*v), cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void reap(int lfd, int cfd) {
  struct linger lg = {.l_onoff = 1, .l_linger = 0};
  int           a  = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
  if (a >= 0) {
    setsockopt(a, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
    close(a);
  }
  close(cfd);
}

static int raw_connect(const struct sockaddr_in *to) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (connect(fd, (const struct sockaddr *)to, sizeof(*to)) != 0 &&
      errno != EINPROGRESS)
    abort();
  struct pollfd p = {.fd = fd, .events = POLLOUT};
  int           e = 0;
  socklen_t     l = sizeof(e);
  if (poll(&p, 1, -1) != 1 ||
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &l) != 0 || e != 0)
    abort();
  return fd;
}

static int helper_connect(saddr_resolver *r, const char *spec, size_t len) {
  static const saddr_connect_opts o = {.flags = SADDR_CONNECT_NONBLOCK};
  saddr_connection               *c;
  if (saddr_connect_sync(r, spec, len, NULL, 0, &o, &c, NULL) != 0)
    abort();
  int fd = c->fd;
  c->fd  = -1;
  saddr_connection_free(c);
  return fd;
}

static uint64_t cpu_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

typedef struct side {
  uint64_t wall, cpu;
} side;

/* One measured call of either side (which: 0 raw, 1 saddr): returns the
 * descriptor it made, for done() to release untimed. batch: calls timed
 * together (the clock reads, a system call each for the CPU time, cost
 * more than the noise allows on a call as short as bind). */
typedef struct pair_ops {
  int (*call)(int which, void *ctx);
  void (*done)(int fd, void *ctx);
  void *ctx;
  int   batch; /* 1-64 */
} pair_ops;

/* One batch, timed by the wall clock and by the thread's CPU time (which a
 * busy neighbour on the machine disturbs less). */
static void one(const pair_ops *ops, int which, side *s) {
  int      fds[64];
  uint64_t c0 = cpu_ns(), t0 = now_ns();
  for (int k = 0; k < ops->batch; k++)
    fds[k] = ops->call(which, ops->ctx);
  uint64_t t1 = now_ns(), c1 = cpu_ns();
  s->wall += t1 - t0;
  s->cpu += c1 - c0;
  for (int k = 0; k < ops->batch; k++)
    ops->done(fds[k], ops->ctx);
}

/* rounds of 2 * iters calls, the sides alternating batch by batch and the
 * first one changing from round to round, so that drift hits both alike;
 * prints the medians of the round means as one JSON line. */
static void paired(const char *name, const char *unit, const pair_ops *ops,
                   int rounds, int iters) {
  int     batches = iters / ops->batch > 0 ? iters / ops->batch : 1;
  double *v[4];
  for (int k = 0; k < 4; k++)
    v[k] = calloc((size_t)rounds, sizeof(double));
  side warm[2] = {{0}};
  for (int i = 0; i < batches; i++)
    one(ops, i % 2, &warm[i % 2]);
  for (int i = 0; i < rounds; i++) {
    side s[2] = {{0}};
    for (int k = 0; k < 2 * batches; k++) {
      int which = (k + i) % 2;
      one(ops, which, &s[which]);
    }
    for (int w = 0; w < 2; w++) {
      v[w][i]     = (double)s[w].wall / (batches * ops->batch);
      v[2 + w][i] = (double)s[w].cpu / (batches * ops->batch);
    }
  }
  double m[4];
  for (int k = 0; k < 4; k++)
    m[k] = median(v[k], (size_t)rounds);
  printf("{\"bench\":\"%s\",\"rounds\":%d,\"iters\":%d,\"batch\":%d,"
         "\"unit\":\"%s\",\"raw_ns\":%.0f,\"saddr_ns\":%.0f,"
         "\"overhead_pct\":%.2f,\"raw_cpu_ns\":%.0f,\"saddr_cpu_ns\":%.0f,"
         "\"cpu_overhead_pct\":%.2f}\n",
         name, rounds, batches * ops->batch, ops->batch, unit, m[0], m[1],
         (m[1] / m[0] - 1) * 100, m[2], m[3], (m[3] / m[2] - 1) * 100);
  for (int k = 0; k < 4; k++)
    free(v[k]);
}

typedef struct connect_ctx {
  int                lfd;
  struct sockaddr_in to;
  saddr_resolver    *r;
  char               spec[32];
  size_t             len;
} connect_ctx;

static int connect_call(int which, void *ctx) {
  connect_ctx *c = ctx;
  return which == 0 ? raw_connect(&c->to)
                    : helper_connect(c->r, c->spec, c->len);
}

static void connect_done(int fd, void *ctx) {
  reap(((connect_ctx *)ctx)->lfd, fd);
}

static void overhead(int rounds, int iters) {
  connect_ctx c = {
      .to = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)}};
  socklen_t l = sizeof(c.to);
  c.lfd       = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (bind(c.lfd, (struct sockaddr *)&c.to, sizeof(c.to)) != 0 ||
      listen(c.lfd, 1024) != 0 ||
      getsockname(c.lfd, (struct sockaddr *)&c.to, &l))
    abort();
  snprintf(c.spec, sizeof(c.spec), "127.0.0.1:%d", ntohs(c.to.sin_port));
  c.len                    = strlen(c.spec);
  saddr_resolver_options o = {.flags = SADDR_RESOLVER_NO_HOSTS |
                                       SADDR_RESOLVER_NO_CACHE,
                              .services_path = "/dev/null",
                              .servers       = (const char *[]){"127.0.0.1:9"},
                              .nservers      = 1};
  if (saddr_resolver_new(&o, &c.r, NULL) != 0)
    abort();
  pair_ops ops = {connect_call, connect_done, &c, 1};
  paired("connect_loopback", "connect", &ops, rounds, iters);
  saddr_resolver_destroy(c.r);
  close(c.lfd);
}

/* The sequence a server runs to listen on 0.0.0.0:0, by hand. */
static int raw_bind(void) {
  struct sockaddr_in sin = {.sin_family = AF_INET};
  int                one = 1;
  int                fd  = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 ||
      setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
      bind(fd, (const struct sockaddr *)&sin, sizeof sin) != 0 ||
      listen(fd, SOMAXCONN) != 0)
    abort();
  return fd;
}

static int bind_call(int which, void *ctx) {
  saddr_bound_socket b;
  if (which == 0)
    return raw_bind();
  if (saddr_bind_addr(ctx, NULL, &b, NULL) != 0)
    abort();
  return b.fd;
}

static void bind_done(int fd, void *ctx) {
  (void)ctx;
  close(fd);
}

static void bind_overhead(int rounds, int iters) {
  saddr_addr any4;
  if (saddr_parse_addr("0.0.0.0:0", 9, NULL, &any4, NULL) != 0)
    abort();
  pair_ops ops = {bind_call, bind_done, &any4, 16};
  paired("bind_any4", "bind", &ops, rounds, iters);
}

static void first_connection(int runs) {
  hd_server dns;
  if (hd_start(&dns) != 0)
    abort();
  struct sockaddr_in a   = {.sin_family      = AF_INET,
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t          l   = sizeof(a);
  int                lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (bind(lfd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
      listen(lfd, 64) != 0 || getsockname(lfd, (struct sockaddr *)&a, &l))
    abort();
  char spec[48];
  snprintf(spec, sizeof(spec), "a0-qx.test:%d", ntohs(a.sin_port));
  const char            *servers[] = {dns.addr};
  saddr_resolver_options o         = {.flags      = SADDR_RESOLVER_NO_CACHE,
                                      .hosts_path = "/dev/null",
                                      .servers    = servers,
                                      .nservers   = 1};
  saddr_resolver        *r;
  if (saddr_resolver_new(&o, &r, NULL) != 0)
    abort();
  double *after = calloc((size_t)runs, sizeof(double));
  double  worst = 0;
  for (int i = 0; i < runs; i++) {
    int      fd = helper_connect(r, spec, strlen(spec));
    uint64_t t  = now_ns() / 1000u;
    uint64_t as = __atomic_load_n(&dns.a_sent_us, __ATOMIC_ACQUIRE);
    after[i]    = (double)(t - as) / 1000.0;
    worst       = after[i] > worst ? after[i] : worst;
    reap(lfd, fd);
  }
  double med = median(after, (size_t)runs); /* sorts after */
  double p90 =
      after[(size_t)runs * 9 / 10 < (size_t)runs ? (size_t)runs * 9 / 10
                                                 : (size_t)runs - 1];
  int met = 0;
  for (int i = 0; i < runs; i++)
    met += after[i] <= SADDR_CONNECT_RESOLUTION_DELAY_MS + 20;
  printf("{\"bench\":\"first_connection_aaaa_dropped\",\"runs\":%d,"
         "\"resolution_delay_ms\":%u,\"after_a_median_ms\":%.2f,"
         "\"after_a_p90_ms\":%.2f,\"after_a_max_ms\":%.2f,"
         "\"limit_ms\":%u,\"within_limit\":%d}\n",
         runs, SADDR_CONNECT_RESOLUTION_DELAY_MS, med, p90, worst,
         SADDR_CONNECT_RESOLUTION_DELAY_MS + 20, met);
  free(after);
  saddr_resolver_destroy(r);
  close(lfd);
  hd_stop(&dns);
}

int main(int argc, char **argv) {
  int rounds = 21, iters = 2000, runs = 40;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--rounds") == 0)
      rounds = atoi(argv[i + 1]);
    else if (strcmp(argv[i], "--iters") == 0)
      iters = atoi(argv[i + 1]);
    else if (strcmp(argv[i], "--runs") == 0)
      runs = atoi(argv[i + 1]);
  }
  if (rounds < 1 || iters < 1 || runs < 1)
    return 2;
  overhead(rounds, iters);
  bind_overhead(rounds, iters);
  first_connection(runs);
  return 0;
}
