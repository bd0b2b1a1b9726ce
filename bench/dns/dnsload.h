/* The DNS load driver (saddr_dnsload): shared declarations.
 *
 * It starts its own dnsmasq on loopback, serving NAMES host records under
 * bench.test and nothing else (no upstream, no hosts file), and measures
 * clients against it: saddr's resolver, bare c-ares and a pool of threads
 * calling blocking getaddrinfo. It never talks to any other DNS server. */
#ifndef SADDR_DNSLOAD_H
#define SADDR_DNSLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* Host records h0.bench.test .. h499.bench.test -> 10.0.x.y, TTL 300 s. */
#define DNSLOAD_NAMES 500
#define DNSLOAD_TTL   300

/* A dnsmasq the driver started. */
typedef struct dl_server {
  pid_t    pid;
  uint16_t port;
  char     dir[64]; /* its configuration directory */
} dl_server;

/* Starts dnsmasq on 127.0.0.1:port (0: a free port) and waits until it
 * answers. Returns 0, or -1 with a reason on stderr. */
int  dl_server_start(dl_server *s, const char *dnsmasq, uint16_t port);
void dl_server_stop(dl_server *s);
/* CPU seconds dnsmasq has used so far (user + system), or -1. */
double dl_server_cpu(const dl_server *s);

/* One measured run of one client at one concurrency. */
typedef struct dl_run {
  char     client[32];
  unsigned inflight; /* requested in flight (threads for the pool) */
  uint64_t ok, failed;
  double   wall_s;
  double   cpu_s;        /* the client's CPU (getrusage, every thread) */
  double   server_cpu_s; /* dnsmasq's CPU over the same span */
  double  *lat_us;       /* one latency per successful query */
  size_t   nlat, cap;
} dl_run;

void dl_run_init(dl_run *r, const char *client, unsigned inflight);
void dl_run_add(dl_run *r, double us); /* one success and its latency */
void dl_run_free(dl_run *r);
/* Writes the run as one JSON object (no trailing newline). */
void dl_run_json(dl_run *r, FILE *f);

/* What every client gets. */
typedef struct dl_config {
  const dl_server *server;
  double           duration_s; /* issuing stops after this */
} dl_config;

double dl_now(void);      /* CLOCK_MONOTONIC seconds */
double dl_cpu_self(void); /* this process's CPU seconds, every thread */
/* The name of query k: h<k % DNSLOAD_NAMES>.bench.test. */
int dl_name(uint64_t k, char *out, size_t cap);

/* The clients. Each returns 0 and fills run, or -1 with a reason on
 * stderr. */
int dl_saddr_run(const dl_config *cfg, unsigned inflight, dl_run *run);
int dl_ares_run(const dl_config *cfg, unsigned inflight, dl_run *run);
/* saddr's cache: ns per hit over rounds passes of every name, measured
 * after every name has been looked up once. Returns 0 or -1. */
#define DNSLOAD_HIT_ROUNDS 400 /* 200,000 lookups */
int dl_saddr_cache_hit(const dl_config *cfg, unsigned rounds,
                       double *ns_per_hit, uint64_t *hits);
/* The blocking getaddrinfo pool runs in a child process inside a private
 * network and mount namespace, where 127.0.0.1:53 is a dnsmasq of its own
 * and /etc/resolv.conf is bind-mounted to point at it. Writes the run's JSON
 * object to f, or {"skipped": reason} when namespaces are not available. */
int dl_gai_pool(const char *dnsmasq, double duration_s, unsigned threads,
                FILE *f);

#endif
