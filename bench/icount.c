/* Fixed-iteration driver for instruction counting under callgrind.
 *
 * Google Benchmark picks its iteration counts adaptively, so its totals
 * differ from run to run; this driver runs every op a fixed number of times
 * over a fixed input set and brackets each loop with callgrind client
 * requests: collection is switched on for the loop alone and the counters
 * are dumped under the op's name. bench/icount.py runs it under
 *   valgrind --tool=callgrind --collect-atstart=no
 * and divides each dump's total by the iteration count printed here.
 * Outside valgrind the requests do nothing and the driver only self-checks.
 *
 * Usage: saddr_icount [--entries N] [OP...]   (default: every op, N 65536) */
#include "ops.h"

#include <stdio.h>
#include <stdlib.h>
#include <valgrind/callgrind.h>

/* Keeps every op's status alive so no call can be dropped. */
static volatile unsigned long bench_sink;

typedef void (*loop_fn)(const bench_data *d, size_t iters, bench_out *o);

#define BENCH_LOOP(id, nm, f, need, okv, res, exp, cst)                        \
  static void loop_##id(const bench_data *d, size_t iters, bench_out *o) {     \
    size_t        mask = d->n - 1;                                             \
    unsigned long sink = 0;                                                    \
    for (size_t i = 0; i < iters; i++)                                         \
      sink += (unsigned long)f(d, i & mask, o);                                \
    bench_sink = sink;                                                         \
  }
BENCH_OPS(BENCH_LOOP)
#undef BENCH_LOOP

#define BENCH_LOOP_ROW(id, nm, f, need, okv, res, exp, cst) loop_##id,
static const loop_fn loops[] = {BENCH_OPS(BENCH_LOOP_ROW)};
#undef BENCH_LOOP_ROW

static bool selected(const char *name, int argc, char **argv, int first) {
  if (first >= argc)
    return true;
  for (int k = first; k < argc; k++)
    if (strcmp(argv[k], name) == 0)
      return true;
  return false;
}

/* Checks op, then counts it; returns 0 or 1 (a wrong result). */
static int count_op(size_t k, bench_data *d, size_t n, bench_out *o) {
  const bench_op *op    = &bench_ops[k];
  size_t          iters = bench_cost_entries(op->cost, n);
  char            msg[512];
  if (bench_data_prepare(d, op->needs, n) != 0) {
    fprintf(stderr, "%s: cannot build the input sets\n", op->name);
    return 1;
  }
  if (bench_check(op, d, iters, msg, sizeof msg) != 0) {
    fprintf(stderr, "%s\n", msg);
    return 1;
  }
  memset(o, 0, sizeof *o);
  CALLGRIND_ZERO_STATS;
  CALLGRIND_TOGGLE_COLLECT;
  loops[k](d, iters, o);
  CALLGRIND_TOGGLE_COLLECT;
  CALLGRIND_DUMP_STATS_AT(op->name);
  printf("icount %s %zu\n", op->name, iters);
  fflush(stdout);
  return 0;
}

int main(int argc, char **argv) {
  size_t     n     = 65536;
  int        first = 1, bad = 0;
  bench_data d;
  bench_out *o = malloc(sizeof *o);
  if (argc > 2 && strcmp(argv[1], "--entries") == 0) {
    n     = (size_t)strtoull(argv[2], NULL, 10);
    first = 3;
  }
  if (!o || n == 0 || n > BENCH_SET_N || (n & (n - 1)) != 0) {
    fprintf(stderr, "usage: %s [--entries POWER_OF_TWO] [OP...]\n", argv[0]);
    return 2;
  }
  memset(&d, 0, sizeof d);
  for (size_t k = 0; k < bench_ops_n; k++)
    if (selected(bench_ops[k].name, argc, argv, first))
      bad |= count_op(k, &d, n, o);
  bench_data_free(&d);
  free(o);
  return bad;
}
