/* systemd's socket-activation variables, read once per process: LISTEN_PID
 * must be this process, LISTEN_FDS descriptors start at 3, LISTEN_FDNAMES
 * names them. The protocol is small and documented in sd_listen_fds(3), so
 * saddr reads it itself instead of linking libsystemd. */
#include "bind/inherit.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIRST_FD 3
/* systemd's limit on a descriptor name. */
#define NAME_MAX_LEN 255

typedef struct entry {
  const char *name; /* into state.names; NULL without LISTEN_FDNAMES */
  size_t      namelen;
  bool        taken;
} entry;

/* The process's view of the variables. Once read it changes only in the
 * taken flags, all under the lock. The arrays live until the process ends:
 * the descriptors they describe do too. */
static struct {
  pthread_mutex_t lock;
  bool            read;
  pid_t           pid; /* LISTEN_PID as read (0: none) */
  int             count;
  entry          *e;
  char           *names;
  saddr_error     fail; /* code != 0: the variables are malformed */
  char            why[96];
} st = {PTHREAD_MUTEX_INITIALIZER, false, 0, 0, NULL, NULL, {0}, ""};

/* Strict decimal, as systemd's own parser: digits only, at most max. */
static bool env_number(const char *s, long long max, long long *v) {
  if (s == NULL || *s == '\0')
    return false;
  *v = 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9' || *v > (max - (*s - '0')) / 10)
      return false;
    *v = *v * 10 + (*s - '0');
  }
  return true;
}

static int malformed(const char *var, const char *what) {
  saddr__fail(&st.fail, SADDR_ENOINHERIT, 0, 0, "%s is malformed: %s", var,
              what);
  return -1;
}

static bool name_ok(const char *s, size_t n) {
  if (n == 0 || n > NAME_MAX_LEN)
    return false;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
      return false;
  return true;
}

static int read_names(const char *text) {
  size_t len = strlen(text);
  st.names   = malloc(len + 1);
  if (!st.names)
    return saddr__fail(&st.fail, SADDR_ENOMEM, 0, 0, "out of memory");
  memcpy(st.names, text, len + 1);
  const char *p = st.names;
  for (int i = 0; i < st.count; i++) {
    const char *colon = strchr(p, ':');
    size_t      n     = colon ? (size_t)(colon - p) : strlen(p);
    if (!name_ok(p, n))
      return malformed("LISTEN_FDNAMES", "a name is empty, longer than 255 "
                                         "bytes or not printable ASCII");
    st.e[i].name    = p;
    st.e[i].namelen = n;
    if (!colon && i + 1 < st.count)
      return malformed("LISTEN_FDNAMES", "fewer names than LISTEN_FDS");
    p = colon ? colon + 1 : p + n;
  }
  if (*p != '\0' || (st.count > 0 && p[-1] == ':'))
    return malformed("LISTEN_FDNAMES", "more names than LISTEN_FDS");
  return 0;
}

static void read_vars(void) {
  const char *pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");
  const char *names = getenv("LISTEN_FDNAMES");
  long long   v;
  if (pid == NULL) {
    snprintf(st.why, sizeof st.why, "LISTEN_PID is not set");
    return;
  }
  if (!env_number(pid, INT_MAX, &v) || v == 0) {
    malformed("LISTEN_PID", "not a process id");
    return;
  }
  st.pid = (pid_t)v;
  if (!env_number(fds, INT_MAX - FIRST_FD, &v)) {
    malformed("LISTEN_FDS", "not a decimal count");
    return;
  }
  if (st.pid != getpid())
    return;
  st.count = (int)v;
  st.e     = calloc(st.count > 0 ? (size_t)st.count : 1, sizeof *st.e);
  if (!st.e) {
    saddr__fail(&st.fail, SADDR_ENOMEM, 0, 0, "out of memory");
    st.count = 0;
    return;
  }
  if (names && read_names(names) < 0)
    st.count = 0;
}

/* Reads the variables on first use, and unsets them on request whenever
 * asked (what was read stays). The caller holds the lock. */
static void load(unsigned flags) {
  if (!st.read) {
    st.read = true;
    read_vars();
  }
  if (flags & SADDR_LISTEN_UNSETENV) {
    unsetenv("LISTEN_PID");
    unsetenv("LISTEN_FDS");
    unsetenv("LISTEN_FDNAMES");
  }
}

/* The passed sockets usable by this process: 0 when they were passed to
 * another one (or this is a child forked after the read), or the state's
 * error. The caller holds the lock. */
static int usable(const char *what, saddr_error *err) {
  if (st.fail.code != 0) {
    if (err)
      *err = st.fail;
    return st.fail.code;
  }
  if (st.pid != 0 && st.pid != getpid()) {
    if (what)
      saddr__fail(err, SADDR_ENOINHERIT, 0, 0,
                  "%s: no sockets were passed to this process (LISTEN_PID "
                  "is %ld, this process is %ld)",
                  what, (long)st.pid, (long)getpid());
    return 0;
  }
  if (st.pid == 0 && what)
    saddr__fail(err, SADDR_ENOINHERIT, 0, 0,
                "%s: no sockets were passed to this process (%s)", what,
                st.why);
  else if (st.count == 0 && what)
    saddr__fail(err, SADDR_ENOINHERIT, 0, 0,
                "%s: no sockets were passed to this process (LISTEN_FDS "
                "is 0)",
                what);
  return st.pid == 0 ? 0 : st.count;
}

int saddr_listen_fds(unsigned flags, saddr_error *err) {
  pthread_mutex_lock(&st.lock);
  load(flags);
  int n = usable(NULL, err);
  pthread_mutex_unlock(&st.lock);
  return n;
}

static int find(const char *name, size_t namelen, int index, const char *what,
                int n, saddr_error *err) {
  if (name == NULL) {
    if (index < n)
      return index;
    return saddr__fail(err, SADDR_ENOINHERIT, 0, 0,
                       "%s: %d socket%s passed to this process", what, n,
                       n == 1 ? " was" : "s were");
  }
  for (int i = 0; i < n; i++)
    if (st.e[i].name && st.e[i].namelen == namelen &&
        memcmp(st.e[i].name, name, namelen) == 0)
      return i;
  return saddr__fail(err, SADDR_ENOINHERIT, 0, 0,
                     "%s: none of the %d socket%s passed has that name%s", what,
                     n, n == 1 ? "" : "s",
                     st.names ? "" : " (LISTEN_FDNAMES is not set)");
}

int saddr__listen_take(const char *name, size_t namelen, int index,
                       const char *what, saddr_error *err) {
  pthread_mutex_lock(&st.lock);
  load(0);
  int n = usable(what, err);
  int i = n > 0 ? find(name, namelen, index, what, n, err) : n;
  if (n == 0 && i == 0)
    i = SADDR_ENOINHERIT;
  if (i >= 0 && st.e[i].taken)
    i = saddr__fail(err, SADDR_ENOINHERIT, 0, 0,
                    "%s (descriptor %d) was adopted already", what,
                    FIRST_FD + i);
  if (i >= 0)
    st.e[i].taken = true;
  pthread_mutex_unlock(&st.lock);
  return i >= 0 ? FIRST_FD + i : i;
}

int saddr__listen_each(int (*fn)(void *data, int fd, bool *take), void *data,
                       saddr_error *err) {
  pthread_mutex_lock(&st.lock);
  load(0);
  int n  = usable(NULL, err);
  int rc = n < 0 ? n : 0;
  for (int i = 0; i < n && rc == 0; i++) {
    if (st.e[i].taken)
      continue;
    bool take = false;
    int  r    = fn(data, FIRST_FD + i, &take);
    if (r < 0) {
      rc = r;
    } else if (take) {
      st.e[i].taken = true;
      rc            = FIRST_FD + i;
    }
  }
  pthread_mutex_unlock(&st.lock);
  return rc;
}

static void set_taken(int fd, bool taken, bool *was) {
  pthread_mutex_lock(&st.lock);
  int i = fd - FIRST_FD;
  *was  = false;
  if (st.read && st.fail.code == 0 && st.pid == getpid() && i >= 0 &&
      i < st.count) {
    *was          = st.e[i].taken;
    st.e[i].taken = taken;
  }
  pthread_mutex_unlock(&st.lock);
}

void saddr__listen_release(int fd) {
  bool was;
  set_taken(fd, false, &was);
}

bool saddr__listen_claim(int fd) {
  bool was;
  set_taken(fd, true, &was);
  return !was;
}
