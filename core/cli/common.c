/* Option parsing and output shared by the subcommands. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int port_option(const char *val, saddr_hints *h) {
  char *end;
  long  v = val ? strtol(val, &end, 10) : -1;
  if (val == NULL || *val == '\0' || *end != '\0' || v < 0 || v > 65535) {
    return cli_usage_error(NULL, "--port needs 0-65535, not '%s'",
                           val ? val : "");
  }
  h->default_port = (uint16_t)v;
  h->flags |= SADDR_DEFAULT_PORT;
  return 0;
}

static int syntax_option(const char *val, saddr_hints *h) {
  if (val != NULL && strcmp(val, "tuple") == 0)
    h->flags |= SADDR_SYNTAX_TUPLE;
  else if (val != NULL && strcmp(val, "compact") == 0)
    h->flags |= SADDR_SYNTAX_COMPACT;
  else {
    return cli_usage_error(NULL, "--syntax takes 'tuple' or 'compact'");
  }
  return 0;
}

/* The options every subcommand takes; returns entries consumed, 0 if not
 * one of them, -1 on error. */
static int common_option(cli_common *c, int argc, char **argv, int i) {
  const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
  int         rc;
  if (strcmp(o, "--json") == 0) {
    c->json = true;
    return 1;
  }
  if (strcmp(o, "-f") == 0 || strcmp(o, "--family") == 0) {
    rc              = cli_name(CLI_FAMILY, o, v, &c->hints.family);
    c->family_given = true;
  } else if (strcmp(o, "-t") == 0 || strcmp(o, "--type") == 0) {
    rc = cli_name(CLI_TYPE, o, v, &c->hints.type);
  } else if (strcmp(o, "-p") == 0 || strcmp(o, "--proto") == 0) {
    rc = cli_name(CLI_PROTO, o, v, &c->hints.protocol);
  } else if (strcmp(o, "--port") == 0) {
    rc = port_option(v, &c->hints);
  } else if (strcmp(o, "--syntax") == 0) {
    rc = syntax_option(v, &c->hints);
  } else {
    return 0;
  }
  return rc < 0 ? -1 : 2;
}

int cli_args(int argc, char **argv, const char *usage, cli_extra_fn extra,
             void *ctx, cli_common *out) {
  memset(out, 0, sizeof *out);
  bool options = true;
  for (int i = 1; i < argc;) {
    const char *a = argv[i];
    if (options && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
      fputs(usage, stdout);
      return 1;
    }
    int used = 0;
    if (options && strcmp(a, "--") == 0) {
      options = false;
      used    = 1;
    } else if (options && a[0] == '-' && a[1] != '\0') {
      used = common_option(out, argc, argv, i);
      if (used == 0 && extra != NULL)
        used = extra(ctx, argc, argv, i);
      if (used == 0)
        cli_unknown_option(argv[0], a, usage);
      if (used <= 0)
        return -1;
    } else if (out->spec == NULL) {
      out->spec = a;
      used      = 1;
    } else {
      return cli_usage_error("quote a spec that holds blanks",
                             "saddr %s takes one SPEC ('%s' is extra)", argv[0],
                             a);
    }
    i += used;
  }
  if (out->spec == NULL) {
    fprintf(stderr, "%s", usage);
    return -1;
  }
  cli_set_output(out->json, out->spec);
  return 0;
}

void cli_json_string(void *file, const char *s) {
  FILE *f = file;
  fputc('"', f);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\')
      fprintf(f, "\\%c", *p);
    else if (*p < 0x20)
      fprintf(f, "\\u%04x", *p);
    else
      fputc(*p, f);
  }
  fputc('"', f);
}

static void name_or_number(char *buf, size_t cap, const char *name, int v) {
  if (name != NULL)
    snprintf(buf, cap, "%s", name);
  else
    snprintf(buf, cap, "%d", v);
}

void cli_emit_fields(const cli_common *c, const saddr_addr *a,
                     int tuple_width) {
  char tuple[SADDR_FORMAT_MAX], compact[SADDR_FORMAT_MAX];
  char fam[32], type[32], hex[2 * sizeof a->sa + 1];
  bool has_tuple =
      saddr_format_addr(a, SADDR_FORMAT_TUPLE, tuple, sizeof tuple, NULL) >= 0;
  bool has_compact = saddr_format_addr(a, SADDR_FORMAT_COMPACT, compact,
                                       sizeof compact, NULL) >= 0;
  name_or_number(fam, sizeof fam, saddr_family_name(a->family), a->family);
  name_or_number(type, sizeof type, saddr_type_name(a->type), a->type);
  size_t n = a->len < sizeof a->sa ? a->len : sizeof a->sa;
  for (size_t i = 0; i < n; i++)
    sprintf(hex + 2 * i, "%02x", a->sa.bytes[i]);
  hex[2 * n] = '\0';
  if (!c->json) {
    printf("%-12s %-14s %-5d %-4u %-28s %-*s", fam, type, a->protocol,
           (unsigned)a->len, has_compact ? compact : "-", tuple_width,
           has_tuple ? tuple : "-");
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
}

void cli_emit_end(const cli_common *c) {
  fputs(c->json ? "}\n" : "\n", stdout);
}

void cli_emit(const cli_common *c, const saddr_addr *a, const char *bound) {
  cli_emit_fields(c, a, 0);
  if (bound != NULL) {
    /* Only bind reports sockets, and only they can have been inherited. */
    bool inherited = (a->flags & SADDR_ADDR_INHERITED) != 0;
    if (c->json) {
      fputs(",\"bound\":", stdout);
      cli_json_string(stdout, bound);
      fputs(inherited ? ",\"inherited\":true" : ",\"inherited\":false", stdout);
    } else {
      printf("  bound %s%s", bound, inherited ? "  (inherited)" : "");
    }
  }
  cli_emit_end(c);
}

/* The long options a usage text names, for a did-you-mean. */
void cli_unknown_option(const char *cmd, const char *opt, const char *usage) {
  const char *cands[32];
  char        store[32][24];
  size_t      n = 0;
  for (const char *p = strstr(usage, "--"); p && n < 32;
       p             = strstr(p + 2, "--")) {
    size_t w = 2 + strspn(p + 2, "abcdefghijklmnopqrstuvwxyz-");
    if (w > 2 && w < sizeof store[0]) {
      snprintf(store[n], sizeof store[n], "%.*s", (int)w, p);
      cands[n] = store[n];
      n++;
    }
  }
  const char *best = cli_suggest(opt, cands, n);
  char        extra[64];
  if (best != NULL)
    snprintf(extra, sizeof extra, "did you mean '%s'?", best);
  else
    snprintf(extra, sizeof extra, "'saddr help %s' lists the options", cmd);
  cli_usage_error(extra, "unknown option '%s' for saddr %s", opt, cmd);
}
