/* Replacing a stale AF_UNIX socket file under two conditions a real run
 * cannot produce on demand: another file put in the socket's place between
 * the staleness check and the unlink, and a kernel socket table (sock_diag)
 * whose dump never ends. The library is linked into this program, so its
 * calls to lstat(2) and recv(2) reach the versions below, which behave
 * like the real ones until a test arms them. Sanitizers bring interceptors
 * of their own for both: under them nothing is replaced and the test says
 * so. */
#include "bind_util.h"
#include "harness.h"

#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define RACE_SKIP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||     \
    __has_feature(memory_sanitizer)
#define RACE_SKIP 1
#endif
#endif

#ifndef RACE_SKIP
/* lstat: from the second call on watch_path, the file at swap_from is
 * first renamed over it, as another process could do at any moment. */
static const char *watch_path;
static const char *swap_from;
static int         watch_calls;

int lstat(const char *path, struct stat *st) {
  if (watch_path && strcmp(path, watch_path) == 0 && watch_calls++ == 1 &&
      swap_from)
    CHECK(rename(swap_from, path) == 0);
  return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

/* recv: on a netlink socket, while endless_dump is set, one AF_UNIX
 * sock_diag record that names no file, again and again, never the end of
 * the dump; counted in dump_reads. */
static bool endless_dump;
static long dump_reads;

ssize_t recv(int fd, void *buf, size_t len, int flags) {
  int       domain = 0;
  socklen_t dl     = sizeof domain;
  if (endless_dump &&
      getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &dl) == 0 &&
      domain == AF_NETLINK) {
    struct {
      struct nlmsghdr      h;
      struct unix_diag_msg m;
    } rec;
    memset(&rec, 0, sizeof rec);
    rec.h.nlmsg_len    = NLMSG_LENGTH(sizeof rec.m);
    rec.h.nlmsg_type   = SOCK_DIAG_BY_FAMILY;
    rec.m.udiag_family = AF_UNIX;
    if (len < sizeof rec)
      return -1;
    memcpy(buf, &rec, sizeof rec);
    dump_reads++;
    return (ssize_t)sizeof rec;
  }
  return recvfrom(fd, buf, len, flags, NULL, NULL);
}

static char dir[] = "/tmp/saddr-race-XXXXXX";

/* A stale socket file at path: bound, then its socket closed. */
static void make_stale(const char *path) {
  saddr_bound *b;
  saddr_error  err;
  CHECK_INT(bu_bind(path, AF_UNIX, SOCK_STREAM, 0, &b, &err), 0);
  saddr_bound_free(b);
  struct stat st;
  CHECK(lstat(path, &st) == 0 && S_ISSOCK(st.st_mode));
}

/* A regular file put in place of the stale socket after it was found stale
 * is left alone, and the bind says why. */
static void check_swapped_file(void) {
  char path[128], other[128];
  snprintf(path, sizeof path, "%s/swap.sock", dir);
  snprintf(other, sizeof other, "%s/other", dir);
  make_stale(path);
  FILE *f = fopen(other, "w");
  CHECK(f != NULL);
  if (!f)
    return;
  fputs("keep me\n", f);
  fclose(f);
  saddr_bound *b;
  saddr_error  err;
  watch_path  = path;
  swap_from   = other;
  watch_calls = 0;
  int rc =
      bu_bind(path, AF_UNIX, SOCK_STREAM, SADDR_BIND_REPLACE_STALE, &b, &err);
  watch_path = NULL;
  CHECK_INT(watch_calls, 2);
  CHECK_INT(rc, SADDR_EADDRINUSE);
  CHECK(b == NULL);
  CHECK_CTX(strstr(err.message, "the file changed while checking it") != NULL,
            "message: %s", err.message);
  char text[16] = {0};
  f             = fopen(path, "r");
  CHECK_CTX(f && fgets(text, sizeof text, f) && !strcmp(text, "keep me\n"),
            "the file put in its place is untouched");
  if (f)
    fclose(f);
  unlink(path);
}

/* A socket table that never ends is read a bounded number of times; a
 * file that cannot be proved stale is kept. */
static void check_endless_dump(void) {
  char path[128];
  snprintf(path, sizeof path, "%s/endless.sock", dir);
  make_stale(path);
  saddr_bound *b;
  saddr_error  err;
  endless_dump = true;
  dump_reads   = 0;
  int rc =
      bu_bind(path, AF_UNIX, SOCK_STREAM, SADDR_BIND_REPLACE_STALE, &b, &err);
  endless_dump = false;
  CHECK_INT(dump_reads, 1L << 16);
  CHECK_INT(rc, SADDR_EADDRINUSE);
  CHECK(b == NULL);
  struct stat st;
  CHECK(lstat(path, &st) == 0 && S_ISSOCK(st.st_mode));
  /* The same file is replaced once the table reads normally again. */
  CHECK_INT(
      bu_bind(path, AF_UNIX, SOCK_STREAM, SADDR_BIND_REPLACE_STALE, &b, &err),
      0);
  saddr_bound_free(b);
  unlink(path);
}
#endif

int main(void) {
#ifdef RACE_SKIP
  printf("SKIP: a sanitizer build intercepts lstat and recv itself\n");
  return 0;
#else
  CHECK(mkdtemp(dir) != NULL);
  check_swapped_file();
  check_endless_dump();
  rmdir(dir);
  return th_done();
#endif
}
