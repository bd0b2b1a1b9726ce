/* Helpers for the bind tests: loopback clients, accepting with a timeout,
 * reading socket options back. */
#ifndef SADDR_TEST_BIND_UTIL_H
#define SADDR_TEST_BIND_UTIL_H

#include "harness.h"
#include "saddr.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static inline uint16_t bu_port(const saddr_addr *a) {
  return ntohs(a->sa.sa.sa_family == AF_INET6 ? a->sa.in6.sin6_port
                                              : a->sa.in.sin_port);
}

/* The bound address of s, from saddr_bound_addr, which must succeed. */
static inline saddr_addr bu_bound(const saddr_bound_socket *s) {
  saddr_addr  a;
  saddr_error err;
  memset(&a, 0, sizeof a);
  CHECK_CTX(saddr_bound_addr(s, &a, &err) == 0, "saddr_bound_addr: %s",
            err.message);
  return a;
}

static inline uint16_t bu_bound_port(const saddr_bound_socket *s) {
  saddr_addr a = bu_bound(s);
  return bu_port(&a);
}

static inline int bu_opt(int fd, int level, int name) {
  int       v = -1;
  socklen_t n = sizeof v;
  if (getsockopt(fd, level, name, &v, &n) < 0)
    return -1;
  return v;
}

static inline bool bu_cloexec(int fd) {
  int f = fcntl(fd, F_GETFD);
  return f >= 0 && (f & FD_CLOEXEC);
}

static inline bool bu_open(int fd) { return fcntl(fd, F_GETFD) >= 0; }

/* Connects a client to ip:port over TCP or sends it one UDP datagram;
 * returns 0 or the errno of the failure. The client is closed again. */
static inline int bu_client(int type, const char *ip, uint16_t port) {
  saddr_sockaddr sa;
  socklen_t      len;
  memset(&sa, 0, sizeof sa);
  if (strchr(ip, ':')) {
    sa.in6.sin6_family = AF_INET6;
    sa.in6.sin6_port   = htons(port);
    inet_pton(AF_INET6, ip, &sa.in6.sin6_addr);
    len = sizeof sa.in6;
  } else {
    sa.in.sin_family = AF_INET;
    sa.in.sin_port   = htons(port);
    inet_pton(AF_INET, ip, &sa.in.sin_addr);
    len = sizeof sa.in;
  }
  int fd = socket(sa.sa.sa_family, type | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return errno;
  int rc = connect(fd, &sa.sa, len) < 0 ? errno : 0;
  if (rc == 0 && type == SOCK_DGRAM && send(fd, "x", 1, 0) != 1)
    rc = errno;
  close(fd);
  return rc;
}

/* Connects an AF_UNIX client to the address; returns 0 or errno. */
static inline int bu_unix_client(int type, const saddr_addr *a) {
  int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return errno;
  int rc = connect(fd, &a->sa.sa, a->len) < 0 ? errno : 0;
  close(fd);
  return rc;
}

/* Waits up to two seconds for a connection (or datagram) on fd; returns the
 * peer's family, or -1 when none came. */
static inline int bu_accept(int fd, int type) {
  struct pollfd p = {fd, POLLIN, 0};
  if (poll(&p, 1, 2000) != 1)
    return -1;
  saddr_sockaddr peer;
  socklen_t      n = sizeof peer;
  memset(&peer, 0, sizeof peer);
  if (type == SOCK_DGRAM) {
    char b[8];
    if (recvfrom(fd, b, sizeof b, 0, &peer.sa, &n) < 0)
      return -1;
    return peer.sa.sa_family;
  }
  int c = accept(fd, &peer.sa, &n);
  if (c < 0)
    return -1;
  close(c);
  if (peer.sa.sa_family == AF_INET6 &&
      IN6_IS_ADDR_V4MAPPED(&peer.in6.sin6_addr))
    return AF_INET; /* an IPv4 client on a dual-stack socket */
  return peer.sa.sa_family;
}

/* Nothing is waiting on fd right now. */
static inline bool bu_idle(int fd) {
  struct pollfd p = {fd, POLLIN, 0};
  return poll(&p, 1, 0) == 0;
}

static inline int bu_bind(const char *text, int family, int type,
                          unsigned flags, saddr_bound **out, saddr_error *err) {
  saddr_hints     h = {0};
  saddr_bind_opts o = {0};
  h.family          = family;
  h.type            = type;
  o.flags           = flags;
  *out              = NULL;
  memset(err, 0, sizeof *err);
  return saddr_bind(text, strlen(text), &h, &o, out, err);
}

#endif
