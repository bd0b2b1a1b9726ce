/* Clocks, latency collection and the JSON form of a run. */
#include "dnsload.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

double dl_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double dl_cpu_self(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
}

int dl_name(uint64_t k, char *out, size_t cap) {
  return snprintf(out, cap, "h%u.bench.test", (unsigned)(k % DNSLOAD_NAMES));
}

void dl_run_init(dl_run *r, const char *client, unsigned inflight) {
  memset(r, 0, sizeof *r);
  snprintf(r->client, sizeof r->client, "%s", client);
  r->inflight = inflight;
}

void dl_run_add(dl_run *r, double us) {
  r->ok++;
  if (r->nlat == r->cap) {
    size_t  cap = r->cap ? r->cap * 2 : 65536;
    double *p   = realloc(r->lat_us, cap * sizeof *p);
    if (!p)
      return; /* the count stays right; only the percentiles thin out */
    r->lat_us = p, r->cap = cap;
  }
  r->lat_us[r->nlat++] = us;
}

void dl_run_free(dl_run *r) {
  free(r->lat_us);
  r->lat_us = NULL;
  r->nlat = r->cap = 0;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The q-quantile (nearest rank) of the sorted latencies, or 0. */
static double quantile(const dl_run *r, double q) {
  size_t k;
  if (r->nlat == 0)
    return 0;
  k = (size_t)(q * (double)r->nlat);
  return r->lat_us[k < r->nlat ? k : r->nlat - 1];
}

void dl_run_json(dl_run *r, FILE *f) {
  double per_q = r->ok ? 1e6 / (double)r->ok : 0;
  qsort(r->lat_us, r->nlat, sizeof *r->lat_us, cmp_double);
  fprintf(f,
          "{\"client\": \"%s\", \"inflight\": %u, \"ok\": %llu, "
          "\"failed\": %llu, \"seconds\": %.3f, \"qps\": %.1f, "
          "\"p50_us\": %.1f, \"p99_us\": %.1f, \"p999_us\": %.1f, "
          "\"client_cpu_us_per_q\": %.2f, \"server_cpu_us_per_q\": %.2f}",
          r->client, r->inflight, (unsigned long long)r->ok,
          (unsigned long long)r->failed, r->wall_s,
          r->wall_s > 0 ? (double)r->ok / r->wall_s : 0, quantile(r, 0.50),
          quantile(r, 0.99), quantile(r, 0.999), r->cpu_s * per_q,
          r->server_cpu_s >= 0 ? r->server_cpu_s * per_q : -1);
}
