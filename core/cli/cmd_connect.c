/* saddr connect: resolve a spec, connect (Happy Eyeballs for TCP over IP),
 * print every attempt and the winner, then close. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: saddr connect [-f FAMILY] [-t TYPE] [-p PROTO] [--port N]\n"
    "                     [--server HOST:PORT]... [--hosts FILE]\n"
    "                     [--services FILE] [--timeout MS]\n"
    "                     [--attempt-delay MS] [--resolution-delay MS]\n"
    "                     [--max-parallel N] [--source SPEC] [--json] SPEC\n"
    "\n"
    "Resolves SPEC as 'saddr resolve' does and connects to it. TCP over IP\n"
    "races the addresses (Happy Eyeballs): IPv6 first, a new attempt every\n"
    "--attempt-delay (default 250, at least 10) or when one fails, the\n"
    "first to connect wins. With AF_UNSPEC names, attempts start on the\n"
    "first IPv6 answer, or --resolution-delay (default 50) after an IPv4\n"
    "answer. Other families and types connect to the first address.\n"
    "--timeout is the deadline for resolving and connecting (default 5000).\n"
    "--source binds a local address first (such as '*:0').\n"
    "Prints each attempt (start and end in milliseconds, outcome), the peer\n"
    "and the local address, then closes the connection. With --json: one\n"
    "object per attempt, then the result.\n";

typedef struct connect_args {
  cli_resolver_args  r;
  saddr_connect_opts opts;
} connect_args;

static int number_option(connect_args *a, const char *opt, const char *v) {
  if (strcmp(opt, "--attempt-delay") == 0 &&
      !cli_uint(v, CLI_MS_MAX, &a->opts.attempt_delay_ms))
    return cli_resolver_usage(
        &a->r, "--attempt-delay must be 1-86400000 milliseconds");
  if (strcmp(opt, "--resolution-delay") == 0 &&
      !cli_uint(v, CLI_MS_MAX, &a->opts.resolution_delay_ms))
    return cli_resolver_usage(
        &a->r, "--resolution-delay must be 1-86400000 milliseconds");
  if (strcmp(opt, "--max-parallel") == 0 &&
      !cli_uint(v, 1000000u, &a->opts.max_parallel))
    return cli_resolver_usage(&a->r, "--max-parallel must be 1-1000000");
  return 2;
}

static int extra(void *ctx, int argc, char **argv, int i) {
  static const char *const known[] = {"--attempt-delay", "--resolution-delay",
                                      "--max-parallel", "--source"};
  connect_args            *a       = ctx;
  const char              *opt     = argv[i];
  int                      rc      = cli_resolver_option(&a->r, argc, argv, i);
  size_t                   k       = 0;
  if (rc != 0)
    return rc;
  while (k < sizeof(known) / sizeof(known[0]) && strcmp(opt, known[k]) != 0)
    k++;
  if (k == sizeof(known) / sizeof(known[0]))
    return 0;
  if (i + 1 >= argc)
    return cli_resolver_usage(&a->r, "this option needs a value");
  const char *v = argv[i + 1];
  if (strcmp(opt, "--source") != 0)
    return number_option(a, opt, v);
  a->opts.source     = v;
  a->opts.source_len = strlen(v);
  return 2;
}

static const char *outcome_name(int outcome) {
  switch (outcome) {
  case SADDR_ATTEMPT_CONNECTED:
    return "connected";
  case SADDR_ATTEMPT_FAILED:
    return "failed";
  default:
    return "closed";
  }
}

static void compact(const saddr_addr *a, char *buf, size_t cap) {
  if (a->len == 0 ||
      saddr_format_addr(a, SADDR_FORMAT_COMPACT, buf, cap, NULL) < 0)
    snprintf(buf, cap, "-");
}

static void print_attempt(FILE *f, bool json, size_t i,
                          const saddr_attempt *t) {
  char addr[SADDR_FORMAT_MAX];
  compact(&t->addr, addr, sizeof(addr));
  const char *ename = t->sys_errno ? strerrorname_np(t->sys_errno) : NULL;
  double      start = (double)t->start_us / 1000.0;
  double      end   = (double)t->end_us / 1000.0;
  if (!json) {
    fprintf(f, "%-7zu %9.1f %9.1f  %-9s  %-12s  %s\n", i + 1, start, end,
            outcome_name(t->outcome), ename ? ename : "-", addr);
    return;
  }
  const char *fam = saddr_family_name(t->addr.family);
  fprintf(f, "{\"attempt\":%zu,\"family\":\"%s\",\"compact\":", i + 1,
          fam ? fam : "?");
  cli_json_string(f, addr);
  fprintf(f, ",\"start_ms\":%.3f,\"end_ms\":%.3f,\"outcome\":\"%s\"", start,
          end, outcome_name(t->outcome));
  if (ename != NULL)
    fprintf(f, ",\"errno\":\"%s\"", ename);
  fputs("}\n", f);
}

static void print_attempts(FILE *f, bool json, const saddr_connection *c) {
  if (c == NULL)
    return;
  if (!json && c->nattempts > 0)
    fprintf(f, "%-7s %9s %9s  %-9s  %-12s  %s\n", "ATTEMPT", "START_MS",
            "END_MS", "OUTCOME", "ERRNO", "ADDRESS");
  for (size_t i = 0; i < c->nattempts; i++)
    print_attempt(f, json, i, &c->attempts[i]);
}

static void print_result(bool json, const saddr_connection *c) {
  char peer[SADDR_FORMAT_MAX], local[SADDR_FORMAT_MAX];
  compact(&c->peer, peer, sizeof(peer));
  saddr_addr la;
  if (saddr_connection_local(c, &la, NULL) != 0)
    la.len = 0;
  compact(&la, local, sizeof(local));
  if (!json) {
    printf("connected to %s from %s\n", peer, local);
    return;
  }
  const char *fam  = saddr_family_name(c->peer.family);
  const char *type = saddr_type_name(c->peer.type);
  printf("{\"result\":\"connected\",\"family\":\"%s\",\"type\":\"%s\","
         "\"peer\":",
         fam ? fam : "?", type ? type : "?");
  cli_json_string(stdout, peer);
  fputs(",\"local\":", stdout);
  cli_json_string(stdout, local);
  printf(",\"attempts\":%zu}\n", c->nattempts);
}

static int run(const void *args, const cli_common *c) {
  const connect_args *a = args;
  saddr_resolver     *r = cli_resolver_new(&a->r, 0);
  if (r == NULL)
    return 1;
  saddr_error       err;
  saddr_connection *conn;
  int rc = saddr_connect_sync(r, c->spec, strlen(c->spec), &c->hints, 0,
                              &a->opts, &conn, &err);
  saddr_resolver_destroy(r);
  if (rc != 0) {
    /* stdout stays empty on failure; a person still sees every attempt. */
    if (!c->json)
      print_attempts(stderr, false, conn);
    saddr_connection_free(conn);
    return cli_fail(&err);
  }
  print_attempts(stdout, c->json, conn);
  print_result(c->json, conn);
  saddr_connection_free(conn);
  return 0;
}

int cmd_connect(int argc, char **argv) {
  connect_args a = {0};
  return cli_resolver_command("connect", argc, argv, usage, extra, &a, &a.r,
                              run);
}
