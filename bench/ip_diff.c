/* saddr__ip4_parse and saddr__ip6_parse against glibc's inet_pton, and the
 * fused host-and-port readers (saddr__ip4_hostport, saddr__ip4_tuple,
 * saddr__port_tail) against a plain split, inet_pton and a plain port
 * reader, with the inputs placed against unmapped pages: the same
 * acceptance and the same bytes on every input, and no read outside the
 * page that holds the text.
 *
 * The parsers read past the end of their input when that stays inside the
 * same page (ip4.c, ip6.c). A guard page right after the text and another
 * right before it turn any read across a page boundary into a crash, which
 * fails this test. Inputs: the benchmark records, a mutation of each
 * (replaced, inserted and deleted bytes, truncation), random text over the
 * literal alphabets and every prefix of each valid text; for the port
 * reader, every string of 1-5 digits and random near-digit strings; for the
 * fused readers, the host:port and tuple sets the same way. */
#include "harness.h"
#include "inputs.h"
#include "text/text.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAXTEXT 64

static unsigned char *page; /* one read-write page between two PROT_NONE */
static size_t         pagesize;
static uint64_t       rng = 0x2545f4914f6cdd1dull;

static uint32_t rnd(void) {
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return (uint32_t)(rng >> 32);
}

static int map_guarded(void) {
  pagesize = (size_t)sysconf(_SC_PAGESIZE);
  unsigned char *m =
      mmap(NULL, 3 * pagesize, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED ||
      mprotect(m + pagesize, pagesize, PROT_READ | PROT_WRITE) != 0)
    return -1;
  page = m + pagesize;
  return 0;
}

/* Runs both parsers on text placed at the start and at the end of the
 * guarded page and at an unaligned offset inside it, and compares with
 * inet_pton on a NUL-terminated copy. */
static void diff(const char *text, size_t n) {
  char          z[MAXTEXT + 1];
  unsigned char want4[4], want6[16];
  memcpy(z, text, n);
  z[n] = '\0';
  /* inet_pton stops at a NUL; saddr sees the whole text and refuses it. */
  bool   nul   = memchr(text, '\0', n) != NULL;
  bool   ok4   = !nul && inet_pton(AF_INET, z, want4) == 1;
  bool   ok6   = !nul && inet_pton(AF_INET6, z, want6) == 1;
  size_t at[3] = {0, pagesize - n, pagesize / 2 + 7};
  for (int k = 0; k < 3; k++) {
    char         *s = (char *)page + at[k];
    unsigned char got4[4], got6[16];
    memcpy(s, text, n);
    bool m4 = saddr__ip4_parse(s, n, got4) == 0;
    bool m6 = saddr__ip6_parse(s, n, got6) == 0;
    CHECK_CTX(m4 == ok4 && (!m4 || memcmp(got4, want4, 4) == 0),
              "IPv4 '%s' at page offset %zu: saddr %d, inet_pton %d", z, at[k],
              m4, ok4);
    CHECK_CTX(m6 == ok6 && (!m6 || memcmp(got6, want6, 16) == 0),
              "IPv6 '%s' at page offset %zu: saddr %d, inet_pton %d", z, at[k],
              m6, ok6);
  }
}

/* The compact port rule, written plainly: 1-5 decimal digits, no leading
 * zero, at most 65535. */
static bool port_ref(const char *s, size_t n, uint16_t *port) {
  uint32_t v = 0;
  if (n == 0 || n > 5 || (s[0] == '0' && n > 1))
    return false;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return false;
    v = v * 10 + (uint32_t)(s[i] - '0');
  }
  *port = (uint16_t)v;
  return v <= 65535;
}

/* saddr__port_parse at the start and at the end of the guarded page. */
static void diff_port(const char *text, size_t n) {
  uint16_t want  = 0;
  bool     ok    = port_ref(text, n, &want);
  size_t   at[2] = {0, pagesize - n};
  for (int k = 0; k < 2; k++) {
    char    *s   = (char *)page + at[k];
    uint16_t got = 0;
    memcpy(s, text, n);
    bool mine = saddr__port_parse(s, n, &got) == 0;
    CHECK_CTX(mine == ok && (!ok || got == want),
              "port '%.*s' at page offset %zu: saddr %d (%u), expected %d (%u)",
              (int)n, text, at[k], mine, got, ok, want);
  }
}

/* The reference for the fused readers: text[0, at) an IPv4 literal
 * (inet_pton), then sep, then a port (port_ref) to the end, where at is the
 * first occurrence of sep[0]. */
static bool then_port_ref(const char *t, size_t n, const char *sep,
                          size_t seplen, unsigned char ip[4], uint16_t *port) {
  char        z[MAXTEXT + 1];
  const char *end = memchr(t, sep[0], n);
  if (end == NULL)
    return false;
  size_t at = (size_t)(end - t);
  if (n - at < seplen || memcmp(end, sep, seplen) != 0 ||
      memchr(t, '\0', at) != NULL)
    return false;
  memcpy(z, t, at);
  z[at] = '\0';
  return inet_pton(AF_INET, z, ip) == 1 &&
         port_ref(end + seplen, n - at - seplen, port);
}

/* The reference for saddr__port_tail: the ':' offset, or 0. */
static size_t port_tail_ref(const char *t, size_t n, uint16_t *port) {
  size_t k = n;
  while (k > 0 && t[k - 1] != ':')
    k--;
  if (k < 2 || !port_ref(t + k, n - k, port))
    return 0;
  return k - 1;
}

static bool same_result(saddr__ip4_port got, bool ok, const unsigned char ip[4],
                        uint16_t port) {
  return (got.status == 0) == ok &&
         (!ok || (memcmp(&got.addr, ip, 4) == 0 && got.port == port));
}

/* The fused readers on text placed as in diff(). */
static void diff_fused(const char *text, size_t n, char quote) {
  const char    sep[3]   = {quote, ',', ' '};
  unsigned char hp_ip[4] = {0}, tu_ip[4] = {0};
  uint16_t      hp_port = 0, tu_port = 0, tail_port = 0;
  bool          hp    = then_port_ref(text, n, ":", 1, hp_ip, &hp_port);
  bool          tu    = then_port_ref(text, n, sep, 3, tu_ip, &tu_port);
  size_t        tail  = port_tail_ref(text, n, &tail_port);
  size_t        at[3] = {0, pagesize - n, pagesize / 2 + 7};
  for (int k = 0; k < 3; k++) {
    char *s = (char *)page + at[k];
    memcpy(s, text, n);
    CHECK_CTX(same_result(saddr__ip4_hostport(s, n), hp, hp_ip, hp_port),
              "hostport '%.*s' at page offset %zu: expected %d", (int)n, text,
              at[k], hp);
    CHECK_CTX(same_result(saddr__ip4_tuple(s, n, quote), tu, tu_ip, tu_port),
              "tuple body '%.*s' at page offset %zu: expected %d", (int)n, text,
              at[k], tu);
    saddr__port_at t   = saddr__port_tail(s, n);
    size_t         got = t.status == 0 ? t.colon : 0;
    uint16_t       p   = t.port;
    CHECK_CTX(got == tail && (tail == 0 || p == tail_port),
              "port tail '%.*s' at page offset %zu: %zu, expected %zu", (int)n,
              text, at[k], got, tail);
  }
}

/* One random edit, biased to the bytes the fused readers care about. */
static size_t mutate_fused(const char *in, size_t n, char *out) {
  static const char alphabet[] = "0123456789.:'\", )";
  size_t            pos        = n ? rnd() % n : 0;
  char              c = (rnd() & 7) ? alphabet[rnd() % (sizeof alphabet - 1)]
                                    : (char)(rnd() & 0xff);
  memcpy(out, in, n);
  switch (rnd() % 3) {
  case 0:
    if (n)
      out[pos] = c;
    return n;
  case 1:
    if (n >= MAXTEXT)
      return n;
    memmove(out + pos + 1, out + pos, n - pos);
    out[pos] = c;
    return n + 1;
  default:
    if (!n)
      return 0;
    memmove(out + pos, out + pos + 1, n - pos - 1);
    return n - 1;
  }
}

/* The host:port, tuple and [v6]:port sets; tuples without their "('" and
 * ")", as the fast path hands them over. */
static void fused_set(enum bench_form form, size_t entries) {
  bench_set set;
  CHECK(bench_set_make(&set, form, entries) == 0);
  for (size_t i = 0; i < set.n; i++) {
    const char *t = set.text + set.off[i];
    size_t      n = set.len[i];
    char        q = '\'', m[MAXTEXT + 1];
    if (form == BENCH_V4_TUPLE) {
      q = t[1];
      t += 2;
      n -= 3;
    }
    diff_fused(t, n, q);
    for (int r = 0; r < 4; r++)
      diff_fused(m, mutate_fused(t, n, m), q);
    if (i < 2048)
      for (size_t p = 0; p < n; p++)
        diff_fused(t, p, q);
  }
  bench_set_free(&set);
}

/* Every string of 1-5 digits, and digit strings with one other byte. */
static void ports(void) {
  char t[8];
  for (unsigned v = 0; v < 100000; v++)
    for (size_t n = 1; n <= 5; n++) {
      unsigned x = v;
      for (size_t i = n; i-- > 0; x /= 10)
        t[i] = (char)('0' + x % 10);
      if (x == 0)
        diff_port(t, n);
    }
  for (int k = 0; k < 200000; k++) {
    size_t n = rnd() % 8;
    for (size_t i = 0; i < n; i++)
      t[i] = (char)('0' + rnd() % 10);
    if (n)
      t[rnd() % n] = (char)(rnd() & 0xff);
    diff_port(t, n);
  }
}

/* One random edit of a valid text. */
static size_t mutate(const char *in, size_t n, char *out) {
  static const char alphabet[] = "0123456789.:abcdefABCDEFx%/ \t-+[]";
  size_t            pos        = n ? rnd() % n : 0;
  char              c = (rnd() & 7) ? alphabet[rnd() % (sizeof alphabet - 1)]
                                    : (char)(rnd() & 0xff);
  memcpy(out, in, n);
  switch (rnd() % 4) {
  case 0: /* replace */
    if (n)
      out[pos] = c;
    return n;
  case 1: /* insert */
    if (n >= MAXTEXT)
      return n;
    memmove(out + pos + 1, out + pos, n - pos);
    out[pos] = c;
    return n + 1;
  case 2: /* delete */
    if (!n)
      return 0;
    memmove(out + pos, out + pos + 1, n - pos - 1);
    return n - 1;
  default: /* truncate */
    return pos;
  }
}

/* Random IPv6 structure: 0-9 groups of 0-5 hex digits joined by ':' or
 * "::", sometimes with an IPv4 tail. */
static size_t random_shape(char *out) {
  static const char hex[] = "0123456789abcdefABCDEF";
  size_t            n = 0, groups = rnd() % 10;
  if (rnd() % 4 == 0)
    out[n++] = ':';
  for (size_t g = 0; g < groups && n < MAXTEXT - 8; g++) {
    size_t digits = rnd() % 6;
    for (size_t d = 0; d < digits; d++)
      out[n++] = hex[rnd() % (sizeof hex - 1)];
    if (g + 1 < groups || rnd() % 4 == 0)
      out[n++] = ':';
    if (rnd() % 6 == 0)
      out[n++] = ':';
  }
  if (rnd() % 3 == 0 && n < MAXTEXT - 16)
    n += (size_t)snprintf(out + n, 16, "%u.%u.%u.%u", rnd() % 300, rnd() % 256,
                          rnd() % 256, rnd() % 256);
  return n;
}

static size_t random_text(char *out) {
  static const char v4[] = "0123456789.", v6[] = "0123456789abcdefABCDEF:.";
  const char       *alpha = (rnd() & 1) ? v4 : v6;
  size_t            k = strlen(alpha), n = rnd() % 46;
  for (size_t i = 0; i < n; i++)
    out[i] = alpha[rnd() % k];
  return n;
}

static void from_set(enum bench_form form, size_t entries) {
  bench_set set;
  CHECK(bench_set_make(&set, form, entries) == 0);
  for (size_t i = 0; i < set.n; i++) {
    const char *t = set.text + set.off[i];
    size_t      n = set.len[i];
    char        m[MAXTEXT + 1];
    diff(t, n);
    for (int r = 0; r < 4; r++)
      diff(m, mutate(t, n, m));
    if (i < 2048)
      for (size_t p = 0; p < n; p++)
        diff(t, p);
  }
  bench_set_free(&set);
}

int main(void) {
  static const char *const edge[] = {"0.0.0.0",
                                     "255.255.255.255",
                                     "256.0.0.0",
                                     "1.2.3.04",
                                     "01.2.3.4",
                                     "1.2.3",
                                     "1.2.3.4.5",
                                     "1..2.3",
                                     ".1.2.3",
                                     "1.2.3.",
                                     "999.1.1.1",
                                     "100.100.100.100",
                                     "1.2.3.4 ",
                                     "::",
                                     "::1",
                                     "1::",
                                     "::ffff:1.2.3.4",
                                     "1:2:3:4:5:6:7:8",
                                     "1:2:3:4:5:6:7::",
                                     "::2:3:4:5:6:7:8",
                                     "1:2:3:4:5:6:7:8:9",
                                     "1::2::3",
                                     ":::",
                                     "1:2:3:4:5:6:1.2.3.4",
                                     "1:2:3:4:5:6:7:1.2.3.4",
                                     "::1.2.3.4",
                                     "12345::",
                                     "0000:0000::",
                                     "fe80::1%2",
                                     "[::1]",
                                     "ABCD:ef01::",
                                     "::ffff:001.2.3.4",
                                     "1:2:3:4:5:6:7:8::",
                                     "::1:2:3:4:5:6:7:8",
                                     "1:2:3:4::5:6:7:8",
                                     "1:2:3:4:5:6::1.2.3.4",
                                     "1:2:3:4:5::1.2.3.4",
                                     "::1:2:3:4:5:1.2.3.4",
                                     "1:2:3:4:5:6:7::1.2.3.4",
                                     ":1::",
                                     "1::2:",
                                     "::1:",
                                     ":",
                                     "a::b::c"};
  CHECK(map_guarded() == 0);
  if (!page)
    return th_done();
  for (size_t k = 0; k < sizeof edge / sizeof edge[0]; k++)
    diff(edge[k], strlen(edge[k]));
  ports();
  fused_set(BENCH_V4_HOSTPORT, 1u << 16);
  fused_set(BENCH_V4_TUPLE, 1u << 16);
  fused_set(BENCH_V6_HOSTPORT, 1u << 14);
  from_set(BENCH_V4_ADDR, 1u << 16);
  from_set(BENCH_V6_ADDR, 1u << 16);
  for (int k = 0; k < 200000; k++) {
    char t[MAXTEXT + 1];
    diff(t, random_text(t));
    diff(t, random_shape(t));
  }
  return th_done();
}
