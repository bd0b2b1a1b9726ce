/* Test helper: runs dnsmasq on 127.0.0.1 at a free port with the records a
 * test gives, and nothing of the machine's configuration (no resolv.conf,
 * no /etc/hosts, no config file, no upstream). Names under .test that it
 * does not know are NXDOMAIN. */
#ifndef SADDR_TEST_DNSMASQ_H
#define SADDR_TEST_DNSMASQ_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TD_DNSMASQ "/usr/sbin/dnsmasq"

typedef struct td_dnsmasq {
  pid_t pid;
  int   port;
  char  server[32]; /* "127.0.0.1:PORT" */
} td_dnsmasq;

/* A port free for both UDP and TCP on 127.0.0.1 right now. */
static int td_free_port(void) {
  for (int attempt = 0; attempt < 50; attempt++) {
    struct sockaddr_in a   = {.sin_family      = AF_INET,
                              .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t          len = sizeof(a);
    int u = socket(AF_INET, SOCK_DGRAM, 0), t = socket(AF_INET, SOCK_STREAM, 0);
    int port = -1;
    if (u >= 0 && t >= 0 && bind(u, (struct sockaddr *)&a, sizeof(a)) == 0 &&
        getsockname(u, (struct sockaddr *)&a, &len) == 0 &&
        bind(t, (struct sockaddr *)&a, sizeof(a)) == 0)
      port = ntohs(a.sin_port);
    if (u >= 0)
      close(u);
    if (t >= 0)
      close(t);
    if (port > 0)
      return port;
  }
  return -1;
}

/* Sends one A query for probe.test and waits up to ms for any reply. */
static int td_probe(int port, int ms) {
  static const unsigned char q[] = {
      0x12, 0x34, 1,   0,   0, 1,   0,   0,   0,   0, 0, 0, 5, 'p',
      'r',  'o',  'b', 'e', 4, 't', 'e', 's', 't', 0, 0, 1, 0, 1};
  struct sockaddr_in a  = {.sin_family      = AF_INET,
                           .sin_port        = htons((uint16_t)port),
                           .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  int                fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0)
    return -1;
  unsigned char buf[512];
  int           ok = -1;
  if (sendto(fd, q, sizeof(q), 0, (struct sockaddr *)&a, sizeof(a)) > 0) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    if (poll(&p, 1, ms) == 1 && recv(fd, buf, sizeof(buf), 0) > 0)
      ok = 0;
  }
  close(fd);
  return ok;
}

static void td_dnsmasq_stop(td_dnsmasq *d) {
  if (d->pid > 0) {
    kill(d->pid, SIGTERM);
    waitpid(d->pid, NULL, 0);
    d->pid = 0;
  }
}

static pid_t td_spawn(int port, const char *const *records) {
  char        portarg[32];
  const char *argv[128];
  size_t      n = 0;
  snprintf(portarg, sizeof(portarg), "--port=%d", port);
  static const char *const base[] = {TD_DNSMASQ,
                                     "--keep-in-foreground",
                                     "--no-resolv",
                                     "--no-hosts",
                                     "--conf-file=/dev/null",
                                     "--listen-address=127.0.0.1",
                                     "--bind-interfaces",
                                     "--pid-file=",
                                     "--log-facility=/dev/null",
                                     "--local=/test/",
                                     "--no-negcache"};
  for (size_t i = 0; i < sizeof(base) / sizeof(base[0]); i++)
    argv[n++] = base[i];
  argv[n++] = portarg;
  for (size_t i = 0; records && records[i] && n < 127; i++)
    argv[n++] = records[i];
  argv[n] = NULL;
  /* dnsmasq dies with the test (PR_SET_PDEATHSIG), even when the test
   * crashes or is killed; as root it must keep its user for that, since a
   * change of credentials clears the death signal. */
  if (geteuid() == 0 && n < 127)
    argv[n++] = "--user=root", argv[n++] = "--group=root";
  argv[n]      = NULL;
  pid_t parent = getpid();
  pid_t pid    = fork();
  if (pid == 0) {
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
      _exit(127);
    execv(TD_DNSMASQ, (char *const *)argv);
    _exit(127);
  }
  return pid;
}

/* Starts dnsmasq with the extra arguments in records (NULL-terminated).
 * Returns 0 once it answers, or -1. */
static int td_dnsmasq_start(td_dnsmasq *d, const char *const *records) {
  memset(d, 0, sizeof(*d));
  for (int attempt = 0; attempt < 5; attempt++) {
    int   port = td_free_port();
    pid_t pid  = port > 0 ? td_spawn(port, records) : -1;
    if (pid <= 0)
      continue;
    for (int i = 0; i < 60; i++) {
      if (waitpid(pid, NULL, WNOHANG) == pid) {
        pid = 0;
        break;
      }
      if (td_probe(port, 50) == 0) {
        d->pid  = pid;
        d->port = port;
        snprintf(d->server, sizeof(d->server), "127.0.0.1:%d", port);
        return 0;
      }
    }
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, NULL, 0);
    }
  }
  return -1;
}

#endif
