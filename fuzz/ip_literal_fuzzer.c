/* Target 3: IP literal differential (SPEC 1.3). saddr's strict IPv4 and
 * IPv6 parsers against glibc's inet_pton, which implements exactly the
 * strict forms: any disagreement in acceptance or in the bytes is a crash.
 *
 * The legacy IPv4 forms (what inet_aton accepts and inet_pton refuses:
 * 127.1, 010.0.0.1, 0x7f.0.0.1, 2130706433) are the SSRF differential of
 * CVE-2021-29923 and friends: they must be refused with SADDR_EIPV4LEGACY
 * and must never come out of the public parser as a name to resolve.
 * Accepted literals must also format back as glibc's inet_ntop does, and
 * the public parser must give the same bytes for them in both syntaxes. */
#include "fuzz_common.h"
#include "text/text.h"

#include <arpa/inet.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Builds `('\xHH...', 80)` so that any ASCII input reaches the tuple reader
 * as the host string unchanged, quotes and backslashes included. */
static size_t tuple_of(const char *s, size_t n, char *out) {
  static const char hex[] = "0123456789abcdef";
  size_t            k     = 0;
  out[k++]                = '(';
  out[k++]                = '\'';
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    out[k++]         = '\\';
    out[k++]         = 'x';
    out[k++]         = hex[ch >> 4];
    out[k++]         = hex[ch & 15u];
  }
  memcpy(out + k, "', 80)", 6);
  return k + 6;
}

static int parse_as(const char *text, size_t n, int family, unsigned flags,
                    saddr_parsed *out) {
  saddr_hints h;
  memset(&h, 0, sizeof h);
  h.family = family;
  h.flags  = flags;
  return fz_parse_checked(text, n, &h, out);
}

/* The public parser agrees with the literal parser on a valid literal. */
static void check_public(const char *s, size_t n, int family,
                         const unsigned char *bytes, char *scratch) {
  saddr_parsed p;
  size_t       k = 0;
  if (family == AF_INET6)
    scratch[k++] = '[';
  memcpy(scratch + k, s, n);
  k += n;
  if (family == AF_INET6)
    scratch[k++] = ']';
  memcpy(scratch + k, ":80", 3);
  k += 3;
  FZ_CHECK(parse_as(scratch, k, AF_UNSPEC, SADDR_SYNTAX_COMPACT, &p) == 0);
  FZ_CHECK(p.count == 1 && p.addr[0].family == family);
  const unsigned char *got =
      family == AF_INET ? (const unsigned char *)&p.addr[0].sa.in.sin_addr
                        : p.addr[0].sa.in6.sin6_addr.s6_addr;
  FZ_CHECK(memcmp(got, bytes, family == AF_INET ? 4 : 16) == 0);
  FZ_CHECK(p.addr[0].sa.in.sin_port == htons(80));

  k = tuple_of(s, n, scratch);
  FZ_CHECK(parse_as(scratch, k, family, SADDR_SYNTAX_TUPLE, &p) == 0);
  FZ_CHECK(p.count == 1 && p.addr[0].family == family);
  got = family == AF_INET ? (const unsigned char *)&p.addr[0].sa.in.sin_addr
                          : p.addr[0].sa.in6.sin6_addr.s6_addr;
  FZ_CHECK(memcmp(got, bytes, family == AF_INET ? 4 : 16) == 0);
  /* An IPv4 literal on AF_INET6 and an IPv6 one on AF_INET are refused. */
  int other = family == AF_INET ? AF_INET6 : AF_INET;
  FZ_CHECK(parse_as(scratch, k, other, SADDR_SYNTAX_TUPLE, &p) != 0);
}

static void check_ip4(const char *s, size_t n, const char *z, bool ascii,
                      char *scratch) {
  unsigned char mine[4], ref[4];
  bool          ok     = saddr__ip4_parse(s, n, mine) == 0;
  bool          ref_ok = z != NULL && inet_pton(AF_INET, z, ref) == 1;
  FZ_CHECK(ok == ref_ok);
  if (ok) {
    FZ_CHECK(memcmp(mine, ref, 4) == 0);
    /* Strict dotted decimal is canonical: it formats back to itself. */
    char   text[46];
    size_t tn = saddr__ip4_format(mine, text);
    FZ_CHECK(tn == n && memcmp(text, s, n) == 0);
    check_public(s, n, AF_INET, mine, scratch);
    return;
  }
  size_t at  = n + 1;
  int    why = saddr__ip4_diagnose(s, n, &at);
  FZ_CHECK(why == SADDR_EIPV4 || why == SADDR_EIPV4LEGACY);
  FZ_CHECK(at <= n);
  struct in_addr legacy;
  if (z == NULL || inet_aton(z, &legacy) == 0)
    return;
  /* glibc's inet_aton stops at the first blank; the rest is not IPv4. */
  if (strpbrk(z, " \t\n\v\f\r") == NULL)
    FZ_CHECK(why == SADDR_EIPV4LEGACY);
  saddr_parsed p;
  memcpy(scratch, s, n);
  memcpy(scratch + n, ":80", 3);
  FZ_CHECK(parse_as(scratch, n + 3, AF_UNSPEC,
                    SADDR_SYNTAX_COMPACT | SADDR_DEFER, &p) != 0);
  if (ascii) {
    size_t k = tuple_of(s, n, scratch);
    FZ_CHECK(parse_as(scratch, k, AF_INET, SADDR_SYNTAX_TUPLE | SADDR_DEFER,
                      &p) != 0);
    FZ_CHECK(parse_as(scratch, k, AF_UNSPEC, SADDR_SYNTAX_TUPLE | SADDR_DEFER,
                      &p) != 0);
  }
}

static void check_ip6(const char *s, size_t n, const char *z, char *scratch) {
  unsigned char mine[16], ref[16];
  bool          ok     = saddr__ip6_parse(s, n, mine) == 0;
  bool          ref_ok = z != NULL && inet_pton(AF_INET6, z, ref) == 1;
  FZ_CHECK(ok == ref_ok);
  if (!ok) {
    size_t at;
    FZ_CHECK(saddr__ip6_diagnose(s, n, &at) == SADDR_EIPV6 && at <= n);
    return;
  }
  FZ_CHECK(memcmp(mine, ref, 16) == 0);
  char   text[64], glibc[INET6_ADDRSTRLEN];
  size_t tn = saddr__ip6_format(mine, false, text);
  FZ_CHECK(tn <= 45);
  FZ_CHECK(inet_ntop(AF_INET6, mine, glibc, sizeof glibc) != NULL);
  FZ_CHECK(tn == strlen(glibc) && memcmp(text, glibc, tn) == 0);
  /* RFC 5952 text parses back to the same bytes and is its own fixed
   * point. */
  tn = saddr__ip6_format(mine, true, text);
  FZ_CHECK(tn <= 45);
  unsigned char again[16];
  FZ_CHECK(saddr__ip6_parse(text, tn, again) == 0);
  FZ_CHECK(memcmp(again, mine, 16) == 0);
  char text2[64];
  FZ_CHECK(saddr__ip6_format(again, true, text2) == tn);
  FZ_CHECK(memcmp(text, text2, tn) == 0);
  for (size_t i = 0; i < tn; i++)
    FZ_CHECK(!(text[i] >= 'A' && text[i] <= 'Z'));
  check_public(s, n, AF_INET6, mine, scratch);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* Literals are short; the cap keeps the executions fast while still
   * covering long runs of digits and colons. */
  if (size > 4096)
    return 0;
  const char *s = (const char *)data;
  /* inet_pton needs a C string; an input with a NUL inside is something
   * it never sees, and saddr must refuse it. */
  char *z     = NULL;
  bool  ascii = true;
  for (size_t i = 0; i < size; i++)
    ascii = ascii && data[i] != 0 && data[i] < 0x80;
  if (memchr(data, 0, size) == NULL) {
    z = malloc(size + 1);
    if (!z)
      return 0;
    memcpy(z, data, size);
    z[size] = '\0';
  }
  char *scratch = malloc(size * 4 + 16);
  if (scratch) {
    check_ip4(s, size, z, ascii, scratch);
    check_ip6(s, size, z, scratch);
  }
  free(scratch);
  free(z);
  return 0;
}
