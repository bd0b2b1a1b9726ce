/* The options of the commands that resolve (resolve, connect): where names
 * are looked up and how long a lookup may take, read the same way by each
 * command, and the resolver they describe. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool cli_uint(const char *text, unsigned max, unsigned *out) {
  char *end;
  if (text[0] < '0' || text[0] > '9')
    return false;
  errno           = 0;
  unsigned long v = strtoul(text, &end, 10);
  if (errno != 0 || *end != '\0' || v == 0 || v > max)
    return false;
  *out = (unsigned)v;
  return true;
}

bool cli_resolver_args_init(cli_resolver_args *a, const char *cmd, int argc) {
  memset(a, 0, sizeof(*a));
  a->cmd     = cmd;
  a->servers = calloc((size_t)argc + 1, sizeof(char *));
  return a->servers != NULL;
}

void cli_resolver_args_free(cli_resolver_args *a) { free(a->servers); }

int cli_resolver_usage(const cli_resolver_args *a, const char *message) {
  char extra[64];
  snprintf(extra, sizeof extra, "'saddr help %s' lists the options", a->cmd);
  return cli_usage_error(extra, "%s", message);
}

int cli_resolver_option(cli_resolver_args *a, int argc, char **argv, int i) {
  const char *opt = argv[i];
  bool known = strcmp(opt, "--server") == 0 || strcmp(opt, "--hosts") == 0 ||
               strcmp(opt, "--services") == 0 || strcmp(opt, "--timeout") == 0;
  if (!known)
    return 0;
  if (i + 1 >= argc)
    return cli_resolver_usage(a, "this option needs a value");
  const char *v = argv[i + 1];
  if (strcmp(opt, "--server") == 0)
    a->servers[a->nservers++] = v;
  else if (strcmp(opt, "--hosts") == 0)
    a->hosts = v;
  else if (strcmp(opt, "--services") == 0)
    a->services = v;
  else if (!cli_uint(v, CLI_MS_MAX, &a->timeout_ms))
    return cli_resolver_usage(a, "--timeout must be 1-86400000 milliseconds");
  return 2;
}

saddr_resolver *cli_resolver_new(const cli_resolver_args *a,
                                 unsigned                 family_delay_ms) {
  saddr_resolver_options o = {
      .servers         = a->servers,
      .nservers        = a->nservers,
      .hosts_path      = a->hosts,
      .services_path   = a->services,
      .deadline_ms     = a->timeout_ms,
      .family_delay_ms = family_delay_ms,
      .flags           = SADDR_RESOLVER_NO_CACHE,
  };
  saddr_resolver *r;
  saddr_error     err;
  if (saddr_resolver_new(&o, &r, &err) == 0)
    return r;
  cli_fail_hint(&err, NULL,
                a->nservers ? "a --server is one address and a port: "
                              "127.0.0.1:53, [::1]:53 or 127.0.0.1"
                            : NULL);
  return NULL;
}

int cli_resolver_command(const char *cmd, int argc, char **argv,
                         const char *usage, cli_extra_fn extra, void *args,
                         cli_resolver_args *r, cli_run_fn run) {
  if (!cli_resolver_args_init(r, cmd, argc)) {
    fputs("saddr: out of memory\n", stderr);
    return 1;
  }
  cli_common c;
  int        rc = cli_args(argc, argv, usage, extra, args, &c);
  if (rc == 0)
    rc = run(args, &c);
  else
    rc = rc > 0 ? 0 : 2;
  cli_resolver_args_free(r);
  return rc;
}
