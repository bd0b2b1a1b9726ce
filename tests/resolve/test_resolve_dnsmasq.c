/* The resolver against a real DNS server: dnsmasq on 127.0.0.1 with test
 * records. Checks results, ordering, TTLs, CNAME chains, errors, the hosts
 * and services files, the cache, and a burst of 1,000 lookups. */
#include "harness.h"
#include "resolve/dnsmasq.h"

#include "saddr.h"

#include <pthread.h>

static const char *const records[] = {
    "--host-record=example.test,192.0.2.10,2001:db8::10,300",
    "--host-record=v4only.test,192.0.2.20,120",
    "--host-record=v6only.test,2001:db8::30,120",
    "--cname=alias.test,mid.test,60",
    "--cname=mid.test,example.test,90",
    "--host-record=many.test,192.0.2.101,2001:db8::101,200",
    "--host-record=many.test,192.0.2.102,2001:db8::102,200",
    "--host-record=many.test,192.0.2.103,200",
    "--host-record=many.test,192.0.2.104,200",
    "--host-record=many.test,192.0.2.105,200",
    "--host-record=hosted.test,192.0.2.200,300",
    "--host-record=short.test,192.0.2.60,1",
    "--host-record=xn--bcher-kva.test,192.0.2.50,300",
    "--host-record=c1.test,192.0.2.71,300",
    "--host-record=c2.test,192.0.2.72,300",
    "--host-record=c3.test,192.0.2.73,300",
    "--address=/burst.test/192.0.2.77",
    NULL};

static td_dnsmasq dns;
static char       hosts_path[64], services_path[64];

static void write_file(char *path, const char *tmpl, const char *text) {
  strcpy(path, tmpl);
  int fd = mkstemp(path);
  if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
    TH_FAIL("cannot write %s", path);
  if (fd >= 0)
    close(fd);
}

static saddr_resolver *make(unsigned flags, size_t cache_size,
                            unsigned max_inflight) {
  const char            *servers[] = {dns.server};
  saddr_resolver_options o         = {.flags         = flags,
                                      .servers       = servers,
                                      .nservers      = 1,
                                      .hosts_path    = hosts_path,
                                      .services_path = services_path,
                                      .cache_size    = cache_size,
                                      .max_inflight  = max_inflight};
  saddr_resolver        *r         = NULL;
  saddr_error            err;
  int                    rc = saddr_resolver_new(&o, &r, &err);
  CHECK_CTX(rc == 0, "resolver_new: %s", err.message);
  return r;
}

static int resolve(saddr_resolver *r, const char *spec, int family,
                   saddr_result **res, saddr_error *err) {
  saddr_hints h = {.family = family};
  return saddr_resolve_sync(r, spec, strlen(spec), &h, 0, res, err);
}

static const char *compact(const saddr_addr *a, char *buf) {
  saddr_error err;
  if (saddr_format_addr(a, SADDR_FORMAT_COMPACT, buf, SADDR_FORMAT_MAX, &err) <
      0)
    strcpy(buf, "?");
  return buf;
}

/* Expects a result whose addresses print as the '|'-joined list. */
static void expect(saddr_resolver *r, const char *spec, int family,
                   const char *want, int source) {
  saddr_result *res = NULL;
  saddr_error   err;
  int           rc = resolve(r, spec, family, &res, &err);
  CHECK_CTX(rc == 0, "%s: %s", spec, err.message);
  if (rc != 0)
    return;
  char got[2048] = "", buf[SADDR_FORMAT_MAX];
  for (size_t i = 0; i < res->count; i++) {
    if (i)
      strcat(got, "|");
    strcat(got, compact(&res->addr[i], buf));
  }
  CHECK_CTX(strcmp(got, want) == 0, "%s: got %s, expected %s", spec, got, want);
  CHECK_CTX(res->source == source, "%s: source %d, expected %d", spec,
            res->source, source);
  saddr_result_free(res);
}

static void expect_error(saddr_resolver *r, const char *spec, int family,
                         int code, size_t off, size_t len) {
  saddr_result *res = NULL;
  saddr_error   err;
  int           rc = resolve(r, spec, family, &res, &err);
  CHECK_CTX(rc == code, "%s: %s (%d), expected %s", spec, saddr_err_name(rc),
            rc, saddr_err_name(code));
  CHECK_CTX(res == NULL, "%s: result on error", spec);
  CHECK_CTX(err.code == rc && err.offset == off && err.length == len,
            "%s: err %d at %zu+%zu, expected %zu+%zu (%s)", spec, err.code,
            err.offset, err.length, off, len, err.message);
  saddr_result_free(res);
}

static void test_answers(void) {
  saddr_resolver *r = make(SADDR_RESOLVER_NO_CACHE, 0, 0);
  expect(r, "example.test:80", AF_UNSPEC, "[2001:db8::10]:80|192.0.2.10:80",
         SADDR_SOURCE_DNS);
  expect(r, "example.test:80", AF_INET, "192.0.2.10:80", SADDR_SOURCE_DNS);
  expect(r, "example.test:443", AF_INET6, "[2001:db8::10]:443",
         SADDR_SOURCE_DNS);
  expect(r, "EXAMPLE.test.:80", AF_UNSPEC, "[2001:db8::10]:80|192.0.2.10:80",
         SADDR_SOURCE_DNS);
  expect(r, "v4only.test:1", AF_UNSPEC, "192.0.2.20:1", SADDR_SOURCE_DNS);
  expect(r, "v6only.test:1", AF_UNSPEC, "[2001:db8::30]:1", SADDR_SOURCE_DNS);
  expect(r, "alias.test:7", AF_INET, "192.0.2.10:7", SADDR_SOURCE_DNS);
  expect(r,
         "b\xc3\xbc"
         "cher.test:80",
         AF_INET, "192.0.2.50:80", SADDR_SOURCE_DNS);
  expect(r, "('example.test', 8080)", AF_INET6, "[2001:db8::10]:8080",
         SADDR_SOURCE_DNS);
  expect_error(r, "nx.test:80", AF_UNSPEC, SADDR_ENOTFOUND, 0, 7);
  expect_error(r, "tcp@nx.test:80", AF_UNSPEC, SADDR_ENOTFOUND, 4, 7);
  expect_error(r, "v4only.test:80", AF_INET6, SADDR_ENODATA, 0, 11);
  expect_error(r, "v6only.test:80", AF_INET, SADDR_ENODATA, 0, 11);
  /* dnsmasq refuses names outside the zones it knows. */
  expect_error(r, "outside.example:80", AF_INET, SADDR_EREFUSED, 0, 15);
  saddr_resolver_destroy(r);
}

/* Many addresses: IPv6 first, then alternating, each family complete. */
static void test_interleaving(void) {
  saddr_resolver *r   = make(SADDR_RESOLVER_NO_CACHE, 0, 0);
  saddr_result   *res = NULL;
  saddr_error     err;
  CHECK_INT(resolve(r, "many.test:5", AF_UNSPEC, &res, &err), 0);
  if (res != NULL) {
    static const int fam[] = {AF_INET6, AF_INET, AF_INET6, AF_INET,
                              AF_INET,  AF_INET, AF_INET};
    CHECK_INT(res->count, 7);
    unsigned seen4 = 0, seen6 = 0;
    for (size_t i = 0; i < res->count && i < 7; i++) {
      const saddr_addr *a = &res->addr[i];
      CHECK_CTX(a->family == fam[i], "many.test[%zu] family %d", i, a->family);
      CHECK_INT(a->type, SOCK_STREAM);
      CHECK_INT(a->protocol, 0);
      CHECK_INT(res->ttl[i], 200);
      if (a->family == AF_INET) {
        CHECK_INT(ntohs(a->sa.in.sin_port), 5);
        CHECK_INT(a->len, sizeof(struct sockaddr_in));
        seen4 |= 1u << (ntohl(a->sa.in.sin_addr.s_addr) & 0xff) % 32;
      } else {
        CHECK_INT(ntohs(a->sa.in6.sin6_port), 5);
        CHECK_INT(a->len, sizeof(struct sockaddr_in6));
        CHECK(a->flags & SADDR_ADDR_V6ONLY);
        seen6 |= 1u << a->sa.in6.sin6_addr.s6_addr[15] % 32;
      }
    }
    /* .101-.105 for IPv4 (101 % 32 = 5), ::101 and ::102 for IPv6 (low
     * byte 0x01, 0x02). */
    CHECK_INT(seen4, 0x3e0);
    CHECK_INT(seen6, 0x6);
  }
  saddr_result_free(res);
  saddr_resolver_destroy(r);
}

static void test_stamping(void) {
  saddr_resolver *r = make(SADDR_RESOLVER_NO_CACHE, 0, 0);
  saddr_hints     h = {
          .family = AF_INET, .type = SOCK_DGRAM, .protocol = IPPROTO_UDP};
  saddr_result *res = NULL;
  saddr_error   err;
  CHECK_INT(saddr_resolve_sync(r, "example.test:53", 15, &h, 0, &res, &err), 0);
  if (res != NULL) {
    char hex[64];
    CHECK_INT(res->count, 1);
    CHECK_INT(res->addr[0].type, SOCK_DGRAM);
    CHECK_INT(res->addr[0].protocol, IPPROTO_UDP);
    CHECK_INT(res->addr[0].flags & SADDR_ADDR_V6ONLY, 0);
    th_hex(&res->addr[0].sa, res->addr[0].len, hex);
    CHECK_STR(hex, "02000035c000020a0000000000000000");
    CHECK_STR(res->name, "example.test");
    CHECK_STR(res->canonical, "example.test");
  }
  saddr_result_free(res);
  saddr_resolver_destroy(r);
}

static void test_ttl_and_cname(void) {
  saddr_resolver *r   = make(0, 0, 0);
  saddr_result   *res = NULL;
  saddr_error     err;
  CHECK_INT(resolve(r, "alias.test:80", AF_INET, &res, &err), 0);
  if (res != NULL) {
    CHECK_INT(res->source, SADDR_SOURCE_DNS);
    CHECK_STR(res->name, "alias.test");
    CHECK_STR(res->canonical, "example.test");
    CHECK_INT(res->ttl[0], 60);
  }
  saddr_result_free(res);
  /* The cache keeps a CNAME answer for the chain's smallest TTL (60). */
  CHECK_INT(resolve(r, "alias.test:80", AF_INET, &res, &err), 0);
  if (res != NULL) {
    CHECK_INT(res->source, SADDR_SOURCE_CACHE);
    CHECK_STR(res->canonical, "example.test");
    CHECK_CTX(res->ttl[0] >= 59 && res->ttl[0] <= 60, "cached ttl %u",
              (unsigned)res->ttl[0]);
  }
  saddr_result_free(res);
  CHECK_INT(resolve(r, "example.test:80", AF_UNSPEC, &res, &err), 0);
  if (res != NULL)
    CHECK_CTX(res->ttl[0] == 300 && res->ttl[1] == 300, "ttl %u %u",
              (unsigned)res->ttl[0], (unsigned)res->ttl[1]);
  saddr_result_free(res);
  saddr_resolver_destroy(r);
}

static void test_cache(void) {
  saddr_resolver      *r = make(0, 2, 0);
  saddr_resolver_stats st;
  expect(r, "c1.test:1", AF_INET, "192.0.2.71:1", SADDR_SOURCE_DNS);
  expect(r, "c1.test:2", AF_INET, "192.0.2.71:2", SADDR_SOURCE_CACHE);
  /* Entries are per family: AF_UNSPEC takes the IPv4 answer from the cache
   * and asks DNS only for IPv6 (no data: nothing more is cached). */
  expect(r, "c1.test:3", AF_UNSPEC, "192.0.2.71:3", SADDR_SOURCE_CACHE);
  expect(r, "c2.test:1", AF_INET, "192.0.2.72:1", SADDR_SOURCE_DNS);
  expect(r, "c3.test:1", AF_INET, "192.0.2.73:1", SADDR_SOURCE_DNS);
  /* Size 2: c1 was the least recently used and is gone. */
  expect(r, "c1.test:4", AF_INET, "192.0.2.71:4", SADDR_SOURCE_DNS);
  expect(r, "c3.test:5", AF_INET, "192.0.2.73:5", SADDR_SOURCE_CACHE);
  saddr_resolver_stats_get(r, &st);
  CHECK_INT(st.cache_entries, 2);
  CHECK_INT(st.cache_hits, 2);
  CHECK_INT(st.dns, 5);
  /* A 1-second TTL expires. */
  expect(r, "short.test:1", AF_INET, "192.0.2.60:1", SADDR_SOURCE_DNS);
  expect(r, "short.test:1", AF_INET, "192.0.2.60:1", SADDR_SOURCE_CACHE);
  usleep(1100 * 1000);
  expect(r, "short.test:1", AF_INET, "192.0.2.60:1", SADDR_SOURCE_DNS);
  saddr_resolver_destroy(r);

  r = make(SADDR_RESOLVER_NO_CACHE, 0, 0);
  expect(r, "c3.test:1", AF_INET, "192.0.2.73:1", SADDR_SOURCE_DNS);
  expect(r, "c3.test:1", AF_INET, "192.0.2.73:1", SADDR_SOURCE_DNS);
  saddr_resolver_stats_get(r, &st);
  CHECK_INT(st.cache_hits, 0);
  CHECK_INT(st.cache_entries, 0);
  saddr_resolver_destroy(r);
}

static void test_local_sources(void) {
  saddr_resolver      *r = make(0, 0, 0);
  saddr_resolver_stats st;
  expect(r, "192.0.2.1:80", AF_UNSPEC, "192.0.2.1:80", SADDR_SOURCE_LOCAL);
  expect(r, "[2001:db8::1]:80", AF_UNSPEC, "[2001:db8::1]:80",
         SADDR_SOURCE_LOCAL);
  expect(r, "localhost:80", AF_UNSPEC, "[::1]:80|127.0.0.1:80",
         SADDR_SOURCE_LOCAL);
  expect(r, "*:80", AF_UNSPEC, "[::]:80|0.0.0.0:80", SADDR_SOURCE_LOCAL);
  expect(r, "192.0.2.1:svc-test", AF_UNSPEC, "192.0.2.1:4242",
         SADDR_SOURCE_LOCAL);
  /* The hosts file wins over DNS, case-insensitively, aliases included. */
  expect(r, "hosted.test:80", AF_UNSPEC, "198.51.100.7:80", SADDR_SOURCE_HOSTS);
  expect(r, "HOSTALIAS.test:80", AF_UNSPEC, "[2001:db8::7]:80|198.51.100.7:80",
         SADDR_SOURCE_HOSTS);
  expect(r, "example.test:svc-test", AF_INET, "192.0.2.10:4242",
         SADDR_SOURCE_DNS);
  saddr_hints   h   = {.family = AF_INET, .type = SOCK_DGRAM};
  saddr_result *res = NULL;
  saddr_error   err;
  CHECK_INT(
      saddr_resolve_sync(r, "example.test:svc-test", 21, &h, 0, &res, &err), 0);
  if (res != NULL)
    CHECK_INT(ntohs(res->addr[0].sa.in.sin_port), 5353);
  saddr_result_free(res);
  expect_error(r, "example.test:nosuchsvc", AF_INET, SADDR_ESERVICE, 13, 9);
  expect_error(r, "", AF_UNSPEC, SADDR_EEMPTY, 0, 0);
  saddr_resolver_stats_get(r, &st);
  CHECK_INT(st.local, 5);
  CHECK_INT(st.hosts, 2);
  saddr_resolver_destroy(r);
}

/* With explicit servers the environment cannot add a search domain: the
 * single label goes to the server as is (and dnsmasq refuses it) instead of
 * becoming example.test. */
static void test_no_env_override(void) {
  setenv("LOCALDOMAIN", "test", 1);
  setenv("RES_OPTIONS", "ndots:5 attempts:5 timeout:30", 1);
  saddr_resolver *r = make(SADDR_RESOLVER_NO_CACHE, 0, 0);
  expect_error(r, "example:80", AF_INET, SADDR_EREFUSED, 0, 7);
  saddr_resolver_destroy(r);
  unsetenv("LOCALDOMAIN");
  unsetenv("RES_OPTIONS");
}

typedef struct burst {
  int calls, ok, timeouts, other;
} burst;

static void burst_cb(void *data, int status, saddr_result *res,
                     const saddr_error *err) {
  burst *b = data;
  (void)err;
  b->calls++;
  if (status == 0 && res->count >= 1 &&
      res->addr[res->count - 1].sa.in.sin_addr.s_addr == htonl(0xc000024d))
    b->ok++;
  else if (status == SADDR_ETIMEDOUT)
    b->timeouts++;
  else
    b->other++;
  saddr_result_free(res);
}

/* 1,000 lookups started at once, half AF_UNSPEC (two queries each). */
static void test_burst(unsigned max_inflight) {
  saddr_resolver *r = make(SADDR_RESOLVER_NO_CACHE, 0, max_inflight);
  burst           b = {0};
  char            name[64];
  for (int i = 0; i < 1000; i++) {
    int         n = snprintf(name, sizeof(name), "n%d.burst.test:80", i);
    saddr_hints h = {.family = i % 2 ? AF_UNSPEC : AF_INET};
    CHECK_INT(saddr_resolve(r, name, (size_t)n, &h, 0, burst_cb, &b, NULL), 0);
  }
  CHECK_INT(saddr_resolver_run(r, 20000), 0);
  saddr_resolver_stats st;
  saddr_resolver_stats_get(r, &st);
  CHECK_INT(b.calls, 1000);
  CHECK_CTX(b.ok == 1000, "burst (cap %u): %d ok, %d timeouts, %d other",
            max_inflight, b.ok, b.timeouts, b.other);
  CHECK_INT(st.timeouts, 0);
  CHECK_CTX(st.inflight_max <= (max_inflight ? max_inflight : 64),
            "inflight_max %zu", st.inflight_max);
  saddr_resolver_destroy(r);
}

/* One resolver per thread: four threads create, use and destroy their own
 * resolvers at the same time. The threads only count; the checks run on
 * the main thread (the harness's counters are not thread-safe). */
typedef struct thread_job {
  int index, ok;
} thread_job;

static void *thread_main(void *arg) {
  thread_job *job = arg;
  for (int round = 0; round < 3; round++) {
    const char            *servers[] = {dns.server};
    saddr_resolver_options o         = {.flags        = SADDR_RESOLVER_NO_CACHE,
                                        .servers      = servers,
                                        .nservers     = 1,
                                        .hosts_path   = hosts_path,
                                        .max_inflight = 16};
    saddr_resolver        *r;
    saddr_error            err;
    if (saddr_resolver_new(&o, &r, &err) != 0)
      return NULL;
    burst b = {0};
    char  name[64];
    for (int i = 0; i < 50; i++) {
      int n = snprintf(name, sizeof(name), "t%dr%dn%d.burst.test:1", job->index,
                       round, i);
      saddr_resolve(r, name, (size_t)n, NULL, 0, burst_cb, &b, NULL);
    }
    saddr_resolver_run(r, 10000);
    saddr_resolver_destroy(r);
    job->ok += b.ok;
  }
  return NULL;
}

static void test_threads(void) {
  pthread_t  t[4];
  thread_job job[4];
  for (int i = 0; i < 4; i++) {
    job[i] = (thread_job){.index = i};
    CHECK_INT(pthread_create(&t[i], NULL, thread_main, &job[i]), 0);
  }
  for (int i = 0; i < 4; i++) {
    pthread_join(t[i], NULL);
    CHECK_CTX(job[i].ok == 150, "thread %d: %d of 150", i, job[i].ok);
  }
}

int main(void) {
  if (td_dnsmasq_start(&dns, records) != 0) {
    TH_FAIL("cannot start dnsmasq");
    return th_done();
  }
  write_file(hosts_path, "/tmp/saddr-hosts-XXXXXX",
             "198.51.100.7 hosted.test HostAlias.test\n"
             "2001:db8::7 hostalias.test\n");
  write_file(services_path, "/tmp/saddr-services-XXXXXX",
             "svc-test 4242/tcp\nsvc-test 5353/udp\n");
  test_answers();
  test_interleaving();
  test_stamping();
  test_ttl_and_cname();
  test_cache();
  test_local_sources();
  test_no_env_override();
  test_burst(0);
  test_burst(8);
  test_threads();
  unlink(hosts_path);
  unlink(services_path);
  td_dnsmasq_stop(&dns);
  return th_done();
}
