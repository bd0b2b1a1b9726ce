/* AF_UNIX binds: paths, the existing-file and stale-socket policy, abstract
 * names and autobind, each checked with getsockname and a real client. */
#include "bind_util.h"

#include <stdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

static char dir[] = "/tmp/saddr-bind-XXXXXX";

static int bind_path(const char *path, int type, unsigned flags,
                     saddr_bound **b, saddr_error *err) {
  return bu_bind(path, AF_UNIX, type, flags, b, err);
}

static bool is_socket_file(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0 && S_ISSOCK(st.st_mode);
}

/* A fresh path binds; getsockname gives it back with CPython's length. */
static void check_path(void) {
  char path[128];
  snprintf(path, sizeof path, "%s/fresh.sock", dir);
  saddr_bound *b;
  saddr_error  err;
  CHECK_INT(bind_path(path, 0, 0, &b, &err), 0);
  CHECK_INT(b->count, 1);
  CHECK(is_socket_file(path));
  saddr_addr        bound_addr = bu_bound(&b->sock[0]);
  const saddr_addr *bound      = &bound_addr;
  CHECK_INT(bound->len, 2 + strlen(path) + 1);
  CHECK_STR(bound->sa.un.sun_path, path);
  CHECK_INT(b->sock[0].v6only, -1);
  CHECK_INT(bu_opt(b->sock[0].fd, SOL_SOCKET, SO_ACCEPTCONN), 1);
  CHECK_INT(bu_unix_client(SOCK_STREAM, bound), 0);
  CHECK_INT(bu_accept(b->sock[0].fd, SOCK_STREAM), AF_UNIX);
  saddr_bound_free(b);
  unlink(path);
}

/* The policy table: what is at the path before the bind, whether replacing
 * is asked for, and what must happen. */
enum before { LIVE, STALE, REGULAR, DIRECTORY, BOUND };

typedef struct row {
  enum before before;
  int         type;
  unsigned    flags;
  int         rc;
} row;

static const row rows[] = {
    {LIVE, SOCK_STREAM, 0, SADDR_EEXIST},
    {STALE, SOCK_STREAM, 0, SADDR_EEXIST},
    {REGULAR, SOCK_STREAM, 0, SADDR_EEXIST},
    {LIVE, SOCK_STREAM, SADDR_BIND_REPLACE_STALE, SADDR_EADDRINUSE},
    {STALE, SOCK_STREAM, SADDR_BIND_REPLACE_STALE, 0},
    {REGULAR, SOCK_STREAM, SADDR_BIND_REPLACE_STALE, SADDR_EEXIST},
    {DIRECTORY, SOCK_STREAM, SADDR_BIND_REPLACE_STALE, SADDR_EEXIST},
    {LIVE, SOCK_DGRAM, SADDR_BIND_REPLACE_STALE, SADDR_EADDRINUSE},
    {STALE, SOCK_DGRAM, SADDR_BIND_REPLACE_STALE, 0},
    {LIVE, SOCK_SEQPACKET, SADDR_BIND_REPLACE_STALE, SADDR_EADDRINUSE},
    {STALE, SOCK_SEQPACKET, SADDR_BIND_REPLACE_STALE, 0},
    /* Bound, not yet listening: connect(2) is refused, yet a live process
     * owns the socket, so its file stays. */
    {BOUND, SOCK_STREAM, SADDR_BIND_REPLACE_STALE, SADDR_EADDRINUSE},
    {BOUND, SOCK_SEQPACKET, SADDR_BIND_REPLACE_STALE, SADDR_EADDRINUSE},
};

/* A socket bound to path that does not listen (yet), or -1 (also for a
 * path too long for sun_path). */
static int bound_only(const char *path, int type) {
  struct sockaddr_un un = {.sun_family = AF_UNIX};
  size_t             n  = strlen(path);
  if (n >= sizeof un.sun_path)
    return -1;
  memcpy(un.sun_path, path, n + 1);
  int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
  if (fd >= 0 && bind(fd, (struct sockaddr *)&un, sizeof un) != 0) {
    close(fd);
    fd = -1;
  }
  return fd;
}

/* Puts the row's file at path; a live socket's set is returned in *live. */
static void prepare(const row *r, const char *path, saddr_bound **live) {
  saddr_error err;
  *live = NULL;
  if (r->before == REGULAR) {
    FILE *f = fopen(path, "w");
    fputs("keep me\n", f);
    fclose(f);
  } else if (r->before == DIRECTORY) {
    mkdir(path, 0700);
  } else {
    CHECK_INT(bind_path(path, r->type, 0, live, &err), 0);
    if (r->before == STALE) {
      saddr_bound_free(*live);
      *live = NULL;
    }
  }
}

/* After the bind: a refused one left the file exactly as it was. */
static void verify(size_t i, const row *r, const char *path, saddr_bound *live,
                   saddr_bound *b) {
  struct stat st;
  CHECK_CTX(lstat(path, &st) == 0, "row %zu: the path is still there", i);
  if (r->rc == 0) {
    CHECK_CTX(S_ISSOCK(st.st_mode), "row %zu: a socket", i);
    saddr_addr bound = bu_bound(&b->sock[0]);
    CHECK_CTX(bu_unix_client(r->type, &bound) == 0,
              "row %zu: the new socket accepts", i);
  } else if (r->before == REGULAR) {
    char  text[16] = {0};
    FILE *f        = fopen(path, "r");
    CHECK_CTX(f && fgets(text, sizeof text, f) && !strcmp(text, "keep me\n"),
              "row %zu: the file is untouched", i);
    if (f)
      fclose(f);
  } else if (r->before == DIRECTORY) {
    CHECK_CTX(S_ISDIR(st.st_mode), "row %zu: the directory stays", i);
  }
  if (live) {
    saddr_addr bound = bu_bound(&live->sock[0]);
    CHECK_CTX(bu_unix_client(r->type, &bound) == 0,
              "row %zu: the live socket still accepts", i);
  }
}

static void run_rows(void) {
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    const row *r = &rows[i];
    char       path[128];
    snprintf(path, sizeof path, "%s/row%zu", dir, i);
    saddr_bound *live = NULL, *b = NULL;
    saddr_error  err;
    int          owner = -1;
    if (r->before == BOUND)
      CHECK_CTX((owner = bound_only(path, r->type)) >= 0, "row %zu: bind", i);
    else
      prepare(r, path, &live);
    int rc = bind_path(path, r->type, r->flags, &b, &err);
    CHECK_CTX(rc == r->rc, "row %zu: %s, expected %s (%s)", i,
              saddr_err_name(rc), saddr_err_name(r->rc), err.message);
    if (rc < 0) {
      CHECK_CTX(strstr(err.message, path) != NULL, "row %zu: message %s", i,
                err.message);
      CHECK_CTX(err.offset == 0 && err.length == strlen(path), "row %zu: span",
                i);
    }
    verify(i, r, path, live, b);
    if (owner >= 0) {
      /* The owner goes on to listen, and is reachable at its path. */
      struct sockaddr_un un = {.sun_family = AF_UNIX};
      int n = snprintf(un.sun_path, sizeof un.sun_path, "%s", path);
      CHECK_CTX(n > 0 && (size_t)n < sizeof un.sun_path, "row %zu: path fits",
                i);
      CHECK_CTX(is_socket_file(path) && listen(owner, 4) == 0,
                "row %zu: the owner keeps its file", i);
      int c = socket(AF_UNIX, r->type | SOCK_CLOEXEC, 0);
      CHECK_CTX(connect(c, (struct sockaddr *)&un, sizeof un) == 0,
                "row %zu: the owner is reachable after listen", i);
      close(c);
      close(owner);
    }
    saddr_bound_free(b);
    saddr_bound_free(live);
    if (r->before == DIRECTORY)
      rmdir(path);
    else
      unlink(path);
  }
}

/* The bound-not-listening check once more on a file system whose device
 * has a minor number other than 0 (/tmp often has 0, and then a wrong
 * minor in the comparison with the kernel's table goes unnoticed). */
static void check_bound_other_device(void) {
  static const char *const bases[]   = {"/dev/shm", "/run", "/var/tmp"};
  char                     where[64] = "";
  for (size_t i = 0; i < sizeof bases / sizeof bases[0] && !where[0]; i++) {
    struct stat st;
    if (stat(bases[i], &st) != 0 || minor(st.st_dev) == 0)
      continue;
    snprintf(where, sizeof where, "%s/saddr-bind-XXXXXX", bases[i]);
    if (!mkdtemp(where))
      where[0] = '\0';
  }
  if (!where[0]) {
    printf("SKIP bound socket elsewhere: no writable file system with a "
           "nonzero minor device number\n");
    return;
  }
  static const int types[] = {SOCK_STREAM, SOCK_SEQPACKET};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
    char path[128];
    snprintf(path, sizeof path, "%s/bound%zu", where, i);
    int owner = bound_only(path, types[i]);
    CHECK_CTX(owner >= 0, "%s: bind", path);
    saddr_bound *b = NULL;
    saddr_error  err;
    int rc = bind_path(path, types[i], SADDR_BIND_REPLACE_STALE, &b, &err);
    CHECK_CTX(rc == SADDR_EADDRINUSE, "%s: %s, expected SADDR_EADDRINUSE (%s)",
              path, saddr_err_name(rc), rc ? err.message : "");
    CHECK_CTX(is_socket_file(path), "%s: the owner keeps its file", path);
    saddr_bound_free(b);
    if (owner >= 0)
      close(owner);
    unlink(path);
  }
  rmdir(where);
}

/* Abstract names: the exact bytes, no file, a second bind is in use. */
static void check_abstract(void) {
  char         spec[64];
  int          n = snprintf(spec, sizeof spec, "@saddr-test-%d", (int)getpid());
  saddr_bound *b, *again;
  saddr_error  err;
  CHECK_INT(bu_bind(spec, 0, 0, 0, &b, &err), 0);
  saddr_addr        bound_addr = bu_bound(&b->sock[0]);
  const saddr_addr *bound      = &bound_addr;
  CHECK_INT(bound->len, 2 + (size_t)n);
  CHECK_INT(bound->sa.un.sun_path[0], 0);
  CHECK(memcmp(bound->sa.un.sun_path + 1, spec + 1, (size_t)n - 1) == 0);
  CHECK(memcmp(&b->sock[0].requested.sa, &bound->sa, bound->len) == 0);
  CHECK_INT(bu_unix_client(SOCK_STREAM, bound), 0);
  CHECK_INT(bu_accept(b->sock[0].fd, SOCK_STREAM), AF_UNIX);
  CHECK_INT(bu_bind(spec, 0, 0, SADDR_BIND_REPLACE_STALE, &again, &err),
            SADDR_EADDRINUSE);
  saddr_bound_free(b);
}

/* Autobind: the kernel picks "\0" and five hex digits. */
static void check_autobind(void) {
  saddr_bound *b;
  saddr_error  err;
  CHECK_INT(bu_bind("''", AF_UNIX, 0, 0, &b, &err), 0);
  CHECK_INT(b->sock[0].requested.len, 2);
  saddr_addr        bound_addr = bu_bound(&b->sock[0]);
  const saddr_addr *bound      = &bound_addr;
  CHECK_INT(bound->len, 2 + 6);
  CHECK_INT(bound->sa.un.sun_path[0], 0);
  bool hex = true;
  for (int i = 1; i < 6; i++)
    hex = hex && strchr("0123456789abcdef", bound->sa.un.sun_path[i]);
  CHECK(hex);
  CHECK_INT(bu_unix_client(SOCK_STREAM, bound), 0);
  CHECK_INT(bu_accept(b->sock[0].fd, SOCK_STREAM), AF_UNIX);
  saddr_bound_free(b);
}

int main(void) {
  CHECK(mkdtemp(dir) != NULL);
  check_path();
  run_rows();
  check_bound_other_device();
  check_abstract();
  check_autobind();
  rmdir(dir);
  return th_done();
}
