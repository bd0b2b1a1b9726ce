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

static void usage(FILE *f) {
  fputs("usage: saddr COMMAND [OPTIONS] SPEC\n\ncommands:\n", f);
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
  fputs("\n'saddr COMMAND --help' describes a command's options.\n", f);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    usage(stdout);
    return 0;
  }
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (strcmp(argv[1], commands[i].name) == 0)
      return commands[i].run(argc - 1, argv + 1);
  fprintf(stderr, "saddr: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return 2;
}
