/* saddr_dnsload: DNS load against a dnsmasq this program starts on
 * loopback. Prints one JSON document:
 *   {"duration_s": D, "runs": [{client, inflight, ok, failed, qps, p50_us,
 *    p99_us, p999_us, client_cpu_us_per_q, server_cpu_us_per_q}, ...],
 *    "cache_hit": {"ns": N, "hits": H}}
 * Clients: saddr's resolver at 1, 16, 256 and 1,000 requested in flight,
 * bare c-ares at 1, 16 and 256, a 16-thread blocking getaddrinfo pool (in
 * private namespaces, see client_gai.c) and saddr's cache hits.
 *
 * Usage: saddr_dnsload [--dnsmasq PATH] [--duration SECONDS] [--out FILE]
 *                      [--only cache-hit] [--hit-rounds N]
 * Every run issues for DURATION seconds (default 2) and then drains; the
 * whole program is bounded by about 10 x (DURATION + 10) seconds.
 * "--only cache-hit" runs the cache hit alone (N passes over the 500 names,
 * default 400): the driver for profiling it, e.g.
 *   valgrind --tool=callgrind --toggle-collect=dl_saddr_hit_rounds \
 *     saddr_dnsload --only cache-hit --hit-rounds 20
 * counts the instructions of 10,000 hits and nothing else. */
#include "dnsload.h"

#include <ares.h>
#include <stdlib.h>
#include <string.h>

typedef struct options {
  const char *dnsmasq;
  const char *out;
  double      duration;
  bool        hit_only;
  unsigned    hit_rounds;
} options;

static int parse_args(int argc, char **argv, options *o) {
  o->dnsmasq    = "/usr/sbin/dnsmasq";
  o->out        = NULL;
  o->duration   = 2.0;
  o->hit_only   = false;
  o->hit_rounds = DNSLOAD_HIT_ROUNDS;
  /* Every option takes a value: they come in pairs. */
  for (int k = 1; k < argc; k += 2) {
    const char *v = k + 1 < argc ? argv[k + 1] : NULL;
    if (v && strcmp(argv[k], "--dnsmasq") == 0)
      o->dnsmasq = v;
    else if (v && strcmp(argv[k], "--out") == 0)
      o->out = v;
    else if (v && strcmp(argv[k], "--duration") == 0)
      o->duration = strtod(v, NULL);
    else if (v && strcmp(argv[k], "--only") == 0 && strcmp(v, "cache-hit") == 0)
      o->hit_only = true;
    else if (v && strcmp(argv[k], "--hit-rounds") == 0)
      o->hit_rounds = (unsigned)strtoul(v, NULL, 10);
    else
      return -1;
  }
  return o->duration > 0 && o->duration <= 60 && o->hit_rounds > 0 &&
                 o->hit_rounds <= 100000
             ? 0
             : -1;
}

typedef int (*client_fn)(const dl_config *cfg, unsigned inflight, dl_run *run);

/* Runs one client at one concurrency and appends its JSON object. */
static int measure(FILE *f, const dl_config *cfg, const char *name,
                   client_fn fn, unsigned inflight, bool *first) {
  dl_run run;
  int    rc;
  dl_run_init(&run, name, inflight);
  rc = fn(cfg, inflight, &run);
  if (rc == 0) {
    fputs(*first ? "\n    " : ",\n    ", f);
    dl_run_json(&run, f);
    *first = false;
    fprintf(stderr, "dnsload: %s x%u: %llu ok, %llu failed\n", name, inflight,
            (unsigned long long)run.ok, (unsigned long long)run.failed);
  }
  dl_run_free(&run);
  return rc;
}

static int run_all(FILE *f, const options *o, const dl_server *srv) {
  static const unsigned saddr_inflight[] = {1, 16, 256, 1000};
  static const unsigned ares_inflight[]  = {1, 16, 256};
  dl_config             cfg              = {srv, o->duration};
  bool                  first            = true;
  double                hit_ns           = 0;
  uint64_t              hits             = 0;
  int                   bad              = 0;
  fprintf(f, "{\n  \"duration_s\": %.2f,\n  \"runs\": [", o->duration);
  if (o->hit_only)
    goto hit;
  for (size_t k = 0; k < sizeof saddr_inflight / sizeof *saddr_inflight; k++)
    bad |= measure(f, &cfg, "saddr", dl_saddr_run, saddr_inflight[k], &first);
  for (size_t k = 0; k < sizeof ares_inflight / sizeof *ares_inflight; k++)
    bad |= measure(f, &cfg, "c-ares", dl_ares_run, ares_inflight[k], &first);
  fputs(first ? "\n    " : ",\n    ", f);
  if (dl_gai_pool(o->dnsmasq, o->duration, 16, f) != 0) {
    fputs("{\"client\": \"getaddrinfo_pool\", \"skipped\": \"failed\"}", f);
    bad = 1;
  }
hit:
  bad |= dl_saddr_cache_hit(&cfg, o->hit_rounds, &hit_ns, &hits);
  fprintf(f, "\n  ],\n  \"cache_hit\": {\"ns\": %.1f, \"hits\": %llu}\n}\n",
          hit_ns, (unsigned long long)hits);
  return bad ? -1 : 0;
}

int main(int argc, char **argv) {
  options   o;
  dl_server srv;
  FILE     *f = stdout;
  int       rc;
  if (parse_args(argc, argv, &o) != 0) {
    fprintf(stderr,
            "usage: %s [--dnsmasq PATH] [--duration SECONDS (0-60)] "
            "[--out FILE] [--only cache-hit] [--hit-rounds N]\n",
            argv[0]);
    return 2;
  }
  if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS)
    return 1;
  if (dl_server_start(&srv, o.dnsmasq, 0) != 0)
    return 1;
  if (o.out && !(f = fopen(o.out, "w"))) {
    perror(o.out);
    dl_server_stop(&srv);
    return 1;
  }
  rc = run_all(f, &o, &srv);
  if (f != stdout && fclose(f) != 0)
    rc = -1;
  dl_server_stop(&srv);
  ares_library_cleanup();
  return rc == 0 ? 0 : 1;
}
