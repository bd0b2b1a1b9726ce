/* saddr bind: bind everything a spec stands for, print the sockets, and
 * optionally keep them listening for a while. */
#include "cli.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "usage: saddr bind [-f FAMILY] [-t TYPE] [-p PROTO] [--port N]\n"
    "                  [--dualstack] [--reuseport] [--replace-stale]\n"
    "                  [--inherit] [--hold SECONDS] [--hosts FILE]\n"
    "                  [--services FILE] [--json] SPEC\n"
    "\n"
    "Binds every address SPEC stands for and prints each socket with the\n"
    "address it asked for and the address it got (getsockname). '*:0' binds\n"
    "IPv6 (IPV6_V6ONLY=1) and IPv4 on one port; --dualstack binds IPv6\n"
    "wildcards with IPV6_V6ONLY=0 instead. Stream sockets listen. Service\n"
    "names are read from --services (default /etc/services) and host names\n"
    "from --hosts (default /etc/hosts) only: bind does no DNS. An existing\n"
    "AF_UNIX path is an error; --replace-stale replaces a socket file\n"
    "nothing accepts on. --hold keeps the sockets open for SECONDS,\n"
    "accepting and closing connections, then exits.\n"
    "SPEC fd@N adopts descriptor N, sd@NAME or sd@INDEX a socket passed by\n"
    "systemd (LISTEN_FDS); --inherit makes an ordinary SPEC adopt the\n"
    "passed sockets bound to its addresses and bind only the others.\n";

typedef struct bind_args {
  unsigned    flags;
  double      hold;
  const char *hosts;
  const char *services;
} bind_args;

static int usage_error(const char *message) {
  return cli_usage_error("'saddr help bind' lists the options", "%s", message);
}

static int flag_option(bind_args *a, const char *opt) {
  if (strcmp(opt, "--dualstack") == 0)
    a->flags |= SADDR_BIND_DUALSTACK;
  else if (strcmp(opt, "--reuseport") == 0)
    a->flags |= SADDR_BIND_REUSEPORT;
  else if (strcmp(opt, "--replace-stale") == 0)
    a->flags |= SADDR_BIND_REPLACE_STALE;
  else if (strcmp(opt, "--inherit") == 0)
    a->flags |= SADDR_BIND_INHERIT;
  else
    return 0;
  return 1;
}

static int extra(void *ctx, int argc, char **argv, int i) {
  bind_args  *a    = ctx;
  const char *opt  = argv[i];
  int         used = flag_option(a, opt);
  if (used != 0)
    return used;
  bool known = strcmp(opt, "--hold") == 0 || strcmp(opt, "--hosts") == 0 ||
               strcmp(opt, "--services") == 0;
  if (!known)
    return 0;
  if (i + 1 >= argc)
    return usage_error("this option needs a value");
  const char *v = argv[i + 1];
  if (strcmp(opt, "--hosts") == 0) {
    a->hosts = v;
  } else if (strcmp(opt, "--services") == 0) {
    a->services = v;
  } else {
    char *end;
    a->hold = strtod(v, &end);
    if (v[0] < '0' || v[0] > '9' || *end != '\0' || !(a->hold <= 31536000))
      return usage_error("--hold needs 0-31536000 seconds");
  }
  return 2;
}

static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Takes whatever arrives: connections are accepted and closed, datagrams
 * read and dropped. The sockets are non-blocking, so a client that left
 * between poll and accept costs nothing. */
static void drain(int fd, int type) {
  if (type == SOCK_STREAM || type == SOCK_SEQPACKET) {
    int c = accept(fd, NULL, NULL);
    if (c >= 0)
      close(c);
  } else {
    char buf[512];
    (void)recv(fd, buf, sizeof buf, 0);
  }
}

/* saddr_bind gives at most SADDR_HOSTS_ADDRS_MAX sockets: one per address
 * of a host name, or two for an every-family wildcard. */
static void hold(const saddr_bound *b, double seconds) {
  struct pollfd p[SADDR_HOSTS_ADDRS_MAX];
  nfds_t        n = 0;
  while (n < b->count && n < SADDR_HOSTS_ADDRS_MAX) {
    p[n] = (struct pollfd){b->sock[n].fd, POLLIN, 0};
    n++;
  }
  long long end = now_ms() + (long long)(seconds * 1000);
  for (long long left = end - now_ms(); left > 0; left = end - now_ms()) {
    int ms = left > 1000000 ? 1000000 : (int)left;
    if (poll(p, n, ms) <= 0)
      continue;
    for (nfds_t i = 0; i < n; i++)
      if (p[i].revents & POLLIN)
        drain(p[i].fd, b->sock[i].requested.type);
  }
}

static int run(const bind_args *a, const cli_common *c) {
  saddr_bind_opts o   = {a->flags | SADDR_BIND_NONBLOCK, 0, NULL, NULL};
  saddr_error     err = {0};
  saddr_bound    *b   = NULL;
  int             rc;
  if ((!a->hosts || (o.hosts = saddr_hosts_open(a->hosts))) &&
      (!a->services || (o.services = saddr_services_open(a->services)))) {
    rc = saddr_bind(c->spec, strlen(c->spec), &c->hints, &o, &b, &err);
  } else {
    rc = err.code = SADDR_ENOMEM;
    snprintf(err.message, sizeof err.message, "out of memory");
  }
  saddr_hosts_close(o.hosts);
  saddr_services_close(o.services);
  if (rc < 0)
    return cli_fail(&err);
  if (!c->json)
    printf("%-12s %-14s %-5s %-4s %-28s %s\n", "FAMILY", "TYPE", "PROTO", "LEN",
           "COMPACT", "TUPLE");
  for (size_t i = 0; i < b->count; i++) {
    char       bound[SADDR_FORMAT_MAX];
    saddr_addr ba;
    if (saddr_bound_addr(&b->sock[i], &ba, &err) < 0 ||
        saddr_format_addr(&ba, SADDR_FORMAT_COMPACT, bound, sizeof bound,
                          &err) < 0)
      snprintf(bound, sizeof bound, "?");
    cli_emit(c, &b->sock[i].requested, bound);
  }
  fflush(stdout);
  if (a->hold > 0)
    hold(b, a->hold);
  saddr_bound_free(b);
  return 0;
}

int cmd_bind(int argc, char **argv) {
  cli_common c;
  bind_args  a  = {0};
  int        rc = cli_args(argc, argv, usage, extra, &a, &c);
  if (rc != 0)
    return rc > 0 ? 0 : 2;
  return run(&a, &c);
}
