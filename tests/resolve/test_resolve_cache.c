/* The answer cache's hit path and the resolver's intrusive list: the list
 * operations (resolve/list.h), a whole AF_UNSPEC answer taken from two
 * per-family entries (the interleaving order, the TTLs left, the names),
 * keys of every length, result blocks that never show stale heap bytes,
 * and, against dnsmasq, hits answered inside saddr_resolve() exactly as
 * the DNS answer was. */
#include "harness.h"
#include "resolve/dnsmasq.h"
#include "resolve/resolve.h"

/* ---- The list ------------------------------------------------------------ */

typedef struct item {
  int         v;
  saddr__link link;
} item;

/* The values head to tail, and tail to head (they must mirror). */
static void list_text(const saddr__list *l, char *fwd, char *back) {
  size_t n = 0;
  for (saddr__link *k = l->head; k && n < 15; k = k->next)
    fwd[n++] = (char)('0' + SADDR__ELEM(k, item, link)->v);
  fwd[n] = '\0';
  n      = 0;
  for (saddr__link *k = l->tail; k && n < 15; k = k->prev)
    back[n++] = (char)('0' + SADDR__ELEM(k, item, link)->v);
  back[n] = '\0';
}

static void expect_list(const saddr__list *l, const char *want) {
  char   fwd[16], back[16], rev[16];
  size_t n = strlen(want);
  for (size_t i = 0; i < n; i++)
    rev[i] = want[n - 1 - i];
  rev[n] = '\0';
  list_text(l, fwd, back);
  CHECK_CTX(strcmp(fwd, want) == 0 && strcmp(back, rev) == 0,
            "list %s / %s, expected %s / %s", fwd, back, want, rev);
}

static void test_list(void) {
  item        it[5];
  saddr__list l = {NULL, NULL};
  for (int i = 0; i < 5; i++)
    it[i] = (item){.v = i};
  CHECK(SADDR__ELEM(&it[3].link, item, link) == &it[3]);
  expect_list(&l, "");
  saddr__list_insert(&l, NULL, &it[1].link); /* into an empty list */
  expect_list(&l, "1");
  saddr__list_insert(&l, NULL, &it[0].link);        /* at the head */
  saddr__list_insert(&l, l.tail, &it[3].link);      /* at the tail */
  saddr__list_insert(&l, &it[1].link, &it[2].link); /* in the middle */
  saddr__list_insert(&l, l.tail, &it[4].link);
  expect_list(&l, "01234");
  saddr__list_unlink(&l, &it[2].link); /* from the middle */
  CHECK(it[2].link.prev == NULL && it[2].link.next == NULL);
  expect_list(&l, "0134");
  saddr__list_unlink(&l, &it[0].link); /* the head */
  expect_list(&l, "134");
  saddr__list_unlink(&l, &it[4].link); /* the tail */
  expect_list(&l, "13");
  saddr__list_unlink(&l, &it[1].link);
  saddr__list_unlink(&l, &it[3].link); /* the last one */
  expect_list(&l, "");
  CHECK(l.head == NULL && l.tail == NULL);
}

/* ---- Whole answers from the cache ---------------------------------------- */

static const saddr__stamp st = {
    .family = AF_UNSPEC, .type = SOCK_STREAM, .port = 443};

/* n addresses of one family; the last byte numbers them from first. */
static void fill(saddr__raw *raw, size_t n, int family, unsigned char first,
                 uint32_t ttl) {
  for (size_t i = 0; i < n; i++) {
    memset(&raw[i], 0, sizeof(raw[i]));
    raw[i].family                        = family;
    raw[i].ttl                           = ttl;
    raw[i].a[family == AF_INET ? 3 : 15] = (unsigned char)(first + i);
  }
}

static unsigned char last_byte(const saddr_addr *a) {
  return a->sa.sa.sa_family == AF_INET
             ? ((const unsigned char *)&a->sa.in.sin_addr)[3]
             : a->sa.in6.sin6_addr.s6_addr[15];
}

/* An AF_UNSPEC hit of n6 IPv6 and n4 IPv4 addresses is in the order
 * saddr__interleave gives their concatenation, with the TTLs left. */
static void check_both(size_t n6, size_t n4) {
  saddr__cache c;
  saddr__raw   r6[32], r4[32], all[64];
  bool         hit;
  CHECK_INT(saddr__cache_init(&c, 8, 3600), 0);
  fill(r6, n6, AF_INET6, 1, 50);
  fill(r4, n4, AF_INET, 101, 20);
  saddr__cache_put(&c, AF_INET6, "both.test", "six.test", r6, n6, 50, 1000);
  saddr__cache_put(&c, AF_INET, "both.test", "four.test", r4, n4, 20, 1000);
  memcpy(all, r6, n6 * sizeof(*all));
  memcpy(all + n6, r4, n4 * sizeof(*all));
  saddr__interleave(all, n6 + n4);
  saddr_result *res =
      saddr__cache_get(&c, AF_UNSPEC, "both.test", &st, 1000 + 5500, &hit);
  CHECK(hit && res != NULL);
  if (res != NULL) {
    CHECK_INT(res->count, n6 + n4);
    CHECK_INT(res->source, SADDR_SOURCE_CACHE);
    CHECK_STR(res->name, "both.test");
    CHECK_STR(res->canonical, "six.test"); /* IPv6 first, as from DNS */
    for (size_t i = 0; i < res->count && i < n6 + n4; i++) {
      const saddr_addr *a = &res->addr[i];
      CHECK_CTX(a->sa.sa.sa_family == all[i].family &&
                    last_byte(a) == all[i].a[all[i].family == AF_INET ? 3 : 15],
                "%zu+%zu: address %zu out of order", n6, n4, i);
      /* 50 s and 20 s TTLs, 5.5 s later: 45 and 15 left (rounded up). */
      CHECK_INT(res->ttl[i], all[i].family == AF_INET6 ? 45 : 15);
      CHECK_INT(ntohs(a->sa.sa.sa_family == AF_INET ? a->sa.in.sin_port
                                                    : a->sa.in6.sin6_port),
                443);
    }
  }
  saddr_result_free(res);
  saddr__cache_free(&c);
}

static void test_both_families(void) {
  static const size_t sizes[][2] = {{1, 1}, {3, 1},  {1, 4},  {2, 2},
                                    {5, 3}, {20, 3}, {1, 30}, {16, 16}};
  for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
    check_both(sizes[i][0], sizes[i][1]);

  /* Every family asked for must be there and alive. */
  saddr__cache c;
  saddr__raw   r6, r4;
  bool         hit;
  fill(&r6, 1, AF_INET6, 1, 50);
  fill(&r4, 1, AF_INET, 1, 10);
  CHECK_INT(saddr__cache_init(&c, 8, 3600), 0);
  saddr__cache_put(&c, AF_INET6, "x.test", "x.test", &r6, 1, 50, 0);
  CHECK(saddr__cache_get(&c, AF_UNSPEC, "x.test", &st, 0, &hit) == NULL);
  CHECK(!hit);
  saddr__cache_put(&c, AF_INET, "x.test", "x.test", &r4, 1, 10, 0);
  saddr_result *res = saddr__cache_get(&c, AF_UNSPEC, "x.test", &st, 0, &hit);
  CHECK(hit && res != NULL && res->count == 2);
  saddr_result_free(res);
  /* The IPv4 entry expires at 10 s: no whole answer, and it is dropped. */
  CHECK_INT(c.count, 2);
  CHECK(saddr__cache_get(&c, AF_UNSPEC, "x.test", &st, 10000, &hit) == NULL);
  CHECK(!hit);
  CHECK_INT(c.count, 1);
  res = saddr__cache_get(&c, AF_INET6, "x.test", &st, 10000, &hit);
  CHECK(hit && res != NULL && res->count == 1 && res->ttl[0] == 40);
  saddr_result_free(res);
  saddr__cache_free(&c);
}

/* Keys of every length up to 40, and keys one byte apart at each position,
 * are told apart (the hash reads words, overlapping at the end). */
static void test_keys(void) {
  saddr__cache c;
  char         names[41][48];
  bool         hit;
  CHECK_INT(saddr__cache_init(&c, 1024, 3600), 0);
  for (size_t n = 0; n <= 40; n++) {
    for (size_t i = 0; i < n; i++)
      names[n][i] = (char)('a' + i % 26);
    names[n][n] = '\0';
    saddr__raw raw;
    fill(&raw, 1, AF_INET, (unsigned char)n, 60);
    saddr__cache_put(&c, AF_INET, names[n], names[n], &raw, 1, 60, 0);
  }
  for (size_t n = 0; n <= 40; n++) {
    for (size_t i = 0; i < n; i++) {
      char other[48];
      memcpy(other, names[n], n + 1);
      other[i] = 'Z';
      CHECK_CTX(saddr__cache_get(&c, AF_INET, other, &st, 0, &hit) == NULL &&
                    !hit,
                "length %zu, byte %zu changed: still a hit", n, i);
    }
    saddr_result *res = saddr__cache_get(&c, AF_INET, names[n], &st, 0, &hit);
    CHECK_CTX(hit && res != NULL && last_byte(&res->addr[0]) == n,
              "length %zu: not found", n);
    saddr_result_free(res);
    /* The same name under the other family is another key. */
    CHECK(saddr__cache_get(&c, AF_INET6, names[n], &st, 0, &hit) == NULL);
  }
  CHECK_INT(c.count, 41);
  saddr__cache_free(&c);
}

/* A result block is not zeroed by the allocator: every byte a caller can
 * read is written, even in a block that held something else. */
static void test_result_bytes(void) {
  saddr_addr addr[2];
  memset(addr, 0, sizeof(addr));
  addr[0].sa.in.sin_family   = AF_INET;
  addr[1].sa.in6.sin6_family = AF_INET6;
  for (int round = 0; round < 4; round++) {
    /* The size result_copy asks for, dirtied and freed first. */
    size_t size = sizeof(saddr_result) + 2 * sizeof(saddr_addr) + 8 + 3 + 3;
    unsigned char *dirt = malloc(size);
    if (dirt != NULL)
      memset(dirt, 0xa5, size);
    free(dirt);
    saddr_result *res = saddr__result_copy(addr, 2, "lo", SADDR_SOURCE_LOCAL);
    CHECK(res != NULL);
    if (res == NULL)
      return;
    CHECK_INT(res->count, 2);
    CHECK_INT(res->ttl[0], 0);
    CHECK_INT(res->ttl[1], 0);
    CHECK_STR(res->name, "lo");
    CHECK_STR(res->canonical, "lo");
    CHECK_INT(res->source, SADDR_SOURCE_LOCAL);
    saddr_result_free(res);
  }
}

/* ---- Hits through the resolver ------------------------------------------- */

static const char *const records[] = {
    "--host-record=dual.test,192.0.2.11,2001:db8::11,300",
    "--host-record=dual.test,192.0.2.12,300",
    "--host-record=dual.test,192.0.2.13,2001:db8::13,300",
    "--host-record=one.test,192.0.2.21,300", NULL};

static td_dnsmasq dns;

typedef struct seen {
  int           calls, status;
  saddr_result *res;
} seen;

static void on_result(void *data, int status, saddr_result *res,
                      const saddr_error *err) {
  seen *s = data;
  (void)err;
  s->calls++;
  s->status = status;
  s->res    = res;
}

static void same_answer(const saddr_result *a, const saddr_result *b,
                        const char *what) {
  CHECK_CTX(a->count == b->count, "%s: %zu addresses, then %zu", what, a->count,
            b->count);
  for (size_t i = 0; i < a->count && i < b->count; i++)
    CHECK_CTX(a->addr[i].len == b->addr[i].len &&
                  memcmp(&a->addr[i], &b->addr[i], sizeof(a->addr[i])) == 0,
              "%s: address %zu differs", what, i);
  CHECK_STR(a->name, b->name);
  CHECK_STR(a->canonical, b->canonical);
}

static void test_resolver_hits(void) {
  const char            *servers[] = {dns.server};
  saddr_resolver_options o         = {
              .flags = SADDR_RESOLVER_NO_HOSTS, .servers = servers, .nservers = 1};
  saddr_resolver *r = NULL;
  saddr_error     err;
  CHECK_INT(saddr_resolver_new(&o, &r, &err), 0);
  if (r == NULL)
    return;
  static const int families[] = {AF_UNSPEC, AF_INET6, AF_INET};
  for (size_t f = 0; f < 3; f++) {
    saddr_hints   h     = {.family = families[f], .type = SOCK_DGRAM};
    saddr_result *first = NULL;
    CHECK_INT(saddr_resolve_sync(r, "dual.test:53", 12, &h, 0, &first, &err),
              0);
    if (first == NULL)
      continue;
    /* AF_UNSPEC fills both entries; the single families then hit. */
    CHECK_INT(first->source, f == 0 ? SADDR_SOURCE_DNS : SADDR_SOURCE_CACHE);
    saddr_resolver_stats before, after;
    saddr_resolver_stats_get(r, &before);
    seen s = {0};
    CHECK_INT(saddr_resolve(r, "dual.test:53", 12, &h, 0, on_result, &s, NULL),
              0);
    /* A hit is answered before saddr_resolve returns. */
    CHECK_INT(s.calls, 1);
    CHECK_INT(s.status, 0);
    CHECK_INT(saddr_resolver_pending(r), 0);
    saddr_resolver_stats_get(r, &after);
    CHECK_INT(after.cache_hits, before.cache_hits + 1);
    CHECK_INT(after.dns, before.dns);
    if (s.res != NULL) {
      CHECK_INT(s.res->source, SADDR_SOURCE_CACHE);
      same_answer(first, s.res, "dual.test");
      CHECK_INT(s.res->count, f == 0 ? 5 : f == 1 ? 2 : 3);
      for (size_t i = 0; i < s.res->count; i++)
        CHECK(s.res->ttl[i] >= 299 && s.res->ttl[i] <= 300);
    }
    saddr_result_free(s.res);
    saddr_result_free(first);
  }
  /* IPv4 cached, IPv6 not: AF_UNSPEC asks DNS for IPv6 only, and the
   * IPv6 "no data" leaves nothing more to take from the cache. */
  saddr_hints   h4 = {.family = AF_INET}, h = {.family = AF_UNSPEC};
  saddr_result *res = NULL;
  CHECK_INT(saddr_resolve_sync(r, "one.test:1", 10, &h4, 0, &res, &err), 0);
  saddr_result_free(res);
  res = NULL;
  saddr_resolver_stats before, after;
  saddr_resolver_stats_get(r, &before);
  CHECK_INT(saddr_resolve_sync(r, "one.test:1", 10, &h, 0, &res, &err), 0);
  saddr_resolver_stats_get(r, &after);
  CHECK_INT(after.cache_hits, before.cache_hits);
  CHECK_INT(after.dns, before.dns + 1);
  if (res != NULL) {
    CHECK_INT(res->count, 1);
    CHECK_INT(res->source, SADDR_SOURCE_CACHE);
  }
  saddr_result_free(res);
  saddr_resolver_destroy(r);
}

int main(void) {
  test_list();
  test_both_families();
  test_keys();
  test_result_bytes();
  if (td_dnsmasq_start(&dns, records) != 0) {
    TH_FAIL("cannot start dnsmasq");
    return th_done();
  }
  test_resolver_hits();
  td_dnsmasq_stop(&dns);
  return th_done();
}
