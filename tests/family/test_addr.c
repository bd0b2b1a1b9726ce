/* Each family's natural socket type through parse, format and the public
 * table; the port accessors; host-only formatting. */
#include "harness.h"

#include "saddr.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <unistd.h>

/* Compact text, the type parse gives it with no type hint, and the compact
 * text it formats back to (the natural type needs no prefix). */
static const struct {
  const char *text;
  int         type;
  const char *compact;
} natural[] = {
    {"192.0.2.1:80", SOCK_STREAM, "192.0.2.1:80"},
    {"[::1]:80", SOCK_STREAM, "[::1]:80"},
    {"/run/x.sock", SOCK_STREAM, "/run/x.sock"},
    {"vsock:2:1024", SOCK_STREAM, "vsock:2:1024"},
    {"rfcomm@01:23:45:67:89:ab:3", SOCK_STREAM, "rfcomm@01:23:45:67:89:AB:3"},
    {"packet@lo:0x0800", SOCK_RAW, "packet@lo:0x0800"},
    {"netlink@0:0", SOCK_RAW, NULL},
    {"can@lo", SOCK_RAW, "can@lo"},
    {"hci@0", SOCK_RAW, "hci@0"},
    {"bcm@lo", SOCK_DGRAM, "bcm@lo"},
    {"isotp@lo:1:2", SOCK_DGRAM, NULL},
    {"qipcrtr@1:2", SOCK_DGRAM, "qipcrtr@1:2"},
    {"alg@hash:sha256", SOCK_SEQPACKET, "alg@hash:sha256"},
    {"l2cap@01:23:45:67:89:ab:1", SOCK_SEQPACKET, NULL},
    {"sco@01:23:45:67:89:ab", SOCK_SEQPACKET, "sco@01:23:45:67:89:AB"},
    {"rds@127.0.0.1:5", SOCK_SEQPACKET, "rds@127.0.0.1:5"},
    /* A type prefix or a scheme that fixes the type wins. */
    {"dgram+packet@lo:0x0800", SOCK_DGRAM, "dgram+packet@lo:0x0800"},
    {"stream+packet@lo:0x0800", SOCK_STREAM, "stream+packet@lo:0x0800"},
    {"udp@127.0.0.1:53", SOCK_DGRAM, "dgram+127.0.0.1:53"},
    {"seqpacket+@abc", SOCK_SEQPACKET, "seqpacket+@abc"},
};

static void test_natural(void) {
  for (size_t i = 0; i < sizeof natural / sizeof *natural; i++) {
    saddr_addr  a;
    saddr_error err;
    int rc = saddr_parse_addr(natural[i].text, strlen(natural[i].text), NULL,
                              &a, &err);
    CHECK_CTX(rc == 0, "%s: %s", natural[i].text, rc ? err.message : "");
    if (rc != 0)
      continue;
    CHECK_CTX(a.type == natural[i].type, "%s: type %d, expected %d",
              natural[i].text, a.type, natural[i].type);
    char buf[SADDR_FORMAT_MAX];
    if (natural[i].compact == NULL)
      continue;
    rc = saddr_format_addr(&a, SADDR_FORMAT_COMPACT, buf, sizeof buf, &err);
    CHECK_CTX(rc > 0 && strcmp(buf, natural[i].compact) == 0,
              "%s: formats as '%s', expected '%s'", natural[i].text, buf,
              natural[i].compact);
  }
}

/* Tuple syntax with the family (and protocol) as hints. */
static void test_natural_tuple(void) {
  static const struct {
    int         family, protocol;
    const char *text;
    int         type;
  } rows[] = {
      {AF_PACKET, 0, "('lo', 0x0800)", SOCK_RAW},
      {AF_NETLINK, 0, "(0, 0)", SOCK_RAW},
      {AF_CAN, 0, "('lo',)", SOCK_RAW},
      {AF_CAN, 2, "('lo',)", SOCK_DGRAM},
      {AF_CAN, 6, "('lo', 1, 2)", SOCK_DGRAM},
      {AF_TIPC, 0, "(2, 1, 2, 0)", SOCK_SEQPACKET},
      {AF_ALG, 0, "('hash', 'sha256')", SOCK_SEQPACKET},
      {AF_QIPCRTR, 0, "(1, 2)", SOCK_DGRAM},
      {AF_VSOCK, 0, "(2, 1024)", SOCK_STREAM},
      {AF_UNIX, 0, "'/x'", SOCK_STREAM},
      {AF_INET6, 0, "('::1', 1)", SOCK_STREAM},
  };
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
    saddr_hints h = {.family = rows[i].family, .protocol = rows[i].protocol};
    saddr_addr  a;
    saddr_error err;
    int rc = saddr_parse_addr(rows[i].text, strlen(rows[i].text), &h, &a, &err);
    CHECK_CTX(rc == 0 && a.type == rows[i].type,
              "%s (family %d): rc %d type %d, expected %d", rows[i].text,
              rows[i].family, rc, rc == 0 ? a.type : 0, rows[i].type);
    CHECK_INT(saddr_default_type(rows[i].family, rows[i].protocol),
              rows[i].type);
  }
  /* The caller's type is kept, even one the family cannot have: bind
   * refuses it rather than parse changing it. */
  saddr_hints h = {.family = AF_PACKET, .type = SOCK_STREAM};
  saddr_addr  a;
  CHECK_INT(saddr_parse_addr("('lo', 1)", 9, &h, &a, NULL), 0);
  CHECK_INT(a.type, SOCK_STREAM);
  CHECK_INT(saddr_default_type(AF_UNSPEC, 0), SOCK_STREAM);
  CHECK_INT(saddr_default_type(AF_BLUETOOTH, 0), SOCK_SEQPACKET);
  CHECK_INT(saddr_default_type(AF_BLUETOOTH, 1), SOCK_RAW);
  CHECK_INT(saddr_default_type(AF_BLUETOOTH, 2), SOCK_SEQPACKET);
  CHECK_INT(saddr_default_type(AF_BLUETOOTH, 3), SOCK_STREAM);
  CHECK_INT(saddr_default_type(AF_CAN, 7), SOCK_DGRAM);
}

static void test_port(void) {
  saddr_addr a;
  CHECK_INT(saddr_parse_addr("[2001:db8::1]:443", 17, NULL, &a, NULL), 0);
  CHECK_INT(saddr_addr_port(&a), 443);
  CHECK_INT(saddr_addr_set_port(&a, 65535), 0);
  CHECK_INT(saddr_addr_port(&a), 65535);
  CHECK_INT(ntohs(a.sa.in6.sin6_port), 65535);
  CHECK_INT(saddr_parse_addr("192.0.2.1:0", 11, NULL, &a, NULL), 0);
  CHECK_INT(saddr_addr_port(&a), 0);
  CHECK_INT(saddr_addr_set_port(&a, 8080), 0);
  CHECK_INT(ntohs(a.sa.in.sin_port), 8080);
  CHECK_INT(saddr_parse_addr("rds@192.0.2.1:7", 15, NULL, &a, NULL), 0);
  CHECK_INT(saddr_addr_port(&a), 7);
  CHECK_INT(saddr_parse_addr("vsock:2:1024", 12, NULL, &a, NULL), 0);
  saddr_addr before = a;
  CHECK_INT(saddr_addr_port(&a), SADDR_EFAMILY);
  CHECK_INT(saddr_addr_set_port(&a, 1), SADDR_EFAMILY);
  CHECK(memcmp(&a, &before, sizeof a) == 0);
  CHECK_INT(saddr_addr_port(NULL), SADDR_EINVAL);
  CHECK_INT(saddr_addr_set_port(NULL, 1), SADDR_EINVAL);
  /* A length too short for the port field is no IP address here. */
  CHECK_INT(saddr_parse_addr("192.0.2.1:1", 11, NULL, &a, NULL), 0);
  a.len = 3;
  CHECK_INT(saddr_addr_port(&a), SADDR_EFAMILY);
}

static void test_host(void) {
  static const struct {
    const char *text, *host;
  } rows[] = {
      {"192.0.2.1:80", "192.0.2.1"},
      {"[2001:DB8:0:0::1]:443", "2001:db8::1"},
      {"[fe80::1%1]:53", "fe80::1%lo"},
      {"[fe80::1%4000000]:53", "fe80::1%4000000"},
      {"udp@[::ffff:1.2.3.4]:9", "::ffff:1.2.3.4"},
      {"rds@127.0.0.1:5", "127.0.0.1"},
      {"@abstract", "@abstract"},
      {"dgram+packet@lo:0x0800", "dgram+packet@lo:0x0800"},
  };
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
    saddr_addr  a;
    saddr_error err;
    char        buf[SADDR_FORMAT_MAX];
    int         rc =
        saddr_parse_addr(rows[i].text, strlen(rows[i].text), NULL, &a, &err);
    CHECK_CTX(rc == 0, "%s: %s", rows[i].text, rc ? err.message : "");
    if (rc != 0)
      continue;
    rc = saddr_format_addr(&a, SADDR_FORMAT_HOST, buf, sizeof buf, &err);
    CHECK_CTX(rc == (int)strlen(rows[i].host) && strcmp(buf, rows[i].host) == 0,
              "%s: host '%s' (%d), expected '%s'", rows[i].text, buf, rc,
              rows[i].host);
  }
  /* Bounded like every style. */
  saddr_addr a;
  char       small[5];
  CHECK_INT(saddr_parse_addr("192.0.2.1:80", 12, NULL, &a, NULL), 0);
  CHECK_INT(saddr_format_addr(&a, SADDR_FORMAT_HOST, small, sizeof small, NULL),
            SADDR_ENOSPACE);
  CHECK_INT(saddr_format_addr(&a, 3, small, sizeof small, NULL), SADDR_EINVAL);
}

/* bind makes the natural type, and refuses a type the family cannot have
 * (Linux would turn AF_UNIX SOCK_RAW into SOCK_DGRAM without a word). */
static void test_bind_type(void) {
  saddr_addr         a;
  saddr_bound_socket s;
  saddr_error        err;
  CHECK_INT(saddr_parse_addr("netlink@0:0", 11, NULL, &a, NULL), 0);
  CHECK_INT(a.type, SOCK_RAW);
  int rc = saddr_bind_addr(&a, NULL, &s, &err);
  CHECK_CTX(rc == 0, "netlink bind: %s", rc ? err.message : "");
  if (rc == 0) {
    int       type = 0;
    socklen_t n    = sizeof type;
    CHECK_INT(getsockopt(s.fd, SOL_SOCKET, SO_TYPE, &type, &n), 0);
    CHECK_INT(type, SOCK_RAW);
    close(s.fd);
  }
  a.type = 0; /* 0 asks bind for the natural type too */
  rc     = saddr_bind_addr(&a, NULL, &s, &err);
  CHECK_CTX(rc == 0, "netlink bind, type 0: %s", rc ? err.message : "");
  if (rc == 0)
    close(s.fd);
  static const struct {
    const char *text;
    int         type;
  } refused[] = {
      {"@saddr-test-raw", SOCK_RAW},
      {"@saddr-test-rdm", SOCK_RDM},
      {"netlink@0:0", SOCK_STREAM},
      {"vsock:1:1", SOCK_RAW},
  };
  for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
    saddr_hints h = {.type = refused[i].type};
    CHECK_INT(saddr_parse_addr(refused[i].text, strlen(refused[i].text), &h, &a,
                               NULL),
              0);
    CHECK_INT(a.type, refused[i].type);
    rc = saddr_bind_addr(&a, NULL, &s, &err);
    CHECK_CTX(rc == SADDR_ENOTSUP && err.sys_errno != 0,
              "%s type %d: rc %d, expected SADDR_ENOTSUP", refused[i].text,
              refused[i].type, rc);
    if (rc == 0)
      close(s.fd);
  }
}

int main(void) {
  test_bind_type();
  test_natural();
  test_natural_tuple();
  test_port();
  test_host();
  return th_done();
}
