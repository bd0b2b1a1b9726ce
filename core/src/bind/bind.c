/* One address, one socket: create, set options, bind, listen; and the
 * bound address on request. */
#include "bind/bind.h"
#include "bind/inherit.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <unistd.h>

static bool is_v4mapped(const saddr_addr *a) {
  return IN6_IS_ADDR_V4MAPPED(&a->sa.in6.sin6_addr);
}

static int v6only_for(const saddr_addr *a, unsigned flags) {
  if (a->sa.sa.sa_family != AF_INET6 || a->family != AF_INET6)
    return -1;
  if ((flags & SADDR_BIND_DUALSTACK) || is_v4mapped(a))
    return 0;
  if ((a->flags & SADDR_ADDR_WILDCARD) && !(a->flags & SADDR_ADDR_V6ONLY))
    return 0;
  return 1;
}

static bool listens(const saddr_addr *a, int type, unsigned flags) {
  if (flags & SADDR_BIND_NO_LISTEN || a->family == AF_ALG ||
      a->family == AF_RDS)
    return false;
  return type == SOCK_STREAM || type == SOCK_SEQPACKET;
}

static int set_int(int fd, int level, int name, int value) {
  return setsockopt(fd, level, name, &value, sizeof value);
}

static int option_fail(saddr_error *err, int e, const saddr_addr *a,
                       const char *opt) {
  int code = (e == ENOPROTOOPT || e == EOPNOTSUPP) ? SADDR_ENOTSUP : SADDR_ESYS;
  return saddr__bind_fail(err, code, e, a, opt);
}

static int set_options(int fd, const saddr_addr *a, bool listener,
                       unsigned flags, int v6only, saddr_error *err) {
  bool ip = a->family == AF_INET || a->family == AF_INET6;
  if (ip && listener && set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1) < 0)
    return option_fail(err, errno, a, "SO_REUSEADDR on");
  if ((flags & SADDR_BIND_REUSEPORT) &&
      set_int(fd, SOL_SOCKET, SO_REUSEPORT, 1) < 0)
    return option_fail(err, errno, a, "SO_REUSEPORT on");
  if (v6only >= 0 && set_int(fd, IPPROTO_IPV6, IPV6_V6ONLY, v6only) < 0)
    return option_fail(err, errno, a, "IPV6_V6ONLY on");
  return 0;
}

static int open_socket(const saddr_addr *a, int type, unsigned flags,
                       saddr_error *err) {
  /* A stream socket is made as asked or refused; other types may be changed
   * by the kernel (AF_UNIX SOCK_RAW becomes SOCK_DGRAM). */
  if (type != SOCK_STREAM && !saddr__type_ok(a->family, a->protocol, type))
    return saddr__bind_fail(err, SADDR_ENOTSUP, ESOCKTNOSUPPORT, a,
                            "socket for");
  int extra =
      SOCK_CLOEXEC | ((flags & SADDR_BIND_NONBLOCK) ? SOCK_NONBLOCK : 0);
  int fd = socket(a->family, type | extra, a->protocol);
  if (fd >= 0)
    return fd;
  int e    = errno;
  int code = (e == EAFNOSUPPORT || e == EPROTONOSUPPORT ||
              e == ESOCKTNOSUPPORT || e == EPROTOTYPE)
                 ? SADDR_ENOTSUP
                 : SADDR_ESYS;
  return saddr__bind_fail(err, code, e, a, "socket for");
}

static bool is_unix_path(const saddr_addr *a) {
  return a->sa.sa.sa_family == AF_UNIX &&
         a->len > offsetof(struct sockaddr_un, sun_path) &&
         a->sa.un.sun_path[0] != '\0';
}

static int do_bind(int fd, const saddr_addr *a, unsigned flags,
                   saddr_error *err) {
  if (is_unix_path(a))
    return saddr__bind_unix_path(fd, a, flags, err);
  if (bind(fd, &a->sa.sa, a->len) == 0)
    return 0;
  return saddr__bind_failed(err, errno, a);
}

/* With a fixed port and no flow label or scope, the kernel binds exactly
 * the address it is given and getsockname(2) would return it unchanged, so
 * the system call is saved. */
static bool known_in_advance(const saddr_addr *a) {
  if (a->sa.sa.sa_family == AF_INET && a->family == AF_INET)
    return a->sa.in.sin_port != 0;
  if (a->sa.sa.sa_family == AF_INET6 && a->family == AF_INET6)
    return a->sa.in6.sin6_port != 0 && a->sa.in6.sin6_flowinfo == 0 &&
           a->sa.in6.sin6_scope_id == 0;
  return false;
}

int saddr_bound_addr(const saddr_bound_socket *sock, saddr_addr *out,
                     saddr_error *err) {
  if (!sock || !out || sock->fd < 0)
    return saddr__fail(err, SADDR_EINVAL, 0, 0,
                       "no socket (taken or closed), or no output");
  *out = sock->requested;
  if (known_in_advance(&sock->requested))
    return 0;
  memset(&out->sa, 0, sizeof out->sa);
  socklen_t len = sizeof out->sa;
  if (getsockname(sock->fd, &out->sa.sa, &len) < 0) {
    int e = errno;
    *out  = sock->requested;
    return saddr__bind_fail(err, SADDR_ESYS, e, &sock->requested,
                            "getsockname for");
  }
  out->len = len < sizeof out->sa ? len : (socklen_t)sizeof out->sa;
  return 0;
}

static int check_addr(const saddr_addr *a, saddr_error *err) {
  if (!a || a->len < sizeof(sa_family_t) || a->len > sizeof a->sa)
    return saddr__fail(err, SADDR_EINVAL, 0, 0,
                       "no address, or an address length out of range");
  return 0;
}

int saddr_bind_addr(const saddr_addr *addr, const saddr_bind_opts *opts,
                    saddr_bound_socket *out, saddr_error *err) {
  int rc = check_addr(addr, err);
  if (rc < 0 || !out)
    return rc < 0 ? rc : saddr__fail(err, SADDR_EINVAL, 0, 0, "no output");
  unsigned flags = opts ? opts->flags : 0;
  if (addr->family == SADDR_AF_INHERIT)
    return saddr__inherit_adopt(addr, flags, out, err);
  if (flags & SADDR_BIND_INHERIT) {
    bool adopted;
    rc = saddr__inherit_match(addr, flags, out, &adopted, err);
    if (rc < 0 || adopted)
      return rc;
  }
  int  type     = addr->type ? addr->type
                             : saddr__default_type(addr->family, addr->protocol);
  bool listener = listens(addr, type, flags);
  int  v6only   = v6only_for(addr, flags);
  int  fd       = open_socket(addr, type, flags, err);
  if (fd < 0)
    return fd;
  rc = set_options(fd, addr, listener, flags, v6only, err);
  if (rc == 0)
    rc = do_bind(fd, addr, flags, err);
  int backlog = opts && opts->backlog > 0 ? opts->backlog : SOMAXCONN;
  if (rc == 0 && listener && listen(fd, backlog) < 0)
    rc = saddr__bind_fail(err, SADDR_ESYS, errno, addr, "listen on");
  if (rc < 0) {
    close(fd);
    return rc;
  }
  out->fd        = fd;
  out->v6only    = v6only;
  out->requested = *addr;
  return 0;
}
