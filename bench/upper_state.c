/* How the IPv4 reader's two SIMD encodings fare when the upper halves of
 * the vector registers are dirty (bench/analysis.md, "On an Intel Xeon").
 *
 * The reader is compiled twice from the same code: with legacy SSE
 * encodings (target "sse4.1") and with VEX encodings (target "avx"), and
 * the library picks the VEX one on CPUs with AVX. This program includes
 * core/src/text/ip4.c to reach both static functions, and times each on the
 * benchmark's 1M random addresses (CPU time, median of 15 rounds,
 * interleaved), first with the upper halves clean, then after a 256-bit
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

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Medians of 15 interleaved rounds of the two encodings. */
static void measure(const bench_set *set, const char *state) {
  double sse[15], avx[15];
  for (int r = 0; r < 15; r++) {
    sse[r] = run(ip4_parse_sse, set);
    avx[r] = run(ip4_parse_avx, set);
  }
  qsort(sse, 15, sizeof sse[0], by_value);
  qsort(avx, 15, sizeof avx[0], by_value);
  printf("upper halves %-5s  legacy SSE %5.2f ns/address   VEX %5.2f "
         "ns/address\n",
         state, sse[7], avx[7]);
}

int main(void) {
  bench_set set;
  if (!__builtin_cpu_supports("avx")) {
    printf("this CPU has no AVX: nothing to compare\n");
    return 0;
  }
  if (bench_set_make(&set, BENCH_V4_ADDR, BENCH_SET_N) != 0) {
    fprintf(stderr, "cannot build the input set\n");
    return 1;
  }
  measure(&set, "clean");
  /* Dirty the upper halves and leave them so: nothing below runs
   * vzeroupper (this file is compiled without AVX, and the timing calls go
   * to the vDSO). */
  __asm__ volatile("vpcmpeqd %%ymm8, %%ymm8, %%ymm8" ::: "xmm8");
  measure(&set, "dirty");
  bench_set_free(&set);
  return 0;
}
#else
int main(void) {
  printf("no SIMD IPv4 reader in this build: nothing to compare\n");
  return 0;
}
#endif
