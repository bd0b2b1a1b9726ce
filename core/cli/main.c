/* saddr: a thin command-line front end over the public API. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const struct {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} commands[] = {
    {"parse", cmd_parse, "parse a spec into sockaddrs (no I/O)"},
    {"format", cmd_format, "format sockaddr bytes as tuple and compact text"},
    {"resolve", cmd_resolve, "resolve a spec through hosts, services and DNS"},
    {"bind", cmd_bind, "bind a spec's addresses and report the bound ones"},
    {"connect", cmd_connect, "connect to a spec (Happy Eyeballs) and report"},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static void usage(FILE *f) {
  fputs("usage: saddr COMMAND [OPTIONS] SPEC\n"
        "       saddr --version | saddr help [COMMAND]\n\ncommands:\n",
        f);
  for (size_t i = 0; i < NCOMMANDS; i++)
    fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
  fputs("\n'saddr help COMMAND' describes a command's options. Without "
        "--json, errors\nare written for a person; with --json, as one JSON "
        "object on stderr.\n",
        f);
}

static int unknown_command(const char *name) {
  const char *names[NCOMMANDS + 1];
  for (size_t i = 0; i < NCOMMANDS; i++)
    names[i] = commands[i].name;
  names[NCOMMANDS] = "help";
  const char *best = cli_suggest(name, names, NCOMMANDS + 1);
  char        extra[64];
  snprintf(extra, sizeof extra, "did you mean 'saddr %s'?", best ? best : "");
  cli_usage_error(best ? extra : "'saddr help' lists the commands",
                  "unknown command '%s'", name);
  return 2;
}

static int find(const char *name) {
  for (size_t i = 0; i < NCOMMANDS; i++)
    if (strcmp(name, commands[i].name) == 0)
      return (int)i;
  return -1;
}

/* saddr help [COMMAND]: the command's own --help. */
static int help(int argc, char **argv) {
  if (argc < 3) {
    usage(stdout);
    return 0;
  }
  int i = find(argv[2]);
  if (i < 0)
    return unknown_command(argv[2]);
  char *args[] = {argv[2], "--help", NULL};
  return commands[i].run(2, args);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  const char *a = argv[1];
  if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
    usage(stdout);
    return 0;
  }
  if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
    printf("saddr %s\n", saddr_version());
    return 0;
  }
  if (strcmp(a, "help") == 0)
    return help(argc, argv);
  int i = find(a);
  if (i >= 0)
    return commands[i].run(argc - 1, argv + 1);
  return unknown_command(a);
}
