/* saddr resolve: a spec to every address it stands for, through the hosts
 * file, the services file and DNS. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
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
  const char **servers; /* argc entries at most */
  size_t       nservers;
  const char  *hosts;
  const char  *services;
  unsigned     timeout_ms;
  unsigned     family_delay_ms;
} resolve_args;

static int usage_error(const char *message) {
  return cli_usage_error("'saddr help resolve' lists the options", "%s",
                         message);
}

static bool parse_ms(const char *text, unsigned *out) {
  char *end;
  if (text[0] < '0' || text[0] > '9')
    return false;
  unsigned long v = strtoul(text, &end, 10);
  if (*end != '\0' || v == 0 || v > 86400000ul)
    return false;
  *out = (unsigned)v;
  return true;
}

static int extra(void *ctx, int argc, char **argv, int i) {
  resolve_args *a   = ctx;
  const char   *opt = argv[i];
  bool known = strcmp(opt, "--server") == 0 || strcmp(opt, "--hosts") == 0 ||
               strcmp(opt, "--services") == 0 ||
               strcmp(opt, "--timeout") == 0 ||
               strcmp(opt, "--family-delay") == 0;
  if (!known)
    return 0;
  if (i + 1 >= argc)
    return usage_error("this option needs a value");
  const char *v = argv[i + 1];
  if (strcmp(opt, "--server") == 0)
    a->servers[a->nservers++] = v;
  else if (strcmp(opt, "--hosts") == 0)
    a->hosts = v;
  else if (strcmp(opt, "--services") == 0)
    a->services = v;
  else if (strcmp(opt, "--family-delay") == 0) {
    if (!parse_ms(v, &a->family_delay_ms))
      return usage_error("--family-delay must be 1-86400000 milliseconds");
  } else if (!parse_ms(v, &a->timeout_ms))
    return usage_error("--timeout must be 1-86400000 milliseconds");
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

static void name_or_number(char *out, size_t cap, const char *name, int v) {
  if (name != NULL)
    snprintf(out, cap, "%s", name);
  else
    snprintf(out, cap, "%d", v);
}

/* One address with what the resolver knows of it: its TTL, where it came
 * from and the canonical name. A JSON object per line with --json (the
 * fields of 'saddr parse' plus ttl, source and canonical), else a table
 * row. */
static void emit(const cli_common *c, const saddr_result *res, size_t i) {
  const saddr_addr *a = &res->addr[i];
  char              tuple[SADDR_FORMAT_MAX], compact[SADDR_FORMAT_MAX];
  char              fam[32], type[32], hex[2 * sizeof a->sa + 1];
  bool              has_tuple =
      saddr_format_addr(a, SADDR_FORMAT_TUPLE, tuple, sizeof tuple, NULL) >= 0;
  bool has_compact = saddr_format_addr(a, SADDR_FORMAT_COMPACT, compact,
                                       sizeof compact, NULL) >= 0;
  name_or_number(fam, sizeof fam, saddr_family_name(a->family), a->family);
  name_or_number(type, sizeof type, saddr_type_name(a->type), a->type);
  size_t n = a->len < sizeof a->sa ? a->len : sizeof a->sa;
  for (size_t k = 0; k < n; k++)
    sprintf(hex + 2 * k, "%02x", a->sa.bytes[k]);
  hex[2 * n] = '\0';
  if (!c->json) {
    printf("%-12s %-14s %-5d %-4u %-28s %-34s %-6u %-6s %s\n", fam, type,
           a->protocol, (unsigned)a->len, has_compact ? compact : "-",
           has_tuple ? tuple : "-", (unsigned)res->ttl[i],
           source_name(res->source), res->canonical[0] ? res->canonical : "-");
    return;
  }
  printf("{\"family\":\"%s\",\"type\":\"%s\",\"proto\":%d,\"len\":%u,"
         "\"hex\":\"%s\",\"tuple\":",
         fam, type, a->protocol, (unsigned)a->len, hex);
  if (has_tuple)
    cli_json_string(stdout, tuple);
  else
    fputs("null", stdout);
  fputs(",\"compact\":", stdout);
  if (has_compact)
    cli_json_string(stdout, compact);
  else
    fputs("null", stdout);
  printf(",\"ttl\":%u,\"source\":\"%s\",\"canonical\":", (unsigned)res->ttl[i],
         source_name(res->source));
  cli_json_string(stdout, res->canonical);
  fputs("}\n", stdout);
}

static int run(const resolve_args *a, const cli_common *c) {
  saddr_resolver_options o = {
      .servers         = a->servers,
      .nservers        = a->nservers,
      .hosts_path      = a->hosts,
      .services_path   = a->services,
      .deadline_ms     = a->timeout_ms,
      .family_delay_ms = a->family_delay_ms,
      .flags           = SADDR_RESOLVER_NO_CACHE,
  };
  saddr_resolver *r;
  saddr_error     err;
  if (saddr_resolver_new(&o, &r, &err) != 0)
    return cli_fail_hint(&err, NULL,
                         a->nservers ? "a --server is one address and a port: "
                                       "127.0.0.1:53, [::1]:53 or 127.0.0.1"
                                     : NULL);
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
  resolve_args a = {.servers = calloc((size_t)argc + 1, sizeof(char *))};
  if (a.servers == NULL) {
    usage_error("out of memory");
    return 1;
  }
  cli_common c;
  int        rc = cli_args(argc, argv, usage, extra, &a, &c);
  if (rc == 0)
    rc = run(&a, &c);
  else
    rc = rc > 0 ? 0 : 2;
  free(a.servers);
  return rc;
}
