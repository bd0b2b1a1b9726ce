/* Bind and hosts-file cases that mutation testing showed no other test
 * pins down: argument guards, a socket that gets descriptor 0, the bound
 * address of a zoned loopback, the hosts-file size limit. */
#include "bind_util.h"
#include "internal.h"
#include "local/local.h"

#include <net/if.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

static void check_guards(void) {
  saddr_addr         a;
  saddr_bound_socket s;
  saddr_bound       *b = NULL;
  saddr_error        e;
  CHECK_INT(saddr_parse_addr("127.0.0.1:0", 11, NULL, &a, NULL), 0);
  CHECK_INT(saddr_bind_addr(&a, NULL, NULL, &e), SADDR_EINVAL);
  CHECK_INT(saddr_bind_addr(NULL, NULL, &s, &e), SADDR_EINVAL);
  saddr_addr bad = a;
  bad.len        = 1;
  CHECK_INT(saddr_bind_addr(&bad, NULL, &s, &e), SADDR_EINVAL);
  bad.len = (socklen_t)sizeof bad.sa + 1;
  CHECK_INT(saddr_bind_addr(&bad, NULL, &s, &e), SADDR_EINVAL);
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
  saddr_addr out;
  CHECK_INT(saddr_bound_addr(NULL, &out, &e), SADDR_EINVAL);
  s.fd = -1;
  CHECK_INT(saddr_bound_addr(&s, &out, &e), SADDR_EINVAL);
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
  check_hosts_limit();
  return th_done();
}
