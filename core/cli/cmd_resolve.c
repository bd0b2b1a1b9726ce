/* saddr resolve: a spec to every address it stands for, through the hosts
 * file, the services file and DNS. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: saddr resolve [-f FAMILY] [-t TYPE] [-p PROTO] [--port N]\n"
    "                     [--server HOST:PORT]... [--hosts FILE]\n"
    "                     [--services FILE] [--timeout MS] [--json] SPEC\n"
    "\n"
    "Resolves SPEC (as 'saddr parse' reads it) to every address it stands\n"
    "for: literals and localhost locally, then the hosts file (default\n"
    "/etc/hosts), then DNS. --server (repeatable; HOST:PORT, [v6]:PORT or\n"
    "an address for port 53) replaces the system's resolver configuration.\n"
    "Service names are read from --services (default /etc/services).\n"
    "--timeout is the deadline in milliseconds (default 5000). With\n"
    "AF_UNSPEC, IPv6 comes first, then the families alternate.\n";

typedef struct resolve_args {
  const char **servers; /* argc entries at most */
  size_t       nservers;
  const char  *hosts;
  const char  *services;
  unsigned     timeout_ms;
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
               strcmp(opt, "--services") == 0 || strcmp(opt, "--timeout") == 0;
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
  else if (!parse_ms(v, &a->timeout_ms))
    return usage_error("--timeout must be 1-86400000 milliseconds");
  return 2;
}

static int run(const resolve_args *a, const cli_common *c) {
  saddr_resolver_options o = {
      .servers       = a->servers,
      .nservers      = a->nservers,
      .hosts_path    = a->hosts,
      .services_path = a->services,
      .deadline_ms   = a->timeout_ms,
      .flags         = SADDR_RESOLVER_NO_CACHE,
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
    printf("%-12s %-14s %-5s %-4s %-28s %s\n", "FAMILY", "TYPE", "PROTO", "LEN",
           "COMPACT", "TUPLE");
  for (size_t i = 0; i < res->count; i++)
    cli_emit(c, &res->addr[i], NULL);
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
