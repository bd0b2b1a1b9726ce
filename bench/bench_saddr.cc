// Google Benchmark microbenchmarks of saddr's parse, format and bind paths,
// each next to its glibc or raw-syscall anchor in this one binary, so that
// ratios come from one run. The ops themselves live in ops.h, shared with
// the instruction-count driver; this file only registers and times them.
//
// Every benchmark first checks its op against the input records (all 2^20
// entries for the parsers, fewer for the slow anchors) and reports an error
// instead of a time when one result is wrong.
#include "ops.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace {

bench_data g_data;

// Set by --bench_entries=N (a power of two; 2^20 by default) for smoke runs.
size_t g_entries = BENCH_SET_N;

// Benchmarks whose op failed its check: the run then exits non-zero.
int g_failed;

// getaddrinfo("localhost") must be answered by /etc/hosts: if the file had
// no such line, glibc would ask the machine's DNS server, which saddr's
// benchmarks never do.
bool hosts_has_localhost() {
  std::ifstream in("/etc/hosts");
  std::string   line;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::string        word;
    words >> word; // the address
    while (words >> word)
      if (word == "localhost")
        return true;
  }
  return false;
}

// Prepares the inputs of op and checks it once; returns an error or "".
const std::string &setup(const bench_op *op) {
  static std::string verdict[64];
  static bool        done[64];
  size_t             k = static_cast<size_t>(op - bench_ops);
  if (done[k])
    return verdict[k];
  done[k] = true;
  if (bench_data_prepare(&g_data, op->needs, g_entries) != 0) {
    verdict[k] = "cannot build the input sets";
    g_failed++;
    return verdict[k];
  }
  if (op->fn == op_gai_localhost && !hosts_has_localhost()) {
    verdict[k] = "/etc/hosts has no localhost line: would query DNS";
    g_failed++;
    return verdict[k];
  }
  char   msg[512];
  size_t count = bench_cost_entries(op->cost, g_data.n);
  size_t bad   = bench_check(op, &g_data, count, msg, sizeof msg);
  if (bad != 0)
    verdict[k] = std::to_string(bad) + " of " + std::to_string(count) +
                 " results wrong; first: " + msg;
  if (!verdict[k].empty())
    g_failed++;
  return verdict[k];
}

// One template instance per op function, so the op is inlined into the
// timed loop. The cursor carries on across GB's calibration runs, so the
// timed runs keep walking through the whole set.
template <bench_fn F> void run(benchmark::State &state, const bench_op *op) {
  static size_t      cursor;
  const std::string &err = setup(op);
  if (!err.empty()) {
    state.SkipWithError(err.c_str());
    return;
  }
  bench_out o;
  std::memset(&o, 0, sizeof o);
  const bench_data *d = &g_data;
  size_t            i = cursor, mask = d->n - 1;
  for (auto _ : state) {
    int r = F(d, i, &o);
    benchmark::DoNotOptimize(r);
    i = (i + 1) & mask;
  }
  cursor = i;
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void register_all() {
#define BENCH_REGISTER(id, nm, f, need, okv, res, exp, cst)                    \
  benchmark::RegisterBenchmark(                                                \
      nm, [](benchmark::State &s) { run<f>(s, bench_op_find(nm)); });
  BENCH_OPS(BENCH_REGISTER)
#undef BENCH_REGISTER
}

// Removes --bench_entries=N from argv; returns false on a bad value.
bool take_entries_flag(int *argc, char **argv) {
  static const char flag[] = "--bench_entries=";
  int               out    = 1;
  for (int k = 1; k < *argc; k++) {
    if (std::strncmp(argv[k], flag, sizeof flag - 1) != 0) {
      argv[out++] = argv[k];
      continue;
    }
    char              *end;
    unsigned long long v = std::strtoull(argv[k] + sizeof flag - 1, &end, 10);
    if (*end != '\0' || v == 0 || v > BENCH_SET_N || (v & (v - 1)) != 0)
      return false;
    g_entries = static_cast<size_t>(v);
  }
  *argc     = out;
  argv[out] = nullptr;
  return true;
}

} // namespace

int main(int argc, char **argv) {
  if (!take_entries_flag(&argc, argv)) {
    std::fprintf(stderr, "--bench_entries must be a power of two <= %zu\n",
                 BENCH_SET_N);
    return 2;
  }
  register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 2;
  benchmark::AddCustomContext("bench_entries", std::to_string(g_entries));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  bench_data_free(&g_data);
  return g_failed != 0;
}
