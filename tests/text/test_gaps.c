/* Inputs that tell a correct library from a slightly broken one, found by
 * mutation testing (tests/mutate/mutate.py, docs/testing.md): each row
 * kills a mutant that the rest of the suite let through. Parse rows give
 * the exact result or the exact error code, offset and length; the rest
 * checks API argument guards and formatting boundaries. */
#include "family/family.h"
#include "harness.h"

#include <net/if.h>
#include <sys/mman.h>
#include <sys/un.h>
#include <unistd.h>

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
    /* 'x' is no hex digit inside a 0x part. */
    {0, 0, 0, "0x1x.1.1.1:80", SADDR_EIPV4, 0, 10, NULL},
    {0, 0, 0, "1.0xfx.1.1:80", SADDR_EIPV4, 2, 8, NULL},
    {0, 0, 0, "0xaf.1.1.1:80", SADDR_EIPV4LEGACY, 0, 10, NULL},
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
    {0, 0, 0, "\t('1.2.3.4', 80)", 0, 0, 0, "02000050010203040000000000000000"},
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
    /* A zero-led decimal whose digits wrap 64 bits to 0 is still a
     * leading-zero error. */
    {AF_NETLINK, 0, T, "(018446744073709551616, 0)", SADDR_ESYNTAX, 1, 21,
     NULL},
    /* A raw DEL is ASCII: allowed in a bytes literal. */
    {AF_UNIX, 0, T, "b'/\x7f'", 0, 0, 0, "01002f7f00"},
    {AF_UNIX, 0, T, "b'/\x80'", SADDR_ESTRING, 3, 1, NULL},
    /* Syntax detection: a quote only after a string prefix starts tuple
     * text; a double quote does too. */
    {AF_UNIX, 0, 0, "\"/x\"", 0, 0, 0, "01002f7800"},
    {AF_UNIX, 0, 0, "@'x", 0, 0, 0, "0100002778"},
    {AF_UNIX, 0, 0, "/'", 0, 0, 0, "01002f2700"},
    {AF_UNIX, 0, 0, "xb'", SADDR_ESYNTAX, 0, 3, NULL},
    /* Prefix words start at the first byte: "/a@" and "/a+" are paths. */
    {AF_UNIX, 0, 0, "/a@b", 0, 0, 0, "01002f61406200"},
    {AF_UNIX, 0, 0, "/a+b", 0, 0, 0, "01002f612b6200"},
    {0, 0, 0, "_x+1.2.3.4:1", SADDR_EHOSTNAME, 2, 1, NULL},
    /* Host names: every letter, and service names. */
    {0, 0, 0, "zz.Z:80", SADDR_ERESOLVE, 0, 4, NULL},
    {0, 0, 0, "a-z.x-y:80", SADDR_ERESOLVE, 0, 7, NULL},
    {0, 0, 0, "1.2.3.4:ht tp", SADDR_EPORT, 8, 5, NULL},
    {0, 0, 0, "1.2.3.4:tcp/x", SADDR_ESERVICE, 8, 5, NULL},
    {0, 0, 0, "1.2.3.4:x+y.z_w-1", SADDR_ESERVICE, 8, 9, NULL},
    {0, 0, 0, "1.2.3.4:8a", SADDR_EPORT, 8, 2, NULL},
};

static void check_rows(void) {
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
    const row  *r = &rows[i];
    saddr_hints h = {
        .family = r->family, .protocol = r->proto, .flags = r->flags};
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
                "row %zu '%s': span %zu+%zu, expected %zu+%zu (%s)", i, r->text,
                e.offset, e.length, r->off, r->len, e.message);
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
  /* The first style past the last one there is. */
  CHECK_INT(saddr_format(&sin, sizeof sin, NULL, SADDR_FORMAT_HOST + 1, buf,
                         sizeof buf, &e),
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
  saddr_hints dgram = {.family = AF_INET, .type = SOCK_DGRAM};
  saddr_format(&sin, sizeof sin, &dgram, SADDR_FORMAT_COMPACT, buf, sizeof buf,
               &e);
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

/* Error texts of the general path put against a PROT_NONE page (before
 * and after): a read past either end faults. The result must be the one
 * the same text gives in ordinary memory. */
static void check_page_edges(void) {
  static const struct {
    int         family;
    unsigned    flags;
    const char *text;
  } t[] = {
      {AF_UNIX, 0, "@a\\"},
      {AF_UNIX, 0, "@"},
      {AF_UNIX, 0, "unix:"},
      {0, 0, "   "},
      {0, 0, "\t"},
      {0, 0, "b'"},
      {0, 0, "'"},
      {0, 0, "[::1"},
      {0, 0, "1.2.3.4:"},
      {0, 0, "('1.2.3.4', 8"},
      {0, 0, "(1"},
      {0, 0, "-"},
      {0, 0, "[fe80::1%"},
      {0, 0, "a.localhost"},
      {0, 0, "localhost."},
      {AF_INET, T, "('a', 0x"},
      {AF_UNIX, T, "'\\x4"},
      {AF_UNIX, T, "'\\u12"},
      {AF_UNIX, T, "b'\\"},
      {AF_VSOCK, 0, "vsock:"},
      {0, 0, "*:"},
      {0, 0, "1.2.3.4"},
      {0, 0, "x:1"},
      {0, 0, "0x"},
      /* A Bluetooth address that ends the text; an HCI channel word. */
      {0, 0, "sco@01:23:45:67:89:AB"},
      {0, 0, "hci@0:logging"},
  };
  long           pg   = sysconf(_SC_PAGESIZE);
  unsigned char *area = mmap(NULL, (size_t)pg * 3, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(area != MAP_FAILED);
  if (area == MAP_FAILED)
    return;
  CHECK_INT(mprotect(area, (size_t)pg, PROT_NONE), 0);
  CHECK_INT(mprotect(area + 2 * pg, (size_t)pg, PROT_NONE), 0);
  for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
    size_t       n = strlen(t[i].text);
    saddr_hints  h = {.family = t[i].family, .flags = t[i].flags};
    saddr_parsed p, q;
    saddr_error  e, f;
    int          want = saddr_parse(t[i].text, n, &h, &p, &e);
    char        *end  = (char *)area + 2 * pg - n;
    char        *beg  = (char *)area + pg;
    memcpy(end, t[i].text, n);
    int got = saddr_parse(end, n, &h, &q, &f);
    CHECK_CTX(got == want &&
                  (got == 0 || (e.offset == f.offset && e.length == f.length)),
              "'%s' at a page end: %s, expected %s", t[i].text,
              saddr_err_name(got), saddr_err_name(want));
    memcpy(beg, t[i].text, n);
    got = saddr_parse(beg, n, &h, &q, &f);
    CHECK_CTX(got == want, "'%s' at a page start: %s, expected %s", t[i].text,
              saddr_err_name(got), saddr_err_name(want));
  }
  munmap(area, (size_t)pg * 3);
}

/* Guards and messages read back exactly. */
static void check_details(void) {
  struct sockaddr_in sin;
  memset(&sin, 0, sizeof sin);
  sin.sin_family = AF_INET;
  char        buf[64];
  saddr_error e;
  memset(&e, 0xff, sizeof e);
  CHECK_INT(saddr_format(&sin, sizeof sin, NULL, 7, buf, sizeof buf, &e),
            SADDR_EINVAL);
  CHECK_INT(e.offset, 0);
  CHECK_INT(e.length, 0);
  CHECK_INT(saddr_format(&sin, sizeof sin, NULL, 1, buf, 3, &e),
            SADDR_ENOSPACE);
  CHECK_INT(e.offset, 0);
  CHECK_INT(e.length, 0);
  /* A type without a name gets no prefix; AF_UNSPEC is a generic form. */
  saddr_hints odd = {.family = AF_INET, .type = 99};
  CHECK_INT(saddr_format(&sin, sizeof sin, &odd, SADDR_FORMAT_COMPACT, buf,
                         sizeof buf, &e),
            9);
  CHECK_STR(buf, "0.0.0.0:0");
  unsigned char unspec[4] = {0, 0, 'a', 0};
  CHECK_INT(
      saddr_format(unspec, 3, NULL, SADDR_FORMAT_TUPLE, buf, sizeof buf, &e),
      9);
  CHECK_STR(buf, "(0, b'a')");
  /* The zone conflict names the zone and both scopes. */
  unsigned lo = if_nametoindex("lo");
  char     text[64], want[96];
  snprintf(text, sizeof text, "('fe80::1%%lo', 1, 0, %u)", lo + 1);
  snprintf(want, sizeof want, "zone %%lo is scope %u but scope_id is %u", lo,
           lo + 1);
  saddr_hints  h6 = {.family = AF_INET6, .flags = T};
  saddr_parsed p;
  CHECK_INT(saddr_parse(text, strlen(text), &h6, &p, &e), SADDR_ESCOPE);
  CHECK_STR(e.message, want);
  /* A deferred service name leaves the port 0 until it is looked up. */
  static const char *const svc[] = {"[::1]:https", "1.2.3.4:ssh",
                                    "[fe80::1%1]:domain"};
  saddr_hints              defer = {.flags = SADDR_DEFER};
  for (size_t i = 0; i < sizeof svc / sizeof *svc; i++) {
    int rc = saddr_parse(svc[i], strlen(svc[i]), &defer, &p, &e);
    CHECK_CTX(rc == 0 && p.count == 1 && p.need == SADDR_NEED_SERVICE,
              "deferred '%s': %s", svc[i], saddr_err_name(rc));
    if (rc == 0 && p.count == 1)
      CHECK_CTX((p.addr[0].family == AF_INET6 ? p.addr[0].sa.in6.sin6_port
                                              : p.addr[0].sa.in.sin_port) == 0,
                "deferred '%s': port not 0", svc[i]);
  }
  /* rds@ sets the family only: the caller's protocol stays. */
  saddr_hints rds = {.protocol = 7};
  CHECK_INT(saddr_parse("rds@1.2.3.4:5", 13, &rds, &p, &e), 0);
  CHECK_INT(p.addr[0].family, AF_RDS);
  CHECK_INT(p.addr[0].protocol, 7);
  CHECK_INT(saddr_parse("vsock@1:2", 9, &rds, &p, &e), 0);
  CHECK_INT(p.addr[0].family, AF_VSOCK);
  CHECK_INT(p.addr[0].protocol, 7);
  /* The netlink protocol range is named in full. */
  CHECK_INT(saddr_parse("netlink@nosuch:1", 16, NULL, &p, &e), SADDR_ECONST);
  CHECK_STR(e.message, "unknown netlink protocol: expected a name such as "
                       "route, audit or kobject-uevent, or 0-31");
  /* Integers past 64 bits are out of range, whatever their sign. */
  const char  *big = "(99999999999999999999, -99999999999999999999)";
  saddr__tuple tu;
  uint64_t     v;
  CHECK_INT(saddr__tuple_read(big, strlen(big), &tu, NULL), 0);
  CHECK_INT(saddr__item_uint(big, &tu.item[0], UINT64_MAX, "x", &v, NULL),
            SADDR_ERANGE);
  CHECK_INT(saddr__item_uint(big, &tu.item[1], UINT64_MAX, "x", &v, NULL),
            SADDR_ERANGE);
}

/* Family limits exactly at the bound: an 8-octet hardware address (the
 * most) formats back whole; a 112-byte sd@ name (the longest) parses. */
static void check_family_limits(void) {
  const char *hw = "packet@lo:0x0800:0:0:01:02:03:04:05:06:07:08";
  saddr_addr  a;
  saddr_error e;
  char        buf[SADDR_FORMAT_MAX];
  CHECK_INT(saddr_parse_addr(hw, strlen(hw), NULL, &a, &e), 0);
  CHECK_INT(saddr_format_addr(&a, SADDR_FORMAT_COMPACT, buf, sizeof buf, &e),
            (int)strlen(hw));
  CHECK_STR(buf, hw);
  CHECK(saddr_format_addr(&a, SADDR_FORMAT_TUPLE, buf, sizeof buf, &e) > 0);
  CHECK_STR(buf, "('lo', 2048, 0, 0, "
                 "b'\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08')");
  char sd[3 + 113];
  memcpy(sd, "sd@", 3);
  memset(sd + 3, 'w', 113);
  CHECK_INT(saddr_parse_addr(sd, 3 + 112, NULL, &a, &e), 0);
  CHECK_INT(saddr_parse_addr(sd, 3 + 113, NULL, &a, &e), SADDR_ETOOLONG);
  /* Every leading digit starts a vsock CID, 9 included. */
  static const char *const cids[] = {"vsock:9:1", "vsock:0:1", "vsock@99:1"};
  static const unsigned    want[] = {9, 0, 99};
  for (size_t i = 0; i < 3; i++) {
    int      rc  = saddr_parse_addr(cids[i], strlen(cids[i]), NULL, &a, &e);
    uint32_t cid = 0; /* struct sockaddr_vm: family, reserved, port, cid */
    memcpy(&cid, a.sa.bytes + 8, sizeof cid);
    CHECK_CTX(rc == 0 && cid == want[i], "%s: %s", cids[i],
              rc ? e.message : "wrong CID");
  }
}

/* A prefix that names no protocol (or no type) keeps the caller's. */
static void check_prefix_keeps(void) {
  static const struct {
    const char *text;
    int         family, type_in, type_out;
  } t[] = {
      {"ip@1.2.3.4:1", AF_INET, SOCK_DGRAM, SOCK_DGRAM},
      {"ip4@1.2.3.4:1", AF_INET, SOCK_DGRAM, SOCK_DGRAM},
      {"ip6@[::1]:1", AF_INET6, SOCK_DGRAM, SOCK_DGRAM},
      {"ip4@1.2.3.4:1", AF_INET, SOCK_RAW, SOCK_RAW},
      {"tcp@1.2.3.4:1", AF_INET, 0, SOCK_STREAM},
      {"tcp4@1.2.3.4:1", AF_INET, 0, SOCK_STREAM},
      {"tcp6@[::1]:1", AF_INET6, 0, SOCK_STREAM},
      {"udp@1.2.3.4:1", AF_INET, 0, SOCK_DGRAM},
      {"udp4@1.2.3.4:1", AF_INET, 0, SOCK_DGRAM},
      {"udp6@[::1]:1", AF_INET6, 0, SOCK_DGRAM},
      {"unix@/a", AF_UNIX, SOCK_DGRAM, SOCK_DGRAM},
      {"unix:/a", AF_UNIX, SOCK_DGRAM, SOCK_DGRAM},
      {"vsock@1:2", AF_VSOCK, SOCK_DGRAM, SOCK_DGRAM},
      {"vsock:1:2", AF_VSOCK, SOCK_DGRAM, SOCK_DGRAM},
      {"alg@hash:sha256", AF_ALG, 0, SOCK_SEQPACKET},
      {"qipcrtr@1:2", AF_QIPCRTR, 0, SOCK_DGRAM},
      {"tipc@id:1:2", AF_TIPC, 0, SOCK_SEQPACKET},
      {"packet@lo:0x0800", AF_PACKET, SOCK_DGRAM, SOCK_DGRAM},
  };
  for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
    saddr_hints  h = {.protocol = 7, .type = t[i].type_in};
    saddr_parsed p;
    saddr_error  e;
    int          rc = saddr_parse(t[i].text, strlen(t[i].text), &h, &p, &e);
    CHECK_CTX(rc == 0, "'%s': %s", t[i].text, rc ? e.message : "");
    if (rc != 0)
      continue;
    CHECK_CTX(p.addr[0].family == t[i].family && p.addr[0].protocol == 7 &&
                  p.addr[0].type == t[i].type_out,
              "'%s': family %d, protocol %d, type %d", t[i].text,
              p.addr[0].family, p.addr[0].protocol, p.addr[0].type);
  }
}

/* Printable boundaries in AF_UNIX paths: '~' prints as it is, DEL and
 * 0x1f are escaped after unix@. */
static void check_unix_path_printable(void) {
  static const struct {
    const char *tuple, *compact;
  } t[] = {
      {"'/a~'", "/a~"},
      {"'a~'", "unix:a~"},
      {"'/a\\x7f'", "unix@/a\\x7f"},
      {"'/a\\x1f'", "unix@/a\\x1f"},
      {"'/a '", "/a "},
  };
  for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
    saddr_hints h = {.family = AF_UNIX};
    saddr_addr  a;
    saddr_error e;
    char        buf[SADDR_FORMAT_MAX];
    int rc = saddr_parse_addr(t[i].tuple, strlen(t[i].tuple), &h, &a, &e);
    CHECK_CTX(rc == 0, "%s: %s", t[i].tuple, rc ? e.message : "");
    if (rc != 0)
      continue;
    saddr_format_addr(&a, SADDR_FORMAT_COMPACT, buf, sizeof buf, &e);
    CHECK_CTX(strcmp(buf, t[i].compact) == 0, "%s: compact %s, expected %s",
              t[i].tuple, buf, t[i].compact);
  }
}

int main(void) {
  check_unix_path_printable();
  check_prefix_keeps();
  check_family_limits();
  check_rows();
  check_page_edges();
  check_details();
  check_format_args();
  check_unix_printable();
  return th_done();
}
