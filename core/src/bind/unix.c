/* AF_UNIX path binds: an existing file is left alone unless the caller asks
 * for a stale socket to be replaced, and then only a socket file that
 * nothing accepts on and no socket is bound to is removed. */
#include "bind/bind.h"

#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* sun_path may lack its NUL when the length is tight: copy it out. */
static void path_of(const saddr_addr *a,
                    char              path[sizeof a->sa.un.sun_path + 1]) {
  size_t n = a->len - offsetof(struct sockaddr_un, sun_path);
  if (n > sizeof a->sa.un.sun_path)
    n = sizeof a->sa.un.sun_path;
  memcpy(path, a->sa.un.sun_path, n);
  path[n] = '\0';
}

/* Whether the attributes after one unix_diag_msg name the file st. */
static bool names_file(const unsigned char *p, size_t len,
                       const struct stat *st) {
  size_t off = 0;
  while (len - off >= sizeof(struct rtattr)) {
    struct rtattr at;
    memcpy(&at, p + off, sizeof at);
    if (at.rta_len < sizeof at || at.rta_len > len - off)
      return false;
    if (at.rta_type == UNIX_DIAG_VFS &&
        at.rta_len - sizeof at >= sizeof(struct unix_diag_vfs)) {
      struct unix_diag_vfs v;
      memcpy(&v, p + off + RTA_LENGTH(0), sizeof v);
      /* The kernel's device number: 12-bit major, 20-bit minor. */
      if (v.udiag_vfs_ino == st->st_ino &&
          major(st->st_dev) == v.udiag_vfs_dev >> 20 &&
          minor(st->st_dev) == (v.udiag_vfs_dev & 0xfffffu))
        return true;
    }
    off += RTA_ALIGN((size_t)at.rta_len);
  }
  return false;
}

/* Reads the kernel's table of AF_UNIX sockets (sock_diag with
 * UDIAG_SHOW_VFS, which gives the device and inode of each bound file) and
 * tells whether any socket is bound to the file st describes. Returns 1
 * (bound), 0 (not bound) or -1 (the table could not be read). */
static int diag_read(int nl, const struct stat *st) {
  static _Thread_local unsigned char buf[16384];
  for (int round = 0; round < 1 << 16; round++) {
    ssize_t n = recv(nl, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return -1;
    size_t off = 0, got = (size_t)n;
    while (got - off >= sizeof(struct nlmsghdr)) {
      struct nlmsghdr h;
      memcpy(&h, buf + off, sizeof h);
      if (h.nlmsg_len < sizeof h || h.nlmsg_len > got - off)
        return -1;
      if (h.nlmsg_type == NLMSG_DONE)
        return 0;
      size_t body = NLMSG_LENGTH(sizeof(struct unix_diag_msg));
      if (h.nlmsg_type == NLMSG_ERROR || h.nlmsg_len < body)
        return -1;
      if (names_file(buf + off + body, h.nlmsg_len - body, st))
        return 1;
      off += NLMSG_ALIGN((size_t)h.nlmsg_len);
    }
  }
  return -1;
}

static int bound_in_kernel(const struct stat *st) {
  int nl = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (nl < 0)
    return -1;
  struct {
    struct nlmsghdr      h;
    struct unix_diag_req r;
  } req;
  memset(&req, 0, sizeof req);
  req.h.nlmsg_len    = sizeof req;
  req.h.nlmsg_type   = SOCK_DIAG_BY_FAMILY;
  req.h.nlmsg_flags  = NLM_F_REQUEST | NLM_F_DUMP;
  req.r.sdiag_family = AF_UNIX;
  req.r.udiag_states = ~0u;
  req.r.udiag_show   = UDIAG_SHOW_VFS;
  int rc             = -1;
  if (send(nl, &req, sizeof req, 0) == (ssize_t)sizeof req)
    rc = diag_read(nl, st);
  close(nl);
  return rc;
}

/* A socket file is stale when connecting to it is refused and no socket in
 * the system is bound to its inode: ECONNREFUSED alone also comes from a
 * live server that has bound but not yet called listen(2). Any other
 * outcome (accepted, backlog full, a socket of another type, no
 * permission, a table that cannot be read) counts as live. */
static bool is_stale(const saddr_addr *a, const struct stat *st) {
  int type = a->type ? a->type : SOCK_STREAM;
  int fd   = socket(AF_UNIX, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    return false;
  bool refused = connect(fd, &a->sa.sa, a->len) < 0 && errno == ECONNREFUSED;
  close(fd);
  return refused && bound_in_kernel(st) == 0;
}

static int exists_fail(saddr_error *err, const saddr_addr *a, const char *why) {
  int rc = saddr__bind_fail(err, SADDR_EEXIST, EEXIST, a, "bind");
  if (err) {
    size_t n = strlen(err->message);
    snprintf(err->message + n, sizeof err->message - n, " (%s)", why);
  }
  return rc;
}

/* Unlinks the stale socket at path and binds again, once. The inode is
 * checked again right before the unlink so that a file put in its place
 * meanwhile is not removed. */
static int replace(int fd, const saddr_addr *a, const char *path,
                   const struct stat *seen, saddr_error *err) {
  if (!is_stale(a, seen))
    return saddr__bind_fail(err, SADDR_EADDRINUSE, EADDRINUSE, a,
                            "bind (a live socket is bound there)");
  struct stat now;
  if (lstat(path, &now) == 0 &&
      (now.st_dev != seen->st_dev || now.st_ino != seen->st_ino))
    return saddr__bind_fail(err, SADDR_EADDRINUSE, EADDRINUSE, a,
                            "bind (the file changed while checking it)");
  if (unlink(path) < 0 && errno != ENOENT)
    return saddr__bind_fail(err, SADDR_ESYS, errno, a,
                            "removing the stale socket of");
  if (bind(fd, &a->sa.sa, a->len) == 0)
    return 0;
  return saddr__bind_failed(err, errno, a);
}

int saddr__bind_unix_path(int fd, const saddr_addr *a, unsigned flags,
                          saddr_error *err) {
  if (bind(fd, &a->sa.sa, a->len) == 0)
    return 0;
  int rc = saddr__bind_failed(err, errno, a);
  if (rc != SADDR_EADDRINUSE)
    return rc;
  char        path[sizeof a->sa.un.sun_path + 1];
  struct stat st;
  path_of(a, path);
  if (lstat(path, &st) < 0)
    return rc;
  if (!(flags & SADDR_BIND_REPLACE_STALE))
    return exists_fail(err, a,
                       "left alone: only a stale socket is replaced, "
                       "on request");
  if (!S_ISSOCK(st.st_mode))
    return exists_fail(err, a, "left alone: not a socket");
  return replace(fd, a, path, &st, err);
}
