/* Adopting inherited sockets: a descriptor is taken over only after it
 * proved to be the socket the caller expects; on any mismatch it is left
 * exactly as it was. */
#include "bind/inherit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* What the kernel says about a descriptor. */
typedef struct sockinfo {
  int        domain, type, protocol, accepting, v6only;
  saddr_addr addr; /* getsockname(2) */
} sockinfo;

/* What the caller expects of it. */
typedef struct expect {
  int      family; /* AF_UNSPEC: any */
  int      type;
  int      protocol; /* 0: any */
  unsigned flags;    /* SADDR_BIND_* */
} expect;

static const char *file_kind(mode_t m) {
  if (S_ISREG(m))
    return "regular file";
  if (S_ISDIR(m))
    return "directory";
  if (S_ISCHR(m))
    return "character device";
  if (S_ISBLK(m))
    return "block device";
  if (S_ISFIFO(m))
    return "pipe or FIFO";
  return "file of another kind";
}

static void name_of(char *buf, size_t cap, const char *name, int value) {
  if (name)
    snprintf(buf, cap, "%s", name);
  else
    snprintf(buf, cap, "%d", value);
}

static int opt(int fd, int level, int name, int *v) {
  socklen_t n = sizeof *v;
  *v          = 0;
  return getsockopt(fd, level, name, v, &n);
}

static int sys_fail(saddr_error *err, int e, const char *who,
                    const char *doing) {
  int rc =
      saddr__fail(err, SADDR_ESYS, 0, 0, "%s: %s: %s", who, doing, strerror(e));
  if (err)
    err->sys_errno = e;
  return rc;
}

static int probe(int fd, const char *who, sockinfo *si, saddr_error *err) {
  struct stat st;
  if (fcntl(fd, F_GETFD) < 0 || fstat(fd, &st) < 0)
    return saddr__fail(err, SADDR_ENOINHERIT, 0, 0,
                       "%s: descriptor %d is not open", who, fd);
  if (!S_ISSOCK(st.st_mode))
    return saddr__fail(err, SADDR_EINHERIT, 0, 0, "%s is a %s, not a socket",
                       who, file_kind(st.st_mode));
  if (opt(fd, SOL_SOCKET, SO_DOMAIN, &si->domain) < 0 ||
      opt(fd, SOL_SOCKET, SO_TYPE, &si->type) < 0 ||
      opt(fd, SOL_SOCKET, SO_PROTOCOL, &si->protocol) < 0 ||
      opt(fd, SOL_SOCKET, SO_ACCEPTCONN, &si->accepting) < 0)
    return sys_fail(err, errno, who, "getsockopt");
  si->v6only = -1;
  if (si->domain == AF_INET6 &&
      opt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &si->v6only) < 0)
    return sys_fail(err, errno, who, "getsockopt IPV6_V6ONLY");
  saddr__addr_init(&si->addr, si->domain, si->type, si->protocol, 0,
                   SADDR_ADDR_INHERITED |
                       (si->v6only == 1 ? SADDR_ADDR_V6ONLY : 0));
  socklen_t len = sizeof si->addr.sa;
  if (getsockname(fd, &si->addr.sa.sa, &len) < 0)
    return sys_fail(err, errno, who, "getsockname");
  si->addr.len = len < sizeof si->addr.sa ? len : sizeof si->addr.sa;
  return 0;
}

static bool listener(const sockinfo *si, unsigned flags) {
  if ((flags & SADDR_BIND_NO_LISTEN) || si->domain == AF_ALG ||
      si->domain == AF_RDS)
    return false;
  return si->type == SOCK_STREAM || si->type == SOCK_SEQPACKET;
}

static bool unbound_ip(const sockinfo *si) {
  const saddr_sockaddr *sa = &si->addr.sa;
  if (sa->sa.sa_family == AF_INET)
    return sa->in.sin_port == 0;
  return sa->sa.sa_family == AF_INET6 && sa->in6.sin6_port == 0;
}

static int check(const sockinfo *si, const expect *x, const char *who,
                 saddr_error *err) {
  char got[32], want[32];
  if (x->family != AF_UNSPEC && si->domain != x->family) {
    name_of(got, sizeof got, saddr_family_name(si->domain), si->domain);
    name_of(want, sizeof want, saddr_family_name(x->family), x->family);
    return saddr__fail(err, SADDR_EINHERIT, 0, 0,
                       "%s is an %s socket, expected %s", who, got, want);
  }
  if (si->type != x->type) {
    name_of(got, sizeof got, saddr_type_name(si->type), si->type);
    name_of(want, sizeof want, saddr_type_name(x->type), x->type);
    return saddr__fail(err, SADDR_EINHERIT, 0, 0,
                       "%s is a %s socket, expected %s", who, got, want);
  }
  if (x->protocol != 0 && si->protocol != x->protocol)
    return saddr__fail(err, SADDR_EINHERIT, 0, 0,
                       "%s has protocol %d, expected %d", who, si->protocol,
                       x->protocol);
  if (unbound_ip(si))
    return saddr__fail(err, SADDR_EINHERIT, 0, 0,
                       "%s is not bound to an address", who);
  if (listener(si, x->flags) && !si->accepting) {
    name_of(got, sizeof got, saddr_type_name(si->type), si->type);
    return saddr__fail(err, SADDR_EINHERIT, 0, 0,
                       "%s is a %s socket that does not listen", who, got);
  }
  return 0;
}

/* The adopted socket is the caller's from here on: close-on-exec like every
 * socket saddr creates, non-blocking on request. */
static int take(int fd, unsigned flags, const char *who, saddr_error *err) {
  int fdf = fcntl(fd, F_GETFD);
  if (fdf < 0 || fcntl(fd, F_SETFD, fdf | FD_CLOEXEC) < 0)
    return sys_fail(err, errno, who, "setting FD_CLOEXEC");
  if (!(flags & SADDR_BIND_NONBLOCK))
    return 0;
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
    return sys_fail(err, errno, who, "setting O_NONBLOCK");
  return 0;
}

static void describe(const saddr__ref *r, int fd, char *who, size_t cap) {
  if (r->kind == SADDR_INHERIT_FD)
    snprintf(who, cap, "fd@%d", fd);
  else if (r->kind == SADDR_INHERIT_SD_INDEX)
    snprintf(who, cap, "sd@%d (descriptor %d)", (int)r->number, fd);
  else
    snprintf(who, cap, "sd@%.*s (descriptor %d)", (int)r->namelen, r->name, fd);
}

static int resolve(const saddr__ref *r, char *who, size_t cap,
                   saddr_error *err) {
  if (r->kind == SADDR_INHERIT_FD)
    return r->number;
  if (r->kind == SADDR_INHERIT_SD_INDEX)
    snprintf(who, cap, "sd@%d", (int)r->number);
  else
    snprintf(who, cap, "sd@%.*s", (int)r->namelen, r->name);
  bool named = r->kind == SADDR_INHERIT_SD_NAME;
  return saddr__listen_take(named ? r->name : NULL, r->namelen, r->number, who,
                            err);
}

static int adopt_checked(int fd, const saddr__ref *r, const saddr_addr *ref,
                         unsigned flags, saddr_bound_socket *out,
                         saddr_error *err) {
  char     who[SADDR_INHERIT_NAME_MAX + 48];
  sockinfo si = {0};
  expect   x  = {r->family,
              ref->type ? ref->type
                           : saddr__default_type(r->family, ref->protocol),
                 ref->protocol, flags};
  describe(r, fd, who, sizeof who);
  int rc = probe(fd, who, &si, err);
  if (rc == 0)
    rc = check(&si, &x, who, err);
  if (rc == 0 && r->kind == SADDR_INHERIT_FD && !saddr__listen_claim(fd))
    rc = saddr__fail(err, SADDR_ENOINHERIT, 0, 0,
                     "%s: the socket was adopted already", who);
  if (rc == 0 && (rc = take(fd, flags, who, err)) < 0)
    saddr__listen_release(fd);
  if (rc < 0)
    return rc;
  out->fd        = fd;
  out->v6only    = si.v6only;
  out->requested = si.addr;
  return 0;
}

int saddr__inherit_adopt(const saddr_addr *ref, unsigned flags,
                         saddr_bound_socket *out, saddr_error *err) {
  saddr__ref r;
  if (!saddr__ref_get(ref, &r))
    return saddr__fail(err, SADDR_EINVAL, 0, 0,
                       "a malformed fd@/sd@ reference");
  char who[SADDR_INHERIT_NAME_MAX + 8];
  int  fd = resolve(&r, who, sizeof who, err);
  if (fd < 0)
    return fd;
  int rc = adopt_checked(fd, &r, ref, flags, out, err);
  if (rc < 0 && r.kind != SADDR_INHERIT_FD)
    saddr__listen_release(fd);
  return rc;
}

/* ---- SADDR_BIND_INHERIT: an ordinary address finds its passed socket ---- */

static bool same_path(const saddr_addr *a, const saddr_addr *b) {
  size_t off = offsetof(struct sockaddr_un, sun_path);
  size_t na = a->len - off, nb = b->len - off;
  na = strnlen(a->sa.un.sun_path, na < 108 ? na : 108);
  nb = strnlen(b->sa.un.sun_path, nb < 108 ? nb : 108);
  return na == nb && memcmp(a->sa.un.sun_path, b->sa.un.sun_path, na) == 0;
}

/* Whether got (getsockname) is the address want asks for. Port 0 and
 * AF_UNIX autobind ask for whatever the kernel picks, which no existing
 * socket can be said to answer. */
static bool same_addr(const saddr_addr *want, const saddr_addr *got) {
  int f = want->sa.sa.sa_family;
  if (got->sa.sa.sa_family != f)
    return false;
  if (f == AF_INET)
    return want->sa.in.sin_port != 0 &&
           want->sa.in.sin_port == got->sa.in.sin_port &&
           want->sa.in.sin_addr.s_addr == got->sa.in.sin_addr.s_addr;
  if (f == AF_INET6)
    return want->sa.in6.sin6_port != 0 &&
           want->sa.in6.sin6_port == got->sa.in6.sin6_port &&
           want->sa.in6.sin6_scope_id == got->sa.in6.sin6_scope_id &&
           memcmp(&want->sa.in6.sin6_addr, &got->sa.in6.sin6_addr, 16) == 0;
  size_t off = offsetof(struct sockaddr_un, sun_path);
  if (f == AF_UNIX && want->len > off && want->sa.un.sun_path[0] != '\0')
    return got->len > off && same_path(want, got);
  if (f == AF_UNIX && want->len <= off)
    return false;
  return want->len == got->len && memcmp(&want->sa, &got->sa, want->len) == 0;
}

typedef struct matcher {
  const saddr_addr *want;
  expect            x;
  sockinfo          si;
  saddr_error      *err;
} matcher;

/* Sets *take when this passed socket is the one; returns a negative status
 * when it is bound to the address but cannot serve (not listening), else
 * 0. Descriptors that are closed or not sockets, or of another address or
 * kind, are simply not candidates. */
static int candidate(void *data, int fd, bool *take) {
  matcher *m = data;
  char     who[48];
  snprintf(who, sizeof who, "inherited descriptor %d", fd);
  if (probe(fd, who, &m->si, NULL) < 0 || m->si.domain != m->x.family ||
      m->si.type != m->x.type ||
      (m->x.protocol != 0 && m->si.protocol != m->x.protocol) ||
      !same_addr(m->want, &m->si.addr))
    return 0;
  int rc = check(&m->si, &m->x, who, m->err);
  *take  = rc == 0;
  return rc;
}

int saddr__inherit_match(const saddr_addr *a, unsigned flags,
                         saddr_bound_socket *out, bool *adopted,
                         saddr_error *err) {
  *adopted   = false;
  int     t  = a->type ? a->type : saddr__default_type(a->family, a->protocol);
  matcher m  = {a, {a->family, t, a->protocol, flags}, {0}, err};
  int     fd = saddr__listen_each(candidate, &m, err);
  if (fd <= 0)
    return fd;
  char who[48];
  snprintf(who, sizeof who, "inherited descriptor %d", fd);
  int rc = take(fd, flags, who, err);
  if (rc < 0) {
    saddr__listen_release(fd);
    return rc;
  }
  out->fd        = fd;
  out->v6only    = m.si.v6only;
  out->requested = *a;
  out->requested.flags |= SADDR_ADDR_INHERITED;
  *adopted = true;
  return 0;
}
