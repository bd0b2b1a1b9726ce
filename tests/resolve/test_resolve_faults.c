/* The resolver against a misbehaving DNS server (fakedns.h): every request
 * completes exactly once, within its deadline, with the right status. */
#include "harness.h"
#include "resolve/fakedns.h"

#include "saddr.h"

#include <stdio.h>

#define TRY_MS      200
#define TRIES       2
#define DEADLINE_MS 1500
#define SLACK_MS    300

static fd_server srv;
static char      server[32];

typedef struct outcome {
  int      calls;
  int      status;
  uint64_t at;       /* when the callback ran */
  uint8_t  last;     /* the last byte of the first IPv4 address */
  size_t   count;
} outcome;

static void on_done(void *data, int status, saddr_result *res,
                    const saddr_error *err) {
  outcome *o = data;
  o->calls++;
  o->status = status;
  o->at = fd_now_ms();
  CHECK_INT(err->code, status);
  if (res != NULL) {
    o->count = res->count;
    o->last = (uint8_t)(ntohl(res->addr[0].sa.in.sin_addr.s_addr) & 0xff);
  }
  saddr_result_free(res);
}

static saddr_resolver *make(void) {
  const char *servers[] = {server};
  saddr_resolver_options o = {.servers = servers,
                              .nservers = 1,
                              .hosts_path = "/dev/null",
                              .services_path = "/dev/null",
                              .flags = SADDR_RESOLVER_NO_CACHE,
                              .timeout_ms = TRY_MS,
                              .tries = TRIES,
                              .deadline_ms = DEADLINE_MS};
  saddr_resolver *r = NULL;
  saddr_error err;
  CHECK_INT(saddr_resolver_new(&o, &r, &err), 0);
  return r;
}

typedef struct fault_case {
  const char *name;
  unsigned    deadline_ms; /* 0: the resolver's */
  int         status;
  uint8_t     last;        /* expected last IPv4 byte on success */
  size_t      count;
  unsigned    min_ms;      /* the earliest the answer may come */
} fault_case;

static const fault_case cases[] = {
    {"ok.fault.", 0, 0, 1, 1, 0},
    {"silent.fault.", 0, SADDR_ETIMEDOUT, 0, 0, TRY_MS * 2},
    {"silent.fault.", 300, SADDR_ETIMEDOUT, 0, 0, 300},
    {"slow.fault.", 0, 0, 1, 1, FD_SLOW_MS},
    {"slow.fault.", 100, SADDR_ETIMEDOUT, 0, 0, 100},
    {"servfail.fault.", 0, SADDR_ESERVFAIL, 0, 0, 0},
    {"refused.fault.", 0, SADDR_EREFUSED, 0, 0, 0},
    {"nxdomain.fault.", 0, SADDR_ENOTFOUND, 0, 0, 0},
    {"tc.fault.", 0, 0, 2, 1, 0},
    /* Noise and replies with the wrong id or from the wrong port are
     * ignored: the request times out unless the real reply follows. */
    {"garbage.fault.", 0, SADDR_ETIMEDOUT, 0, 0, TRY_MS * 2},
    {"badans.fault.", 0, SADDR_EBADRESP, 0, 0, 0},
    {"wrongid.fault.", 0, SADDR_ETIMEDOUT, 0, 0, TRY_MS * 2},
    {"wrongidok.fault.", 0, 0, 1, 1, 0},
    {"wrongport.fault.", 0, SADDR_ETIMEDOUT, 0, 0, TRY_MS * 2},
    {"wrongportok.fault.", 0, 0, 1, 1, 0},
    /* A UDP reply over 512 bytes (no EDNS) counts as truncated even
     * without TC: the query is asked again over TCP. */
    {"big.fault.", 0, 0, 2, 1, 0},
    {"huge.fault.", 0, 0, 2, 1, 0},
};
#define NCASES (sizeof(cases) / sizeof(cases[0]))

static void check_outcome(const fault_case *c, const outcome *o,
                          uint64_t start) {
  unsigned deadline = c->deadline_ms ? c->deadline_ms : DEADLINE_MS;
  uint64_t took = o->at - start;
  CHECK_CTX(o->calls == 1, "%s: %d callbacks", c->name, o->calls);
  CHECK_CTX(o->status == c->status, "%s (deadline %u): %s, expected %s",
            c->name, c->deadline_ms, saddr_err_name(o->status),
            saddr_err_name(c->status));
  CHECK_CTX(took <= deadline + SLACK_MS, "%s: took %llu ms", c->name,
            (unsigned long long)took);
  CHECK_CTX(took + 5 >= c->min_ms, "%s: took only %llu ms", c->name,
            (unsigned long long)took);
  if (c->status == 0)
    CHECK_CTX(o->last == c->last && o->count == c->count,
              "%s: %zu addresses, last byte %u", c->name, o->count, o->last);
}

/* One at a time, so that timings are the request's own. */
static void test_each(void) {
  saddr_resolver *r = make();
  for (size_t i = 0; i < NCASES; i++) {
    outcome o = {0};
    saddr_hints h = {.family = AF_INET};
    uint64_t start = fd_now_ms();
    char spec[64];
    int n = snprintf(spec, sizeof(spec), "%s:53", cases[i].name);
    CHECK_INT(saddr_resolve(r, spec, (size_t)n, &h, cases[i].deadline_ms,
                            on_done, &o, NULL),
              0);
    CHECK_INT(saddr_resolver_run(r, 5000), 0);
    check_outcome(&cases[i], &o, start);
  }
  saddr_resolver_destroy(r);
}

/* All at once, on one resolver; then once more with AF_UNSPEC, where the
 * AAAA half of ok answers "no data" and the A half decides. */
static void test_together(int family) {
  saddr_resolver *r = make();
  outcome o[NCASES];
  memset(o, 0, sizeof(o));
  uint64_t start = fd_now_ms();
  for (size_t i = 0; i < NCASES; i++) {
    saddr_hints h = {.family = family};
    char spec[64];
    int n = snprintf(spec, sizeof(spec), "%s:53", cases[i].name);
    CHECK_INT(saddr_resolve(r, spec, (size_t)n, &h, cases[i].deadline_ms,
                            on_done, &o[i], NULL),
              0);
  }
  CHECK_INT(saddr_resolver_pending(r), NCASES);
  CHECK_INT(saddr_resolver_run(r, 5000), 0);
  CHECK_INT(saddr_resolver_pending(r), 0);
  for (size_t i = 0; i < NCASES; i++)
    check_outcome(&cases[i], &o[i], start);
  saddr_resolver_destroy(r);
}

/* Failover: a first server that never answers (a bound socket nobody
 * reads), then the working one. */
static void test_failover(void) {
  int dead = fd_bind(SOCK_DGRAM, 0);
  char first[32];
  snprintf(first, sizeof(first), "127.0.0.1:%d", fd_port_of(dead));
  const char *servers[] = {first, server};
  saddr_resolver_options opt = {.servers = servers,
                                .nservers = 2,
                                .hosts_path = "/dev/null",
                                .services_path = "/dev/null",
                                .flags = SADDR_RESOLVER_NO_CACHE,
                                .timeout_ms = TRY_MS,
                                .tries = TRIES};
  saddr_resolver *r = NULL;
  saddr_error err;
  CHECK_INT(saddr_resolver_new(&opt, &r, &err), 0);
  saddr_result *res = NULL;
  saddr_hints h = {.family = AF_INET};
  uint64_t start = fd_now_ms();
  CHECK_INT(saddr_resolve_sync(r, "ok.fault:1", 10, &h, 0, &res, &err), 0);
  uint64_t took = fd_now_ms() - start;
  CHECK_CTX(took >= TRY_MS - 5 && took < 2 * TRY_MS + SLACK_MS,
            "failover took %llu ms", (unsigned long long)took);
  if (res != NULL)
    CHECK_INT(res->count, 1);
  saddr_result_free(res);
  /* A dead server and one that refuses: the refusal is what saddr saw. */
  CHECK_INT(saddr_resolve_sync(r, "refused.fault:1", 15, &h, 0, &res, &err),
            SADDR_EREFUSED);
  saddr_resolver_destroy(r);
  /* With several servers, SERVFAIL and REFUSED move on to the next one;
   * when every one refuses, the request fails as refused. */
  servers[0] = server;
  CHECK_INT(saddr_resolver_new(&opt, &r, &err), 0);
  int before = atomic_load(&srv.queries);
  CHECK_INT(saddr_resolve_sync(r, "refused.fault:1", 15, &h, 0, &res, &err),
            SADDR_EREFUSED);
  CHECK_INT(atomic_load(&srv.queries) - before, 2);
  saddr_resolver_destroy(r);
  close(dead);
}

int main(void) {
  if (fd_start(&srv) != 0) {
    TH_FAIL("cannot start the fake DNS server");
    return th_done();
  }
  snprintf(server, sizeof(server), "127.0.0.1:%d", srv.port);
  test_each();
  test_together(AF_INET);
  test_together(AF_UNSPEC);
  test_failover();
  fd_stop(&srv);
  return th_done();
}
