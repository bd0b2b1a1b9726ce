/* Real kernel round trips: bind the sockaddr saddr builds, read it back
 * with getsockname, and compare with saddr's model; then format what the
 * kernel reports and read that text back. Families or privileges this host
 * lacks are skipped with a printed reason (the checks that ran are still
 * counted). */
#include "family/family.h"
#include "harness.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static void skip(const char *what, int err) {
  printf("SKIP %s: %s\n", what, strerror(err));
}

static bool parse1(const char *text, int family, int protocol,
                   saddr_addr *out) {
  saddr_hints h = {.family = family, .protocol = protocol};
  saddr_error err;
  int         rc = saddr_parse_addr(text, strlen(text), &h, out, &err);
  CHECK_CTX(rc == 0, "parse %s: %s", text, rc ? err.message : "");
  return rc == 0;
}

/* Binds a fresh socket of the address's family to it; returns the socket
 * or -1 with errno set. */
static int bound(const saddr_addr *a, int type) {
  int fd = socket(a->family, type | SOCK_CLOEXEC, a->protocol);
  if (fd < 0)
    return -1;
  if (bind(fd, &a->sa.sa, a->len) != 0) {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
  }
  return fd;
}

static socklen_t name_of(int fd, saddr_sockaddr *sa) {
  socklen_t len = sizeof *sa;
  memset(sa, 0, sizeof *sa);
  CHECK(getsockname(fd, &sa->sa, &len) == 0);
  return len;
}

/* Formats the kernel's address in both styles and reads each text back
 * (the tuple with the family and protocol); both must give want. */
static void texts_read_back(const void *sa, socklen_t len, int family,
                            int protocol, const void *want,
                            socklen_t want_len) {
  saddr_hints h = {.family = family, .protocol = protocol};
  for (int style = 0; style < 2; style++) {
    char        text[SADDR_FORMAT_MAX];
    saddr_error err;
    int         rc = saddr_format(sa, len, &h, style, text, sizeof text, &err);
    CHECK_CTX(rc >= 0, "format style %d: %s", style, err.message);
    if (rc < 0)
      continue;
    saddr_hints rh = {.family   = style == 0 ? family : 0,
                      .protocol = protocol,
                      .flags    = style == 0 ? SADDR_SYNTAX_TUPLE
                                             : SADDR_SYNTAX_COMPACT};
    saddr_addr  back;
    rc = saddr_parse_addr(text, strlen(text), &rh, &back, &err);
    CHECK_CTX(rc == 0, "read back %s: %s", text, rc ? err.message : "");
    CHECK_CTX(rc != 0 || (back.len == want_len &&
                          memcmp(&back.sa, want, want_len) == 0),
              "read back %s: different sockaddr", text);
  }
}

/* A path, an abstract name and autobind: getsockname gives exactly the
 * bytes and length saddr built (autobind: what the kernel picked). */
static void unix_exact(const char *text, int type) {
  saddr_addr     a;
  saddr_sockaddr got;
  if (!parse1(text, AF_UNIX, 0, &a))
    return;
  int fd = bound(&a, type);
  CHECK_CTX(fd >= 0, "bind %s: %s", text, strerror(errno));
  if (fd < 0)
    return;
  socklen_t len = name_of(fd, &got);
  CHECK_CTX(len == a.len && memcmp(&got, &a.sa, len) == 0,
            "%s: getsockname gives %u bytes, saddr built %u", text,
            (unsigned)len, (unsigned)a.len);
  texts_read_back(&got, len, AF_UNIX, 0, &got, len);
  close(fd);
}

static void test_unix(void) {
  char dir[] = "/tmp/saddr-famXXXXXX", text[128], abs[64];
  CHECK(mkdtemp(dir) != NULL);
  snprintf(text, sizeof text, "%s/s.sock", dir);
  unix_exact(text, SOCK_STREAM);
  snprintf(text, sizeof text, "'%s/t.sock'", dir);
  unix_exact(text, SOCK_DGRAM);
  snprintf(abs, sizeof abs, "@saddr-test-%ld\\x00x", (long)getpid());
  unix_exact(abs, SOCK_STREAM);
  snprintf(abs, sizeof abs, "b'\\x00saddr-test-%ld'", (long)getpid());
  unix_exact(abs, SOCK_SEQPACKET);

  saddr_addr     a;
  saddr_sockaddr got;
  if (parse1("unix@", AF_UNIX, 0, &a)) {
    CHECK_INT(a.len, 2);
    int fd = bound(&a, SOCK_STREAM);
    CHECK_CTX(fd >= 0, "autobind: %s", strerror(errno));
    if (fd >= 0) {
      socklen_t len = name_of(fd, &got);
      /* The kernel picks NUL and five hex digits. */
      CHECK_INT(len, 8);
      CHECK(got.un.sun_path[0] == '\0');
      texts_read_back(&got, len, AF_UNIX, 0, &got, len);
      close(fd);
    }
  }
  snprintf(text, sizeof text, "%s/s.sock", dir);
  unlink(text);
  snprintf(text, sizeof text, "%s/t.sock", dir);
  unlink(text);
  CHECK(rmdir(dir) == 0);
}

/* pid 0 asks the kernel for a port id; the groups are kept. */
static void test_netlink(void) {
  saddr_addr     a;
  saddr_sockaddr got;
  if (!parse1("raw+netlink@route:1", 0, 0, &a))
    return;
  CHECK_INT(a.protocol, NETLINK_ROUTE);
  CHECK_INT(a.type, SOCK_RAW);
  int fd = bound(&a, a.type);
  if (fd < 0) {
    skip("AF_NETLINK bind", errno);
    return;
  }
  socklen_t len = name_of(fd, &got);
  CHECK_INT(len, a.len);
  CHECK_INT(got.sa.sa_family, AF_NETLINK);
  struct sockaddr_nl nl;
  memcpy(&nl, &got, sizeof nl);
  CHECK_INT(nl.nl_groups, 1);
  CHECK(nl.nl_pid != 0);
  texts_read_back(&got, len, AF_NETLINK, NETLINK_ROUTE, &got, len);
  /* The kernel's pid, given back, binds a second socket only once the
   * first is gone: saddr's bytes are what the kernel reported. */
  close(fd);
  saddr_addr again;
  char       text[64];
  snprintf(text, sizeof text, "netlink@route:1:%u", nl.nl_pid);
  if (parse1(text, 0, 0, &again)) {
    CHECK(memcmp(&again.sa, &got, len) == 0);
    fd = bound(&again, SOCK_RAW);
    CHECK_CTX(fd >= 0, "rebind %s: %s", text, strerror(errno));
    if (fd >= 0)
      close(fd);
  }
}

/* The kernel reports 12 + halen bytes with the device's hardware type and
 * address; the fields saddr set come back unchanged. */
static void test_packet(void) {
  saddr_addr     a;
  saddr_sockaddr got;
  if (!parse1("raw+packet@lo:ETH_P_ALL", 0, 0, &a))
    return;
  a.protocol = htons(ETH_P_ALL);
  int fd     = bound(&a, a.type);
  if (fd < 0) {
    skip("AF_PACKET bind on lo (needs CAP_NET_RAW)", errno);
    return;
  }
  socklen_t          len = name_of(fd, &got);
  struct sockaddr_ll ll, want;
  memcpy(&ll, &got, sizeof ll);
  memcpy(&want, &a.sa, sizeof want);
  CHECK_INT(len, offsetof(struct sockaddr_ll, sll_addr) + ll.sll_halen);
  CHECK_INT(ll.sll_family, AF_PACKET);
  CHECK_INT(ll.sll_protocol, want.sll_protocol);
  CHECK_INT(ll.sll_ifindex, want.sll_ifindex);
  CHECK_INT(ll.sll_hatype, 772 /* ARPHRD_LOOPBACK */);
  /* Read back, the kernel's fields make CPython's 20-byte address. */
  saddr_sockaddr full;
  memset(&full, 0, sizeof full);
  memcpy(&full, &got, len);
  texts_read_back(&got, len, AF_PACKET, 0, &full, sizeof(struct sockaddr_ll));
  close(fd);
}

/* AF_ALG has no getsockname: the bind itself is the check, and a bad
 * algorithm name must fail in the kernel. */
static void test_alg(void) {
  saddr_addr a;
  if (!parse1("('hash', 'sha256')", AF_ALG, 0, &a))
    return;
  int fd = bound(&a, SOCK_SEQPACKET);
  if (fd < 0 && (errno == EAFNOSUPPORT || errno == EPERM)) {
    skip("AF_ALG", errno);
    return;
  }
  CHECK_CTX(fd >= 0, "bind ('hash', 'sha256'): %s", strerror(errno));
  if (fd >= 0)
    close(fd);
  if (parse1("alg@hash:no-such-hash", 0, 0, &a)) {
    fd = bound(&a, SOCK_SEQPACKET);
    CHECK(fd < 0 && errno == ENOENT);
  }
}

/* A family that this kernel may lack: bind text, compare what
 * getsockname reports in the fields saddr set, and read the kernel's
 * address back through both texts. */
static void other(const char *what, const char *text, int family, int protocol,
                  int type, size_t cmp_from, size_t cmp_to) {
  saddr_addr     a;
  saddr_sockaddr got;
  if (!parse1(text, family, protocol, &a))
    return;
  int fd = bound(&a, type);
  if (fd < 0) {
    skip(what, errno);
    return;
  }
  socklen_t len = name_of(fd, &got);
  CHECK_INT(got.sa.sa_family, a.sa.sa.sa_family);
  CHECK_CTX(memcmp(got.bytes + cmp_from, a.sa.bytes + cmp_from,
                   cmp_to - cmp_from) == 0,
            "%s: getsockname differs from saddr's model", what);
  texts_read_back(&got, len, family, protocol, &got, len);
  close(fd);
}

int main(void) {
  test_unix();
  test_netlink();
  test_packet();
  test_alg();
  /* VSOCK binds to a port the kernel picks. */
  other("AF_VSOCK", "vsock:any:4294967295", AF_VSOCK, 0, SOCK_STREAM, 0, 2);
  /* CAN_RAW on every interface: ifindex 0 comes back. CI may create a
   * vcan interface and name it in SADDR_TEST_CANIF (.ci/families.sh). */
  other("AF_CAN", "can@", AF_CAN, 1, SOCK_RAW, 4, 8);
  const char *canif = getenv("SADDR_TEST_CANIF");
  if (canif != NULL && strlen(canif) < 16) {
    char text[32];
    snprintf(text, sizeof text, "can@%s", canif);
    other("AF_CAN on SADDR_TEST_CANIF", text, AF_CAN, 1, SOCK_RAW, 4, 8);
    snprintf(text, sizeof text, "isotp@%s:0x7e0:0x7e8", canif);
    other("CAN_ISOTP on SADDR_TEST_CANIF", text, AF_CAN, 6, SOCK_DGRAM, 4, 16);
  }
  other("AF_QIPCRTR", "qipcrtr@0:0", AF_QIPCRTR, 0, SOCK_DGRAM, 0, 2);
  other("AF_TIPC", "tipc@nameseq:18888:1:10", AF_TIPC, 0, SOCK_RDM, 0, 2);
  other("AF_BLUETOOTH HCI", "hci@0", AF_BLUETOOTH, SADDR__BTPROTO_HCI, SOCK_RAW,
        0, 6);
  return th_done();
}
