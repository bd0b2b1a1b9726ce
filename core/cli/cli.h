/* The saddr command: shared option parsing and output for the subcommands.
 * Each subcommand lives in its own cmd_<name>.c and is listed in main.c. */
#ifndef SADDR_CLI_H
#define SADDR_CLI_H

#include "saddr.h"

#include <stdbool.h>

typedef struct cli_common {
  saddr_hints hints; /* -f, -t, -p, --port, --syntax */
  bool        json;  /* --json */
  bool        family_given;
  const char *spec; /* the positional SPEC (or HEX for format) */
} cli_common;

/* A subcommand's own options: returns how many argv entries starting at i it
 * consumed (1 or 2), 0 when argv[i] is not its option, or -1 after printing
 * an error. */
typedef int (*cli_extra_fn)(void *ctx, int argc, char **argv, int i);

/* Parses argv (argv[0] is the subcommand name). Prints usage for --help and
 * returns 1 (caller exits 0); returns -1 on a usage error (printed); else 0. */
int cli_args(int argc, char **argv, const char *usage, cli_extra_fn extra,
             void *ctx, cli_common *out);

/* Parses a C name (AF_INET6, SOCK_DGRAM, BTPROTO_L2CAP) or a number. */
bool cli_number(const char *text, long long *value);

/* Prints one address: a JSON object line with --json, else a table row.
 * bound, when not NULL, is the compact text of getsockname (bind). */
void cli_emit(const cli_common *c, const saddr_addr *a, const char *bound);

/* Prints err as the one-line JSON object on stderr; returns exit status 1. */
int cli_fail(const saddr_error *err);

/* Prints a JSON string literal (quotes included) to f. */
void cli_json_string(void *file, const char *s);

int cmd_parse(int argc, char **argv);
int cmd_format(int argc, char **argv);
int cmd_resolve(int argc, char **argv);
int cmd_bind(int argc, char **argv);
int cmd_connect(int argc, char **argv);

#endif
