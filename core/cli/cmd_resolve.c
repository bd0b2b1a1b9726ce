/* saddr resolve: a spec to every address it stands for, through the hosts
 * file, the services file and DNS. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: saddr resolve [-f FAMILY] [-t TYPE] [-p PROTO] [--port N]\n"
    "                     [--server HOST:PORT]... [--hosts FILE]\n"
    "                     [--services FILE] [--timeout MS]\n"
    "                     [--family-delay MS] [--json] SPEC\n"
    "\n"
    "Resolves SPEC (as 'saddr parse' reads it) to every address it stands\n"
    "for: literals and localhost locally, then the hosts file (default\n"
    "/etc/hosts), then DNS. --server (repeatable; HOST:PORT, [v6]:PORT or\n"
    "an address for port 53) replaces the system's resolver configuration.\n"
    "Service names are read from --services (default /etc/services).\n"
    "--timeout is the deadline in milliseconds (default 5000). With\n"
    "AF_UNSPEC, IPv6 comes first, then the families alternate; both are\n"
    "asked separately, and when one never answers the other's addresses\n"
    "are printed at the deadline, or --family-delay MS after they came.\n"
    "Each address shows its TTL, its source (local, hosts, cache, dns)\n"
    "and the canonical name.\n";

typedef struct resolve_args {
  cli_resolver_args r;
  unsigned          family_delay_ms;
} resolve_args;

static int extra(void *ctx, int argc, char **argv, int i) {
  resolve_args *a  = ctx;
  int           rc = cli_resolver_option(&a->r, argc, argv, i);
  if (rc != 0 || strcmp(argv[i], "--family-delay") != 0)
    return rc;
  if (i + 1 >= argc)
    return cli_resolver_usage(&a->r, "this option needs a value");
  if (!cli_uint(argv[i + 1], CLI_MS_MAX, &a->family_delay_ms))
    return cli_resolver_usage(&a->r,
                              "--family-delay must be 1-86400000 milliseconds");
  return 2;
}

static const char *source_name(int source) {
  switch (source) {
  case SADDR_SOURCE_LOCAL:
    return "local";
  case SADDR_SOURCE_HOSTS:
    return "hosts";
  case SADDR_SOURCE_CACHE:
    return "cache";
  default:
    return "dns";
  }
}

static void emit(const cli_common *c, const saddr_result *res, size_t i) {
  cli_emit_fields(c, &res->addr[i], 34);
  if (!c->json) {
    printf(" %-6u %-6s %s", (unsigned)res->ttl[i], source_name(res->source),
           res->canonical[0] ? res->canonical : "-");
  } else {
    printf(",\"ttl\":%u,\"source\":\"%s\",\"canonical\":",
           (unsigned)res->ttl[i], source_name(res->source));
    cli_json_string(stdout, res->canonical);
  }
  cli_emit_end(c);
}

static int run(const void *args, const cli_common *c) {
  const resolve_args *a = args;
  saddr_resolver     *r = cli_resolver_new(&a->r, a->family_delay_ms);
  if (r == NULL)
    return 1;
  saddr_error   err;
  saddr_result *res;
  int           rc =
      saddr_resolve_sync(r, c->spec, strlen(c->spec), &c->hints, 0, &res, &err);
  saddr_resolver_destroy(r);
  if (rc != 0)
    return cli_fail(&err);
  if (!c->json)
    printf("%-12s %-14s %-5s %-4s %-28s %-34s %-6s %-6s %s\n", "FAMILY", "TYPE",
           "PROTO", "LEN", "COMPACT", "TUPLE", "TTL", "SOURCE", "CANONICAL");
  for (size_t i = 0; i < res->count; i++)
    emit(c, res, i);
  saddr_result_free(res);
  return 0;
}

int cmd_resolve(int argc, char **argv) {
  resolve_args a = {0};
  return cli_resolver_command("resolve", argc, argv, usage, extra, &a, &a.r,
                              run);
}
