/* Bind and hosts-file cases that mutation testing showed no other test
 * pins down: argument guards, a socket that gets descriptor 0, the bound
 * address of a zoned loopback, the hosts-file size limit. */
#include "bind_util.h"
#include "internal.h"
#include "local/local.h"

#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

static void check_guards(void) {
  saddr_addr         a;
  saddr_bound_socket s;
  saddr_bound       *b = NULL;
  saddr_error        e;
  CHECK_INT(saddr_parse_addr("127.0.0.1:0", 11, NULL, &a, NULL), 0);
  CHECK_INT(saddr_bind_addr(&a, NULL, NULL, &e), SADDR_EINVAL);
  CHECK_STR(e.message, "no output");
  CHECK_INT(saddr_bind_addr(NULL, NULL, &s, &e), SADDR_EINVAL);
  saddr_addr bad = a;
  bad.len        = 1;
  CHECK_INT(saddr_bind_addr(&bad, NULL, &s, &e), SADDR_EINVAL);
  bad.len = (socklen_t)sizeof bad.sa + 1;
  CHECK_INT(saddr_bind_addr(&bad, NULL, &s, &e), SADDR_EINVAL);
  CHECK_STR(e.message, "no address, or an address length out of range");
  bad.len = (socklen_t)sizeof bad.sa;
  int rc  = saddr_bind_addr(&bad, NULL, &s, &e);
  CHECK_CTX(rc != SADDR_EINVAL,
            "a full-size sockaddr is not an argument "
            "error: %s",
            saddr_err_name(rc));
  if (rc == 0)
    close(s.fd);
  CHECK_INT(saddr_bind_addrs(&a, 0, NULL, &b, &e), SADDR_EINVAL);
  CHECK_INT(saddr_bind_addrs(NULL, 1, NULL, &b, &e), SADDR_EINVAL);
  CHECK_INT(saddr_bind_addrs(&a, 1, NULL, NULL, &e), SADDR_EINVAL);
  /* Sizes whose allocation would overflow are refused before malloc. */
  CHECK_INT(saddr_bind_addrs(&a, SIZE_MAX, NULL, &b, &e), SADDR_EINVAL);
  CHECK_INT(saddr_bind_addrs(&a, SIZE_MAX / 2, NULL, &b, &e), SADDR_EINVAL);
  CHECK(b == NULL);
  /* The argument error has no span in any text, and says what is wrong. */
  CHECK_INT(e.offset, 0);
  CHECK_INT(e.length, 0);
  CHECK_STR(e.message, "no addresses or no output");
  saddr_addr out;
  CHECK_INT(saddr_bound_addr(NULL, &out, &e), SADDR_EINVAL);
  s.fd = -1;
  CHECK_INT(saddr_bound_addr(&s, &out, &e), SADDR_EINVAL);
  CHECK_STR(e.message, "no socket (taken or closed), or no output");
}

/* With stdin closed, the first socket is descriptor 0: a socket like any
 * other. */
static void check_fd0(void) {
  int saved = dup(0); /* -1 when stdin is closed already */
  close(0);
  saddr_bound *b = NULL;
  saddr_error  e;
  int          rc = saddr_bind("127.0.0.1:0", 11, NULL, NULL, &b, &e);
  CHECK_CTX(rc == 0, "bind with stdin closed: %s", rc ? e.message : "");
  if (rc == 0) {
    CHECK_INT(b->count, 1);
    CHECK_INT(b->sock[0].fd, 0);
    saddr_addr a = bu_bound(&b->sock[0]);
    CHECK(bu_port(&a) != 0);
    CHECK_INT(a.sa.in.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
    saddr_bound_free(b);
  }
  /* And through saddr_bind_addr. */
  saddr_addr         a;
  saddr_bound_socket s;
  CHECK_INT(saddr_parse_addr("127.0.0.1:0", 11, NULL, &a, NULL), 0);
  rc = saddr_bind_addr(&a, NULL, &s, &e);
  CHECK_CTX(rc == 0 && s.fd == 0, "bind_addr with stdin closed: %s fd %d",
            saddr_err_name(rc), s.fd);
  if (rc == 0) {
    saddr_addr got = bu_bound(&s);
    CHECK(bu_port(&got) != 0);
    close(s.fd);
  }
  if (saved >= 0) {
    dup2(saved, 0);
    close(saved);
  }
}

/* The bound address of a zoned loopback keeps what the kernel reports. */
static void check_zoned_loopback(void) {
  saddr_bound *b = NULL;
  saddr_error  e;
  int          rc = saddr_bind("[::1%lo]:0", 10, NULL, NULL, &b, &e);
  if (rc != 0 &&
      (e.sys_errno == EADDRNOTAVAIL || e.sys_errno == EAFNOSUPPORT)) {
    printf("SKIP zoned loopback: no IPv6 loopback (%s)\n", e.message);
    return;
  }
  CHECK_CTX(rc == 0, "bind [::1%%lo]:0: %s", rc ? e.message : "");
  if (rc != 0)
    return;
  CHECK_INT(b->count, 1);
  CHECK_INT(b->sock[0].requested.sa.in6.sin6_scope_id, if_nametoindex("lo"));
  saddr_addr          a = bu_bound(&b->sock[0]);
  struct sockaddr_in6 k;
  socklen_t           kl = sizeof k;
  CHECK_INT(getsockname(b->sock[0].fd, (struct sockaddr *)&k, &kl), 0);
  CHECK_INT(a.len, kl);
  CHECK(memcmp(&a.sa.in6, &k, kl) == 0);
  CHECK(bu_port(&a) != 0);
  saddr_bound_free(b);
}

/* With flow information (a flow label, a traffic class) the request is not
 * what the kernel binds (it keeps none on a local address): the bound
 * address is getsockname's, even with a fixed port. */
static void check_flowinfo_bound(void) {
  static const uint32_t flows[] = {1, 0xfffff, 0x01000000, 0x0ff00000};
  for (size_t i = 0; i < sizeof flows / sizeof flows[0]; i++) {
    saddr_bound *probe = NULL;
    saddr_error  e;
    if (saddr_bind("[::1]:0", 7, NULL, NULL, &probe, &e) != 0) {
      printf("SKIP flow information: no IPv6 loopback (%s)\n", e.message);
      return;
    }
    uint16_t port = bu_bound_port(&probe->sock[0]);
    saddr_bound_free(probe);
    saddr_addr a;
    CHECK_INT(saddr_parse_addr("[::1]:0", 7, NULL, &a, &e), 0);
    a.sa.in6.sin6_port     = htons(port);
    a.sa.in6.sin6_flowinfo = htonl(flows[i]);
    saddr_bound_socket s;
    int                rc = saddr_bind_addr(&a, NULL, &s, &e);
    if (rc == SADDR_EADDRINUSE) {
      printf("SKIP flow information: port %u was taken meanwhile\n", port);
      continue;
    }
    CHECK_CTX(rc == 0, "bind [::1]:%u with flowinfo %#x: %s", port, flows[i],
              rc ? e.message : "");
    if (rc != 0)
      continue;
    saddr_addr          got = bu_bound(&s);
    struct sockaddr_in6 k;
    socklen_t           kl = sizeof k;
    CHECK_INT(getsockname(s.fd, (struct sockaddr *)&k, &kl), 0);
    CHECK_INT(got.len, kl);
    CHECK_CTX(memcmp(&got.sa.in6, &k, kl) == 0,
              "flowinfo %#x: the bound address is not getsockname's", flows[i]);
    CHECK_INT(got.sa.in6.sin6_flowinfo, 0);
    CHECK_INT(bu_port(&got), port);
    close(s.fd);
  }
}

/* A dual-stack IPv6 wildcard (SADDR_BIND_DUALSTACK) is dual-stack even where
 * the system default is IPv6-only (net.ipv6.bindv6only = 1): the option is set
 * to 0, not left to the default. Run in a network namespace of its own, where
 * the default can be changed; skipped where namespaces are not allowed. */
static void check_v6only_default(void) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    if (unshare(CLONE_NEWNET) != 0 &&
        unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0)
      _exit(77);
    int f = open("/proc/sys/net/ipv6/bindv6only", O_WRONLY | O_CLOEXEC);
    if (f < 0 || write(f, "1", 1) != 1)
      _exit(77);
    close(f);
    int probe = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (probe < 0 || bu_opt(probe, IPPROTO_IPV6, IPV6_V6ONLY) != 1)
      _exit(77);
    close(probe);
    th_failures    = 0;
    saddr_bound *b = NULL;
    saddr_error  e;
    int          rc = bu_bind("[::]:0", 0, 0, SADDR_BIND_DUALSTACK, &b, &e);
    CHECK_CTX(rc == 0, "bind [::]:0 dual-stack: %s", rc ? e.message : "");
    if (rc == 0) {
      CHECK_INT(b->count, 1);
      CHECK_INT(b->sock[0].v6only, 0);
      CHECK_INT(bu_opt(b->sock[0].fd, IPPROTO_IPV6, IPV6_V6ONLY), 0);
      saddr_bound_free(b);
    }
    _exit(th_failures == 0 ? 0 : 1);
  }
  int status = -1;
  CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
    printf("SKIP IPV6_V6ONLY default: no network namespace of our own\n");
    return;
  }
  CHECK_CTX(WIFEXITED(status) && WEXITSTATUS(status) == 0,
            "dual-stack wildcard under bindv6only=1 (status %d)", status);
}

/* A 108-byte AF_UNIX path (sun_path full, no NUL: the kernel's own form)
 * where a regular file already is: refused as an existing file, the path
 * read in full and no further. */
static void check_unix108_exists(void) {
  char dir[] = "/tmp/saddr-gaps-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  saddr_addr a;
  memset(&a, 0, sizeof a);
  a.family           = AF_UNIX;
  a.type             = SOCK_STREAM;
  a.sa.un.sun_family = AF_UNIX;
  size_t n           = sizeof a.sa.un.sun_path;
  int    head        = snprintf(a.sa.un.sun_path, n, "%s/", dir);
  memset(a.sa.un.sun_path + head, 'f', n - (size_t)head);
  a.len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
  char path[sizeof a.sa.un.sun_path + 1];
  memcpy(path, a.sa.un.sun_path, n);
  path[n] = '\0';
  int f   = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  CHECK_CTX(f >= 0, "create %s", path);
  if (f >= 0)
    close(f);
  static const unsigned flags[] = {0, SADDR_BIND_REPLACE_STALE};
  for (size_t i = 0; i < 2; i++) {
    saddr_bind_opts    o = {flags[i], 0, NULL, NULL};
    saddr_bound_socket s;
    saddr_error        e;
    int                rc = saddr_bind_addr(&a, &o, &s, &e);
    CHECK_CTX(rc == SADDR_EEXIST, "108-byte path, flags %u: %s (%s)", flags[i],
              saddr_err_name(rc), rc ? e.message : "");
    if (rc == 0)
      close(s.fd);
    /* The message names the whole path (it is cut at the end of the
     * message buffer, after the path). */
    CHECK_CTX(rc != 0 && strstr(e.message, path) != NULL &&
                  strstr(e.message, ": File exists (left alone") != NULL,
              "108-byte path, flags %u: message %s", flags[i], e.message);
    CHECK_INT(e.sys_errno, EEXIST);
  }
  struct stat st;
  CHECK(lstat(path, &st) == 0 && S_ISREG(st.st_mode));
  unlink(path);
  rmdir(dir);
}

/* Bluetooth socket types: RFCOMM takes SOCK_RAW too, so a raw RFCOMM
 * socket goes to the kernel (which answers as it can: no Bluetooth here, or
 * no such adapter), while a raw SCO socket is refused before socket(2). */
static void check_bluetooth_types(void) {
  saddr_addr         a;
  saddr_bound_socket s;
  saddr_error        e;
  const char        *rc_raw = "raw+rfcomm@01:23:45:67:89:AB:1";
  CHECK_INT(saddr_parse_addr(rc_raw, strlen(rc_raw), NULL, &a, &e), 0);
  int rc = saddr_bind_addr(&a, NULL, &s, &e);
  if (rc == 0)
    close(s.fd);
  CHECK_CTX(rc == 0 || e.sys_errno != ESOCKTNOSUPPORT,
            "%s: refused as a socket type (%s)", rc_raw, e.message);
  const char *sco_raw = "raw+sco@01:23:45:67:89:AB";
  CHECK_INT(saddr_parse_addr(sco_raw, strlen(sco_raw), NULL, &a, &e), 0);
  CHECK_INT(saddr_bind_addr(&a, NULL, &s, &e), SADDR_ENOTSUP);
  CHECK_INT(e.sys_errno, ESOCKTNOSUPPORT);
  CHECK_STR(e.message, "socket for raw+sco@01:23:45:67:89:AB: Socket type not "
                       "supported");
}

static void check_hosts_limit(void) {
  const size_t max = SADDR__DB_FILE_MAX;
  char        *big = malloc(max + 1);
  CHECK(big != NULL);
  if (big == NULL)
    return;
  memset(big, '#', max + 1);
  saddr_hosts *h = NULL;
  saddr_error  e;
  CHECK_INT(saddr_hosts_parse(big, max + 1, &h, &e), SADDR_ETOOLONG);
  CHECK(h == NULL);
  char want[64];
  snprintf(want, sizeof want, "hosts file is larger than %zu bytes", max);
  CHECK_STR(e.message, want);
  CHECK_INT(saddr_hosts_parse(big, max, &h, &e), 0);
  saddr_hosts_close(h);
  free(big);
}

/* A 253-byte name (the longest) that ends at an unreadable page: the
 * lookup reads exactly its bytes. */
static void check_hosts_page_end(void) {
  long           pg   = sysconf(_SC_PAGESIZE);
  unsigned char *area = mmap(NULL, (size_t)pg * 2, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(area != MAP_FAILED);
  if (area == MAP_FAILED)
    return;
  CHECK_INT(mprotect(area + pg, (size_t)pg, PROT_NONE), 0);
  saddr_hosts *h = NULL;
  saddr_error  e;
  const char  *text = "192.0.2.1 a.example\n";
  CHECK_INT(saddr_hosts_parse(text, strlen(text), &h, &e), 0);
  for (size_t n = 1; n <= 254; n += 253 - 1) {
    char *name = (char *)area + pg - n;
    memset(name, 'b', n);
    saddr_addr out[4];
    size_t     count = 9;
    int rc = saddr_hosts_lookup(h, name, n, AF_UNSPEC, out, 4, &count, &e);
    CHECK_CTX(rc == SADDR_ENOTFOUND && count == 0, "%zu-byte name: %s", n,
              saddr_err_name(rc));
  }
  char *name = (char *)area + pg - 9;
  memcpy(name, "a.example", 9);
  saddr_addr out[4];
  size_t     count = 0;
  CHECK_INT(saddr_hosts_lookup(h, name, 9, AF_INET, out, 4, &count, &e), 0);
  CHECK_INT(count, 1);
  saddr_hosts_close(h);
  munmap(area, (size_t)pg * 2);
}

int main(void) {
  check_hosts_page_end();
  check_guards();
  check_fd0();
  check_zoned_loopback();
  check_flowinfo_bound();
  check_v6only_default();
  check_unix108_exists();
  check_bluetooth_types();
  check_hosts_limit();
  return th_done();
}
