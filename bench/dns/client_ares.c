/* Bare c-ares (ares_getaddrinfo, A only) under the same load as saddr's
 * resolver: the anchor for the library-added cost. The channel is pointed at
 * the benchmark's dnsmasq only, with lookups "b" (no hosts file) and no
 * search domains, so that nothing else is ever asked. The call is the one
 * saddr makes: no service (c-ares 1.18 would look a numeric service up in
 * the services database first) and ARES_AI_NOSORT (sorting costs a UDP
 * connect per address). */
#include "dnsload.h"

#include <ares.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

typedef struct aslot {
  struct aload *load;
  double        start;
} aslot;

typedef struct aload {
  ares_channel channel;
  dl_run      *run;
  double       end;
  uint64_t     next;
  size_t       pending;
} aload;

static void answered(void *arg, int status, int timeouts,
                     struct ares_addrinfo *res);

static void issue(aslot *s) {
  aload                     *l = s->load;
  struct ares_addrinfo_hints hints;
  char                       name[64];
  double                     now = dl_now();
  if (now >= l->end)
    return;
  dl_name(l->next++, name, sizeof name);
  memset(&hints, 0, sizeof hints);
  hints.ai_family   = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags    = ARES_AI_NOSORT;
  s->start          = now;
  l->pending++;
  ares_getaddrinfo(l->channel, name, NULL, &hints, answered, s);
}

static void answered(void *arg, int status, int timeouts,
                     struct ares_addrinfo *res) {
  aslot *s = arg;
  (void)timeouts;
  s->load->pending--;
  if (status == ARES_SUCCESS && res && res->nodes)
    dl_run_add(s->load->run, (dl_now() - s->start) * 1e6);
  else
    s->load->run->failed++;
  if (res)
    ares_freeaddrinfo(res);
  if (status != ARES_EDESTRUCTION)
    issue(s);
}

static int open_channel(const dl_config *cfg, ares_channel *ch) {
  struct ares_options        o;
  struct ares_addr_port_node server;
  char                       lookups[] = "b";
  memset(&o, 0, sizeof o);
  o.flags    = ARES_FLAG_NOSEARCH;
  o.lookups  = lookups;
  o.ndomains = 0;
  o.timeout  = 1000;
  o.tries    = 3;
  if (ares_init_options(ch, &o,
                        ARES_OPT_FLAGS | ARES_OPT_LOOKUPS | ARES_OPT_DOMAINS |
                            ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES) !=
      ARES_SUCCESS)
    return -1;
  memset(&server, 0, sizeof server);
  server.family            = AF_INET;
  server.addr.addr4.s_addr = htonl(INADDR_LOOPBACK);
  server.udp_port          = cfg->server->port;
  server.tcp_port          = cfg->server->port;
  if (ares_set_servers_ports(*ch, &server) == ARES_SUCCESS)
    return 0;
  ares_destroy(*ch);
  return -1;
}

/* One poll round: wait for the channel's sockets or its next timeout, then
 * let c-ares process what is ready. */
static void step(ares_channel ch) {
  ares_socket_t  socks[ARES_GETSOCK_MAXNUM];
  struct pollfd  p[ARES_GETSOCK_MAXNUM];
  struct timeval tv, *tvp;
  int            bits = ares_getsock(ch, socks, ARES_GETSOCK_MAXNUM), n = 0, ms;
  for (int i = 0; i < ARES_GETSOCK_MAXNUM; i++) {
    short ev = (short)((ARES_GETSOCK_READABLE(bits, i) ? POLLIN : 0) |
                       (ARES_GETSOCK_WRITABLE(bits, i) ? POLLOUT : 0));
    if (ev) {
      p[n].fd        = socks[i];
      p[n].events    = ev;
      p[n++].revents = 0;
    }
  }
  tvp = ares_timeout(ch, NULL, &tv);
  ms  = tvp ? (int)(tvp->tv_sec * 1000 + tvp->tv_usec / 1000) : 100;
  if (poll(p, (nfds_t)n, ms) <= 0) {
    ares_process_fd(ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
    return;
  }
  for (int i = 0; i < n; i++)
    ares_process_fd(ch,
                    (p[i].revents & (POLLIN | POLLERR | POLLHUP))
                        ? p[i].fd
                        : ARES_SOCKET_BAD,
                    (p[i].revents & POLLOUT) ? p[i].fd : ARES_SOCKET_BAD);
}

int dl_ares_run(const dl_config *cfg, unsigned inflight, dl_run *run) {
  aload  l;
  aslot *slots = calloc(inflight, sizeof *slots);
  double cpu0, srv0, t0, limit;
  memset(&l, 0, sizeof l);
  l.run = run;
  if (!slots || open_channel(cfg, &l.channel) != 0) {
    free(slots);
    fprintf(stderr, "dnsload: cannot set up the c-ares channel\n");
    return -1;
  }
  cpu0 = dl_cpu_self(), srv0 = dl_server_cpu(cfg->server), t0 = dl_now();
  l.end = t0 + cfg->duration_s;
  limit = l.end + 10; /* every query ends within 1+2+4 s of retries */
  for (unsigned k = 0; k < inflight; k++) {
    slots[k].load = &l;
    issue(&slots[k]);
  }
  while (l.pending > 0 && dl_now() < limit)
    step(l.channel);
  run->wall_s       = dl_now() - t0;
  run->cpu_s        = dl_cpu_self() - cpu0;
  run->server_cpu_s = dl_server_cpu(cfg->server) - srv0;
  ares_destroy(l.channel);
  free(slots);
  return 0;
}
