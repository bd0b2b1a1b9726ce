/* Parsing, formatting and local answers from many threads at once.
 *
 * The main thread first computes every answer alone; then THREADS workers
 * repeat the same calls ROUNDS times and must get byte-identical results.
 * Some answers are also pinned to known bytes, so that a library that is
 * consistently wrong cannot pass. A shared hosts handle is read by every
 * worker while the main thread replaces its file, and every worker runs its
 * own resolver (one resolver per thread is the documented rule) answering
 * from the spec and from the hosts file, never from DNS.
 *
 * Under ThreadSanitizer (SADDR_SANITIZE=thread) any data race fails the
 * run; without it, the test still checks that concurrent results agree. The
 * harness counters are not thread-safe, so workers count their own
 * mismatches and the main thread checks them after joining. */
#include "harness.h"

#include "saddr.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>

#define THREADS 8
#define ROUNDS  100 /* at least; workers go on until the file stops changing */

/* ---- Parse and format table --------------------------------------------- */

typedef struct spec_case {
  const char *text;
  int         family; /* hints->family */
  unsigned    flags;  /* hints->flags */
} spec_case;

static const spec_case specs[] = {
    {"192.0.2.1:80", AF_UNSPEC, 0},    {"[2001:db8::1]:443", AF_UNSPEC, 0},
    {"[fe80::1%1]:53", AF_UNSPEC, 0},  {"0.0.0.0:80", AF_UNSPEC, 0},
    {"*:8080", AF_UNSPEC, 0},          {"localhost:25", AF_UNSPEC, 0},
    {"('192.0.2.7', 9)", AF_INET, 0},  {"('::1', 80, 0, 0)", AF_INET6, 0},
    {"('', 80)", AF_UNSPEC, 0},        {"1.2.3.4:99999", AF_UNSPEC, 0},
    {"127.1:80", AF_UNSPEC, 0},        {"2001:db8::1:443", AF_UNSPEC, 0},
    {"example.test:80", AF_UNSPEC, 0}, {"", AF_UNSPEC, 0},
};
#define NSPECS (sizeof specs / sizeof specs[0])

/* Everything one parse and its formatting produce, compared bytewise. */
typedef struct spec_answer {
  int         rc;
  int         code;
  size_t      offset, length;
  size_t      count;
  saddr_addr  addr[SADDR_PARSED_MAX];
  char        tuple[SADDR_PARSED_MAX][SADDR_FORMAT_MAX];
  char        compact[SADDR_PARSED_MAX][SADDR_FORMAT_MAX];
  const char *err_name;
} spec_answer;

static void answer_spec(const spec_case *c, spec_answer *a) {
  saddr_hints  hints;
  saddr_parsed parsed;
  saddr_error  err;

  memset(a, 0, sizeof *a);
  memset(&hints, 0, sizeof hints);
  hints.family = c->family;
  hints.flags  = c->flags;
  a->rc        = saddr_parse(c->text, strlen(c->text), &hints, &parsed, &err);
  if (a->rc != 0) {
    a->code     = err.code;
    a->offset   = err.offset;
    a->length   = err.length;
    a->err_name = saddr_err_name(a->rc);
    return;
  }
  a->count = parsed.count;
  for (size_t i = 0; i < parsed.count; i++) {
    a->addr[i] = parsed.addr[i];
    saddr_format_addr(&parsed.addr[i], SADDR_FORMAT_TUPLE, a->tuple[i],
                      sizeof a->tuple[i], &err);
    saddr_format_addr(&parsed.addr[i], SADDR_FORMAT_COMPACT, a->compact[i],
                      sizeof a->compact[i], &err);
  }
}

static bool same_answer(const spec_answer *x, const spec_answer *y) {
  if (x->rc != y->rc || x->code != y->code || x->offset != y->offset ||
      x->length != y->length || x->count != y->count)
    return false;
  if (x->rc != 0 && strcmp(x->err_name, y->err_name) != 0)
    return false;
  for (size_t i = 0; i < x->count; i++) {
    if (x->addr[i].len != y->addr[i].len ||
        memcmp(&x->addr[i].sa, &y->addr[i].sa, x->addr[i].len) != 0 ||
        x->addr[i].family != y->addr[i].family ||
        x->addr[i].type != y->addr[i].type ||
        x->addr[i].protocol != y->addr[i].protocol ||
        x->addr[i].flags != y->addr[i].flags ||
        strcmp(x->tuple[i], y->tuple[i]) != 0 ||
        strcmp(x->compact[i], y->compact[i]) != 0)
      return false;
  }
  return true;
}

/* ---- Hosts files --------------------------------------------------------- */

/* The shared file-backed handle flips between these two contents while the
 * workers read it; every lookup must see one of them whole. */
static const char hosts_a[] = "192.0.2.10 app.test alias.test\n"
                              "2001:db8::10 app.test alias.test\n";
static const char hosts_b[] = "192.0.2.20 app.test alias.test\n"
                              "2001:db8::20 app.test alias.test\n"
                              "192.0.2.21 app.test alias.test\n";

static char hosts_path[64];

static bool write_file(const char *path, const char *text) {
  char  tmp[80];
  FILE *f;

  snprintf(tmp, sizeof tmp, "%s.new", path);
  f = fopen(tmp, "w");
  if (f == NULL)
    return false;
  fputs(text, f);
  if (fclose(f) != 0)
    return false;
  return rename(tmp, path) == 0;
}

/* The first address of app.test with AF_UNSPEC is IPv6, then IPv4. */
static int hosts_version(const saddr_addr *addr, size_t count) {
  static const unsigned char v6a[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 0x10};
  static const unsigned char v6b[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 0x20};

  if (count < 2 || addr[0].family != AF_INET6 || addr[1].family != AF_INET)
    return 0;
  if (count == 2 && memcmp(&addr[0].sa.in6.sin6_addr, v6a, 16) == 0 &&
      addr[1].sa.in.sin_addr.s_addr == htonl(0xc000020a))
    return 1;
  if (count == 3 && memcmp(&addr[0].sa.in6.sin6_addr, v6b, 16) == 0 &&
      addr[1].sa.in.sin_addr.s_addr == htonl(0xc0000214) &&
      addr[2].sa.in.sin_addr.s_addr == htonl(0xc0000215))
    return 2;
  return 0;
}

/* ---- Workers ------------------------------------------------------------- */

typedef struct shared {
  const spec_answer *expect;     /* NSPECS answers from the main thread */
  saddr_hosts       *hosts_mem;  /* parsed from hosts_a, never changes */
  saddr_hosts       *hosts_file; /* hosts_path, rewritten during the run */
  saddr_services    *services;
  atomic_bool        stop; /* set once the hosts file stops changing */
} shared;

typedef struct worker {
  pthread_t     thread;
  const shared *sh;
  int           parse_mismatch;
  int           hosts_mismatch;
  int           file_bad;
  int           service_bad;
  int           resolver_bad;
  int           file_seen[3]; /* lookups that saw neither, A, B */
} worker;

static void run_parse(worker *w) {
  spec_answer got;

  for (size_t i = 0; i < NSPECS; i++) {
    answer_spec(&specs[i], &got);
    if (!same_answer(&got, &w->sh->expect[i]))
      w->parse_mismatch++;
  }
}

static void run_hosts(worker *w) {
  saddr_addr  addr[8];
  size_t      count = 0;
  saddr_error err;
  uint16_t    port = 0;

  if (saddr_hosts_lookup(w->sh->hosts_mem, "ALIAS.test", 10, AF_UNSPEC, addr, 8,
                         &count, &err) != 0 ||
      hosts_version(addr, count) != 1)
    w->hosts_mismatch++;
  count = 0;
  if (saddr_hosts_lookup(w->sh->hosts_file, "app.test", 8, AF_UNSPEC, addr, 8,
                         &count, &err) != 0)
    w->file_bad++;
  else
    w->file_seen[hosts_version(addr, count)]++;
  if (saddr_services_lookup(w->sh->services, "https", 5, SOCK_STREAM, &port,
                            &err) != 0 ||
      port != 443)
    w->service_bad++;
}

/* One resolver per thread, answering only locally: the server is a loopback
 * port nobody serves, and no name asked for needs it. */
static void run_resolver(worker *w) {
  static const char *const servers[] = {"127.0.0.1:9"};
  saddr_resolver_options   opts;
  saddr_resolver          *r = NULL;
  saddr_result            *res;
  saddr_error              err;

  memset(&opts, 0, sizeof opts);
  opts.servers    = servers;
  opts.nservers   = 1;
  opts.hosts_path = hosts_path;
  opts.flags      = SADDR_RESOLVER_NO_CACHE;
  if (saddr_resolver_new(&opts, &r, &err) != 0) {
    w->resolver_bad++;
    return;
  }
  if (saddr_resolve_sync(r, "localhost:80", 12, NULL, 2000, &res, &err) != 0) {
    w->resolver_bad++;
  } else {
    if (res->source != SADDR_SOURCE_LOCAL || res->count != 2)
      w->resolver_bad++;
    saddr_result_free(res);
  }
  if (saddr_resolve_sync(r, "alias.test:443", 14, NULL, 2000, &res, &err) !=
      0) {
    w->resolver_bad++;
  } else {
    if (res->source != SADDR_SOURCE_HOSTS ||
        hosts_version(res->addr, res->count) == 0 ||
        ntohs(res->addr[0].sa.in6.sin6_port) != 443)
      w->resolver_bad++;
    saddr_result_free(res);
  }
  saddr_resolver_destroy(r);
}

static void *work(void *arg) {
  worker *w = arg;

  for (int round = 0; round < ROUNDS || !atomic_load(&w->sh->stop); round++) {
    run_parse(w);
    run_hosts(w);
    if (round % 50 == 0)
      run_resolver(w);
  }
  return NULL;
}

/* ---- Main ---------------------------------------------------------------- */

static void check_pinned(const spec_answer *expect) {
  char hex[2 * sizeof(saddr_sockaddr) + 1];

  CHECK_INT(expect[0].rc, 0);
  CHECK_INT(expect[0].count, 1);
  th_hex(&expect[0].addr[0].sa, expect[0].addr[0].len, hex);
  CHECK_STR(hex, "02000050c00002010000000000000000");
  CHECK_STR(expect[0].tuple[0], "('192.0.2.1', 80)");
  CHECK_STR(expect[1].compact[0], "[2001:db8::1]:443");
  CHECK_INT(expect[4].count, 2);
  CHECK_INT(expect[4].addr[0].family, AF_INET6);
  CHECK_INT(expect[4].addr[1].family, AF_INET);
  CHECK_STR(expect[6].tuple[0], "('192.0.2.7', 9)");
  CHECK_INT(expect[9].rc, SADDR_EPORT);
  CHECK_INT(expect[10].rc, SADDR_EIPV4LEGACY);
  CHECK_INT(expect[11].rc, SADDR_EBRACKETS);
  CHECK_INT(expect[12].rc, SADDR_ERESOLVE);
  CHECK_INT(expect[13].rc, SADDR_EEMPTY);
}

static void open_databases(shared *sh) {
  static const char services[] = "http 80/tcp www\nhttps 443/tcp\n";
  saddr_error       err;

  snprintf(hosts_path, sizeof hosts_path, "/tmp/saddr-threads-%ld.hosts",
           (long)getpid());
  CHECK(write_file(hosts_path, hosts_a));
  CHECK_INT(
      saddr_hosts_parse(hosts_a, sizeof hosts_a - 1, &sh->hosts_mem, &err), 0);
  sh->hosts_file = saddr_hosts_open(hosts_path);
  CHECK(sh->hosts_file != NULL);
  CHECK_INT(
      saddr_services_parse(services, sizeof services - 1, &sh->services, &err),
      0);
}

/* Flips the hosts file between its two versions while the workers run. */
static void flip_hosts_file(void) {
  for (int i = 0; i < 20; i++) {
    usleep(2000);
    CHECK(write_file(hosts_path, i % 2 == 0 ? hosts_b : hosts_a));
  }
}

int main(void) {
  static spec_answer expect[NSPECS];
  static worker      workers[THREADS];
  static shared      sh;
  int                seen_versions = 0;

  for (size_t i = 0; i < NSPECS; i++)
    answer_spec(&specs[i], &expect[i]);
  check_pinned(expect);
  sh.expect = expect;
  atomic_init(&sh.stop, false);
  open_databases(&sh);
  if (sh.hosts_mem == NULL || sh.hosts_file == NULL || sh.services == NULL)
    return th_done();

  for (int t = 0; t < THREADS; t++) {
    workers[t].sh = &sh;
    CHECK_INT(pthread_create(&workers[t].thread, NULL, work, &workers[t]), 0);
  }
  flip_hosts_file();
  atomic_store(&sh.stop, true);
  for (int t = 0; t < THREADS; t++) {
    worker *w = &workers[t];
    CHECK_INT(pthread_join(w->thread, NULL), 0);
    CHECK_CTX(w->parse_mismatch == 0, "thread %d: %d parse mismatches", t,
              w->parse_mismatch);
    CHECK_CTX(w->hosts_mismatch == 0, "thread %d: %d hosts mismatches", t,
              w->hosts_mismatch);
    CHECK_CTX(w->file_bad == 0 && w->file_seen[0] == 0,
              "thread %d: %d failed and %d torn hosts-file lookups", t,
              w->file_bad, w->file_seen[0]);
    CHECK_CTX(w->service_bad == 0, "thread %d: %d bad service lookups", t,
              w->service_bad);
    CHECK_CTX(w->resolver_bad == 0, "thread %d: %d bad resolver answers", t,
              w->resolver_bad);
    seen_versions |= (w->file_seen[1] ? 1 : 0) | (w->file_seen[2] ? 2 : 0);
  }
  /* The reload path must actually have run: some lookup saw version B. */
  CHECK_INT(seen_versions & 2, 2);

  saddr_hosts_close(sh.hosts_mem);
  saddr_hosts_close(sh.hosts_file);
  saddr_services_close(sh.services);
  unlink(hosts_path);
  return th_done();
}
