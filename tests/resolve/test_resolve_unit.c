/* The resolver's pure parts: RFC 8305 interleaving, the answer cache (with
 * a clock the test controls) and result blocks. */
#include "harness.h"
#include "resolve/resolve.h"

#include <arpa/inet.h>

/* Families as text ("6" IPv6, "4" IPv4); the first address byte numbers
 * each address so that the order within a family is visible. */
static size_t make_raw(const char *fams, saddr__raw *raw) {
  size_t n = strlen(fams);
  for (size_t i = 0; i < n; i++) {
    memset(&raw[i], 0, sizeof(raw[i]));
    raw[i].family = fams[i] == '6' ? AF_INET6 : AF_INET;
    raw[i].a[0]   = (unsigned char)('a' + i);
  }
  return n;
}

static void test_interleave(void) {
  static const struct {
    const char *in, *fams, *order;
  } rows[] = {
      {"", "", ""},
      {"4", "4", "a"},
      {"6", "6", "a"},
      {"46", "64", "ba"},
      {"4466", "6464", "cadb"},
      {"666444", "646464", "adbecf"},
      {"4446", "6444", "dabc"},
      {"6664", "6466", "adbc"},
      {"464646", "646464", "badcfe"},
      {"44444", "44444", "abcde"},
  };
  for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
    saddr__raw raw[8];
    size_t     n = make_raw(rows[r].in, raw);
    saddr__interleave(raw, n);
    char fams[9] = "", order[9] = "";
    for (size_t i = 0; i < n; i++) {
      fams[i]  = raw[i].family == AF_INET6 ? '6' : '4';
      order[i] = (char)raw[i].a[0];
    }
    CHECK_CTX(strcmp(fams, rows[r].fams) == 0 &&
                  strcmp(order, rows[r].order) == 0,
              "interleave %s: %s %s, expected %s %s", rows[r].in, fams, order,
              rows[r].fams, rows[r].order);
  }
}

static const saddr__stamp st = {
    .family = AF_INET, .type = SOCK_DGRAM, .protocol = IPPROTO_UDP, .port = 53};

static saddr__raw v4(unsigned char last, uint32_t ttl) {
  saddr__raw r = {.family = AF_INET, .ttl = ttl, .a = {192, 0, 2, last}};
  return r;
}

static int lookup(saddr__cache *c, int family, const char *name, uint64_t now,
                  uint32_t *ttl) {
  bool          hit;
  saddr_result *res  = saddr__cache_get(c, family, name, &st, now, &hit);
  int           last = -1;
  if (hit && res != NULL) {
    last = (int)(res->addr[0].sa.in.sin_addr.s_addr >> 24);
    *ttl = res->ttl[0];
    CHECK_INT(res->source, SADDR_SOURCE_CACHE);
    CHECK_INT(ntohs(res->addr[0].sa.in.sin_port), 53);
    CHECK_INT(res->addr[0].type, SOCK_DGRAM);
  }
  CHECK_INT(hit, res != NULL);
  saddr_result_free(res);
  return last;
}

static void test_cache(void) {
  saddr__cache c;
  uint32_t     ttl = 0;
  CHECK_INT(saddr__cache_init(&c, 2, 100), 0);
  saddr__raw a = v4(1, 30), b = v4(2, 500), d = v4(4, 0);
  saddr__cache_put(&c, AF_INET, "a.test", "a.test", &a, 1, 30, 1000);
  CHECK_INT(lookup(&c, AF_INET, "a.test", 1000, &ttl), 1);
  CHECK_INT(ttl, 30);
  /* What is left of the TTL, rounded up. */
  CHECK_INT(lookup(&c, AF_INET, "a.test", 1000 + 10500, &ttl), 1);
  CHECK_INT(ttl, 20);
  CHECK_INT(lookup(&c, AF_UNSPEC, "a.test", 1000, &ttl), -1);
  CHECK_INT(lookup(&c, AF_INET, "A.test", 1000, &ttl), -1);
  /* Expired at exactly stored + TTL. */
  CHECK_INT(lookup(&c, AF_INET, "a.test", 1000 + 30000, &ttl), -1);
  CHECK_INT(c.count, 0);
  /* TTL 0 is not stored; a TTL above max_ttl is capped. */
  saddr__cache_put(&c, AF_INET, "d.test", "d.test", &d, 1, 0, 1000);
  CHECK_INT(c.count, 0);
  saddr__cache_put(&c, AF_INET, "b.test", "b.test", &b, 1, 500, 1000);
  CHECK_INT(lookup(&c, AF_INET, "b.test", 1000, &ttl), 2);
  CHECK_INT(ttl, 100);
  CHECK_INT(lookup(&c, AF_INET, "b.test", 1000 + 100000, &ttl), -1);
  /* LRU: with room for two, the least recently used one goes. */
  saddr__cache_put(&c, AF_INET, "a.test", "a.test", &a, 1, 30, 2000);
  saddr__cache_put(&c, AF_INET, "b.test", "b.test", &b, 1, 30, 2000);
  CHECK_INT(lookup(&c, AF_INET, "a.test", 2000, &ttl), 1);
  saddr__cache_put(&c, AF_INET, "d.test", "d.test", &a, 1, 30, 2000);
  CHECK_INT(c.count, 2);
  CHECK_INT(lookup(&c, AF_INET, "b.test", 2000, &ttl), -1);
  CHECK_INT(lookup(&c, AF_INET, "a.test", 2000, &ttl), 1);
  CHECK_INT(lookup(&c, AF_INET, "d.test", 2000, &ttl), 1);
  /* Replacing an entry keeps one copy. */
  saddr__cache_put(&c, AF_INET, "d.test", "d.test", &b, 1, 30, 2000);
  CHECK_INT(c.count, 2);
  CHECK_INT(lookup(&c, AF_INET, "d.test", 2000, &ttl), 2);
  saddr__cache_free(&c);
  /* Size 0 is off. */
  CHECK_INT(saddr__cache_init(&c, 0, 100), 0);
  saddr__cache_put(&c, AF_INET, "a.test", "a.test", &a, 1, 30, 0);
  CHECK_INT(lookup(&c, AF_INET, "a.test", 0, &ttl), -1);
  saddr__cache_free(&c);
}

static void test_result_block(void) {
  saddr__raw raw[2] = {v4(9, 7), {.family = AF_INET6, .ttl = 8, .scope = 3}};
  raw[1].a[15]      = 1;
  saddr__stamp  s6  = {.family = AF_UNSPEC,
                       .type   = SOCK_STREAM,
                       .port   = 443,
                       .flags  = SADDR_ADDR_V6ONLY};
  saddr_result *res =
      saddr__result_make(raw, 2, &s6, "n.test", "c.test", SADDR_SOURCE_DNS);
  CHECK(res != NULL);
  if (res == NULL)
    return;
  char hex[80];
  th_hex(&res->addr[0].sa, res->addr[0].len, hex);
  CHECK_STR(hex, "020001bbc00002090000000000000000");
  th_hex(&res->addr[1].sa, res->addr[1].len, hex);
  CHECK_STR(hex, "0a0001bb000000000000000000000000000000000000000103000000");
  CHECK_INT(res->addr[0].flags, 0);
  CHECK_INT(res->addr[1].flags, SADDR_ADDR_V6ONLY);
  CHECK_INT(res->ttl[0], 7);
  CHECK_INT(res->ttl[1], 8);
  CHECK_STR(res->name, "n.test");
  CHECK_STR(res->canonical, "c.test");
  /* Everything lives in the one block. */
  const char *lo = (const char *)res, *hi = res->canonical + 7;
  CHECK((const char *)res->addr > lo && (const char *)res->ttl < hi);
  saddr_result_free(res);
  /* AF_RDS is reported as such on IPv4 addresses. */
  saddr__stamp rds = {.family = AF_RDS, .type = SOCK_SEQPACKET};
  res              = saddr__result_make(raw, 1, &rds, "", "", SADDR_SOURCE_DNS);
  if (res != NULL) {
    CHECK_INT(res->addr[0].family, AF_RDS);
    CHECK_INT(res->addr[0].sa.sa.sa_family, AF_INET);
  }
  saddr_result_free(res);
}

int main(void) {
  test_interleave();
  test_cache();
  test_result_block();
  return th_done();
}
