/* Host names: localhost (RFC 6761), DNS name validation with the
 * "ends in a number" rule, IDNA (UTS#46) mapping, and interface names. */
#include "internal.h"

#include <idn2.h>
#include <net/if.h>
#include <string.h>

/* lit is lower case; only ASCII letters fold (0x0E | 0x20 is '.'). */
static bool ieq(const char *s, const char *lit, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] | 0x20) : s[i];
    if (c != lit[i])
      return false;
  }
  return true;
}

bool saddr__is_localhost(const char *s, size_t n) {
  if (n > 0 && s[n - 1] == '.')
    n--;
  if (n == 9)
    return ieq(s, "localhost", 9);
  /* "*.localhost": a non-empty label, then ".localhost". */
  return n > 10 && ieq(s + n - 10, ".localhost", 10) && s[n - 11] != '.';
}

static bool ldh(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* WHATWG "ends in a number": the last label is all digits or 0x hex. The
 * caller has removed one trailing dot. */
bool saddr__ends_in_number(const char *s, size_t n) {
  size_t start = n;
  while (start > 0 && s[start - 1] != '.')
    start--;
  const char *l  = s + start;
  size_t      ln = n - start, i = 0;
  if (ln >= 2 && l[0] == '0' && (l[1] | 0x20) == 'x')
    i = 2;
  bool hex = i == 2;
  for (; i < ln; i++) {
    char c  = l[i];
    bool ok = (c >= '0' && c <= '9') ||
              (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    if (!ok)
      return false;
  }
  return ln > 0;
}

/* Validates an ASCII name at c->s[off..off+n) and writes it lower-cased
 * without the trailing dot. */
static int ascii_name(const saddr__ctx *c, size_t off, const char *s, size_t n,
                      char *out, size_t *outlen, size_t mapped) {
  if (n > 0 && s[n - 1] == '.')
    n--;
  if (n == 0)
    return saddr__fail(c->err, SADDR_EHOSTNAME, off, 1, "empty host name");
  unsigned char ip[16];
  if (mapped && saddr__ip6_parse(s, n, ip))
    return saddr__fail(c->err, SADDR_ENUMERIC, off, mapped,
                       "host name maps to the numeric address '%.*s'", (int)n,
                       s);
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\0')
      return saddr__fail(c->err, SADDR_ENUL, mapped ? off : off + i, 1,
                         "NUL byte in host name");
    if (!ldh(s[i]) && s[i] != '.')
      return saddr__fail(c->err, SADDR_EHOSTNAME, mapped ? off : off + i, 1,
                         "invalid character in host name");
  }
  if (saddr__ends_in_number(s, n)) {
    if (mapped)
      return saddr__fail(c->err, SADDR_ENUMERIC, off, mapped,
                         "host name maps to the numeric address '%.*s'", (int)n,
                         s);
    return saddr__fail(c->err, SADDR_EIPV4LEGACY, off, n,
                       "host name ends in a number: IPv4 addresses are "
                       "dotted-decimal with four parts 0-255");
  }
  if (n > SADDR_HOST_MAX - 1)
    return saddr__fail(c->err, SADDR_ETOOLONG, off, n,
                       "host name is %zu bytes, at most 253 allowed", n);
  size_t label = 0;
  for (size_t i = 0; i <= n; i++) {
    char ch = i < n ? s[i] : '.';
    if (ch == '.') {
      if (label == 0 || label > 63)
        return saddr__fail(c->err, label ? SADDR_ETOOLONG : SADDR_EHOSTNAME,
                           mapped ? off : off + i - label, label ? label : 1,
                           label ? "host name label is longer than 63 bytes"
                                 : "empty label in host name");
      if (s[i - label] == '-' || s[i - 1] == '-')
        return saddr__fail(c->err, SADDR_EHOSTNAME,
                           mapped ? off
                                  : off + i - (s[i - label] == '-' ? label : 1),
                           1, "host name labels cannot start or end with '-'");
      label = 0;
      if (i < n)
        out[i] = '.';
      continue;
    }
    out[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch);
    label++;
  }
  out[n]  = '\0';
  *outlen = n;
  return 0;
}

/* Non-ASCII names go through UTS#46 mapping and IDNA2008 (libidn2). */
static int idna_name(const saddr__ctx *c, size_t off, size_t n, char *out,
                     size_t *outlen) {
  const char *s   = c->s + off;
  size_t      bad = saddr__utf8_check((const unsigned char *)s, n);
  if (bad != n)
    return saddr__fail(c->err, SADDR_EUTF8, off + bad, 1,
                       "host name is not valid UTF-8");
  if (memchr(s, '\0', n) != NULL)
    return saddr__fail(c->err, SADDR_ENUL,
                       off + (size_t)((const char *)memchr(s, '\0', n) - s), 1,
                       "NUL byte in host name");
  char in[1024];
  if (n >= sizeof in)
    return saddr__fail(c->err, SADDR_ETOOLONG, off, n, "host name too long");
  memcpy(in, s, n);
  in[n]       = '\0';
  char *ascii = NULL;
  int   rc    = idn2_lookup_u8((const uint8_t *)in, (uint8_t **)&ascii,
                               IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
  if (rc != IDN2_OK)
    return saddr__fail(c->err, SADDR_EIDNA, off, n,
                       "host name cannot be converted to IDNA: %s",
                       idn2_strerror(rc));
  rc = ascii_name(c, off, ascii, strlen(ascii), out, outlen, n);
  idn2_free(ascii);
  return rc;
}

int saddr__hostname(const saddr__ctx *c, size_t off, size_t n,
                    char out[SADDR_HOST_MAX], size_t *outlen) {
  const char *s = c->s + off;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80)
      return idna_name(c, off, n, out, outlen);
  return ascii_name(c, off, s, n, out, outlen, 0);
}

int saddr__ifname(const saddr__ctx *c, size_t off, size_t n, unsigned *index) {
  const char *s = c->s + off;
  if (n >= IF_NAMESIZE)
    return saddr__fail(c->err, SADDR_ETOOLONG, off, n,
                       "interface name is %zu bytes, at most %d allowed", n,
                       IF_NAMESIZE - 1);
  char name[IF_NAMESIZE];
  memcpy(name, s, n);
  name[n] = '\0';
  if (strlen(name) != n)
    return saddr__fail(c->err, SADDR_ENUL, off + strlen(name), 1,
                       "NUL byte in interface name");
  *index = if_nametoindex(name);
  if (*index == 0)
    return saddr__fail(c->err, SADDR_ENOIFACE, off, n,
                       "no such interface '%.*s'", (int)n, s);
  return 0;
}

int saddr__ifindex(const saddr__ctx *c, size_t off, size_t n, unsigned *index) {
  const char *s = c->s + off;
  if (n == 0)
    return saddr__fail(c->err, SADDR_EZONE, off, 0,
                       "empty interface name or index");
  if (s[0] >= '0' && s[0] <= '9') {
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
      if (s[i] < '0' || s[i] > '9' || (i == 1 && s[0] == '0'))
        return saddr__fail(c->err, SADDR_EZONE, off + i, 1,
                           "interface index must be decimal digits without "
                           "leading zeros");
      v = v * 10 + (uint64_t)(s[i] - '0');
      if (v > UINT32_MAX)
        return saddr__fail(c->err, SADDR_ERANGE, off, n,
                           "interface index must be 0-4294967295");
    }
    *index = (unsigned)v;
    return 0;
  }
  return saddr__ifname(c, off, n, index);
}
