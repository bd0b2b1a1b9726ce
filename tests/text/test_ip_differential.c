/* saddr's IPv4/IPv6 literal parsers and formatters against glibc's
 * inet_pton/inet_ntop, on random, generated and adversarial text: the
 * same acceptance and the same bytes, exactly. */
#include "harness.h"
#include "text/text.h"

#include <arpa/inet.h>
#include <ctype.h>

static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint32_t rnd(void) {
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return (uint32_t)(rng >> 11);
}

static void diff4(const char *s, size_t n) {
  char z[64];
  memcpy(z, s, n);
  z[n]               = '\0';
  unsigned char a[4] = {0}, b[4] = {0};
  bool          mine  = saddr__ip4_parse(s, n, a) == 0;
  bool          glibc = inet_pton(AF_INET, z, b) == 1;
  CHECK_CTX(mine == glibc && (!mine || memcmp(a, b, 4) == 0),
            "IPv4 '%s': saddr %d, inet_pton %d", z, mine, glibc);
}

static void diff6(const char *s, size_t n) {
  char z[64];
  memcpy(z, s, n);
  z[n]                = '\0';
  unsigned char a[16] = {0}, b[16] = {0};
  bool          mine  = saddr__ip6_parse(s, n, a) == 0;
  bool          glibc = inet_pton(AF_INET6, z, b) == 1;
  CHECK_CTX(mine == glibc && (!mine || memcmp(a, b, 16) == 0),
            "IPv6 '%s': saddr %d, inet_pton %d", z, mine, glibc);
}

static size_t random_text(char *out, const char *alphabet, size_t maxlen) {
  size_t n = rnd() % (maxlen + 1), k = strlen(alphabet);
  for (size_t i = 0; i < n; i++)
    out[i] = alphabet[rnd() % k];
  return n;
}

/* A valid-looking IPv4 with 1-3 digit octets, sometimes broken. */
static size_t gen4(char *out) {
  size_t n = 0;
  for (int i = 0; i < 4; i++) {
    int digits = 1 + (int)(rnd() % 3);
    for (int d = 0; d < digits; d++)
      out[n++] = (char)('0' + rnd() % 10);
    if (i < 3)
      out[n++] = '.';
  }
  return n;
}

/* A valid IPv6 text: random words, a random "::" run, case, v4 tail. */
static size_t gen6(char *out) {
  unsigned char b[16];
  for (int i = 0; i < 16; i++)
    b[i] = (unsigned char)(rnd() % 4 == 0 ? 0 : rnd());
  int zs = (int)(rnd() % 8), zl = (int)(rnd() % 8);
  for (int i = zs; i < zs + zl && i < 8; i++)
    b[2 * i] = b[2 * i + 1] = 0;
  if (rnd() % 8 == 0)
    memset(b, 0, 10), b[10] = b[11] = 0xff;
  char text[64];
  inet_ntop(AF_INET6, b, text, sizeof text);
  size_t n = strlen(text);
  for (size_t i = 0; i < n; i++)
    out[i] = rnd() % 2 ? text[i] : (char)toupper((unsigned char)text[i]);
  return n;
}

static void adversarial(void) {
  static const char *const v4[] = {"",           "1",
                                   "1.2.3",      "1.2.3.4",
                                   "0.0.0.0",    "255.255.255.255",
                                   "256.0.0.0",  "1.2.3.4.",
                                   ".1.2.3.4",   "1..2.3",
                                   "01.2.3.4",   "1.2.3.04",
                                   "1.2.3.4 ",   " 1.2.3.4",
                                   "0x1.2.3.4",  "1.2.3.4.5",
                                   "1000.1.1.1", "1.2.3.255",
                                   "1.2.3.256",  "00.0.0.0",
                                   "127.1",      "2130706433",
                                   "1.2.3.-1",   "999.999.999.999",
                                   "1.2.3.4x",   "255.255.255.2555"};
  for (size_t i = 0; i < sizeof v4 / sizeof *v4; i++)
    diff4(v4[i], strlen(v4[i]));
  static const char *const v6[] = {"",
                                   ":",
                                   "::",
                                   ":::",
                                   "::1",
                                   "1::",
                                   "1::2",
                                   "1:2:3:4:5:6:7:8",
                                   "1:2:3:4:5:6:7:8:9",
                                   "1:2:3:4:5:6:7::",
                                   "::2:3:4:5:6:7:8",
                                   "1:2:3:4::5:6:7:8",
                                   "1::2::3",
                                   "12345::",
                                   "1:",
                                   ":1",
                                   "1:2:3:4:5:6:7",
                                   "::ffff:1.2.3.4",
                                   "::1.2.3.4",
                                   "1.2.3.4",
                                   "::ffff:1.2.3",
                                   "::ffff:01.2.3.4",
                                   "1:2:3:4:5:6:1.2.3.4",
                                   "1:2:3:4:5:6:7:1.2.3.4",
                                   "1:2:3:4:5::1.2.3.4",
                                   "::1.2.3.4:5",
                                   "fe80::1%lo",
                                   "FFFF::",
                                   "gggg::",
                                   "0000:0000::0000",
                                   "00000::",
                                   "1::2:3:4:5:6:7",
                                   "::ffff:256.1.1.1",
                                   "::1.2.3.4.5",
                                   "1:2:3:4:5:6::1.2.3.4",
                                   "::ffff:1.2.3.4:1"};
  for (size_t i = 0; i < sizeof v6 / sizeof *v6; i++)
    diff6(v6[i], strlen(v6[i]));
}

static void formats(void) {
  for (int i = 0; i < 200000; i++) {
    unsigned char b[16], back[16];
    for (int k = 0; k < 16; k++)
      b[k] = (unsigned char)(rnd() % 3 == 0 ? rnd() : 0);
    if (i % 5 == 0)
      memset(b, 0, 10), b[10] = b[11] = 0xff;
    char   mine[64], glibc[64];
    size_t n = saddr__ip6_format(b, false, mine);
    mine[n]  = '\0';
    inet_ntop(AF_INET6, b, glibc, sizeof glibc);
    CHECK_CTX(strcmp(mine, glibc) == 0, "ntop '%s' vs glibc '%s'", mine, glibc);
    n = saddr__ip6_format(b, true, mine);
    CHECK_CTX(saddr__ip6_parse(mine, n, back) == 0 && memcmp(b, back, 16) == 0,
              "RFC 5952 text '%.*s' does not parse back", (int)n, mine);
    n       = saddr__ip4_format(b, mine);
    mine[n] = '\0';
    inet_ntop(AF_INET, b, glibc, sizeof glibc);
    CHECK_CTX(strcmp(mine, glibc) == 0, "ntop4 '%s' vs '%s'", mine, glibc);
  }
}

int main(void) {
  char buf[64];
  adversarial();
  for (int i = 0; i < 300000; i++) {
    diff4(buf, random_text(buf, "0123456789.", 16));
    diff4(buf, gen4(buf));
    diff6(buf, random_text(buf, "0123456789abcdefABCDEF:.", 46));
    diff6(buf, random_text(buf, "01f:.", 20));
    diff6(buf, gen6(buf));
  }
  formats();
  return th_done();
}
