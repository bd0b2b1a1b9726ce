/* Inherited sockets: fd@N adoption and its precise refusals (nothing closed
 * or changed), and systemd's LISTEN_* protocol with sd@NAME, sd@INDEX and
 * SADDR_BIND_INHERIT. The variables are read once per process, so every
 * systemd case runs in a forked child that sets its own environment. */
#include "bind_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

/* Descriptor numbers the fd@ cases put their objects at. */
#define FD_A 40
#define FD_B 41

static char dir[] = "/tmp/saddr-inherit-XXXXXX";

/* Moves fd to descriptor at (which socket(2) may have given already). */
static int move_to(int fd, int at) {
  if (fd != at) {
    CHECK(dup2(fd, at) == at);
    close(fd);
  }
  return at;
}

/* A socket of family/type bound to loopback port 0 (or to path for
 * AF_UNIX), listening when asked, moved to descriptor at without
 * FD_CLOEXEC. Returns at. */
static int make_socket(int family, int type, bool bound, bool listening,
                       int at) {
  int fd = socket(family, type, 0);
  CHECK(fd >= 0);
  saddr_sockaddr sa;
  socklen_t      len;
  memset(&sa, 0, sizeof sa);
  if (family == AF_INET) {
    sa.in.sin_family      = AF_INET;
    sa.in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    len                   = sizeof sa.in;
  } else if (family == AF_INET6) {
    sa.in6.sin6_family = AF_INET6;
    sa.in6.sin6_addr   = in6addr_loopback;
    len                = sizeof sa.in6;
  } else {
    sa.un.sun_family = AF_UNIX;
    snprintf(sa.un.sun_path, sizeof sa.un.sun_path, "%s/s%d", dir, at);
    unlink(sa.un.sun_path);
    len = sizeof sa.un;
  }
  if (bound)
    CHECK(bind(fd, &sa.sa, len) == 0);
  if (listening)
    CHECK(listen(fd, 8) == 0);
  return move_to(fd, at);
}

static uint16_t port_of(int fd) {
  saddr_sockaddr sa;
  socklen_t      n = sizeof sa;
  memset(&sa, 0, sizeof sa);
  getsockname(fd, &sa.sa, &n);
  return ntohs(sa.sa.sa_family == AF_INET6 ? sa.in6.sin6_port : sa.in.sin_port);
}

static ino_t inode_of(int fd) {
  struct stat st;
  return fstat(fd, &st) == 0 ? st.st_ino : 0;
}

/* fd@N of a right socket: adopted, CLOEXEC and NONBLOCK set, reported with
 * the address it is bound to, and a client connects. The set owns it. */
static void check_adopt_fd(void) {
  int          fd   = make_socket(AF_INET, SOCK_STREAM, true, true, FD_A);
  uint16_t     port = port_of(fd);
  char         text[16];
  saddr_bound *b;
  saddr_error  err;
  snprintf(text, sizeof text, "fd@%d", fd);
  CHECK_INT(bu_bind(text, 0, 0, SADDR_BIND_NONBLOCK, &b, &err), 0);
  CHECK_INT(b->count, 1);
  CHECK_INT(b->sock[0].fd, fd);
  CHECK(bu_cloexec(fd));
  CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
  const saddr_addr *r = &b->sock[0].requested;
  CHECK_INT(r->family, AF_INET);
  CHECK_INT(r->type, SOCK_STREAM);
  CHECK_INT(r->protocol, IPPROTO_TCP);
  CHECK(r->flags & SADDR_ADDR_INHERITED);
  CHECK_INT(b->sock[0].v6only, -1);
  CHECK_INT(bu_bound_port(&b->sock[0]), port);
  char       compact[SADDR_FORMAT_MAX];
  saddr_addr ba = bu_bound(&b->sock[0]);
  saddr_format_addr(&ba, SADDR_FORMAT_COMPACT, compact, sizeof compact, &err);
  char want[32];
  snprintf(want, sizeof want, "127.0.0.1:%u", port);
  CHECK_STR(compact, want);
  CHECK_INT(bu_client(SOCK_STREAM, "127.0.0.1", port), 0);
  CHECK_INT(bu_accept(fd, SOCK_STREAM), AF_INET);
  saddr_bound_free(b);
  CHECK(!bu_open(fd));
}

/* Other kinds that adopt: UDP with dgram+, AF_UNIX, IPv6 with its V6ONLY,
 * a bound stream socket that does not listen under SADDR_BIND_NO_LISTEN. */
static void check_adopt_kinds(void) {
  static const struct {
    int         family, type;
    bool        listening;
    const char *prefix;
    unsigned    flags;
  } kinds[] = {
      {AF_INET, SOCK_DGRAM, false, "dgram+", 0},
      {AF_INET6, SOCK_STREAM, true, "AF_INET6+", 0},
      {AF_UNIX, SOCK_STREAM, true, "", 0},
      {AF_UNIX, SOCK_SEQPACKET, true, "seqpacket+AF_UNIX+", 0},
      {AF_INET, SOCK_STREAM, false, "", SADDR_BIND_NO_LISTEN},
  };
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    int          fd = make_socket(kinds[i].family, kinds[i].type, true,
                                  kinds[i].listening, FD_A);
    char         text[64];
    saddr_bound *b;
    saddr_error  err;
    snprintf(text, sizeof text, "%sfd@%d", kinds[i].prefix, fd);
    int rc = bu_bind(text, 0, 0, kinds[i].flags, &b, &err);
    CHECK_CTX(rc == 0, "kind %zu '%s': %s", i, text, err.message);
    if (rc != 0) {
      close(fd);
      continue;
    }
    CHECK_INT(b->sock[0].requested.family, kinds[i].family);
    CHECK_INT(b->sock[0].requested.type, kinds[i].type);
    saddr_addr     ba = bu_bound(&b->sock[0]);
    saddr_sockaddr sa;
    socklen_t      n = sizeof sa;
    getsockname(fd, &sa.sa, &n);
    CHECK_CTX(ba.len == n && memcmp(&ba.sa, &sa, n) == 0,
              "kind %zu: bound address differs", i);
    if (kinds[i].family == AF_INET6)
      CHECK_INT(b->sock[0].v6only, bu_opt(fd, IPPROTO_IPV6, IPV6_V6ONLY));
    saddr_bound_free(b);
  }
}

/* What each refusal needs at FD_A before the call. */
enum setup { NONE, REGULAR, UDP4, TCP4_BOUND, TCP4_UNBOUND, TCP4_LISTEN, PIPE };

typedef struct refusal {
  enum setup  setup;
  const char *text; /* %d: FD_A */
  int         family, type, protocol;
  int         rc;
  const char *message; /* %d: FD_A */
} refusal;

static const refusal refusals[] = {
    {REGULAR, "fd@%d", 0, 0, 0, SADDR_EINHERIT,
     "fd@%d is a regular file, not a socket"},
    {PIPE, "fd@%d", 0, 0, 0, SADDR_EINHERIT,
     "fd@%d is a pipe or FIFO, not a socket"},
    {UDP4, "fd@%d", 0, 0, 0, SADDR_EINHERIT,
     "fd@%d is a SOCK_DGRAM socket, expected SOCK_STREAM"},
    {TCP4_BOUND, "fd@%d", 0, 0, 0, SADDR_EINHERIT,
     "fd@%d is a SOCK_STREAM socket that does not listen"},
    {TCP4_UNBOUND, "fd@%d", 0, 0, 0, SADDR_EINHERIT,
     "fd@%d is not bound to an address"},
    {TCP4_LISTEN, "fd@%d", AF_INET6, 0, 0, SADDR_EINHERIT,
     "fd@%d is an AF_INET socket, expected AF_INET6"},
    {TCP4_LISTEN, "AF_UNIX+fd@%d", 0, 0, 0, SADDR_EINHERIT,
     "fd@%d is an AF_INET socket, expected AF_UNIX"},
    {UDP4, "dgram+fd@%d", 0, 0, IPPROTO_UDPLITE, SADDR_EINHERIT,
     "fd@%d has protocol 17, expected 136"},
    {NONE, "fd@%d", 0, 0, 0, SADDR_ENOINHERIT,
     "fd@%d: descriptor %d is not open"},
    {TCP4_LISTEN, "fd@2", 0, 0, 0, SADDR_ERANGE,
     "fd@2 is standard error: inherited sockets are descriptors "
     "3-2147483647"},
    {TCP4_LISTEN, "fd@99999999999", 0, 0, 0, SADDR_ERANGE,
     "descriptor must be 3-2147483647"},
};

static void setup(enum setup s) {
  close(FD_A);
  if (s == REGULAR) {
    char path[64];
    snprintf(path, sizeof path, "%s/file", dir);
    int f = open(path, O_RDWR | O_CREAT, 0600);
    CHECK(f >= 0 && dup2(f, FD_A) == FD_A);
    close(f);
  } else if (s == PIPE) {
    int p[2];
    CHECK(pipe(p) == 0 && dup2(p[0], FD_A) == FD_A);
    close(p[0]);
    close(p[1]);
  } else if (s == UDP4) {
    make_socket(AF_INET, SOCK_DGRAM, true, false, FD_A);
  } else if (s != NONE) {
    make_socket(AF_INET, SOCK_STREAM, s != TCP4_UNBOUND, s == TCP4_LISTEN,
                FD_A);
  }
}

/* Each refusal is its own error with a message naming the descriptor and
 * what differs; the descriptor stays open, the same object, without
 * FD_CLOEXEC or O_NONBLOCK, and standard error is untouched. */
static void check_refusals(void) {
  for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
    const refusal *r = &refusals[i];
    setup(r->setup);
    ino_t before = inode_of(FD_A);
    int   fl     = fcntl(FD_A, F_GETFL);
    char  text[64], want[SADDR_MESSAGE_MAX];
    snprintf(text, sizeof text, r->text, FD_A);
    snprintf(want, sizeof want, r->message, FD_A, FD_A);
    saddr_hints h = {
        .family = r->family, .type = r->type, .protocol = r->protocol};
    saddr_bind_opts o = {SADDR_BIND_NONBLOCK, 0, NULL, NULL};
    saddr_bound    *b = NULL;
    saddr_error     err;
    memset(&err, 0, sizeof err);
    int rc = saddr_bind(text, strlen(text), &h, &o, &b, &err);
    CHECK_CTX(rc == r->rc, "refusal %zu '%s': rc %d (%s), expected %d", i, text,
              rc, err.message, r->rc);
    CHECK_CTX(strcmp(err.message, want) == 0,
              "refusal %zu: message \"%s\", expected \"%s\"", i, err.message,
              want);
    CHECK_CTX((err.offset == 0 && err.length == strlen(text)) ||
                  r->rc == SADDR_ERANGE,
              "refusal %zu: span %zu+%zu", i, err.offset, err.length);
    if (r->setup != NONE) {
      CHECK_CTX(bu_open(FD_A) && inode_of(FD_A) == before,
                "refusal %zu: descriptor closed or replaced", i);
      CHECK_CTX(!bu_cloexec(FD_A) && fcntl(FD_A, F_GETFL) == fl,
                "refusal %zu: descriptor flags changed", i);
    }
    CHECK(bu_open(2));
    if (rc == 0)
      saddr_bound_free(b);
  }
  close(FD_A);
}

/* A set that fails after adopting gives the adopted socket back open. */
static void check_set_failure(void) {
  int fd = make_socket(AF_INET, SOCK_STREAM, true, true, FD_A);
  close(FD_B);
  saddr_addr  a[2];
  saddr_error err;
  CHECK_INT(saddr_parse_addr("fd@40", 5, NULL, &a[0], &err), 0);
  CHECK_INT(saddr_parse_addr("fd@41", 5, NULL, &a[1], &err), 0);
  saddr_bound *b = NULL;
  CHECK_INT(saddr_bind_addrs(a, 2, NULL, &b, &err), SADDR_ENOINHERIT);
  CHECK(bu_open(fd));
  CHECK_INT(saddr_bind_addrs(a, 1, NULL, &b, &err), 0);
  CHECK_INT(b->sock[0].fd, fd);
  /* saddr_bind_addr takes a reference too. */
  b->sock[0].fd = -1;
  saddr_bound_free(b);
  saddr_bound_socket s;
  CHECK_INT(saddr_bind_addr(&a[0], NULL, &s, &err), 0);
  CHECK_INT(s.fd, fd);
  close(fd);
}

/* ---- systemd's variables, one forked child per case ------------------- */

static void set_env(long pid, const char *fds, const char *names) {
  char p[32];
  snprintf(p, sizeof p, "%ld", pid);
  setenv("LISTEN_PID", p, 1);
  setenv("LISTEN_FDS", fds, 1);
  if (names)
    setenv("LISTEN_FDNAMES", names, 1);
  else
    unsetenv("LISTEN_FDNAMES");
}

/* Runs fn in a child and checks that every check there passed. */
static void in_child(const char *what, void (*fn)(void)) {
  fflush(stderr);
  pid_t pid = fork();
  if (pid == 0) {
    th_failures = 0;
    alarm(20);
    fn();
    _exit(th_failures == 0 ? 0 : 1);
  }
  int status = -1;
  CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
  CHECK_CTX(WIFEXITED(status) && WEXITSTATUS(status) == 0,
            "child '%s' failed (status %d)", what, status);
}

static int bind_text(const char *text, unsigned flags, saddr_bound **b,
                     saddr_error *err) {
  return bu_bind(text, 0, 0, flags, b, err);
}

/* Two named sockets at 3 and 4: sd@NAME and sd@INDEX find them, each is
 * adopted once, unknown names and indexes are precise errors, and unset
 * removes the variables. */
static void child_names(void) {
  make_socket(AF_INET, SOCK_STREAM, true, true, 3);
  make_socket(AF_INET, SOCK_DGRAM, true, false, 4);
  set_env(getpid(), "2", "web:dns");
  saddr_error err;
  CHECK_INT(saddr_listen_fds(SADDR_LISTEN_UNSETENV, &err), 2);
  CHECK(getenv("LISTEN_PID") == NULL && getenv("LISTEN_FDS") == NULL &&
        getenv("LISTEN_FDNAMES") == NULL);
  saddr_bound *b, *c;
  CHECK_INT(bind_text("sd@web", 0, &b, &err), 0);
  CHECK_INT(b->sock[0].fd, 3);
  CHECK(bu_cloexec(3));
  CHECK_INT(bind_text("sd@dns", 0, &c, &err), SADDR_EINHERIT);
  CHECK_STR(err.message,
            "sd@dns (descriptor 4) is a SOCK_DGRAM socket, expected "
            "SOCK_STREAM");
  CHECK(bu_open(4));
  CHECK_INT(bind_text("dgram+sd@dns", 0, &c, &err), 0);
  CHECK_INT(c->sock[0].fd, 4);
  CHECK_INT(bu_client(SOCK_DGRAM, "127.0.0.1", port_of(4)), 0);
  CHECK_INT(bu_accept(4, SOCK_DGRAM), AF_INET);
  saddr_bound *d;
  CHECK_INT(bind_text("sd@0", 0, &d, &err), SADDR_ENOINHERIT);
  CHECK_STR(err.message, "sd@0 (descriptor 3) was adopted already");
  CHECK_INT(bind_text("fd@3", 0, &d, &err), SADDR_ENOINHERIT);
  CHECK_STR(err.message, "fd@3: the socket was adopted already");
  CHECK_INT(bind_text("sd@nope", 0, &d, &err), SADDR_ENOINHERIT);
  CHECK_STR(err.message, "sd@nope: none of the 2 sockets passed has that name");
  CHECK_INT(bind_text("sd@2", 0, &d, &err), SADDR_ENOINHERIT);
  CHECK_STR(err.message, "sd@2: 2 sockets were passed to this process");
  saddr_bound_free(b);
  saddr_bound_free(c);
  CHECK(!bu_open(3) && !bu_open(4));
}

/* LISTEN_PID of another process: nothing is adopted, the passed socket is
 * left alone, and an ordinary bind to its address fails as it would
 * without the flag. */
static void child_other_pid(void) {
  int fd = make_socket(AF_INET, SOCK_STREAM, true, true, 3);
  set_env(getppid(), "1", NULL);
  saddr_error err;
  CHECK_INT(saddr_listen_fds(0, &err), 0);
  saddr_bound *b = NULL;
  CHECK_INT(bind_text("sd@0", 0, &b, &err), SADDR_ENOINHERIT);
  char want[SADDR_MESSAGE_MAX];
  snprintf(want, sizeof want,
           "sd@0: no sockets were passed to this process (LISTEN_PID is %ld, "
           "this process is %ld)",
           (long)getppid(), (long)getpid());
  CHECK_STR(err.message, want);
  char text[32];
  snprintf(text, sizeof text, "127.0.0.1:%u", port_of(fd));
  CHECK_INT(bind_text(text, SADDR_BIND_INHERIT, &b, &err), SADDR_EADDRINUSE);
  CHECK(bu_open(fd) && !bu_cloexec(fd));
  CHECK_INT(bu_opt(fd, SOL_SOCKET, SO_ACCEPTCONN), 1);
  /* Unsetting after the variables were read still unsets them. */
  CHECK(getenv("LISTEN_PID") != NULL);
  CHECK_INT(saddr_listen_fds(SADDR_LISTEN_UNSETENV, &err), 0);
  CHECK(getenv("LISTEN_PID") == NULL && getenv("LISTEN_FDS") == NULL);
}

/* Without LISTEN_PID, and with malformed variables. */
static void child_unset(void) {
  unsetenv("LISTEN_PID");
  saddr_error  err;
  saddr_bound *b;
  CHECK_INT(saddr_listen_fds(0, &err), 0);
  CHECK_INT(bind_text("sd@web", 0, &b, &err), SADDR_ENOINHERIT);
  CHECK_STR(err.message,
            "sd@web: no sockets were passed to this process (LISTEN_PID is "
            "not set)");
}

static void child_bad_count(void) {
  set_env(getpid(), "2x", NULL);
  saddr_error err;
  CHECK_INT(saddr_listen_fds(0, &err), SADDR_ENOINHERIT);
  CHECK_STR(err.message, "LISTEN_FDS is malformed: not a decimal count");
  saddr_bound *b;
  CHECK_INT(bind_text("sd@0", 0, &b, &err), SADDR_ENOINHERIT);
  CHECK_INT(bind_text("127.0.0.1:0", SADDR_BIND_INHERIT, &b, &err),
            SADDR_ENOINHERIT);
}

/* LISTEN_PID 0 and LISTEN_PID with trailing junk are no process ids: the
 * variables are malformed (an error with no span), not "for another
 * process". */
static void check_bad_pid(const char *pid) {
  setenv("LISTEN_PID", pid, 1);
  setenv("LISTEN_FDS", "1", 1);
  unsetenv("LISTEN_FDNAMES");
  saddr_error err;
  memset(&err, 0, sizeof err);
  CHECK_INT(saddr_listen_fds(0, &err), SADDR_ENOINHERIT);
  CHECK_STR(err.message, "LISTEN_PID is malformed: not a process id");
  CHECK_INT(err.offset, 0);
  CHECK_INT(err.length, 0);
}

static void child_pid_zero(void) { check_bad_pid("0"); }

static void child_pid_junk(void) {
  char pid[32];
  snprintf(pid, sizeof pid, "%ldx", (long)getpid());
  check_bad_pid(pid);
}

static void child_bad_names(void) {
  set_env(getpid(), "2", "web");
  saddr_error err;
  CHECK_INT(saddr_listen_fds(0, &err), SADDR_ENOINHERIT);
  CHECK_STR(err.message,
            "LISTEN_FDNAMES is malformed: fewer names than LISTEN_FDS");
}

static void child_many_names(void) {
  set_env(getpid(), "1", "a:b");
  saddr_error err;
  CHECK_INT(saddr_listen_fds(0, &err), SADDR_ENOINHERIT);
  CHECK_STR(err.message,
            "LISTEN_FDNAMES is malformed: more names than LISTEN_FDS");
}

/* SADDR_BIND_INHERIT: localhost:P adopts both passed loopback sockets and
 * binds nothing; an AF_UNIX path adopts its socket; an address no passed
 * socket covers is bound anew. */
static void child_inherit(void) {
  int      fd4  = make_socket(AF_INET, SOCK_STREAM, true, true, 3);
  uint16_t port = port_of(fd4);
  int      fd6  = socket(AF_INET6, SOCK_STREAM, 0);
  int      one  = 1;
  setsockopt(fd6, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
  struct sockaddr_in6 s6 = {0};
  s6.sin6_family         = AF_INET6;
  s6.sin6_addr           = in6addr_loopback;
  s6.sin6_port           = htons(port);
  bool have6 = fd6 >= 0 && bind(fd6, (struct sockaddr *)&s6, sizeof s6) == 0;
  if (have6) {
    CHECK(listen(fd6, 8) == 0);
    move_to(fd6, 4);
  } else {
    printf("no IPv6 loopback: the [::1] socket is left out\n");
    if (fd6 >= 0)
      close(fd6);
    make_socket(AF_INET, SOCK_DGRAM, true, false, 4);
  }
  make_socket(AF_UNIX, SOCK_STREAM, true, true, 5);
  set_env(getpid(), "3", NULL);
  saddr_error  err;
  saddr_bound *b;
  char         text[160];
  snprintf(text, sizeof text, "localhost:%u", port);
  int rc = bind_text(text, SADDR_BIND_INHERIT, &b, &err);
  CHECK_CTX(rc == 0, "%s: %s", text, err.message);
  if (rc == 0) {
    CHECK_INT(b->count, have6 ? 2 : 1);
    for (size_t i = 0; i < b->count; i++) {
      CHECK(b->sock[i].requested.flags & SADDR_ADDR_INHERITED);
      CHECK(b->sock[i].requested.flags & SADDR_ADDR_LOOPBACK);
      CHECK_INT(b->sock[i].fd, b->sock[i].requested.family == AF_INET ? 3 : 4);
      CHECK_INT(bu_bound_port(&b->sock[i]), port);
    }
    CHECK_INT(bu_client(SOCK_STREAM, "127.0.0.1", port), 0);
    CHECK_INT(bu_accept(3, SOCK_STREAM), AF_INET);
    saddr_bound_free(b);
  }
  snprintf(text, sizeof text, "%s/s5", dir);
  CHECK_INT(bind_text(text, 0, &b, &err), SADDR_EEXIST);
  CHECK_INT(bind_text(text, SADDR_BIND_INHERIT, &b, &err), 0);
  CHECK_INT(b->sock[0].fd, 5);
  saddr_bound_free(b);
  /* Nothing left to adopt: a new socket, not flagged. */
  CHECK_INT(bind_text("127.0.0.1:0", SADDR_BIND_INHERIT, &b, &err), 0);
  CHECK(!(b->sock[0].requested.flags & SADDR_ADDR_INHERITED));
  CHECK(b->sock[0].fd >= 0 &&
        bu_opt(b->sock[0].fd, SOL_SOCKET, SO_ACCEPTCONN) == 1);
  saddr_bound_free(b);
}

/* SADDR_BIND_INHERIT adopts only a passed socket bound to exactly the
 * address asked for: not one bound to another AF_UNIX path, not an unbound
 * AF_UNIX socket for an autobind request, not an IPv6 one for port 0 on its
 * address. saddr_bind_addr reports an adoption as success (0), and a
 * second adoption of the same descriptor as an error with no span. */
static void child_inherit_exact(void) {
  make_socket(AF_UNIX, SOCK_STREAM, true, true, 3);
  make_socket(AF_UNIX, SOCK_DGRAM, false, false, 4);
  int                 fd6 = socket(AF_INET6, SOCK_STREAM, 0);
  struct sockaddr_in6 s6  = {0};
  s6.sin6_family          = AF_INET6;
  s6.sin6_addr            = in6addr_loopback;
  bool have6 = fd6 >= 0 && bind(fd6, (struct sockaddr *)&s6, sizeof s6) == 0 &&
               listen(fd6, 8) == 0;
  if (have6) {
    move_to(fd6, 5);
  } else {
    printf("no IPv6 loopback: the [::1] case is left out\n");
    if (fd6 >= 0)
      close(fd6);
    make_socket(AF_INET, SOCK_DGRAM, true, false, 5);
  }
  set_env(getpid(), "3", NULL);
  saddr_error  err;
  saddr_bound *b;
  char         text[160];
  snprintf(text, sizeof text, "%s/other", dir);
  CHECK_INT(bind_text(text, SADDR_BIND_INHERIT, &b, &err), 0);
  if (b) {
    CHECK(b->sock[0].fd != 3);
    CHECK(!(b->sock[0].requested.flags & SADDR_ADDR_INHERITED));
    saddr_bound_free(b);
  }
  unlink(text);
  CHECK_INT(bu_bind("''", AF_UNIX, SOCK_DGRAM, SADDR_BIND_INHERIT, &b, &err),
            0);
  if (b) {
    CHECK(b->sock[0].fd != 4);
    CHECK(!(b->sock[0].requested.flags & SADDR_ADDR_INHERITED));
    saddr_addr got = bu_bound(&b->sock[0]);
    CHECK_INT(got.len, 2 + 6); /* autobound: "\0" and five hex digits */
    saddr_bound_free(b);
  }
  CHECK(bu_open(4));
  if (have6) {
    CHECK_INT(bind_text("[::1]:0", SADDR_BIND_INHERIT, &b, &err), 0);
    if (b) {
      CHECK(b->sock[0].fd != 5);
      CHECK(!(b->sock[0].requested.flags & SADDR_ADDR_INHERITED));
      CHECK(bu_bound_port(&b->sock[0]) != port_of(5));
      saddr_bound_free(b);
    }
    CHECK(bu_open(5));
  }
  /* The path of descriptor 3 through saddr_bind_addr. */
  snprintf(text, sizeof text, "%s/s3", dir);
  saddr_addr a;
  CHECK_INT(saddr_parse_addr(text, strlen(text), NULL, &a, &err), 0);
  saddr_bind_opts    o = {SADDR_BIND_INHERIT, 0, NULL, NULL};
  saddr_bound_socket s;
  CHECK_INT(saddr_bind_addr(&a, &o, &s, &err), 0);
  CHECK_INT(s.fd, 3);
  CHECK(s.requested.flags & SADDR_ADDR_INHERITED);
  CHECK_INT(saddr_parse_addr("fd@3", 4, NULL, &a, &err), 0);
  memset(&err, 0, sizeof err);
  CHECK_INT(saddr_bind_addr(&a, NULL, &s, &err), SADDR_ENOINHERIT);
  CHECK_STR(err.message, "fd@3: the socket was adopted already");
  CHECK_INT(err.offset, 0);
  CHECK_INT(err.length, 0);
  CHECK(bu_open(3));
}

/* An every-family wildcard whose IPv6 socket was passed dual-stack takes
 * no IPv4 socket of its own; a failing set gives its adoption back. */
static void child_dualstack(void) {
  int fd = socket(AF_INET6, SOCK_STREAM, 0);
  if (fd < 0) {
    printf("SKIP dual-stack case: no IPv6 sockets on this host\n");
    return;
  }
  int zero = 0;
  setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
  struct sockaddr_in6 s6 = {0};
  s6.sin6_family         = AF_INET6;
  CHECK(bind(fd, (struct sockaddr *)&s6, sizeof s6) == 0 && listen(fd, 8) == 0);
  move_to(fd, 3);
  set_env(getpid(), "1", "http");
  uint16_t port = port_of(3);
  char     text[32];
  snprintf(text, sizeof text, "*:%u", port);
  saddr_error  err;
  saddr_bound *b;
  /* The set fails on its second address and gives descriptor 3 back. */
  saddr_addr a[2];
  CHECK_INT(saddr_parse_addr("[::]:1", 6, NULL, &a[0], &err), 0);
  a[0].sa.in6.sin6_port = htons(port);
  a[0].flags            = SADDR_ADDR_WILDCARD;
  CHECK_INT(saddr_parse_addr("fd@9", 4, NULL, &a[1], &err), 0);
  close(9);
  saddr_bind_opts o = {SADDR_BIND_INHERIT, 0, NULL, NULL};
  CHECK_INT(saddr_bind_addrs(a, 2, &o, &b, &err), SADDR_ENOINHERIT);
  CHECK(bu_open(3));
  int rc = bind_text(text, SADDR_BIND_INHERIT, &b, &err);
  CHECK_CTX(rc == 0, "%s: %s", text, err.message);
  if (rc != 0)
    return;
  CHECK_INT(b->count, 1);
  CHECK_INT(b->sock[0].fd, 3);
  CHECK_INT(b->sock[0].v6only, 0);
  CHECK_INT(bu_client(SOCK_STREAM, "127.0.0.1", port), 0);
  CHECK_INT(bu_accept(3, SOCK_STREAM), AF_INET);
  saddr_bound_free(b);
}

int main(void) {
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  check_adopt_fd();
  check_adopt_kinds();
  check_refusals();
  check_set_failure();
  in_child("names", child_names);
  in_child("other pid", child_other_pid);
  in_child("unset", child_unset);
  in_child("bad count", child_bad_count);
  in_child("bad names", child_bad_names);
  in_child("pid 0", child_pid_zero);
  in_child("pid junk", child_pid_junk);
  in_child("many names", child_many_names);
  in_child("inherit", child_inherit);
  in_child("inherit exact", child_inherit_exact);
  in_child("dual-stack", child_dualstack);
  char cmd[64];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", dir);
  return th_done();
}
