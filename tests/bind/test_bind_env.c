/* Binding on hosts unlike this one, made real in child processes:
 *  - a host without IPv6: a seccomp filter makes socket(AF_INET6, ...) fail
 *    with EAFNOSUPPORT, as the kernel does when IPv6 is absent;
 *  - a port-0 clash: a private network namespace whose ephemeral range is
 *    two ports, one of them held in IPv4, so that the first IPv6 port the
 *    kernel offers is taken in IPv4 and the set must be tried again.
 * Each child runs its checks and exits with their verdict. */
#include "bind_util.h"

#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static int in_child(void (*fn)(void)) {
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid == 0) {
    fn();
    fflush(stderr);
    _exit(th_failures ? 1 : 0);
  }
  int st = 0;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* The filter checks only the syscall number and the first argument: the
 * child makes no foreign-ABI system calls. */
static bool refuse_ipv6_sockets(void) {
  struct sock_filter f[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_socket, 0, 3),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
               offsetof(struct seccomp_data, args[0])),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_INET6, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EAFNOSUPPORT),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog prog = {(unsigned short)(sizeof f / sizeof f[0]), f};
  return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 &&
         prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == 0;
}

static void no_ipv6(void) {
  CHECK(refuse_ipv6_sockets());
  CHECK_INT(socket(AF_INET6, SOCK_STREAM, 0), -1);
  CHECK_INT(errno, EAFNOSUPPORT);
  static const struct {
    const char *spec;
    unsigned    flags;
  } ok[] = {{"*:0", 0},
            {"*:0", SADDR_BIND_DUALSTACK},
            {"localhost:0", 0},
            {"('', 0)", 0}};
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    saddr_bound *b;
    saddr_error  err;
    int          rc = bu_bind(ok[i].spec, 0, 0, ok[i].flags, &b, &err);
    CHECK_CTX(rc == 0, "%s: %s", ok[i].spec, err.message);
    if (rc != 0)
      continue;
    CHECK_CTX(b->count == 1 && bu_bound(&b->sock[0]).family == AF_INET,
              "%s: one IPv4 socket", ok[i].spec);
    uint16_t port = bu_bound_port(&b->sock[0]);
    CHECK_INT(bu_client(SOCK_STREAM, "127.0.0.1", port), 0);
    CHECK_INT(bu_accept(b->sock[0].fd, SOCK_STREAM), AF_INET);
    saddr_bound_free(b);
  }
  saddr_bound *b;
  saddr_error  err;
  CHECK_INT(bu_bind("[::]:0", 0, 0, 0, &b, &err), SADDR_ENOTSUP);
  CHECK_INT(err.sys_errno, EAFNOSUPPORT);
  CHECK_INT(bu_bind("[::1]:0", 0, 0, 0, &b, &err), SADDR_ENOTSUP);
}

static bool write_text(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  bool ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
  close(fd);
  return ok;
}

/* A network namespace of our own: as root directly, else inside a user
 * namespace that maps us to root. */
static bool private_netns(void) {
  if (unshare(CLONE_NEWNET) == 0)
    return true;
  char  map[64];
  uid_t uid = getuid();
  gid_t gid = getgid();
  if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0)
    return false;
  snprintf(map, sizeof map, "0 %u 1", (unsigned)uid);
  bool ok = write_text("/proc/self/setgroups", "deny") &&
            write_text("/proc/self/uid_map", map);
  snprintf(map, sizeof map, "0 %u 1", (unsigned)gid);
  return ok && write_text("/proc/self/gid_map", map);
}

/* Holds 0.0.0.0:port; returns the socket. */
static int hold_v4(int type, uint16_t port) {
  saddr_addr         a;
  saddr_bound_socket s;
  saddr_error        err;
  saddr_hints        h = {.family = AF_INET, .type = type};
  char               spec[32];
  snprintf(spec, sizeof spec, "0.0.0.0:%u", port);
  if (saddr_parse_addr(spec, strlen(spec), &h, &a, &err) < 0 ||
      saddr_bind_addr(&a, NULL, &s, &err) < 0)
    return -1;
  return s.fd;
}

/* TCP's port search already skips ports any family holds; UDP's picks
 * either port at random, so about half of the UDP tries clash and succeed
 * only through the retry. */
static void clash_type(int type) {
  int held = hold_v4(type, 40000);
  CHECK(held >= 0);
  for (int i = 0; i < 16; i++) {
    saddr_bound *b;
    saddr_error  err;
    int          rc = bu_bind("*:0", 0, type, 0, &b, &err);
    CHECK_CTX(rc == 0, "type %d try %d: %s", type, i, err.message);
    if (rc != 0)
      continue;
    CHECK_INT(b->count, 2);
    CHECK_INT(bu_bound_port(&b->sock[0]), 40001);
    CHECK_INT(bu_bound_port(&b->sock[1]), 40001);
    saddr_bound_free(b);
  }
  /* Every port of the range held in IPv4: no set can form. */
  int held2 = hold_v4(type, 40001);
  CHECK(held2 >= 0);
  saddr_bound *b;
  saddr_error  err;
  CHECK_INT(bu_bind("*:0", 0, type, 0, &b, &err), SADDR_EADDRINUSE);
  CHECK_INT(err.sys_errno, EADDRINUSE);
  /* Nothing of the failed call stays open: both ports are free in IPv6. */
  CHECK_INT(bu_bind("[::]:40000", 0, type, 0, &b, &err), 0);
  saddr_bound_free(b);
  CHECK_INT(bu_bind("[::]:40001", 0, type, 0, &b, &err), 0);
  saddr_bound_free(b);
  close(held);
  close(held2);
}

static void port_clash(void) {
  CHECK(private_netns());
  CHECK(write_text("/proc/sys/net/ipv4/ip_local_port_range", "40000 40001"));
  clash_type(SOCK_STREAM);
  clash_type(SOCK_DGRAM);
}

int main(void) {
  CHECK_INT(in_child(no_ipv6), 0);
  CHECK_INT(in_child(port_clash), 0);
  return th_done();
}
