/* Binding IP wildcards and loopback addresses on real sockets: what each
 * spec binds, the options set on each socket (read back with getsockopt),
 * the bound address (getsockname), and which loopback clients get through. */
#include "bind_util.h"

#include <netinet/in.h>

typedef struct row {
  const char *spec;
  int         family; /* hints */
  int         type;   /* hints; 0 = SOCK_STREAM */
  unsigned    flags;  /* SADDR_BIND_* */
  size_t      count;  /* sockets */
  int         fam[2]; /* each socket's family */
  int         v6only[2];
  /* Which loopback clients reach which socket (index), -1 = refused. */
  int to_v4, to_v6;
} row;

static const row rows[] = {
    {"0.0.0.0:0", 0, 0, 0, 1, {AF_INET}, {-1}, 0, -1},
    {"[::]:0", 0, 0, 0, 1, {AF_INET6}, {1}, -1, 0},
    {"[::]:0", 0, 0, SADDR_BIND_DUALSTACK, 1, {AF_INET6}, {0}, 0, 0},
    {"*:0", 0, 0, 0, 2, {AF_INET6, AF_INET}, {1, -1}, 1, 0},
    {":0", 0, 0, 0, 2, {AF_INET6, AF_INET}, {1, -1}, 1, 0},
    {"0", 0, 0, 0, 2, {AF_INET6, AF_INET}, {1, -1}, 1, 0},
    {"('', 0)", 0, 0, 0, 2, {AF_INET6, AF_INET}, {1, -1}, 1, 0},
    {"*:0", 0, 0, SADDR_BIND_DUALSTACK, 1, {AF_INET6}, {0}, 0, 0},
    {"('', 0)", AF_INET6, 0, 0, 1, {AF_INET6}, {1}, -1, 0},
    {"('', 0)", AF_INET6, 0, SADDR_BIND_DUALSTACK, 1, {AF_INET6}, {0}, 0, 0},
    {"('', 0)", AF_INET, 0, 0, 1, {AF_INET}, {-1}, 0, -1},
    {"127.0.0.1:0", 0, 0, 0, 1, {AF_INET}, {-1}, 0, -1},
    {"[::1]:0", 0, 0, 0, 1, {AF_INET6}, {1}, -1, 0},
    {"localhost:0", 0, 0, 0, 2, {AF_INET6, AF_INET}, {1, -1}, 1, 0},
    {"[::ffff:127.0.0.1]:0", 0, 0, 0, 1, {AF_INET6}, {0}, 0, -1},
    {"*:0", 0, SOCK_DGRAM, 0, 2, {AF_INET6, AF_INET}, {1, -1}, 1, 0},
    {"*:0", 0, SOCK_DGRAM, SADDR_BIND_DUALSTACK, 1, {AF_INET6}, {0}, 0, 0},
};

/* Which socket a loopback client reached: its index, or -1. */
static int reached(const saddr_bound *b, int type, const char *ip,
                   uint16_t port) {
  struct pollfd p[2];
  for (size_t i = 0; i < b->count && i < 2; i++)
    p[i] = (struct pollfd){b->sock[i].fd, POLLIN, 0};
  if (bu_client(type, ip, port) != 0 || poll(p, (nfds_t)b->count, 2000) != 1)
    return -1;
  for (size_t i = 0; i < b->count; i++)
    if (p[i].revents & POLLIN)
      return bu_accept(b->sock[i].fd, type) > 0 ? (int)i : -1;
  return -1;
}

static void check_socket(size_t r, const row *w, const saddr_bound_socket *s,
                         size_t i, uint16_t port) {
  int type = w->type ? w->type : SOCK_STREAM;
  CHECK_CTX(s->requested.family == w->fam[i], "row %zu sock %zu family", r, i);
  saddr_addr bound = bu_bound(s);
  CHECK_CTX(bound.family == w->fam[i] && bound.sa.sa.sa_family == w->fam[i],
            "row %zu sock %zu bound family", r, i);
  CHECK_CTX(bu_port(&bound) == port && port != 0,
            "row %zu sock %zu port %u, first %u", r, i, bu_port(&bound), port);
  CHECK_CTX(s->v6only == w->v6only[i], "row %zu sock %zu v6only %d", r, i,
            s->v6only);
  if (w->fam[i] == AF_INET6)
    CHECK_CTX(bu_opt(s->fd, IPPROTO_IPV6, IPV6_V6ONLY) == w->v6only[i],
              "row %zu sock %zu IPV6_V6ONLY read back", r, i);
  CHECK_CTX(bu_opt(s->fd, SOL_SOCKET, SO_TYPE) == type, "row %zu type", r);
  CHECK_CTX(bu_opt(s->fd, SOL_SOCKET, SO_ACCEPTCONN) == (type == SOCK_STREAM),
            "row %zu sock %zu listening", r, i);
  CHECK_CTX(bu_opt(s->fd, SOL_SOCKET, SO_REUSEADDR) == (type == SOCK_STREAM),
            "row %zu sock %zu SO_REUSEADDR", r, i);
  CHECK_CTX(bu_opt(s->fd, SOL_SOCKET, SO_REUSEPORT) == 0, "row %zu reuseport",
            r);
  CHECK_CTX(bu_cloexec(s->fd), "row %zu sock %zu CLOEXEC", r, i);
  CHECK_CTX(!(fcntl(s->fd, F_GETFL) & O_NONBLOCK), "row %zu blocking", r);
  CHECK_CTX(bound.len == s->requested.len, "row %zu sock %zu len", r, i);
}

static void run_rows(void) {
  for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
    const row   *w = &rows[r];
    saddr_bound *b;
    saddr_error  err;
    int          rc = bu_bind(w->spec, w->family, w->type, w->flags, &b, &err);
    CHECK_CTX(rc == 0, "row %zu (%s): %s %s", r, w->spec, saddr_err_name(rc),
              err.message);
    if (rc != 0)
      continue;
    CHECK_CTX(b->count == w->count, "row %zu (%s): %zu sockets", r, w->spec,
              b->count);
    uint16_t port = bu_bound_port(&b->sock[0]);
    for (size_t i = 0; i < b->count && i < w->count; i++)
      check_socket(r, w, &b->sock[i], i, port);
    int type = w->type ? w->type : SOCK_STREAM;
    int v4   = reached(b, type, "127.0.0.1", port);
    int v6   = reached(b, type, "::1", port);
    CHECK_CTX(v4 == w->to_v4, "row %zu (%s): IPv4 client reached %d", r,
              w->spec, v4);
    CHECK_CTX(v6 == w->to_v6, "row %zu (%s): IPv6 client reached %d", r,
              w->spec, v6);
    int fds[2] = {b->sock[0].fd, b->count > 1 ? b->sock[1].fd : -1};
    saddr_bound_free(b);
    CHECK_CTX(!bu_open(fds[0]) && (fds[1] < 0 || !bu_open(fds[1])),
              "row %zu: saddr_bound_free closes the sockets", r);
  }
}

/* A fixed port: the same port on every socket, taken from the spec; a held
 * port is SADDR_EADDRINUSE, and SO_REUSEPORT lets two sockets share it. */
static void check_fixed_port(void) {
  saddr_bound *first, *second;
  saddr_error  err;
  CHECK_INT(bu_bind("127.0.0.1:0", 0, 0, 0, &first, &err), 0);
  char spec[64];
  snprintf(spec, sizeof spec, "127.0.0.1:%u", bu_bound_port(&first->sock[0]));
  CHECK_INT(bu_bind(spec, 0, 0, 0, &second, &err), SADDR_EADDRINUSE);
  CHECK_INT(err.sys_errno, EADDRINUSE);
  CHECK_INT(err.offset, 0);
  CHECK_INT(err.length, strlen(spec));
  CHECK(strstr(err.message, spec) != NULL);
  CHECK(second == NULL);
  saddr_bound_free(first);

  CHECK_INT(bu_bind("127.0.0.1:0", 0, 0, SADDR_BIND_REUSEPORT, &first, &err),
            0);
  CHECK_INT(bu_opt(first->sock[0].fd, SOL_SOCKET, SO_REUSEPORT), 1);
  snprintf(spec, sizeof spec, "127.0.0.1:%u", bu_bound_port(&first->sock[0]));
  CHECK_INT(bu_bind(spec, 0, 0, SADDR_BIND_REUSEPORT, &second, &err), 0);
  if (second) {
    CHECK_INT(bu_bound_port(&second->sock[0]), bu_bound_port(&first->sock[0]));
    saddr_bound_free(second);
  }
  saddr_bound_free(first);
}

/* Bound addresses with a fixed port are what getsockname says, byte for
 * byte, even where the helper knows them without asking. */
static void check_bound_bytes(void) {
  static const char *const forms[] = {"127.0.0.1:%u", "[::1]:%u", "*:%u",
                                      "[::]:%u", "[::ffff:127.0.0.1]:%u"};
  saddr_bound             *probe;
  saddr_error              err;
  CHECK_INT(bu_bind("*:0", 0, 0, 0, &probe, &err), 0);
  unsigned port = bu_bound_port(&probe->sock[0]);
  saddr_bound_free(probe);
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
    char         spec[64];
    saddr_bound *b;
    snprintf(spec, sizeof spec, forms[i], port);
    int rc = bu_bind(spec, 0, 0, 0, &b, &err);
    CHECK_CTX(rc == 0, "%s: %s", spec, err.message);
    for (size_t k = 0; rc == 0 && k < b->count; k++) {
      saddr_sockaddr sa;
      socklen_t      len = sizeof sa;
      memset(&sa, 0, sizeof sa);
      getsockname(b->sock[k].fd, &sa.sa, &len);
      saddr_addr bound = bu_bound(&b->sock[k]);
      CHECK_CTX(len == bound.len && memcmp(&sa, &bound.sa, sizeof sa) == 0,
                "%s socket %zu: bound bytes differ from getsockname", spec, k);
    }
    if (rc == 0)
      saddr_bound_free(b);
  }
}

/* Options that change the socket, not the address. */
static void check_options(void) {
  saddr_bound    *b;
  saddr_error     err;
  saddr_hints     h = {0};
  saddr_bind_opts o = {SADDR_BIND_NONBLOCK | SADDR_BIND_NO_LISTEN, 0, NULL,
                       NULL};
  CHECK_INT(saddr_bind("127.0.0.1:0", 11, &h, &o, &b, &err), 0);
  CHECK(fcntl(b->sock[0].fd, F_GETFL) & O_NONBLOCK);
  CHECK_INT(bu_opt(b->sock[0].fd, SOL_SOCKET, SO_ACCEPTCONN), 0);
  CHECK_INT(bu_client(SOCK_STREAM, "127.0.0.1", bu_bound_port(&b->sock[0])),
            ECONNREFUSED);
  saddr_bound_free(b);
  /* The parse hint alone asks for dual-stack wildcards. */
  h.flags = SADDR_DUALSTACK;
  CHECK_INT(saddr_bind("[::]:0", 6, &h, NULL, &b, &err), 0);
  CHECK_INT(b->sock[0].v6only, 0);
  CHECK_INT(bu_client(SOCK_STREAM, "127.0.0.1", bu_bound_port(&b->sock[0])), 0);
  CHECK_INT(bu_accept(b->sock[0].fd, SOCK_STREAM), AF_INET);
  /* A socket the caller takes stays open after the set is freed. */
  int fd        = b->sock[0].fd;
  b->sock[0].fd = -1;
  saddr_bound_free(b);
  CHECK(bu_open(fd));
  close(fd);
}

/* The fast path binds one saddr_addr into caller storage. */
static void check_bind_addr(void) {
  saddr_addr         a;
  saddr_bound_socket s;
  saddr_error        err;
  CHECK_INT(saddr_parse_addr("[::1]:0", 7, NULL, &a, &err), 0);
  CHECK_INT(saddr_bind_addr(&a, NULL, &s, &err), 0);
  CHECK_INT(s.v6only, 1);
  CHECK(bu_bound_port(&s) != 0);
  CHECK_INT(bu_port(&s.requested), 0);
  CHECK_INT(bu_client(SOCK_STREAM, "::1", bu_bound_port(&s)), 0);
  CHECK_INT(bu_accept(s.fd, SOCK_STREAM), AF_INET6);
  /* The bound address is asked for while the socket is open. */
  saddr_addr got;
  int        fd = s.fd;
  s.fd          = -1;
  CHECK_INT(saddr_bound_addr(&s, &got, &err), SADDR_EINVAL);
  CHECK_INT(saddr_bound_addr(NULL, &got, &err), SADDR_EINVAL);
  s.fd = fd;
  CHECK_INT(saddr_bound_addr(&s, NULL, &err), SADDR_EINVAL);
  close(s.fd);
  /* An address the host does not have. */
  CHECK_INT(saddr_parse_addr("192.0.2.1:0", 11, NULL, &a, &err), 0);
  CHECK_INT(saddr_bind_addr(&a, NULL, &s, &err), SADDR_ESYS);
  CHECK_INT(err.sys_errno, EADDRNOTAVAIL);
  CHECK_STR(err.message, "bind 192.0.2.1:0: Cannot assign requested address");
  a.len = 1;
  CHECK_INT(saddr_bind_addr(&a, NULL, &s, &err), SADDR_EINVAL);
  saddr_bound *b = NULL;
  CHECK_INT(saddr_bind_addrs(&a, 0, NULL, &b, &err), SADDR_EINVAL);
}

int main(void) {
  run_rows();
  check_fixed_port();
  check_bound_bytes();
  check_options();
  check_bind_addr();
  return th_done();
}
