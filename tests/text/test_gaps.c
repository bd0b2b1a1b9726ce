/* Inputs that tell a correct library from a slightly broken one, found by
 * mutation testing (tests/mutate/mutate.py, docs/testing.md): each row
 * kills a mutant that the rest of the suite let through. Parse rows give
 * the exact result or the exact error code, offset and length; the rest
 * checks API argument guards and formatting boundaries. */
#include "harness.h"
#include "internal.h"

#include <sys/un.h>

#define T SADDR_SYNTAX_TUPLE
#define C SADDR_SYNTAX_COMPACT

typedef struct row {
  int         family, proto;
  unsigned    flags;
  const char *text;
  int         rc;
  size_t      off, len; /* error span */
  const char *hex;      /* the first address, when rc is 0 */
} row;

static const row rows[] = {
    /* IPv4: the offending part, not the "ends in a number" error. */
    {0, 0, 0, "1.2.3.999:80", SADDR_EIPV4, 6, 3, NULL},
    {0, 0, 0, "1.2.3.256:80", SADDR_EIPV4, 6, 3, NULL},
    {0, 0, 0, "0xa.1.1.1:80", SADDR_EIPV4LEGACY, 0, 9, NULL},
    {0, 0, 0, "1.2.3.04:80", SADDR_EIPV4LEGACY, 0, 8, NULL},
    /* IPv6: the first bad group; over-long literals. */
    {0, 0, 0, "[1:2:3:g::1]:80", SADDR_EIPV6, 7, 4, NULL},
    {0, 0, 0,
     "[::aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]:80",
     SADDR_EIPV6, 1, 66, NULL},
    {0, 0, 0, "[::ffff:255.255.255.255]:65535", 0, 0, 0,
     "0a00ffff0000000000000000000000000000ffffffffffff00000000"},
    {0, 0, 0, "[1:2:3:4:5:6:7:8]:80", 0, 0, 0,
     "0a000050000000000001000200030004000500060007000800000000"},
    {0, 0, 0, "[::]:80", 0, 0, 0,
     "0a000050000000000000000000000000000000000000000000000000"},
    {0, 0, 0, "[::1]:8a", SADDR_EPORT, 6, 2, NULL},
    /* UTF-8 boundaries in an AF_UNIX str path (str is UTF-8). */
    {AF_UNIX, 0, T, "'\\x7f'", 0, 0, 0, "01007f00"},
    {AF_UNIX, 0, T, "'\\x80'", 0, 0, 0, "0100c28000"},
    {AF_UNIX, 0, T, "'\\u0080'", 0, 0, 0, "0100c28000"},
    {AF_UNIX, 0, T, "'\\u07ff'", 0, 0, 0, "0100dfbf00"},
    {AF_UNIX, 0, T, "'\\u0800'", 0, 0, 0, "0100e0a08000"},
    {AF_UNIX, 0, T, "'\\uffff'", 0, 0, 0, "0100efbfbf00"},
    {AF_UNIX, 0, T, "'\\U00010000'", 0, 0, 0, "0100f090808000"},
    {AF_UNIX, 0, T, "'\\U0010ffff'", 0, 0, 0, "0100f48fbfbf00"},
    {AF_UNIX, 0, T, "'\\U00110000'", SADDR_EESCAPE, 1, 2, NULL},
    {AF_UNIX, 0, T, "'\\udc80'", 0, 0, 0, "01008000"},
    {AF_UNIX, 0, T, "'\\udcff'", 0, 0, 0, "0100ff00"},
    /* Syntax detection: a bytes prefix, blanks before a tuple, a constant
     * as a bare HCI device. */
    {0, 0, 0, "b'", SADDR_ESTRING, 0, 2, NULL},
    {0, 0, 0, "\t('1.2.3.4', 80)", 0, 0, 0,
     "02000050010203040000000000000000"},
    {0, 0, 0, "\n ('::1', 1)", 0, 0, 0,
     "0a000001000000000000000000000000000000000000000100000000"},
    {AF_BLUETOOTH, 1, 0, "AF_INET", 0, 0, 0, "1f0002000000"},
    {0, 0, 0, ".localhost:80", SADDR_EHOSTNAME, 0, 1, NULL},
    /* Signs before every kind of integer-valued item. */
    {AF_INET, 0, T, "('127.0.0.1', +True)", 0, 0, 0,
     "020000017f0000010000000000000000"},
    {AF_INET, 0, T, "(-False, 1)", SADDR_ETYPE, 1, 6, NULL},
    {AF_NETLINK, 0, T, "(-False, 1)", 0, 0, 0, "100000000000000001000000"},
    {AF_NETLINK, 0, T, "(-(0), +(+1))", 0, 0, 0, "100000000000000001000000"},
    {AF_NETLINK, 0, T, "(-True, 1)", SADDR_ERANGE, 1, 5, NULL},
    {AF_PACKET, 0, T, "('lo', +ETH_P_IP)", 0, 0, 0,
     "1100080001000000000000000000000000000000"},
};

static void check_rows(void) {
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
    const row   *r = &rows[i];
    saddr_hints  h = {r->family, 0, r->proto, r->flags, 0};
    saddr_parsed p;
    saddr_error  e;
    memset(&e, 0, sizeof e);
    int rc = saddr_parse(r->text, strlen(r->text), &h, &p, &e);
    CHECK_CTX(rc == r->rc, "row %zu '%s': %s (%s), expected %s", i, r->text,
              saddr_err_name(rc), rc ? e.message : "", saddr_err_name(r->rc));
    if (rc != r->rc)
      continue;
    if (rc != 0) {
      CHECK_CTX(e.offset == r->off && e.length == r->len,
                "row %zu '%s': span %zu+%zu, expected %zu+%zu (%s)", i,
                r->text, e.offset, e.length, r->off, r->len, e.message);
      continue;
    }
    char hex[600];
    th_hex(&p.addr[0].sa, p.addr[0].len, hex);
    CHECK_CTX(strcmp(hex, r->hex) == 0, "row %zu '%s': %s, expected %s", i,
              r->text, hex, r->hex);
  }
}

/* The argument guards of the formatter. */
static void check_format_args(void) {
  struct sockaddr_in sin;
  memset(&sin, 0, sizeof sin);
  sin.sin_family = AF_INET;
  char        buf[64];
  saddr_error e;
  memset(buf, 'x', sizeof buf);
  CHECK_INT(saddr_format(&sin, sizeof sin, NULL, 2, buf, sizeof buf, &e),
            SADDR_EINVAL);
  CHECK_INT(saddr_format(&sin, sizeof sin, NULL, -1, buf, sizeof buf, &e),
            SADDR_EINVAL);
  CHECK_INT(saddr_format(&sin, sizeof sin, NULL, 0, buf, 0, &e), SADDR_EINVAL);
  CHECK(buf[0] == 'x'); /* cap 0: nothing written */
  CHECK_INT(saddr_format(&sin, sizeof sin, NULL, 0, NULL, 64, &e),
            SADDR_EINVAL);
  CHECK_INT(saddr_format(NULL, 4, NULL, 0, buf, sizeof buf, &e), SADDR_EINVAL);
  CHECK_INT(saddr_format(NULL, 0, NULL, 0, buf, sizeof buf, &e), SADDR_ELENGTH);
  CHECK_INT(saddr_format(&sin, 1, NULL, 0, buf, sizeof buf, &e), SADDR_ELENGTH);
  CHECK_INT(saddr_format_addr(NULL, 0, buf, sizeof buf, &e), SADDR_EINVAL);
  /* Both styles are accepted; the exact size fits, one less does not. */
  int n = saddr_format(&sin, sizeof sin, NULL, SADDR_FORMAT_COMPACT, buf,
                       sizeof buf, &e);
  CHECK_STR(buf, "0.0.0.0:0");
  CHECK_INT(saddr_format(&sin, sizeof sin, NULL, SADDR_FORMAT_COMPACT, buf,
                         (size_t)n + 1, &e),
            n);
  CHECK_INT(saddr_format(&sin, sizeof sin, NULL, SADDR_FORMAT_COMPACT, buf,
                         (size_t)n, &e),
            SADDR_ENOSPACE);
  CHECK_STR(buf, "");
  /* A compact type prefix for a non-stream type, none for stream or 0. */
  saddr_hints dgram = {AF_INET, SOCK_DGRAM, 0, 0, 0};
  saddr_format(&sin, sizeof sin, &dgram, SADDR_FORMAT_COMPACT, buf,
               sizeof buf, &e);
  CHECK_STR(buf, "dgram+0.0.0.0:0");
  saddr_format(&sin, sizeof sin, &dgram, SADDR_FORMAT_TUPLE, buf, sizeof buf,
               &e);
  CHECK_STR(buf, "('0.0.0.0', 0)");
  /* A family with no form: Python's generic (family, bytes). */
  unsigned char raw[16] = {5, 0, 'a', 'b'};
  saddr_format(raw, 4, NULL, SADDR_FORMAT_TUPLE, buf, sizeof buf, &e);
  CHECK_STR(buf, "(5, b'ab')");
  saddr_format(raw, 16, NULL, SADDR_FORMAT_TUPLE, buf, sizeof buf, &e);
  CHECK_STR(buf, "(5, b'ab\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                 "\\x00\\x00')");
  saddr_format(raw, 2, NULL, SADDR_FORMAT_TUPLE, buf, sizeof buf, &e);
  CHECK_STR(buf, "(5, b'')");
}

/* Printable boundaries in AF_UNIX abstract names, both styles. */
static void check_unix_printable(void) {
  static const struct {
    unsigned char c;
    const char   *compact, *tuple;
  } b[] = {
      {0x1f, "@a\\x1f", "b'\\x00a\\x1f'"}, {0x20, "@a ", "b'\\x00a '"},
      {0x21, "@a!", "b'\\x00a!'"},         {0x7e, "@a~", "b'\\x00a~'"},
      {0x7f, "@a\\x7f", "b'\\x00a\\x7f'"}, {0x80, "@a\\x80", "b'\\x00a\\x80'"},
  };
  for (size_t i = 0; i < sizeof b / sizeof *b; i++) {
    struct sockaddr_un sun;
    memset(&sun, 0, sizeof sun);
    sun.sun_family  = AF_UNIX;
    sun.sun_path[1] = 'a';
    sun.sun_path[2] = (char)b[i].c;
    char buf[128];
    saddr_format(&sun, 2 + 3, NULL, SADDR_FORMAT_COMPACT, buf, sizeof buf,
                 NULL);
    CHECK_CTX(strcmp(buf, b[i].compact) == 0, "byte %#x compact: %s", b[i].c,
              buf);
    saddr_format(&sun, 2 + 3, NULL, SADDR_FORMAT_TUPLE, buf, sizeof buf, NULL);
    CHECK_CTX(strcmp(buf, b[i].tuple) == 0, "byte %#x tuple: %s", b[i].c, buf);
  }
}

int main(void) {
  check_rows();
  check_format_args();
  check_unix_printable();
  return th_done();
}
