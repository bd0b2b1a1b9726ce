/* Starting, probing and stopping the benchmark's own dnsmasq. */
#include "dnsload.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* A port nothing listens on now (UDP and TCP), or 0. dnsmasq binds it a
 * moment later; a clash shows up as dnsmasq exiting and is retried. */
static uint16_t free_port(void) {
  struct sockaddr_in sin;
  socklen_t          len  = sizeof sin;
  uint16_t           port = 0;
  int                u    = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  int                t    = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  memset(&sin, 0, sizeof sin);
  sin.sin_family      = AF_INET;
  sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (u >= 0 && t >= 0 && bind(u, (struct sockaddr *)&sin, sizeof sin) == 0 &&
      getsockname(u, (struct sockaddr *)&sin, &len) == 0 &&
      bind(t, (struct sockaddr *)&sin, sizeof sin) == 0)
    port = ntohs(sin.sin_port);
  if (u >= 0)
    close(u);
  if (t >= 0)
    close(t);
  return port;
}

static int write_config(const dl_server *s, char *path, size_t cap) {
  FILE *f;
  snprintf(path, cap, "%s/dnsmasq.conf", s->dir);
  f = fopen(path, "w");
  if (!f)
    return -1;
  fprintf(f,
          "port=%u\nlisten-address=127.0.0.1\nbind-interfaces\n"
          "no-resolv\nno-hosts\nlocal=/bench.test/\npid-file=\n"
          "log-facility=/dev/null\ncache-size=0\n",
          s->port);
  for (unsigned k = 0; k < DNSLOAD_NAMES; k++)
    fprintf(f, "host-record=h%u.bench.test,10.0.%u.%u,%u\n", k, k / 256,
            k % 256, DNSLOAD_TTL);
  return fclose(f) == 0 ? 0 : -1;
}

/* Sends an A query for h0.bench.test and waits up to 200 ms for a reply. */
static bool answers(uint16_t port) {
  static const unsigned char q[] = {
      0x51, 0x0e, 0x01, 0x00, 0,   1, 0,   0,   0,   0,   0, 0, 2, 'h', '0', 5,
      'b',  'e',  'n',  'c',  'h', 4, 't', 'e', 's', 't', 0, 0, 1, 0,   1};
  struct sockaddr_in sin;
  unsigned char      buf[512];
  bool               ok = false;
  int                fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return false;
  memset(&sin, 0, sizeof sin);
  sin.sin_family      = AF_INET;
  sin.sin_port        = htons(port);
  sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (sendto(fd, q, sizeof q, 0, (struct sockaddr *)&sin, sizeof sin) > 0) {
    struct pollfd p = {fd, POLLIN, 0};
    ok = poll(&p, 1, 200) == 1 && recv(fd, buf, sizeof buf, 0) > 12 &&
         buf[0] == q[0] && buf[1] == q[1];
  }
  close(fd);
  return ok;
}

static pid_t spawn(const char *dnsmasq, const char *conf) {
  pid_t pid = fork();
  if (pid == 0) {
    char arg[4200];
    int  null = open("/dev/null", O_RDWR);
    snprintf(arg, sizeof arg, "--conf-file=%s", conf);
    if (null >= 0) {
      dup2(null, 0);
      dup2(null, 1);
    }
    execl(dnsmasq, dnsmasq, "--keep-in-foreground", arg, (char *)NULL);
    _exit(127);
  }
  return pid;
}

/* Waits up to 5 s for dnsmasq to answer; false if it died or stayed
 * silent. */
static bool wait_ready(dl_server *s) {
  for (int tries = 0; tries < 25; tries++) {
    int st;
    if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
      s->pid = 0;
      return false;
    }
    if (answers(s->port))
      return true;
  }
  return false;
}

int dl_server_start(dl_server *s, const char *dnsmasq, uint16_t port) {
  char conf[256];
  memset(s, 0, sizeof s[0]);
  snprintf(s->dir, sizeof s->dir, "/tmp/saddr-dnsload-XXXXXX");
  if (!mkdtemp(s->dir)) {
    perror("dnsload: mkdtemp");
    return -1;
  }
  for (int attempt = 0; attempt < 5; attempt++) {
    s->port = port ? port : free_port();
    if (s->port == 0 || write_config(s, conf, sizeof conf) != 0)
      break;
    s->pid = spawn(dnsmasq, conf);
    if (s->pid > 0 && wait_ready(s))
      return 0;
    dl_server_stop(s);
    if (port)
      break;
  }
  fprintf(stderr, "dnsload: could not start %s on 127.0.0.1\n", dnsmasq);
  dl_server_stop(s);
  return -1;
}

void dl_server_stop(dl_server *s) {
  char path[128];
  if (s->pid > 0) {
    kill(s->pid, SIGTERM);
    waitpid(s->pid, NULL, 0);
    s->pid = 0;
  }
  if (s->dir[0] == '\0')
    return;
  snprintf(path, sizeof path, "%s/dnsmasq.conf", s->dir);
  unlink(path);
  if (rmdir(s->dir) != 0 && errno != ENOENT)
    perror("dnsload: rmdir");
  s->dir[0] = '\0';
}

double dl_server_cpu(const dl_server *s) {
  char               path[64], buf[1024];
  unsigned long long ut, st;
  const char        *p;
  FILE              *f;
  size_t             n;
  snprintf(path, sizeof path, "/proc/%d/stat", (int)s->pid);
  f = fopen(path, "r");
  if (!f)
    return -1;
  n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  /* Fields 14 and 15 (utime, stime) follow the parenthesised command. */
  p = strrchr(buf, ')');
  if (!p ||
      sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
             &ut, &st) != 2)
    return -1;
  return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}
