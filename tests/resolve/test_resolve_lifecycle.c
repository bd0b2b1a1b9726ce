/* The callback contract, case by case: synchronous completion, cancel and
 * destroy with requests in flight, in the queue and from inside callbacks,
 * deadlines, and the event-loop view (watches, timeout). */
#include "harness.h"
#include "resolve/fakedns.h"

#include "saddr.h"

#include <stdio.h>

static fd_server srv;
static char      server[32];

typedef struct watch_log {
  int adds, removes, open;
} watch_log;

static void on_watch(void *data, int fd, unsigned events) {
  watch_log *w = data;
  (void)fd;
  if (events == 0) {
    w->removes++;
    w->open--;
  } else {
    w->adds++;
    w->open++;
  }
}

static saddr_resolver *make(unsigned max_inflight, watch_log *w) {
  const char            *servers[] = {server};
  saddr_resolver_options o         = {.servers       = servers,
                                      .nservers      = 1,
                                      .hosts_path    = "/dev/null",
                                      .services_path = "/dev/null",
                                      .timeout_ms    = 1000,
                                      .tries         = 1,
                                      .max_inflight  = max_inflight,
                                      .watch_cb      = w ? on_watch : NULL,
                                      .watch_data    = w};
  saddr_resolver        *r         = NULL;
  saddr_error            err;
  CHECK_INT(saddr_resolver_new(&o, &r, &err), 0);
  return r;
}

/* What a callback saw, and what it should do. */
typedef struct call {
  saddr_resolver  *r;
  saddr_request_id id; /* set by saddr_resolve before any callback */
  int              calls;
  int              status;
  bool             id_was_set;
  bool             inside; /* ran while saddr_resolve was on the stack */
  bool            *in_resolve;
  /* actions */
  bool             destroy;
  saddr_request_id cancel;
  const char      *start; /* a new request to start */
  struct call     *started;
  int              start_rc;
  int              run_rc, sync_rc;
  bool             try_run;
} call;

static bool in_resolve;

static void on_done(void *data, int status, saddr_result *res,
                    const saddr_error *err) {
  call *c = data;
  c->calls++;
  c->status     = status;
  c->id_was_set = c->id != 0;
  c->inside     = in_resolve;
  CHECK_INT(err->code, status);
  CHECK_CTX((res != NULL) == (status == 0), "result iff success");
  saddr_result_free(res);
  if (c->cancel)
    CHECK_INT(saddr_resolver_cancel(c->r, c->cancel), 0);
  if (c->start)
    c->start_rc = saddr_resolve(c->r, c->start, strlen(c->start), NULL, 0,
                                on_done, c->started, &c->started->id);
  if (c->try_run) {
    saddr_result *out = NULL;
    c->run_rc         = saddr_resolver_run(c->r, 0);
    c->sync_rc = saddr_resolve_sync(c->r, "1.2.3.4:5", 9, NULL, 0, &out, NULL);
    saddr_result_free(out);
  }
  if (c->destroy)
    saddr_resolver_destroy(c->r);
}

static int start(saddr_resolver *r, const char *spec, unsigned deadline,
                 call *c) {
  c->r       = r;
  in_resolve = true;
  int rc =
      saddr_resolve(r, spec, strlen(spec), NULL, deadline, on_done, c, &c->id);
  in_resolve = false;
  return rc;
}

/* Processes until c-ares has nothing left (abandoned queries included). */
static void drain(saddr_resolver *r) {
  uint64_t end = fd_now_ms() + 3000;
  while (saddr_resolver_timeout(r) >= 0 && fd_now_ms() < end) {
    saddr_resolver_run(r, 50);
    saddr_resolver_process(r, -1, 0);
    usleep(20000);
  }
}

static void test_synchronous(void) {
  saddr_resolver *r   = make(0, NULL);
  call            lit = {0}, bad = {0}, nx = {0};
  CHECK_INT(start(r, "192.0.2.1:80", 0, &lit), 0);
  CHECK(lit.calls == 1 && lit.status == 0 && lit.inside && lit.id_was_set);
  CHECK_INT(start(r, "192.0.2.1:99999", 0, &bad), 0);
  CHECK(bad.calls == 1 && bad.status == SADDR_EPORT && bad.inside);
  CHECK(bad.id != lit.id && bad.id != 0);
  /* A DNS answer never comes back inside saddr_resolve. */
  CHECK_INT(start(r, "nx.fault:80", 0, &nx), 0);
  CHECK_INT(nx.calls, 0);
  CHECK_INT(saddr_resolver_run(r, 2000), 0);
  CHECK(nx.calls == 1 && nx.status == SADDR_ENOTFOUND && !nx.inside);
  /* Refusals: the callback never runs. */
  CHECK_INT(saddr_resolve(NULL, "x", 1, NULL, 0, on_done, &nx, NULL),
            SADDR_EINVAL);
  CHECK_INT(saddr_resolve(r, "x", 1, NULL, 0, NULL, NULL, NULL), SADDR_EINVAL);
  CHECK_INT(saddr_resolve(r, NULL, 1, NULL, 0, on_done, &nx, NULL),
            SADDR_EINVAL);
  CHECK_INT(nx.calls, 1);
  CHECK_INT(saddr_resolver_cancel(r, lit.id), SADDR_EINVAL);
  CHECK_INT(saddr_resolver_cancel(r, 12345), SADDR_EINVAL);
  saddr_resolver_destroy(r);
}

static void test_cancel(void) {
  saddr_resolver *r = make(2, NULL);
  call            a = {0}, b = {0};
  CHECK_INT(start(r, "silent.fault:1", 0, &a), 0);
  CHECK_INT(start(r, "silent.fault:2", 0, &b), 0); /* two queries: queued */
  saddr_resolver_stats st;
  saddr_resolver_stats_get(r, &st);
  CHECK_INT(st.inflight, 2);
  CHECK_INT(st.queued, 1);
  CHECK_INT(saddr_resolver_cancel(r, a.id), 0);
  CHECK(a.calls == 1 && a.status == SADDR_ECANCELED);
  CHECK_INT(saddr_resolver_cancel(r, b.id), 0);
  CHECK(b.calls == 1 && b.status == SADDR_ECANCELED);
  CHECK_INT(saddr_resolver_cancel(r, a.id), SADDR_EINVAL);
  CHECK_INT(saddr_resolver_pending(r), 0);
  saddr_resolver_stats_get(r, &st);
  CHECK_INT(st.queued, 0);
  /* The abandoned query still runs out in c-ares without a second call. */
  drain(r);
  CHECK_INT(a.calls, 1);
  CHECK_INT(b.calls, 1);
  saddr_resolver_destroy(r);

  /* Cancelling from inside another request's callback. */
  r      = make(0, NULL);
  call x = {0}, y = {0};
  CHECK_INT(start(r, "silent.fault:3", 0, &y), 0);
  x.cancel = y.id;
  CHECK_INT(start(r, "ok.fault:4", 0, &x), 0);
  CHECK_INT(saddr_resolver_run(r, 2000), 0);
  CHECK(x.calls == 1 && x.status == 0);
  CHECK(y.calls == 1 && y.status == SADDR_ECANCELED);
  /* The cancelled request's queries stop counting at once. */
  saddr_resolver_stats_get(r, &st);
  CHECK_INT(st.inflight, 0);
  saddr_resolver_destroy(r);
  CHECK_INT(y.calls, 1);
}

static void test_destroy(void) {
  watch_log       w = {0};
  saddr_resolver *r = make(1, &w);
  call            a = {0}, b = {0}, c = {0};
  CHECK_INT(start(r, "silent.fault:1", 0, &a), 0);
  CHECK_INT(start(r, "silent.fault:2", 0, &b), 0);
  CHECK_INT(start(r, "silent.fault:3", 0, &c), 0);
  {
    saddr_watch ws[4];
    size_t      n = saddr_resolver_watches(r, ws, 4);
    CHECK_INT(n, 1);
    CHECK(n >= 1 && (ws[0].events & SADDR_WATCH_READ));
    CHECK_INT(w.open, 1);
    int t = saddr_resolver_timeout(r);
    CHECK_CTX(t > 0 && t <= 1000, "timeout %d", t);
  }
  /* b's callback tries to start a request: refused while destroying. */
  b.start   = "ok.fault:9";
  call late = {0};
  b.started = &late;
  saddr_resolver_destroy(r);
  CHECK(a.calls == 1 && a.status == SADDR_EDESTROYED);
  CHECK(b.calls == 1 && b.status == SADDR_EDESTROYED);
  CHECK(c.calls == 1 && c.status == SADDR_EDESTROYED);
  CHECK_INT(b.start_rc, SADDR_EDESTROYED);
  CHECK_INT(late.calls, 0);
  CHECK_INT(w.open, 0);
  CHECK_INT(w.adds, w.removes);
}

static void test_destroy_inside(void) {
  /* From a DNS callback, with other requests in flight and queued. */
  saddr_resolver *r = make(2, NULL);
  call            a = {0}, b = {0}, c = {0};
  a.destroy = true;
  a.try_run = true;
  CHECK_INT(start(r, "ok.fault:1", 0, &a), 0);
  CHECK_INT(start(r, "silent.fault:2", 0, &b), 0);
  CHECK_INT(start(r, "silent.fault:3", 0, &c), 0);
  CHECK_INT(saddr_resolver_run(r, 2000), 0);
  CHECK(a.calls == 1 && a.status == 0);
  CHECK_INT(a.run_rc, SADDR_EINVAL);
  CHECK_INT(a.sync_rc, SADDR_EINVAL);
  CHECK(b.calls == 1 && b.status == SADDR_EDESTROYED);
  CHECK(c.calls == 1 && c.status == SADDR_EDESTROYED);

  /* From a callback that runs inside saddr_resolve. */
  r      = make(0, NULL);
  call d = {0}, e = {0};
  CHECK_INT(start(r, "silent.fault:1", 0, &e), 0);
  d.destroy = true;
  CHECK_INT(start(r, "localhost:1", 0, &d), 0);
  CHECK(d.calls == 1 && d.status == 0 && d.inside);
  CHECK(e.calls == 1 && e.status == SADDR_EDESTROYED && e.inside);

  /* From the blocking helper's own request. */
  r         = make(0, NULL);
  call f    = {0};
  f.destroy = true;
  f.r       = r;
  CHECK_INT(saddr_resolve(r, "ok.fault:1", 10, NULL, 0, on_done, &f, &f.id), 0);
  saddr_result *out = NULL;
  saddr_error   err;
  CHECK_INT(saddr_resolve_sync(r, "silent.fault:2", 14, NULL, 0, &out, &err),
            SADDR_EDESTROYED);
  CHECK(out == NULL);
  CHECK_INT(f.calls, 1);
}

static void test_start_inside(void) {
  saddr_resolver *r = make(0, NULL);
  call            a = {0}, b = {0};
  a.start   = "ok.fault:2";
  a.started = &b;
  b.r       = r;
  CHECK_INT(start(r, "ok.fault:1", 0, &a), 0);
  /* Non-blocking rounds until the answer is in. */
  for (int i = 0; i < 200 && a.calls == 0; i++) {
    int rc = saddr_resolver_run(r, 0);
    CHECK(rc == 0 || rc == SADDR_ETIMEDOUT);
    usleep(5000);
  }
  CHECK_INT(saddr_resolver_run(r, 2000), 0);
  CHECK(a.calls == 1 && a.status == 0 && a.start_rc == 0);
  CHECK(b.calls == 1 && b.status == 0);
  saddr_resolver_destroy(r);
}

static void test_deadline(void) {
  watch_log       w = {0};
  saddr_resolver *r = make(0, &w);
  call            a = {0}, b = {0};
  uint64_t        t0 = fd_now_ms();
  CHECK_INT(start(r, "silent.fault:1", 100, &a), 0);
  CHECK_INT(start(r, "slow.fault:1", 2000, &b), 0);
  CHECK_CTX(saddr_resolver_timeout(r) <= 100, "timeout %d",
            saddr_resolver_timeout(r));
  CHECK_INT(saddr_resolver_run(r, 3000), 0);
  CHECK(a.calls == 1 && a.status == SADDR_ETIMEDOUT);
  CHECK(b.calls == 1 && b.status == 0);
  uint64_t took = fd_now_ms() - t0;
  CHECK_CTX(took >= FD_SLOW_MS && took < 1000, "took %llu ms",
            (unsigned long long)took);
  /* saddr_resolver_run's own limit leaves requests pending. */
  call c = {0};
  CHECK_INT(start(r, "silent.fault:1", 2000, &c), 0);
  CHECK_INT(saddr_resolver_run(r, 50), SADDR_ETIMEDOUT);
  CHECK_INT(saddr_resolver_run(r, 0), SADDR_ETIMEDOUT);
  CHECK_INT(c.calls, 0);
  CHECK_INT(saddr_resolver_pending(r), 1);
  CHECK_INT(saddr_resolver_cancel(r, c.id), 0);
  drain(r);
  CHECK_INT(saddr_resolver_timeout(r), -1);
  CHECK_INT(saddr_resolver_watches(r, NULL, 0), 0);
  CHECK_INT(w.open, 0);
  CHECK(w.adds > 0);
  saddr_resolver_stats st;
  saddr_resolver_stats_get(r, &st);
  CHECK_INT(st.timeouts, 1);
  saddr_resolver_destroy(r);
}

/* Server lists: IP literals with an optional port (53 by default). */
static void test_servers(void) {
  static const struct {
    const char *server;
    int         rc;
    size_t      off, len;
  } rows[] = {
      {"127.0.0.1", 0, 0, 0},
      {"127.0.0.1:5353", 0, 0, 0},
      {"[::1]:53", 0, 0, 0},
      {"::1", 0, 0, 0},
      {"dns.example:53", SADDR_EINVAL, 0, 14},
      {"0.0.0.0:53", SADDR_EINVAL, 0, 10},
      {"127.0.0.1:65536", SADDR_EPORT, 10, 5},
      {"127.1:53", SADDR_EIPV4LEGACY, 0, 5},
      {"/run/dns.sock", SADDR_EINVAL, 0, 13},
      {"", SADDR_EEMPTY, 0, 0},
  };
  for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
    const char            *servers[] = {rows[i].server};
    saddr_resolver_options o         = {
                .servers = servers, .nservers = 1, .hosts_path = "/dev/null"};
    saddr_resolver *r   = NULL;
    saddr_error     err = {0};
    int             rc  = saddr_resolver_new(&o, &r, &err);
    CHECK_CTX(rc == rows[i].rc, "server '%s': %s (%s)", rows[i].server,
              saddr_err_name(rc), err.message);
    if (rc != 0)
      CHECK_CTX(r == NULL && err.code == rc && err.offset == rows[i].off &&
                    err.length == rows[i].len,
                "server '%s': span %zu+%zu", rows[i].server, err.offset,
                err.length);
    saddr_resolver_destroy(r);
  }
  /* NULL is harmless where a resolver is read. */
  saddr_resolver_stats st;
  saddr_resolver_stats_get(NULL, &st);
  CHECK_INT(st.requests, 0);
  CHECK_INT(saddr_resolver_timeout(NULL), -1);
  CHECK_INT(saddr_resolver_watches(NULL, NULL, 0), 0);
  CHECK_INT(saddr_resolver_pending(NULL), 0);
  CHECK_INT(saddr_resolver_run(NULL, 0), SADDR_EINVAL);
  saddr_resolver_process(NULL, -1, 0);
  saddr_resolver_destroy(NULL);
}

int main(void) {
  if (fd_start(&srv) != 0) {
    TH_FAIL("cannot start the fake DNS server");
    return th_done();
  }
  snprintf(server, sizeof(server), "127.0.0.1:%d", srv.port);
  test_synchronous();
  test_cancel();
  test_destroy();
  test_destroy_inside();
  test_start_inside();
  test_deadline();
  test_servers();
  fd_stop(&srv);
  return th_done();
}
