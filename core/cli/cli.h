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
/* The fields every command prints for an address, without the line end:
 * a table row (the tuple padded to tuple_width) or a JSON object left open.
 * A command adds its own columns or members, then calls cli_emit_end. */
void cli_emit_fields(const cli_common *c, const saddr_addr *a, int tuple_width);
void cli_emit_end(const cli_common *c);

/* Prints err on stderr, for a person (the message, the SPEC with a caret
 * line under the offending bytes, hints) or with --json as the one-line JSON
 * object; returns exit status 1. Error offsets count in the SPEC. */
int cli_fail(const saddr_error *err);

/* The same when the offsets count in text instead (NULL: no text to show);
 * extra, when not NULL, is the hint to print. */
int cli_fail_hint(const saddr_error *err, const char *text, const char *extra);

/* Records the output mode and the SPEC for cli_fail (cli_args does it). */
void cli_set_output(bool json, const char *spec);

/* Prints "saddr: error: MESSAGE" and, when extra is not NULL, a hint line;
 * returns -1 (a usage error: exit status 2). */
int cli_usage_error(const char *extra, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints the unknown-option error with the closest option of usage. */
void cli_unknown_option(const char *cmd, const char *opt, const char *usage);

/* The candidate closest to word (edit distance, any case), or NULL when
 * none is close. */
const char *cli_suggest(const char *word, const char *const *cands, size_t n);

/* -f, -t, -p values: a number, a C name or a short name (inet6, udp, l2cap),
 * any case. Returns 0, or -1 after printing a usage error. */
enum { CLI_FAMILY, CLI_TYPE, CLI_PROTO };
int cli_name(int which, const char *opt, const char *text, int *out);

/* Prints a JSON string literal (quotes included) to f. */
void cli_json_string(void *file, const char *s);

int cmd_parse(int argc, char **argv);
int cmd_format(int argc, char **argv);
/* The options of the commands that resolve (resolver_args.c): --server
 * (repeatable), --hosts, --services and --timeout. */
typedef struct cli_resolver_args {
  const char  *cmd;     /* the command's name, for the usage hint */
  const char **servers; /* argc entries at most */
  size_t       nservers;
  const char  *hosts, *services;
  unsigned     timeout_ms; /* 0: the resolver's default */
} cli_resolver_args;

/* Milliseconds an option may ask for: one day. */
#define CLI_MS_MAX 86400000u

/* A decimal number 1..max. */
bool cli_uint(const char *text, unsigned max, unsigned *out);
/* false when out of memory. */
bool cli_resolver_args_init(cli_resolver_args *a, const char *cmd, int argc);
void cli_resolver_args_free(cli_resolver_args *a);
/* A usage error of the command (returns -1). */
int cli_resolver_usage(const cli_resolver_args *a, const char *message);
/* Takes argv[i] and its value when it is one of the options above: returns
 * 2, 0 when it is not one of them, -1 on a bad value (reported). */
int cli_resolver_option(cli_resolver_args *a, int argc, char **argv, int i);
/* The whole of a command that resolves: sets up r (which lies inside the
 * command's own argument struct args), reads the arguments with extra,
 * runs run(args, c) and frees r. Returns the exit status. */
typedef int (*cli_run_fn)(const void *args, const cli_common *c);
int cli_resolver_command(const char *cmd, int argc, char **argv,
                         const char *usage, cli_extra_fn extra, void *args,
                         cli_resolver_args *r, cli_run_fn run);
/* The resolver the options describe (no cache: a command asks once), or
 * NULL after reporting why not. */
saddr_resolver *cli_resolver_new(const cli_resolver_args *a,
                                 unsigned                 family_delay_ms);

int cmd_resolve(int argc, char **argv);
int cmd_bind(int argc, char **argv);
int cmd_connect(int argc, char **argv);

#endif
