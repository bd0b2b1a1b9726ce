/* How the IPv4 reader's two SIMD encodings, and saddr_parse_addr on
 * "a.b.c.d:port" and "[v6]:port", fare when the upper halves of the vector
 * registers are dirty (bench/analysis.md, "On an Intel Xeon").
 *
 * The reader is compiled twice from the same code: with legacy SSE
 * encodings (target "sse4.1") and with VEX encodings (target "avx"), and
 * the library picks the VEX one on CPUs with AVX. This program includes
 * core/src/text/ip4.c to reach both static functions, and times each on the
 * benchmark's 1M random addresses, and the whole entry point on its 1M
 * random specs of each form (CPU time, median of 15 rounds, interleaved),
 * first with the upper halves clean, then after a 256-bit
 * instruction has dirtied them (as AVX code elsewhere in a process that
 * skips `vzeroupper` leaves them). Not a test: it prints times.
 *
 * Usage: saddr_upper_state */
#include "../core/src/text/ip4.c"

#include "inputs.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#if defined(SADDR__IP4_SSE) && defined(__x86_64__)
typedef int (*reader)(const char *s, size_t n, unsigned char out[4]);

static volatile unsigned sink;

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static double run(reader f, const bench_set *set) {
  unsigned char out[4];
  unsigned      s  = 0;
  double        t0 = now_ns();
  for (size_t i = 0; i < set->n; i++) {
    s += f(set->text + set->off[i], set->len[i], out) == 0;
    s += out[0];
  }
  sink = s;
  return (now_ns() - t0) / (double)set->n;
}

/* The whole one-address path, as a program calls it. */
static double run_spec(const bench_set *set) {
  saddr_addr  a;
  saddr_error e;
  unsigned    s  = 0;
  double      t0 = now_ns();
  for (size_t i = 0; i < set->n; i++)
    s += saddr_parse_addr(set->text + set->off[i], set->len[i], NULL, &a, &e) ==
         0;
  sink = s;
  return (now_ns() - t0) / (double)set->n;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Medians of 15 interleaved rounds of the two encodings of the IPv4
 * reader, and of saddr_parse_addr on the two host-and-port forms. */
static void measure(const bench_set set[3], const char *state) {
  double sse[15], avx[15], v4[15], v6[15];
  for (int r = 0; r < 15; r++) {
    sse[r] = run(ip4_parse_sse, &set[0]);
    avx[r] = run(ip4_parse_avx, &set[0]);
    v4[r]  = run_spec(&set[1]);
    v6[r]  = run_spec(&set[2]);
  }
  qsort(sse, 15, sizeof sse[0], by_value);
  qsort(avx, 15, sizeof avx[0], by_value);
  qsort(v4, 15, sizeof v4[0], by_value);
  qsort(v6, 15, sizeof v6[0], by_value);
  printf("upper halves %-5s  IPv4 reader: legacy SSE %5.2f ns, VEX %5.2f ns;"
         "  saddr_parse_addr: a.b.c.d:port %5.2f ns, [v6]:port %5.2f ns\n",
         state, sse[7], avx[7], v4[7], v6[7]);
}

int main(void) {
  bench_set set[3];
  if (!__builtin_cpu_supports("avx")) {
    printf("this CPU has no AVX: nothing to compare\n");
    return 0;
  }
  if (bench_set_make(&set[0], BENCH_V4_ADDR, BENCH_SET_N) != 0 ||
      bench_set_make(&set[1], BENCH_V4_HOSTPORT, BENCH_SET_N) != 0 ||
      bench_set_make(&set[2], BENCH_V6_HOSTPORT, BENCH_SET_N) != 0) {
    fprintf(stderr, "cannot build the input sets\n");
    return 1;
  }
  measure(set, "clean");
  /* Dirty the upper halves and leave them so: nothing below runs
   * vzeroupper (this file is compiled without AVX, and the timing calls go
   * to the vDSO). */
  __asm__ volatile("vpcmpeqd %%ymm8, %%ymm8, %%ymm8" ::: "xmm8");
  measure(set, "dirty");
  for (int k = 0; k < 3; k++)
    bench_set_free(&set[k]);
  return 0;
}
#else
int main(void) {
  printf("no SIMD IPv4 reader in this build: nothing to compare\n");
  return 0;
}
#endif
