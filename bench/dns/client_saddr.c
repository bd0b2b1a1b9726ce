/* saddr's resolver under load: `inflight` requests outstanding at all times
 * (each callback starts the next one) until the duration ends, then the rest
 * drain. The resolver keeps its own cap on DNS queries in flight (64 by
 * default) and queues the rest, which is what the 256 and 1,000 runs test. */
#include "dnsload.h"
#include "saddr.h"

#include <stdlib.h>
#include <string.h>

typedef struct slot {
  struct load *load;
  double       start;
} slot;

typedef struct load {
  saddr_resolver *r;
  dl_run         *run;
  double          end;
  uint64_t        next; /* the next name to ask for */
  slot           *slots;
} load;

static const saddr_hints a_only = {.family = AF_INET, .type = SOCK_STREAM};

static void done(void *data, int status, saddr_result *res,
                 const saddr_error *err);

/* Starts the next request in slot s; false once the duration is over. */
static bool issue(slot *s) {
  load  *l = s->load;
  char   text[64];
  int    n;
  double now = dl_now();
  if (now >= l->end)
    return false;
  n = dl_name(l->next++, text, sizeof text - 3);
  memcpy(text + n, ":80", 4);
  s->start = now;
  if (saddr_resolve(l->r, text, (size_t)n + 3, &a_only, 0, done, s, NULL) == 0)
    return true;
  l->run->failed++;
  return false;
}

static void done(void *data, int status, saddr_result *res,
                 const saddr_error *err) {
  slot *s = data;
  (void)err;
  if (status == 0 && res->count > 0)
    dl_run_add(s->load->run, (dl_now() - s->start) * 1e6);
  else
    s->load->run->failed++;
  if (res)
    saddr_result_free(res);
  issue(s);
}

static int new_resolver(const dl_config *cfg, unsigned flags,
                        saddr_resolver **r) {
  char                   server[32];
  const char            *servers[1] = {server};
  saddr_resolver_options o;
  saddr_error            err;
  memset(&o, 0, sizeof o);
  snprintf(server, sizeof server, "127.0.0.1:%u", cfg->server->port);
  o.flags    = flags;
  o.servers  = servers;
  o.nservers = 1;
  if (saddr_resolver_new(&o, r, &err) == 0)
    return 0;
  fprintf(stderr, "dnsload: saddr_resolver_new: %s\n", err.message);
  return -1;
}

int dl_saddr_run(const dl_config *cfg, unsigned inflight, dl_run *run) {
  load   l;
  double cpu0, srv0, t0;
  int    rc = 0;
  memset(&l, 0, sizeof l);
  l.run   = run;
  l.slots = calloc(inflight, sizeof *l.slots);
  if (!l.slots ||
      new_resolver(cfg, SADDR_RESOLVER_NO_CACHE | SADDR_RESOLVER_NO_HOSTS,
                   &l.r) != 0) {
    free(l.slots);
    return -1;
  }
  cpu0 = dl_cpu_self(), srv0 = dl_server_cpu(cfg->server), t0 = dl_now();
  l.end = t0 + cfg->duration_s;
  for (unsigned k = 0; k < inflight; k++) {
    l.slots[k].load = &l;
    issue(&l.slots[k]);
  }
  /* The drain is bounded by the resolver's 5 s deadline per request. */
  if (saddr_resolver_run(l.r, (int)(cfg->duration_s * 1000) + 10000) != 0)
    rc = -1;
  run->wall_s       = dl_now() - t0;
  run->cpu_s        = dl_cpu_self() - cpu0;
  run->server_cpu_s = dl_server_cpu(cfg->server) - srv0;
  saddr_resolver_destroy(l.r);
  free(l.slots);
  return rc;
}

static void hit_done(void *data, int status, saddr_result *res,
                     const saddr_error *err) {
  int *st = data;
  (void)err;
  *st = status == 0 && res->source == SADDR_SOURCE_CACHE ? 1 : -1;
  if (res)
    saddr_result_free(res);
}

/* Looks every name up once so that the cache holds all of them. */
static int warm(saddr_resolver *r) {
  for (uint64_t k = 0; k < DNSLOAD_NAMES; k++) {
    char          text[64];
    saddr_result *res = NULL;
    saddr_error   err;
    int           n = dl_name(k, text, sizeof text - 3);
    memcpy(text + n, ":80", 4);
    if (saddr_resolve_sync(r, text, (size_t)n + 3, &a_only, 0, &res, &err) !=
        0) {
      fprintf(stderr, "dnsload: warming the cache: %s\n", err.message);
      return -1;
    }
    saddr_result_free(res);
  }
  return 0;
}

/* The measured part of the cache hit: rounds passes over every name. Out of
 * line, so that callgrind can count it alone
 * (--toggle-collect=dl_saddr_hit_rounds). Returns the hits; stops at the
 * first lookup that is not a synchronous cache hit. */
uint64_t dl_saddr_hit_rounds(saddr_resolver *r, char (*text)[32],
                             const size_t *len, unsigned rounds, int *st);
__attribute__((noinline)) uint64_t
dl_saddr_hit_rounds(saddr_resolver *r, char (*text)[32], const size_t *len,
                    unsigned rounds, int *st) {
  uint64_t hits = 0;
  *st           = 0;
  for (unsigned round = 0; round < rounds && *st >= 0; round++)
    for (size_t k = 0; k < DNSLOAD_NAMES && *st >= 0; k++) {
      *st = 0;
      saddr_resolve(r, text[k], len[k], &a_only, 0, hit_done, st, NULL);
      hits += *st == 1;
    }
  return hits;
}

int dl_saddr_cache_hit(const dl_config *cfg, unsigned rounds,
                       double *ns_per_hit, uint64_t *hits) {
  saddr_resolver *r;
  char            text[DNSLOAD_NAMES][32];
  size_t          len[DNSLOAD_NAMES];
  double          t0;
  int             st = 0;
  if (new_resolver(cfg, SADDR_RESOLVER_NO_HOSTS, &r) != 0)
    return -1;
  for (uint64_t k = 0; k < DNSLOAD_NAMES; k++) {
    int n = dl_name(k, text[k], sizeof text[k] - 3);
    memcpy(text[k] + n, ":80", 4);
    len[k] = (size_t)n + 3;
  }
  *hits = 0;
  if (warm(r) != 0) {
    saddr_resolver_destroy(r);
    return -1;
  }
  t0          = dl_now();
  *hits       = dl_saddr_hit_rounds(r, text, len, rounds, &st);
  *ns_per_hit = (dl_now() - t0) * 1e9 / (double)(*hits ? *hits : 1);
  saddr_resolver_destroy(r);
  if (st == 1)
    return 0;
  fprintf(stderr, "dnsload: a lookup was not a synchronous cache hit\n");
  return -1;
}
