/* Page-boundary harness for the vector and SWAR text readers.
 *
 * The SSE4.1 IPv4 and IPv6 parsers and the SWAR port readers read a few
 * bytes outside the text, never across a page; near a page edge they switch
 * to another load (IPv4: the 16 bytes that end the text) or to the scalar
 * code (IPv6 within 48 bytes of a page end, ports within 7 bytes of a page
 * start). This program puts every input at the end of a readable page that
 * a PROT_NONE page follows, and at the start of one that a PROT_NONE page
 * precedes, at every offset 0-31 from the edge, so that a read across the
 * edge faults, and compares at each place:
 *   - the dispatching reader the library uses (vector or SWAR where the CPU
 *     and the place allow);
 *   - the scalar reader, compiled here from the same source with the
 *     over-reading code switched off (the build that the sanitizers and
 *     SADDR_FORCE_SCALAR use);
 *   - glibc's inet_pton for IPv4 and IPv6 literals, and a plain reference
 *     for ports;
 *   - for whole specs, saddr_parse (numeric fast path) against the general
 *     path (SADDR__GENERAL), status and bytes.
 * The inputs are a table of edge cases plus seeded random literals and
 * their mutations; SADDR_PAGE_SEED and SADDR_PAGE_CASES override the seed
 * and the number of random inputs. */
#include "harness.h"

#include <arpa/inet.h>
#include <sys/mman.h>
#include <unistd.h>

/* The scalar readers: ip4.c, port.c and ip6.c compiled here without their
 * vector and SWAR code, their entry points renamed. */
#define SADDR__NO_OVERREAD  1
#define saddr__ip4_parse    sc_ip4_parse
#define saddr__ip4_diagnose sc_ip4_diagnose
#define saddr__ip4_format   sc_ip4_format
#define saddr__port_parse   sc_port_parse
#define saddr__port_tail    sc_port_tail
#define saddr__ip4_hostport sc_ip4_hostport
#define saddr__ip4_tuple    sc_ip4_tuple
#define saddr__ip6_parse    sc_ip6_parse
#define saddr__ip6_diagnose sc_ip6_diagnose
#define saddr__ip6_format   sc_ip6_format
/* port.c first: ip4.c reads ports with it, ip6.c IPv4 tails with ip4.c. */
#include "../../core/src/text/port.c" // NOLINT(bugprone-suspicious-include)

#include "../../core/src/text/ip4.c" // NOLINT(bugprone-suspicious-include)

#include "../../core/src/text/ip6.c" // NOLINT(bugprone-suspicious-include)
#undef saddr__ip4_parse
#undef saddr__ip4_diagnose
#undef saddr__ip4_format
#undef saddr__port_parse
#undef saddr__port_tail
#undef saddr__ip4_hostport
#undef saddr__ip4_tuple
#undef saddr__ip6_parse
#undef saddr__ip6_diagnose
#undef saddr__ip6_format

#include "syntax/syntax.h" /* SADDR__GENERAL */

/* The library's own readers (the copies above are defined before their
 * first use, under the names above). */
int             saddr__ip4_parse(const char *s, size_t n, unsigned char out[4]);
int             saddr__port_parse(const char *s, size_t n, uint16_t *port);
saddr__port_at  saddr__port_tail(const char *s, size_t n);
saddr__ip4_port saddr__ip4_hostport(const char *s, size_t n);
saddr__ip4_port saddr__ip4_tuple(const char *s, size_t n, char quote);
int saddr__ip6_parse(const char *s, size_t n, unsigned char out[16]);

static long           page;
static unsigned char *lo_page; /* readable, PROT_NONE before it */
static unsigned char *hi_page; /* readable, PROT_NONE after it */
static unsigned long  places;

static uint64_t rng;
static uint32_t rnd(void) {
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return (uint32_t)(rng >> 11);
}

static void setup(void) {
  page                = sysconf(_SC_PAGESIZE);
  size_t         p    = (size_t)page;
  unsigned char *area = mmap(NULL, 5 * p, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (area == MAP_FAILED) {
    perror("mmap");
    exit(1);
  }
  /* [none][lo][none][hi][none] */
  if (mprotect(area, p, PROT_NONE) != 0 ||
      mprotect(area + 2 * p, p, PROT_NONE) != 0 ||
      mprotect(area + 4 * p, p, PROT_NONE) != 0) {
    perror("mprotect");
    exit(1);
  }
  lo_page = area + p;
  hi_page = area + 3 * p;
  /* Bytes that are not text: digits and separators, so that a reader that
   * used them would accept more than it should. */
  memset(lo_page, '1', p);
  memset(hi_page, '1', p);
}

static bool ref_port(const char *s, size_t n, uint16_t *port) {
  if (n == 0 || n > 5 || (s[0] == '0' && n > 1))
    return false;
  unsigned v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return false;
    v = v * 10 + (unsigned)(s[i] - '0');
  }
  *port = (uint16_t)v;
  return v <= 65535;
}

static bool ref_pton(int af, const char *s, size_t n, unsigned char *out) {
  char z[128];
  if (n >= sizeof z || memchr(s, '\0', n) != NULL)
    return false;
  memcpy(z, s, n);
  z[n] = '\0';
  return inet_pton(af, z, out) == 1;
}

/* The literal readers on s[0..n). */
static void check_literals(const char *s, size_t n, const char *where) {
  unsigned char a[16], b[16], c[16];
  memset(a, 0xaa, sizeof a);
  memset(b, 0xbb, sizeof b);
  memset(c, 0xcc, sizeof c);
  bool fa = saddr__ip4_parse(s, n, a) == 0, fb = sc_ip4_parse(s, n, b) == 0,
       fc = ref_pton(AF_INET, s, n, c);
  CHECK_CTX(fa == fb && fb == fc &&
                (!fa || (!memcmp(a, b, 4) && !memcmp(b, c, 4))),
            "ip4 '%.*s' %s: library %d scalar %d inet_pton %d", (int)n, s,
            where, fa, fb, fc);
  fa = saddr__ip6_parse(s, n, a) == 0, fb = sc_ip6_parse(s, n, b) == 0;
  fc = ref_pton(AF_INET6, s, n, c);
  CHECK_CTX(fa == fb && fb == fc &&
                (!fa || (!memcmp(a, b, 16) && !memcmp(b, c, 16))),
            "ip6 '%.*s' %s: library %d scalar %d inet_pton %d", (int)n, s,
            where, fa, fb, fc);
  uint16_t pa = 1, pb = 2, pc = 3;
  int      ra = saddr__port_parse(s, n, &pa), rb = sc_port_parse(s, n, &pb);
  bool     rc = ref_port(s, n, &pc);
  CHECK_CTX(ra == rb && (ra == 0) == rc && (ra != 0 || (pa == pb && pb == pc)),
            "port '%.*s' %s: library %d/%u scalar %d/%u reference %d/%u",
            (int)n, s, where, ra, pa, rb, pb, rc, pc);
  saddr__port_at ta = saddr__port_tail(s, n), tb = sc_port_tail(s, n);
  CHECK_CTX(
      ta.status == tb.status &&
          (ta.status != 0 || (ta.colon == tb.colon && ta.port == tb.port)),
      "port_tail '%.*s' %s: library %d/%zu/%u scalar %d/%zu/%u", (int)n, s,
      where, ta.status, ta.colon, ta.port, tb.status, tb.colon, tb.port);
  saddr__ip4_port ha = saddr__ip4_hostport(s, n), hb = sc_ip4_hostport(s, n);
  CHECK_CTX(ha.status == hb.status &&
                (ha.status != 0 || (ha.addr == hb.addr && ha.port == hb.port)),
            "ip4_hostport '%.*s' %s: library %d scalar %d", (int)n, s, where,
            ha.status, hb.status);
  if (n >= 3 && s[0] == '(' && (s[1] == '\'' || s[1] == '"')) {
    ha = saddr__ip4_tuple(s + 2, n - 3, s[1]);
    hb = sc_ip4_tuple(s + 2, n - 3, s[1]);
    CHECK_CTX(
        ha.status == hb.status &&
            (ha.status != 0 || (ha.addr == hb.addr && ha.port == hb.port)),
        "ip4_tuple '%.*s' %s: library %d scalar %d", (int)n, s, where,
        ha.status, hb.status);
  }
}

static bool same_addr(const saddr_addr *a, const saddr_addr *b) {
  return a->len == b->len && a->family == b->family && a->type == b->type &&
         a->protocol == b->protocol && a->flags == b->flags &&
         memcmp(&a->sa, &b->sa, sizeof a->sa) == 0;
}

/* The whole spec: fast path against the general path, status and bytes. */
static void check_spec(const char *s, size_t n, const char *where) {
  static const saddr_hints hints[] = {
      {.family = AF_UNSPEC},
      {.family = AF_INET},
      {.family = AF_INET6, .type = SOCK_DGRAM, .flags = SADDR_DUALSTACK},
      {.family = AF_UNSPEC, .flags = SADDR_DEFAULT_PORT, .default_port = 7},
  };
  for (size_t k = 0; k < sizeof hints / sizeof *hints; k++) {
    saddr_hints  g = hints[k];
    saddr_parsed fast, slow;
    saddr_error  ef, es;
    g.flags |= SADDR__GENERAL;
    int  rf   = saddr_parse(s, n, &hints[k], &fast, &ef);
    int  rs   = saddr_parse(s, n, &g, &slow, &es);
    bool same = rf == rs && (rf != 0 || fast.count == slow.count);
    for (size_t i = 0; same && rf == 0 && i < fast.count; i++)
      same = same_addr(&fast.addr[i], &slow.addr[i]);
    if (same && rf != 0)
      same = ef.offset == es.offset && ef.length == es.length;
    CHECK_CTX(same, "spec '%.*s' %s hints %zu: fast %d, general %d", (int)n, s,
              where, k, rf, rs);
  }
}

/* Every place: text ending 0-31 bytes before a PROT_NONE page, and text
 * starting 0-31 bytes after one. */
static void check_everywhere(const char *text, size_t n) {
  char where[48];
  if (n + 32 > (size_t)page)
    return;
  for (size_t off = 0; off < 32; off++) {
    char *end = (char *)hi_page + page - off - n;
    memcpy(end, text, n);
    snprintf(where, sizeof where, "at page end -%zu", off);
    check_literals(end, n, where);
    check_spec(end, n, where);
    memset(end, '1', n);
    char *start = (char *)lo_page + off;
    memcpy(start, text, n);
    snprintf(where, sizeof where, "at page start +%zu", off);
    check_literals(start, n, where);
    check_spec(start, n, where);
    memset(start, '1', n);
    places += 2;
  }
}

static void check_str(const char *text) {
  check_everywhere(text, strlen(text));
}

static const char *const table[] = {
    /* IPv4 */
    "1.2.3.4",
    "0.0.0.0",
    "255.255.255.255",
    "192.168.100.200",
    "1.2.3.999",
    "1.2.3",
    "01.2.3.4",
    "1.2.3.04",
    "256.1.1.1",
    "1.2.3.4.",
    "1..2.3",
    "0xa.1.1.1",
    "1.2.3.4.5",
    "1.2.3.4 ",
    " 1.2.3.4",
    "1.2.3.-4",
    "100.200.250.255",
    "9.9.9.9",
    "1.2.3.4/",
    "1.2.3.:",
    "123.123.123.1234",
    /* IPv6 */
    "::",
    "::1",
    "1::",
    "1:2:3:4:5:6:7:8",
    "1:2:3:4:5:6:7::",
    "::2:3:4:5:6:7:8",
    "1:2:3:4:5:6:7:8:9",
    "1:2:3:4:5:6:7",
    "2001:db8::1",
    "fe80::1",
    "::ffff:1.2.3.4",
    "::1.2.3.4",
    ":1.2.3.4", /* an IPv4 tail after one lone ':' at 0: its hex part ends at 1
                 */
    "1:2:3:4:5:6:1.2.3.4",
    "1::2::3",
    ":::",
    "1:",
    ":1",
    "12345::",
    "1:2:3:g::1",
    "ABCD:ef01:2345:6789:abcd:ef01:2345:6789",
    "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255",
    "0000:0000:0000:0000:0000:0000:0000:0000",
    "::ffff:01.2.3.4",
    "::ffff:1.2.3",
    "::ffff:1.2.3.4.5",
    "1:2:3:4:5:6:7:1.2.3.4",
    "::1%lo",
    "::aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    /* ports */
    "0",
    "1",
    "80",
    "8a",
    "a8",
    "080",
    "65535",
    "65536",
    "99999",
    "123456",
    "00",
    ":80",
    "1:80",
    "x:65535",
    "12:0",
    "1:08",
    /* specs */
    "1.2.3.4:80",
    "1.2.3.4:8a",
    "1.2.3.999:80",
    "0xa.1.1.1:80",
    "[::]:80",
    "[::1]:8a",
    "[::1]:80",
    "[1:2:3:4:5:6:7:8]:80",
    "[1:2:3:g::1]:80",
    "[fe80::1%1]:53",
    "[fe80::1%0]:53",
    "[fe80::1%01]:53",
    "[fe80::1%4294967295]:1",
    "[fe80::1%4294967296]:1",
    "[fe80::1%lo]:1",
    "[::aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]:80",
    "[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255]:65535",
    "*:80",
    "*:0",
    "*:65536",
    "255.255.255.255:65535",
    "1.2.3.4:65536",
    "1.2.3.4:",
    "1.2.3.4",
    "::1",
    "('1.2.3.4', 80)",
    "(\"1.2.3.4\", 80)",
    "('1.2.3.4', 8a)",
    "('1.2.3.4', 080)",
    "('::1', 80)",
    "('1:2:3:4:5:6:7:8', 65535)",
    "('1.2.3.4' , 80)",
    "('1.2.3.4',80)",
    "('1.2.3.4', 80",
    "('', 80)",
    "('::ffff:1.2.3.4', 1)",
    "('255.255.255.255', 65535)",
    "3d.de:80",
    "localhost:80",
};

/* A random literal or spec, then possibly a few byte edits. */
static size_t gen(char *out, size_t cap) {
  static const char alphabet[] = "0123456789abcdefx.:[]%*(),' \"";
  unsigned char     b[16];
  char              ip[64];
  for (int i = 0; i < 16; i++)
    b[i] = (unsigned char)(rnd() % 3 ? 0 : rnd() % (rnd() % 2 ? 256 : 10));
  unsigned port = rnd() % 4 == 0 ? rnd() % 100000 : rnd() % 65536;
  size_t   n;
  switch (rnd() % 6) {
  case 0:
    inet_ntop(AF_INET, b, ip, sizeof ip);
    n = (size_t)snprintf(out, cap, "%s", ip);
    break;
  case 1:
    inet_ntop(AF_INET6, b, ip, sizeof ip);
    n = (size_t)snprintf(out, cap, "%s", ip);
    break;
  case 2:
    inet_ntop(AF_INET, b, ip, sizeof ip);
    n = (size_t)snprintf(out, cap, "%s:%u", ip, port);
    break;
  case 3:
    inet_ntop(AF_INET6, b, ip, sizeof ip);
    n = rnd() % 2
            ? (size_t)snprintf(out, cap, "[%s]:%u", ip, port)
            : (size_t)snprintf(out, cap, "[%s%%%u]:%u", ip, rnd() % 3, port);
    break;
  case 4:
    inet_ntop(rnd() % 2 ? AF_INET : AF_INET6, b, ip, sizeof ip);
    n = (size_t)snprintf(out, cap, "('%s', %u)", ip, port);
    break;
  default:
    n = (size_t)snprintf(out, cap, "%u", port);
    break;
  }
  for (unsigned e = rnd() % 4; e > 0 && n > 1 && n + 1 < cap; e--) {
    size_t at = rnd() % n;
    char   ch = alphabet[rnd() % (sizeof alphabet - 1)];
    switch (rnd() % 3) {
    case 0:
      out[at] = ch;
      break;
    case 1:
      memmove(out + at, out + at + 1, n - at - 1);
      n--;
      break;
    default:
      memmove(out + at + 1, out + at, n - at);
      out[at] = ch;
      n++;
      break;
    }
  }
  return n;
}

int main(void) {
  const char *seed  = getenv("SADDR_PAGE_SEED");
  const char *cases = getenv("SADDR_PAGE_CASES");
  rng               = seed ? strtoull(seed, NULL, 0) : 0x9e3779b97f4a7c15ull;
  if (rng == 0)
    rng = 1;
  long ncases = cases ? strtol(cases, NULL, 10) : 3000;
  printf("page-boundary harness: seed %#llx, %ld random inputs\n",
         (unsigned long long)rng, ncases);
  setup();
  for (size_t i = 0; i < sizeof table / sizeof *table; i++)
    check_str(table[i]);
  /* Every length of an IPv6 literal and of a port, with digits. */
  char buf[128];
  for (size_t n = 1; n <= 64; n++) {
    memset(buf, 'a', n);
    buf[0] = buf[1] = ':';
    check_everywhere(buf, n);
    memset(buf, '9', n);
    check_everywhere(buf, n);
  }
  for (long i = 0; i < ncases; i++) {
    size_t n = gen(buf, sizeof buf);
    check_everywhere(buf, n);
  }
  printf("%lu placements\n", places);
  return th_done();
}
