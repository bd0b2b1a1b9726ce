/* AF_UNIX path binds: an existing file is left alone unless the caller asks
 * for a stale socket to be replaced, and then only a socket file that
 * nothing accepts on is removed. */
#include "bind/bind.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
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

/* A socket file is stale when connecting to it is refused: no socket is
 * bound to it any more. Any other outcome (accepted, backlog full, a socket
 * of another type, no permission) counts as live. */
static bool is_stale(const saddr_addr *a) {
  int type = a->type ? a->type : SOCK_STREAM;
  int fd   = socket(AF_UNIX, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    return false;
  bool stale = connect(fd, &a->sa.sa, a->len) < 0 && errno == ECONNREFUSED;
  close(fd);
  return stale;
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
  if (!is_stale(a))
    return saddr__bind_fail(err, SADDR_EADDRINUSE, EADDRINUSE, a,
                            "bind (a live socket accepts there)");
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
  int e = errno;
  return saddr__bind_fail(err, e == EADDRINUSE ? SADDR_EADDRINUSE : SADDR_ESYS,
                          e, a, "bind");
}

int saddr__bind_unix_path(int fd, const saddr_addr *a, unsigned flags,
                          saddr_error *err) {
  if (bind(fd, &a->sa.sa, a->len) == 0)
    return 0;
  int         e = errno;
  char        path[sizeof a->sa.un.sun_path + 1];
  struct stat st;
  path_of(a, path);
  if (e != EADDRINUSE || lstat(path, &st) < 0)
    return saddr__bind_fail(
        err, e == EADDRINUSE ? SADDR_EADDRINUSE : SADDR_ESYS, e, a, "bind");
  if (!(flags & SADDR_BIND_REPLACE_STALE))
    return exists_fail(err, a,
                       "left alone: only a stale socket is replaced, "
                       "on request");
  if (!S_ISSOCK(st.st_mode))
    return exists_fail(err, a, "left alone: not a socket");
  return replace(fd, a, path, &st, err);
}
